import { z } from "zod";
import { DNS_LABEL, formList, formNumber, serviceField, type TemplateDoc } from "./common";

export const NAMESPACE_SELF_SERVICE = { cpuLimit: 4, memoryLimitGi: 8, maxPods: 50 };

const cores = (label: string, max: number) =>
  formNumber(
    z
      .number({ error: `Enter ${label} in cores` })
      .min(0.1, "must be at least 0.1 cores")
      .max(max, `must be at most ${max} cores`)
      // Quotas are rendered in millicores; finer steps would be rounded away silently.
      .refine((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-9, "use steps of 0.1 cores"),
  );
const gibibytes = (label: string, max: number) =>
  formNumber(z.number({ error: `Enter ${label} in GiB` }).min(0.25, "must be at least 0.25 GiB").max(max, `must be at most ${max} GiB`));

export const namespaceShape = {
  cpuRequest: cores("the CPU request", 32).default(0.5),
  cpuLimit: cores("the CPU limit", 32).default(2),
  memoryRequestGi: gibibytes("the memory request", 128).default(1),
  memoryLimitGi: gibibytes("the memory limit", 128).default(4),
  maxPods: formNumber(z.number({ error: "Enter the maximum number of pods" }).int("use a whole number").min(1, "must be at least 1").max(200, "must be at most 200")).default(20),
  ingressFrom: formList(z.string().trim().regex(DNS_LABEL, "each namespace must be a DNS label such as payments-api")).default([]),
};

export function checkNamespaceRanges(p: { cpuRequest: number; cpuLimit: number; memoryRequestGi: number; memoryLimitGi: number }, ctx: z.RefinementCtx, prefix: (string | number)[] = []) {
  if (p.cpuRequest > p.cpuLimit) ctx.addIssue({ code: "custom", path: [...prefix, "cpuRequest"], message: "must not exceed the CPU limit" });
  if (p.memoryRequestGi > p.memoryLimitGi) ctx.addIssue({ code: "custom", path: [...prefix, "memoryRequestGi"], message: "must not exceed the memory limit" });
}

export const namespaceParameters = z
  .object({
    ...namespaceShape,
    // Default-deny is the golden path; it cannot be switched off through Runway.
    defaultDeny: z.preprocess(() => true, z.literal(true)).default(true),
    service: serviceField,
  })
  .superRefine((p, ctx) => checkNamespaceRanges(p, ctx));

export type NamespaceParameters = z.infer<typeof namespaceParameters>;

export function namespaceBeyondSelfService(p: Pick<NamespaceParameters, "cpuLimit" | "memoryLimitGi" | "maxPods">): string | null {
  const s = NAMESPACE_SELF_SERVICE;
  if (p.cpuLimit > s.cpuLimit) return `a CPU limit of ${p.cpuLimit} cores is beyond the self-service ${s.cpuLimit}`;
  if (p.memoryLimitGi > s.memoryLimitGi) return `a memory limit of ${p.memoryLimitGi} GiB is beyond the self-service ${s.memoryLimitGi} GiB`;
  if (p.maxPods > s.maxPods) return `${p.maxPods} pods is beyond the self-service ${s.maxPods}`;
  return null;
}

export const namespaceDoc: TemplateDoc = {
  kind: "namespace",
  title: "Kubernetes namespace",
  article: "a Kubernetes namespace",
  summary: "A namespace with a ResourceQuota, a LimitRange, a default-deny NetworkPolicy and your team bound to the edit role.",
  defaults: [
    { label: "CPU", value: "request 0.5, limit 2 cores" },
    { label: "Memory", value: "request 1 GiB, limit 4 GiB" },
    { label: "Pods", value: "20" },
    { label: "Network", value: "default-deny; ingress only from the namespaces you name" },
    { label: "Service", value: "none; name a catalog Component to list the namespace on its page" },
  ],
  hardLimits: [
    { label: "CPU", value: "0.1–32 cores, request ≤ limit" },
    { label: "Memory", value: "0.25–128 GiB, request ≤ limit" },
    { label: "Pods", value: "1–200" },
    { label: "Service", value: "a Component in the catalog; fixed once provisioned" },
  ],
  selfService: [
    { label: "CPU limit", value: `up to ${NAMESPACE_SELF_SERVICE.cpuLimit} cores` },
    { label: "Memory limit", value: `up to ${NAMESPACE_SELF_SERVICE.memoryLimitGi} GiB` },
    { label: "Pods", value: `up to ${NAMESPACE_SELF_SERVICE.maxPods}` },
  ],
};
