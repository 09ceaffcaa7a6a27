import { Application } from "@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application";
import { RoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { LimitRange } from "kubernetes-models/v1/LimitRange";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { ResourceQuota } from "kubernetes-models/v1/ResourceQuota";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PermanentBackendError, type ProvisionedRequest } from "../types";
import { environmentExpiry, manifestDirectory, renderManifests, toYaml, validated } from "./manifests";
import { displayUrl, gitopsSettings } from "./settings";
import { argoSource } from "./source-location";
import { provisionedRequest } from "./testing";

// Rendering never touches the data dir; it only has to be named.
const DATA = "/nonexistent/runway-data";
const settings = gitopsSettings({ RUNWAY_DATA_DIR: DATA, RUNWAY_GITOPS_REPO: "https://git.example.com/platform/gitops.git" });

const models: Record<string, new (data: never) => { validate(): void }> = {
  Namespace,
  ResourceQuota,
  LimitRange,
  NetworkPolicy,
  RoleBinding,
  Application,
};

/** Renders, writes YAML as the repository will hold it, and reads it back into plain objects keyed by file. */
function render(request: ProvisionedRequest, expiresAt: Date | null = null, sourceLocations?: Map<string, string>) {
  const manifests = renderManifests(request, settings, expiresAt, sourceLocations);
  return Object.fromEntries(manifests.map((m) => [m.file, parse(toYaml(m, request.id)) as Record<string, any>]));
}

/** What the repository holds must pass the schema again, independently of the renderer's own check. */
function expectValidKubernetes(files: Record<string, Record<string, any>>) {
  for (const object of Object.values(files)) {
    const Model = models[object.kind];
    expect(Model, object.kind).toBeDefined();
    expect(() => new Model(object as never).validate()).not.toThrow();
  }
}

describe("renderManifests for a namespace", () => {
  it("renders the golden path's objects from the defaults", () => {
    const files = render(provisionedRequest());

    expect(Object.keys(files).sort()).toEqual([
      "limitrange-container-defaults.yaml",
      "namespace-payments-orders.yaml",
      "networkpolicy-allow-same-namespace.yaml",
      "networkpolicy-default-deny-ingress.yaml",
      "resourcequota-quota.yaml",
      "rolebinding-team-edit.yaml",
    ]);
    expectValidKubernetes(files);
    expect(files["namespace-payments-orders.yaml"].metadata.labels).toEqual({
      "app.kubernetes.io/managed-by": "runway",
      "runway.dev/team": "payments",
      "runway.dev/environment": "dev",
      "runway.dev/request-id": "0b7c2a9e-5f1d-4c3b-9a8e-2d6f4e1a7c90",
      "runway.dev/kind": "namespace",
    });
    expect(files["resourcequota-quota.yaml"].spec.hard).toEqual({
      "requests.cpu": "500m",
      "limits.cpu": "2000m",
      "requests.memory": "1024Mi",
      "limits.memory": "4096Mi",
      pods: "20",
    });
    expect(files["limitrange-container-defaults.yaml"].spec.limits[0]).toEqual({
      type: "Container",
      default: { cpu: "500m", memory: "512Mi" },
      defaultRequest: { cpu: "100m", memory: "128Mi" },
      max: { cpu: "2000m", memory: "4096Mi" },
    });
    expect(files["networkpolicy-default-deny-ingress.yaml"].spec).toEqual({ podSelector: {}, policyTypes: ["Ingress"] });
    expect(files["rolebinding-team-edit.yaml"]).toMatchObject({
      metadata: { name: "team-edit", namespace: "payments-orders" },
      subjects: [{ kind: "Group", name: "payments" }],
      roleRef: { kind: "ClusterRole", name: "edit" },
    });
  });

  it.each([
    ["the smallest namespace", { cpuRequest: 0.1, cpuLimit: 0.1, memoryRequestGi: 0.25, memoryLimitGi: 0.25, maxPods: 1 }],
    ["the largest namespace", { cpuRequest: 32, cpuLimit: 32, memoryRequestGi: 128, memoryLimitGi: 128, maxPods: 200 }],
    ["fractional sizes", { cpuRequest: 0.3, cpuLimit: 1.7, memoryRequestGi: 0.75, memoryLimitGi: 1.5, maxPods: 7 }],
    ["form input", { cpuRequest: "0.2", cpuLimit: "0.4", memoryRequestGi: "2", memoryLimitGi: "3", maxPods: "9", ingressFrom: "ingress-nginx, monitoring" }],
  ])("renders valid objects for %s", (_, parameters) => {
    const files = render(provisionedRequest({ parameters }));
    expectValidKubernetes(files);
    const hard = files["resourcequota-quota.yaml"].spec.hard;
    const limits = files["limitrange-container-defaults.yaml"].spec.limits[0];
    // A container's default limit must fit the namespace's limit, or a pod without resources could never start.
    expect(parseInt(limits.default.cpu)).toBeLessThanOrEqual(parseInt(hard["limits.cpu"]));
    expect(parseInt(limits.default.memory)).toBeLessThanOrEqual(parseInt(hard["limits.memory"]));
    expect(parseInt(limits.defaultRequest.cpu)).toBeLessThanOrEqual(parseInt(hard["requests.cpu"]));
    expect(parseInt(limits.defaultRequest.memory)).toBeLessThanOrEqual(parseInt(hard["requests.memory"]));
  });

  it("opens ingress only to the namespaces the team named, once each and not to itself", () => {
    const files = render(provisionedRequest({ parameters: { ingressFrom: ["monitoring", "ingress-nginx", "payments-orders", "monitoring"] } }));

    expect(files["networkpolicy-allow-from-namespaces.yaml"].spec).toEqual({
      podSelector: {},
      policyTypes: ["Ingress"],
      ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["ingress-nginx", "monitoring"] }] } }] }],
    });
    expectValidKubernetes(files);
  });

  it("keeps a long team and name within the 63 characters of a namespace", () => {
    const request = provisionedRequest({ team: "payments-and-settlements-europe-west", name: "orders-reconciliation-service-v2-eu" });
    const files = render(request);
    const namespace = Object.values(files).find((o) => o.kind === "Namespace")!;

    expect(namespace.metadata.name).toHaveLength(63);
    expect(manifestDirectory(request, settings)).toBe(`clusters/dev/namespaces/${namespace.metadata.name}`);
    expectValidKubernetes(files);
  });

  it("binds the group with the API server's OIDC prefix when one is configured", () => {
    const prefixed = gitopsSettings({ RUNWAY_DATA_DIR: DATA, RUNWAY_GITOPS_GROUP_PREFIX: "oidc:" });
    const binding = renderManifests(provisionedRequest(), prefixed, null).find((m) => m.object.kind === "RoleBinding")!;
    expect(binding.object.subjects).toEqual([{ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "oidc:payments" }]);
  });

  it("places each environment in its cluster's directory, configurable per environment", () => {
    const custom = gitopsSettings({ RUNWAY_DATA_DIR: DATA, RUNWAY_GITOPS_CLUSTER_PRODUCTION: "eu-prod-1" });
    expect(manifestDirectory(provisionedRequest({ environment: "staging" }), custom)).toBe("clusters/staging/namespaces/payments-orders");
    expect(manifestDirectory(provisionedRequest({ environment: "production" }), custom)).toBe("clusters/eu-prod-1/namespaces/payments-orders");
  });

  it("refuses parameters a namespace cannot have, and requests that are not namespaces", () => {
    expect(() => renderManifests(provisionedRequest({ parameters: { cpuRequest: 3, cpuLimit: 2 } }), settings, null)).toThrow(PermanentBackendError);
    expect(() => renderManifests(provisionedRequest({ kind: "database" }), settings, null)).toThrow(/not database requests/);
  });

  it("marks the YAML as managed by Runway", () => {
    const [first] = renderManifests(provisionedRequest(), settings, null);
    expect(toYaml(first, "req-1")).toMatch(/^# Managed by Runway for request req-1: changes made here are overwritten.\n/);
  });
});

describe("validated", () => {
  it("refuses objects the Kubernetes schema rejects", () => {
    expect(() => validated(new ResourceQuota({ metadata: { name: "quota" }, spec: { hard: { cpu: "lots" } } }))).toThrow(/spec\/hard\/cpu must match format "quantity"/);
    expect(() => validated(new NetworkPolicy({ metadata: { name: "deny" }, spec: { podSelector: {}, policyTypes: ["Sideways" as never] } }))).toThrow(PermanentBackendError);
    expect(() => validated(new Application({ metadata: { name: "app" }, spec: { project: "default", destination: {}, source: { repoURL: 42 } } as never }))).toThrow(/repoURL must be string/);
  });

  it("refuses names and labels the API server would reject", () => {
    expect(() => validated(new Namespace({ metadata: { name: "Payments_Orders" } }))).toThrow(/not a DNS-1123 label/);
    expect(() => validated(new Namespace({ metadata: { name: "ok", labels: { expires: "2026-01-01T00:00:00Z" } } }))).toThrow(/label expires/);
  });
});

describe("renderManifests for an environment", () => {
  const environment = (overrides: Partial<ProvisionedRequest> = {}) =>
    provisionedRequest({
      kind: "environment",
      name: "review-42",
      parameters: { namespace: { cpuLimit: 1, maxPods: 10 }, services: ["checkout-api", "cart"], ttlHours: 48 },
      ...overrides,
    });

  it("adds an automatically synced Argo CD Application per service, labelled with the expiry", () => {
    const request = environment();
    const expiresAt = environmentExpiry(request, new Date("2026-03-01T10:00:00Z"));
    expect(expiresAt).toEqual(new Date("2026-03-03T10:00:00Z"));

    const files = render(request, expiresAt);
    expectValidKubernetes(files);
    expect(files["resourcequota-quota.yaml"].spec.hard).toMatchObject({ "limits.cpu": "1000m", pods: "10" });
    expect(files["application-payments-review-42-checkout-api.yaml"]).toEqual({
      apiVersion: "argoproj.io/v1alpha1",
      kind: "Application",
      metadata: {
        name: "payments-review-42-checkout-api",
        namespace: "argocd",
        labels: expect.objectContaining({ "runway.dev/kind": "environment", "runway.dev/expires-at": "1772532000" }),
        annotations: { "runway.dev/expires-at": "2026-03-03T10:00:00.000Z" },
        finalizers: ["resources-finalizer.argocd.argoproj.io"],
      },
      spec: {
        project: "default",
        source: { repoURL: "https://git.example.com/platform/gitops.git", path: "services/checkout-api", targetRevision: "main" },
        destination: { server: "https://kubernetes.default.svc", namespace: "payments-review-42" },
        syncPolicy: { automated: { prune: true, selfHeal: true } },
      },
    });
    expect(files["namespace-payments-review-42.yaml"].metadata.labels["runway.dev/expires-at"]).toBe("1772532000");
    expect(files["application-payments-review-42-cart.yaml"].spec.source.path).toBe("services/cart");
  });

  it("expires after 24 hours by default and never in production", () => {
    const now = new Date("2026-03-01T10:00:00Z");
    expect(environmentExpiry(environment({ parameters: {} }), now)).toEqual(new Date("2026-03-02T10:00:00Z"));
    expect(environmentExpiry(environment({ environment: "production" }), now)).toBeNull();
    expect(environmentExpiry(provisionedRequest(), now)).toBeNull();
  });

  it("follows a separate services repository at its default branch", () => {
    const separate = gitopsSettings({ RUNWAY_DATA_DIR: DATA, RUNWAY_GITOPS_SERVICES_REPO: "https://ci:s3cret@git.example.com/apps.git" });
    const app = renderManifests(environment(), separate, null).find((m) => m.object.kind === "Application")!;
    expect((app.object.spec as any).source).toMatchObject({ repoURL: "https://git.example.com/apps.git", targetRevision: "HEAD" });
  });

  it("deploys a service from the source location its catalog entry names, and one without from the services repository", () => {
    const catalog = new Map([["checkout-api", "url:https://github.com/acme/checkout/tree/release-7/deploy/k8s/"]]);
    const files = render(environment(), null, catalog);
    expectValidKubernetes(files);

    expect(files["application-payments-review-42-checkout-api.yaml"].spec.source).toEqual({
      repoURL: "https://github.com/acme/checkout",
      path: "deploy/k8s",
      targetRevision: "release-7",
    });
    expect(files["application-payments-review-42-cart.yaml"].spec.source).toEqual({
      repoURL: "https://git.example.com/platform/gitops.git",
      path: "services/cart",
      targetRevision: "main",
    });
  });

  it("falls back to the services repository when the source location is nothing Argo CD can fetch", () => {
    const files = render(environment(), null, new Map([["checkout-api", "file:./services/checkout"]]));
    expect(files["application-payments-review-42-checkout-api.yaml"].spec.source).toEqual({
      repoURL: "https://git.example.com/platform/gitops.git",
      path: "services/checkout-api",
      targetRevision: "main",
    });
  });

  it("shortens Application names that would not fit a label, keeping them unique", () => {
    const request = environment({ team: "payments-and-settlements-europe", name: "review-of-pull-request-4242", parameters: { services: ["checkout-api-v2", "checkout-api-v3"] } });
    const names = renderManifests(request, settings, null)
      .filter((m) => m.object.kind === "Application")
      .map((m) => (m.object.metadata as { name: string }).name);
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(2);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(63);
  });
});

describe("argoSource", () => {
  it.each([
    ["a GitHub tree URL, as Backstage writes it", "url:https://github.com/acme/shop/tree/main/services/cart/", "https://github.com/acme/shop", "services/cart", "main"],
    ["a GitHub blob URL: the file's directory", "url:https://github.com/acme/shop/blob/v1.2.0/services/cart/catalog-info.yaml", "https://github.com/acme/shop", "services/cart", "v1.2.0"],
    ["a tree at the repository's root", "url:https://ghe.example.com/acme/shop/tree/main/", "https://ghe.example.com/acme/shop", ".", "main"],
    ["a plain repository URL", "url:https://github.com/acme/shop", "https://github.com/acme/shop", ".", "HEAD"],
    ["a GitLab tree URL in a subgroup", "url:https://gitlab.example.com/acme/web/shop/-/tree/release/deploy", "https://gitlab.example.com/acme/web/shop", "deploy", "release"],
    ["a Bitbucket Cloud source URL", "url:https://bitbucket.org/acme/shop/src/main/cart/", "https://bitbucket.org/acme/shop", "cart", "main"],
    ["a Bitbucket Server browse URL", "url:https://bitbucket.example.com/projects/SHOP/repos/cart/browse/deploy?at=refs/heads/main", "https://bitbucket.example.com/scm/shop/cart.git", "deploy", "main"],
    ["a Gitea branch URL", "url:https://gitea.example.com/acme/shop/src/branch/main/cart", "https://gitea.example.com/acme/shop", "cart", "main"],
    ["an Azure DevOps URL", "url:https://dev.azure.com/acme/web/_git/shop?path=/cart&version=GBmain", "https://dev.azure.com/acme/web/_git/shop", "cart", "main"],
    ["a Runway git location", "url:git+https://git.example.com/acme/shop.git#services/cart/", "https://git.example.com/acme/shop.git", "services/cart", "HEAD"],
    ["a legacy github location type", "github:https://github.com/acme/shop/tree/main/cart", "https://github.com/acme/shop", "cart", "main"],
    ["a URL with no location type", "https://github.com/acme/shop/tree/main/cart", "https://github.com/acme/shop", "cart", "main"],
  ])("reads %s", (_, annotation, repoURL, path, targetRevision) => {
    expect(argoSource(annotation)).toEqual({ repoURL, path, targetRevision });
  });

  it("never carries credentials from the annotation into a manifest", () => {
    expect(argoSource("url:https://x-access-token:ghp_secret@github.com/acme/shop/tree/main/cart")?.repoURL).toBe("https://github.com/acme/shop");
    expect(argoSource("url:git+https://ci:s3cret@git.example.com/acme/shop.git#cart/")?.repoURL).toBe("https://git.example.com/acme/shop.git");
  });

  it.each([
    ["a file location", "file:./services/cart"],
    ["a directory outside the repository", "url:git+https://git.example.com/acme/shop.git#../other/"],
    ["a host without a repository", "url:https://github.com/"],
    ["something that is not a URL", "url:not a url"],
    ["an unknown location type", "s3:https://bucket.example.com/cart"],
  ])("refuses %s", (_, annotation) => {
    expect(argoSource(annotation)).toBeNull();
  });
});

describe("settings", () => {
  it("refuses a bad value, naming the variable", () => {
    expect(() => gitopsSettings({ RUNWAY_GITOPS_BRANCH: "main..x" })).toThrow(/RUNWAY_GITOPS_BRANCH/);
    expect(() => gitopsSettings({ RUNWAY_GITOPS_AUTHOR: "nobody" })).toThrow(/RUNWAY_GITOPS_AUTHOR/);
  });

  it("never shows credentials of the repository URL", () => {
    expect(displayUrl("https://x-access-token:ghp_secret@github.com/acme/gitops.git")).toBe("https://github.com/acme/gitops.git");
    expect(displayUrl("ssh://git@git.example.com/acme/gitops.git")).toBe("ssh://git@git.example.com/acme/gitops.git");
    expect(displayUrl("git@github.com:acme/gitops.git")).toBe("git@github.com:acme/gitops.git");
    expect(displayUrl("/srv/gitops.git")).toBe("file:///srv/gitops.git");
  });
});
