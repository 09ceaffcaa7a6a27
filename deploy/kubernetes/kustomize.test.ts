import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { Job } from "kubernetes-models/batch/v1/Job";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { parseAllDocuments } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";

/** The official schema of each kind the overlays may render; a kind missing here fails the test. */
const models: Record<string, new (data: never) => { validate(): void }> = {
  "apps/v1/Deployment": Deployment,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "batch/v1/Job": Job,
  "networking.k8s.io/v1/Ingress": Ingress,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
  "v1/ConfigMap": ConfigMap,
  "v1/Namespace": Namespace,
  "v1/Service": Service,
  "v1/ServiceAccount": ServiceAccount,
};

// KUBECTL picks another binary, e.g. to check an older kustomize.
const kubectl = process.env.KUBECTL ?? "kubectl";
const available = spawnSync(kubectl, ["version", "--client"], { stdio: "ignore" }).status === 0;
if (!available) console.warn(`Skipping the Kustomize rendering tests: ${kubectl} is not installed (Debian: apt-get install kubernetes-client; .ci/run installs it).`);

const here = path.dirname(fileURLToPath(import.meta.url));
const overlays = path.join(here, "overlays");
const { scripts } = JSON.parse(fs.readFileSync(path.join(here, "../../package.json"), "utf8")) as { scripts: Record<string, string> };

// Loosely typed on purpose: rendered YAML, validated by the models above and checked field by field below.
type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec?: any };

function render(overlay: string): K8sObject[] {
  const run = spawnSync(kubectl, ["kustomize", path.join(overlays, overlay)], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`kubectl kustomize ${overlay} failed:\n${run.stderr}`);
  return parseAllDocuments(run.stdout)
    .map((d) => d.toJSON() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
}

const expected = {
  dev: { namespace: "runway-dev", webReplicas: 1, workerReplicas: 1 },
  production: { namespace: "runway", webReplicas: 3, workerReplicas: 2 },
} as const;

describe.skipIf(!available).each(Object.entries(expected))("the %s overlay", (overlay, want) => {
  let objects: K8sObject[];
  const one = (kind: string, name: string) => {
    const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
    if (!found) throw new Error(`no ${kind} ${name} in the ${overlay} overlay`);
    return found;
  };
  const podSpecs = () => objects.filter((o) => o.kind === "Deployment" || o.kind === "Job").map((o) => ({ name: o.metadata.name, spec: o.spec.template.spec }));

  beforeAll(() => {
    objects = render(overlay);
  });

  it("renders only objects valid against the Kubernetes schemas", () => {
    const problems = objects.flatMap((o) => {
      const Model = models[`${o.apiVersion}/${o.kind}`];
      if (!Model) return [`${o.apiVersion} ${o.kind} ${o.metadata.name}: no schema known to this test`];
      try {
        new Model(o as never).validate();
        return [];
      } catch (e) {
        return [`${o.kind} ${o.metadata.name}: ${e instanceof Error ? e.message : String(e)}`];
      }
    });
    expect(problems).toEqual([]);
    expect(objects.map((o) => o.kind).sort()).toEqual(
      ["ConfigMap", "Deployment", "Deployment", "HorizontalPodAutoscaler", "Ingress", "Job", "Namespace", "PodDisruptionBudget", "Service", "ServiceAccount"].sort(),
    );
  });

  it("puts everything in its namespace", () => {
    for (const o of objects.filter((o) => o.kind !== "Namespace")) expect(o.metadata.namespace, `${o.kind} ${o.metadata.name}`).toBe(want.namespace);
    expect(one("Namespace", want.namespace)).toBeTruthy();
  });

  it("keeps secret values out of git: no Secret, every pod reads runway-secrets and the rendered ConfigMap", () => {
    expect(objects.filter((o) => o.kind === "Secret")).toEqual([]);
    const configMap = objects.find((o) => o.kind === "ConfigMap")!.metadata.name;
    for (const { name, spec } of podSpecs()) {
      for (const c of spec.containers) {
        expect(c.envFrom, `${name}/${c.name}`).toEqual([{ configMapRef: { name: configMap } }, { secretRef: { name: "runway-secrets" } }]);
      }
    }
  });

  it("runs the web replicas without a worker, health-checked on /api/health, with requests and limits", () => {
    const web = one("Deployment", "runway-web");
    expect(web.spec.replicas).toBe(want.webReplicas);
    const [container] = web.spec.template.spec.containers;
    expect(container.env).toContainEqual({ name: "RUNWAY_IN_PROCESS_WORKER", value: "0" });
    for (const probe of [container.readinessProbe, container.livenessProbe]) expect(probe.httpGet).toEqual({ path: "/api/health", port: "http" });
    expect(container.resources.requests).toBeTruthy();
    expect(container.resources.limits).toBeTruthy();
  });

  it("runs every container as a non-root user with a read-only root filesystem", () => {
    for (const { name, spec } of podSpecs()) {
      expect(spec.securityContext.runAsNonRoot, name).toBe(true);
      for (const c of spec.containers) {
        expect(c.securityContext, `${name}/${c.name}`).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
      }
    }
  });

  it("runs the workers and the migration as the npm scripts CI tests do", () => {
    const worker = one("Deployment", "runway-worker");
    expect(worker.spec.replicas).toBe(want.workerReplicas);
    // `tsx <args>` as node's loader, so that SIGTERM reaches the worker itself (no launcher in between).
    const [launcher, ...args] = scripts.worker.split(" ");
    expect(launcher).toBe("tsx");
    expect(worker.spec.template.spec.containers[0].command).toEqual(["node", "--import", "tsx", ...args]);
    expect(one("Job", "runway-migrate").spec.template.spec.containers[0].command).toEqual(["npm", "run", "db:migrate"]);
  });

  it("routes the Ingress to the web pods, and scales and protects those same pods", () => {
    const webLabels = one("Deployment", "runway-web").spec.template.metadata.labels;
    const service = one("Service", "runway");
    expect(webLabels).toMatchObject(service.spec.selector);
    expect(service.spec.ports[0].targetPort).toBe(one("Deployment", "runway-web").spec.template.spec.containers[0].ports[0].name);
    const ingressBackends = one("Ingress", "runway").spec.rules.flatMap((r: { http: { paths: { backend: { service: { name: string } } }[] } }) => r.http.paths.map((p) => p.backend.service.name));
    expect(new Set(ingressBackends)).toEqual(new Set(["runway"]));
    expect(webLabels).toMatchObject(one("PodDisruptionBudget", "runway-web").spec.selector.matchLabels);
    const hpa = one("HorizontalPodAutoscaler", "runway-web");
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: "apps/v1", kind: "Deployment", name: "runway-web" });
    expect(hpa.spec.minReplicas).toBe(want.webReplicas);
  });
});
