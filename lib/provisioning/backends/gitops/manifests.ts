import { createHash } from "node:crypto";
import { Application } from "@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application";
import { RoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { LimitRange } from "kubernetes-models/v1/LimitRange";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { ResourceQuota } from "kubernetes-models/v1/ResourceQuota";
import { Document, parseAllDocuments } from "yaml";
import type { z } from "zod";
import { environmentParameters } from "@/lib/requests/templates/environment";
import { namespaceParameters } from "@/lib/requests/templates/namespace";
import { namespaceName } from "../../naming";
import { PermanentBackendError, type ProvisionedRequest } from "../types";
import type { GitopsSettings } from "./settings";
import { argoSource, type ArgoSource } from "./source-location";

export type Manifest = { file: string; object: Record<string, unknown> };

type Validatable = { validate(): void; toJSON(): Record<string, unknown> };

type NamespaceSpec = {
  cpuRequest: number;
  cpuLimit: number;
  memoryRequestGi: number;
  memoryLimitGi: number;
  maxPods: number;
  ingressFrom: string[];
};

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

/** Where a request's manifests live in the GitOps repository; the directory belongs to Runway alone. */
export function manifestDirectory(request: Pick<ProvisionedRequest, "team" | "name" | "environment">, settings: Pick<GitopsSettings, "clusters">): string {
  return `clusters/${settings.clusters[request.environment]}/namespaces/${namespaceName(request)}`;
}

/**
 * The expiry of an environment: its time to live from now (24 hours unless
 * requested), none in production. Called once; the caller keeps the result so
 * that a retry renders the same manifests.
 */
export function environmentExpiry(request: ProvisionedRequest, now = new Date()): Date | null {
  if (request.kind !== "environment" || request.environment === "production") return null;
  const { ttlHours } = parse(environmentParameters, request.parameters);
  return new Date(now.getTime() + (ttlHours ?? 24) * 3_600_000);
}

/** The catalog components an environment deploys (none for a namespace). */
export function deployedServices(request: ProvisionedRequest): string[] {
  return request.kind === "environment" ? parse(environmentParameters, request.parameters).services : [];
}

/**
 * Where Argo CD fetches a service from: the repository, revision and
 * directory its catalog entry's source-location annotation names, else (no
 * annotation, or one Argo CD cannot use) services/<service> of the configured
 * services repository.
 */
export function serviceSource(service: string, sourceLocation: string | undefined, settings: Pick<GitopsSettings, "servicesRepo" | "servicesRevision">): { source: ArgoSource; from: "catalog" | "settings" } {
  const fromCatalog = sourceLocation ? argoSource(sourceLocation) : null;
  if (fromCatalog) return { source: fromCatalog, from: "catalog" };
  return { source: { repoURL: settings.servicesRepo, path: `services/${service}`, targetRevision: settings.servicesRevision }, from: "settings" };
}

/**
 * Every object of a namespace request, or of an environment request (its
 * namespace plus one Argo CD Application per service, from the source
 * locations the catalog gave for them), each validated against the Kubernetes
 * (or Argo CD CRD) schema. Pure: the same input renders the same files, which
 * is what makes a retry find nothing to commit.
 */
export function renderManifests(
  request: ProvisionedRequest,
  settings: GitopsSettings,
  expiresAt: Date | null,
  sourceLocations: ReadonlyMap<string, string> = new Map(),
): Manifest[] {
  const namespace = namespaceName(request);
  const labels: Record<string, string> = {
    "app.kubernetes.io/managed-by": "runway",
    "runway.dev/team": request.team,
    "runway.dev/environment": request.environment,
    "runway.dev/request-id": request.id,
    "runway.dev/kind": request.kind,
    // Label values cannot hold an ISO timestamp, so the label is epoch seconds (selectable) and the annotation is for people.
    ...(expiresAt ? { "runway.dev/expires-at": String(Math.floor(expiresAt.getTime() / 1000)) } : {}),
  };
  const annotations = expiresAt ? { "runway.dev/expires-at": expiresAt.toISOString() } : undefined;
  const meta = (name: string) => ({ name, namespace, labels });

  let spec: NamespaceSpec;
  let services: string[] = [];
  if (request.kind === "namespace") spec = parse(namespaceParameters, request.parameters);
  else if (request.kind === "environment") ({ namespace: spec, services } = parse(environmentParameters, request.parameters));
  else throw new PermanentBackendError(`The GitOps backend provisions namespaces and environments, not ${request.kind} requests`);

  const objects: Validatable[] = [
    new Namespace({ metadata: { name: namespace, labels, annotations } }),
    new ResourceQuota({
      metadata: meta("quota"),
      spec: {
        hard: {
          "requests.cpu": millicores(spec.cpuRequest),
          "limits.cpu": millicores(spec.cpuLimit),
          "requests.memory": mebibytes(spec.memoryRequestGi),
          "limits.memory": mebibytes(spec.memoryLimitGi),
          pods: String(spec.maxPods),
        },
      },
    }),
    // With a quota on requests and limits the API server rejects pods that set neither; these defaults
    // let a plain Deployment start, and `max` stops one container from taking the whole quota's limit at once.
    new LimitRange({
      metadata: meta("container-defaults"),
      spec: {
        limits: [
          {
            type: "Container",
            default: { cpu: millicores(Math.min(spec.cpuLimit, 0.5)), memory: mebibytes(Math.min(spec.memoryLimitGi, 0.5)) },
            defaultRequest: { cpu: millicores(Math.min(spec.cpuRequest, 0.1)), memory: mebibytes(Math.min(spec.memoryRequestGi, 0.125)) },
            max: { cpu: millicores(spec.cpuLimit), memory: mebibytes(spec.memoryLimitGi) },
          },
        ],
      },
    }),
    ...networkPolicies(namespace, spec.ingressFrom, meta),
    new RoleBinding({
      metadata: meta("team-edit"),
      subjects: [{ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: settings.groupPrefix + request.team }],
      roleRef: { kind: "ClusterRole", apiGroup: "rbac.authorization.k8s.io", name: "edit" },
    }),
    ...services.map(
      (service) =>
        new Application({
          metadata: {
            name: boundedName(`${namespace}-${service}`),
            // Argo CD only watches Applications in its own namespace unless "apps in any namespace" is enabled.
            namespace: settings.argocdNamespace,
            labels,
            annotations,
            // Deleting the Application (decommission, expiry) then deletes what it deployed, not just the Application.
            finalizers: ["resources-finalizer.argocd.argoproj.io"],
          },
          spec: {
            project: "default",
            source: serviceSource(service, sourceLocations.get(service), settings).source,
            // The directory is synced by the Argo CD of the cluster it is named after, so the destination is that cluster.
            destination: { server: "https://kubernetes.default.svc", namespace },
            syncPolicy: { automated: { prune: true, selfHeal: true } },
          },
        }),
    ),
  ];
  return objects.map((model) => {
    const object = validated(model);
    const { kind, metadata } = object as { kind: string; metadata: { name: string } };
    return { file: `${kind.toLowerCase()}-${metadata.name}.yaml`, object };
  });
}

/**
 * Ingress is denied by default and opened to the namespace itself and to the
 * namespaces the team named: that is the documented golden path. Egress stays
 * open on purpose: the template offers no way to request egress rules, and the
 * workloads must reach their databases (outside the cluster) and external APIs,
 * so a default-deny egress (with only DNS allowed) would hand out namespaces
 * that cannot work. Clusters that need egress control enforce it cluster-wide.
 */
function networkPolicies(namespace: string, ingressFrom: string[], meta: (name: string) => Record<string, unknown>): NetworkPolicy[] {
  const peers = [...new Set(ingressFrom)].filter((n) => n !== namespace).sort();
  return [
    new NetworkPolicy({ metadata: meta("default-deny-ingress"), spec: { podSelector: {}, policyTypes: ["Ingress"] } }),
    new NetworkPolicy({ metadata: meta("allow-same-namespace"), spec: { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [{ podSelector: {} }] }] } }),
    ...(peers.length
      ? [
          new NetworkPolicy({
            metadata: meta("allow-from-namespaces"),
            spec: {
              podSelector: {},
              policyTypes: ["Ingress"],
              ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: peers }] } }] }],
            },
          }),
        ]
      : []),
  ];
}

/**
 * The object as plain data after the schema check, plus the API server's own
 * rules on names and labels, which the OpenAPI schemas do not carry. A failure
 * is a bug in rendering or a request that can never be applied: retrying cannot help.
 */
export function validated(model: Validatable): Record<string, unknown> {
  const object = model.toJSON();
  const { kind, metadata } = object as { kind: string; metadata?: { name?: string; labels?: Record<string, string> } };
  const refuse = (why: string) => {
    throw new PermanentBackendError(`Rendered ${kind} ${metadata?.name ?? "(unnamed)"} is not a valid Kubernetes object: ${why}`);
  };
  try {
    model.validate();
  } catch (error) {
    refuse((error as Error).message);
  }
  const name = metadata?.name ?? "";
  if (kind === "Namespace" ? !(name.length <= 63 && DNS1123_LABEL.test(name)) : !(name.length <= 253 && DNS1123_SUBDOMAIN.test(name))) {
    refuse(`the name "${name}" is not a DNS-1123 ${kind === "Namespace" ? "label" : "subdomain"}`);
  }
  for (const [key, value] of Object.entries(metadata?.labels ?? {})) {
    if (value.length > 63 || !LABEL_VALUE.test(value)) refuse(`the value of label ${key} is not a valid label value`);
  }
  return object;
}

/**
 * Two live requests must never share a directory (say a namespace and an
 * environment of the same team and name): overwriting or deleting it would
 * take the other request's namespace with it. Files without Runway's label
 * (a README someone added) do not count.
 */
export function refuseOtherRequests(current: Map<string, string>, requestId: string, dir: string): void {
  for (const [file, text] of current) {
    for (const owner of requestIdsIn(text)) {
      if (owner !== requestId) {
        throw new PermanentBackendError(`${dir}/${file} belongs to request ${owner}; request ${requestId} will not overwrite or remove it`);
      }
    }
  }
}

function requestIdsIn(text: string): string[] {
  const ids: string[] = [];
  for (const doc of parseAllDocuments(text)) {
    try {
      const id = (doc.toJS() as { metadata?: { labels?: Record<string, unknown> } } | null)?.metadata?.labels?.["runway.dev/request-id"];
      if (typeof id === "string") ids.push(id);
    } catch {
      // Not YAML Runway could have written: not a request's file.
    }
  }
  return ids;
}

/** One document per file, with a header telling people that edits there are overwritten. */
export function toYaml(manifest: Manifest, requestId: string): string {
  const doc = new Document(manifest.object);
  doc.commentBefore = ` Managed by Runway for request ${requestId}: changes made here are overwritten.`;
  return doc.toString({ lineWidth: 0 });
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new PermanentBackendError(`The request's parameters are not valid: ${issue.path.join(".")} ${issue.message}`);
  }
  return result.data;
}

/** Quotas take whole millicores; the template allows steps of 0.1 cores, so nothing is rounded away. */
function millicores(cores: number): string {
  return `${Math.round(cores * 1000)}m`;
}

function mebibytes(gibibytes: number): string {
  return `${Math.round(gibibytes * 1024)}Mi`;
}

/**
 * Argo CD records an Application's name in a label on everything it deploys,
 * so names longer than a label value (63) are shortened with a hash to stay unique.
 */
function boundedName(name: string): string {
  if (name.length <= 63) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
  return `${name.slice(0, 54).replace(/-+$/, "")}-${hash}`;
}
