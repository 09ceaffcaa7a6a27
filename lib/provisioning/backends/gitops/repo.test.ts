import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import { gitopsBackend } from ".";
import { PermanentBackendError } from "../types";
import { GitopsRepo } from "./repo";
import { gitopsSettings } from "./settings";
import { fakeContext, provisionedRequest } from "./testing";

// Each case runs a few dozen git processes; on a busy CI machine that exceeds Vitest's default 5 s.
vi.setConfig({ testTimeout: 60_000 });

const DIR = "clusters/dev/namespaces/payments-orders";

let root: string;
let remote: string;

function sh(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, GIT_AUTHOR_NAME: "Someone", GIT_AUTHOR_EMAIL: "someone@example.com", GIT_COMMITTER_NAME: "Someone", GIT_COMMITTER_EMAIL: "someone@example.com" } }).trim();
}

/** Subjects on the remote branch, newest first; empty while the branch does not exist. */
function remoteSubjects(): string[] {
  const heads = sh(remote, "for-each-ref", "refs/heads/main");
  return heads ? sh(remote, "log", "--format=%s", "main").split("\n") : [];
}

function remoteFiles(): string[] {
  return sh(remote, "ls-tree", "-r", "--name-only", "main").split("\n").filter(Boolean);
}

let handEdits = 0;

/** "Someone else": a person's clone that pushes a commit of their own to the same branch. */
function pushFromAnotherClone(file: string): void {
  const clone = path.join(root, `other-${file}`);
  if (!fs.existsSync(clone)) sh(root, "clone", "-q", "-b", "main", remote, clone);
  else sh(clone, "pull", "-q", "--rebase");
  fs.mkdirSync(path.join(clone, "apps"), { recursive: true });
  fs.writeFileSync(path.join(clone, "apps", file), `edit ${++handEdits}\n`);
  sh(clone, "add", "-A");
  sh(clone, "commit", "-q", "-m", `Add ${file} by hand`);
  sh(clone, "push", "-q", "origin", "main");
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "runway-gitops-"));
  remote = path.join(root, "remote.git");
  sh(root, "init", "-q", "--bare", "--initial-branch=main", remote);
  vi.stubEnv("RUNWAY_DATA_DIR", path.join(root, "data"));
  vi.stubEnv("RUNWAY_GITOPS_REPO", remote);
});

afterEach(() => {
  vi.unstubAllEnvs();
  fs.rmSync(root, { recursive: true, force: true });
});

describe("gitopsBackend.provision", () => {
  it("commits the manifests and pushes them, naming the request and its approver", async () => {
    const { ctx, steps, outputs } = fakeContext(provisionedRequest());

    await gitopsBackend.provision(ctx);

    expect(remoteFiles()).toEqual([
      `${DIR}/limitrange-container-defaults.yaml`,
      `${DIR}/namespace-payments-orders.yaml`,
      `${DIR}/networkpolicy-allow-same-namespace.yaml`,
      `${DIR}/networkpolicy-default-deny-ingress.yaml`,
      `${DIR}/resourcequota-quota.yaml`,
      `${DIR}/rolebinding-team-edit.yaml`,
    ]);
    expect(sh(remote, "log", "-1", "--format=%an <%ae>%n%B", "main")).toBe(
      [
        "Runway <runway@localhost>",
        "Provision namespace payments/orders (dev)",
        "",
        "Request: 0b7c2a9e-5f1d-4c3b-9a8e-2d6f4e1a7c90",
        "Kind: namespace",
        "Team: payments",
        "Namespace: payments-orders",
        "Requested-by: developer@example.com",
        "Approved-by: admin@example.com",
      ].join("\n"),
    );
    expect(outputs).toEqual({
      gitRepo: `file://${remote}`,
      gitBranch: "main",
      path: DIR,
      commit: sh(remote, "rev-parse", "main"),
      namespace: "payments-orders",
    });
    expect(steps).toEqual(["Rendered 6 manifests for namespace payments-orders", `Committed ${sh(remote, "rev-parse", "--short=7", "main")} to main and pushed`]);
  });

  it("says so when policy approved the request", async () => {
    await gitopsBackend.provision(fakeContext(provisionedRequest({ approvedBy: null })).ctx);
    expect(sh(remote, "log", "-1", "--format=%B", "main")).toContain("Approved-by: auto-approved by policy");
  });

  it("makes no second commit when the job is retried", async () => {
    const attempt = fakeContext(provisionedRequest());
    await gitopsBackend.provision(attempt.ctx);
    const first = sh(remote, "rev-parse", "main");

    await gitopsBackend.provision(attempt.ctx);

    expect(sh(remote, "rev-parse", "main")).toBe(first);
    expect(attempt.outputs.commit).toBe(first);
    expect(attempt.steps.at(-1)).toBe(`The manifests were already on main (${first.slice(0, 7)})`);
  });

  it("completes a provisioning that crashed after its commit and before its push", async () => {
    const request = provisionedRequest();
    const crashed = new GitopsRepo(gitopsSettings());
    await crashed.prepare();
    expect(await crashed.apply(DIR, new Map([["namespace-payments-orders.yaml", "half-done\n"]]), "Provision namespace payments/orders (dev)")).toBe(true);
    expect(remoteSubjects()).toEqual([]);

    await gitopsBackend.provision(fakeContext(request).ctx);

    expect(remoteSubjects()).toEqual(["Provision namespace payments/orders (dev)"]);
    expect(sh(remote, "show", `main:${DIR}/namespace-payments-orders.yaml`)).toContain("kind: Namespace");
  });

  it("leaves everything outside its directory as others committed it", async () => {
    sh(root, "clone", "-q", remote, path.join(root, "seed"));
    fs.mkdirSync(path.join(root, "seed", "apps"));
    fs.writeFileSync(path.join(root, "seed", "apps", "README.md"), "ours\n");
    sh(path.join(root, "seed"), "add", "-A");
    sh(path.join(root, "seed"), "commit", "-q", "-m", "Seed");
    sh(path.join(root, "seed"), "push", "-q", "origin", "HEAD:main");

    await gitopsBackend.provision(fakeContext(provisionedRequest()).ctx);

    expect(remoteSubjects()).toEqual(["Provision namespace payments/orders (dev)", "Seed"]);
    expect(remoteFiles()).toContain("apps/README.md");
  });

  it("serialises concurrent jobs of one process, landing both", async () => {
    await Promise.all([
      gitopsBackend.provision(fakeContext(provisionedRequest()).ctx),
      gitopsBackend.provision(fakeContext(provisionedRequest({ id: "7d1e0c55-0000-4000-8000-000000000001", team: "search", name: "indexer" })).ctx),
    ]);

    expect(remoteSubjects().sort()).toEqual(["Provision namespace payments/orders (dev)", "Provision namespace search/indexer (dev)"]);
  });

  it("provisions an environment with its Argo CD Applications and keeps its expiry across retries", async () => {
    const request = provisionedRequest({ kind: "environment", name: "review-42", parameters: { services: ["checkout-api"], ttlHours: 2 } });
    const attempt = fakeContext(request);

    await gitopsBackend.provision(attempt.ctx);
    const expiresAt = attempt.outputs.expiresAt as string;
    await gitopsBackend.provision(attempt.ctx);

    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(3_600_000);
    expect(remoteSubjects()).toEqual(["Provision environment payments/review-42 (dev)"]);
    expect(sh(remote, "show", "main:clusters/dev/namespaces/payments-review-42/application-payments-review-42-checkout-api.yaml")).toContain(
      `runway.dev/expires-at: ${expiresAt}`,
    );
  });

  it("points each Argo CD Application at its service's catalog source location, or at the services repository without one", async () => {
    const request = provisionedRequest({ kind: "environment", name: "review-43", parameters: { services: ["checkout-api", "cart"] } });
    const { ctx, steps } = fakeContext(request, {}, { "checkout-api": "url:https://github.com/acme/checkout/tree/main/deploy/" });

    await gitopsBackend.provision(ctx);

    const app = (service: string) => parse(sh(remote, "show", `main:clusters/dev/namespaces/payments-review-43/application-payments-review-43-${service}.yaml`));
    expect(app("checkout-api").spec.source).toEqual({ repoURL: "https://github.com/acme/checkout", path: "deploy", targetRevision: "main" });
    expect(app("cart").spec.source).toEqual({ repoURL: `file://${remote}`, path: "services/cart", targetRevision: "main" });
    expect(steps).toContain(
      `Argo CD deploys checkout-api from https://github.com/acme/checkout (deploy at main); cart from file://${remote} (services/cart at main): the catalog gives no source location`,
    );
  });

  it("creates its own repository in the data dir when none is configured", async () => {
    vi.stubEnv("RUNWAY_GITOPS_REPO", "");
    const { ctx, outputs } = fakeContext(provisionedRequest());

    await gitopsBackend.provision(ctx);

    const own = path.join(root, "data", "gitops.git");
    expect(outputs.gitRepo).toBe(`file://${own}`);
    expect(sh(own, "ls-tree", "-r", "--name-only", "main")).toContain(`${DIR}/namespace-payments-orders.yaml`);
    expect(gitopsBackend.configured()).toBe(true);
  });

  it("fails for good, and says why, when the repository does not exist", async () => {
    vi.stubEnv("RUNWAY_GITOPS_REPO", path.join(root, "missing.git"));
    await expect(gitopsBackend.provision(fakeContext(provisionedRequest()).ctx)).rejects.toThrow(PermanentBackendError);
  });
});

describe("GitopsRepo.sync", () => {
  it("replays its commit on top when someone else pushed in between, keeping both", async () => {
    class Raced extends GitopsRepo {
      raced = false;
      override async push() {
        if (!this.raced) {
          this.raced = true;
          pushFromAnotherClone("by-hand.txt");
        }
        return super.push();
      }
    }
    await new GitopsRepo(gitopsSettings()).sync("clusters/dev/namespaces/first", new Map([["a.yaml", "a: 1\n"]]), "First");
    const repo = new Raced(gitopsSettings());

    const result = await repo.sync(DIR, new Map([["a.yaml", "a: 2\n"]]), "Ours");

    expect(remoteSubjects()).toEqual(["Ours", "Add by-hand.txt by hand", "First"]);
    expect(remoteFiles()).toEqual(expect.arrayContaining(["apps/by-hand.txt", `${DIR}/a.yaml`, "clusters/dev/namespaces/first/a.yaml"]));
    expect(result).toEqual({ commit: sh(remote, "rev-parse", "main"), committed: true });
  });

  it("gives up after repeated lost races instead of looping forever", async () => {
    class AlwaysRaced extends GitopsRepo {
      override async push() {
        pushFromAnotherClone("by-hand.txt");
        return super.push();
      }
    }
    await new GitopsRepo(gitopsSettings()).sync("clusters/dev/namespaces/first", new Map([["a.yaml", "a: 1\n"]]), "First");

    await expect(new AlwaysRaced(gitopsSettings()).sync(DIR, new Map([["a.yaml", "a: 2\n"]]), "Ours")).rejects.toThrow(/5 pushes lost/);
    expect(remoteSubjects()).not.toContain("Ours");
  });
});

describe("gitopsBackend.decommission", () => {
  it("removes the directory in a new commit, once", async () => {
    const attempt = fakeContext(provisionedRequest());
    await gitopsBackend.provision(attempt.ctx);

    await gitopsBackend.decommission(attempt.ctx);
    await gitopsBackend.decommission(attempt.ctx);

    expect(remoteSubjects()).toEqual(["Decommission namespace payments/orders (dev)", "Provision namespace payments/orders (dev)"]);
    expect(remoteFiles()).toEqual([]);
    expect(attempt.outputs.decommissionCommit).toBe(sh(remote, "rev-parse", "main"));
    expect(attempt.steps.at(-1)).toBe(`${DIR} was already absent from main`);
  });

  it("removes the directory it provisioned even after the cluster was renamed", async () => {
    const attempt = fakeContext(provisionedRequest());
    await gitopsBackend.provision(attempt.ctx);
    vi.stubEnv("RUNWAY_GITOPS_CLUSTER_DEV", "dev-eu-1");

    await gitopsBackend.decommission(attempt.ctx);

    expect(remoteFiles()).toEqual([]);
  });
});

describe("a directory shared by two requests", () => {
  it("is neither overwritten nor removed by the request that does not own it", async () => {
    const owner = fakeContext(provisionedRequest());
    await gitopsBackend.provision(owner.ctx);
    const other = fakeContext(provisionedRequest({ id: "5e0f9d3a-1111-4222-8333-444455556666", kind: "environment" }));

    await expect(gitopsBackend.provision(other.ctx)).rejects.toThrow(/belongs to request 0b7c2a9e-5f1d-4c3b-9a8e-2d6f4e1a7c90/);
    await expect(gitopsBackend.decommission(other.ctx)).rejects.toThrow(PermanentBackendError);

    expect(remoteSubjects()).toEqual(["Provision namespace payments/orders (dev)"]);
  });

  it("is still the owner's when someone added a file of their own", async () => {
    const owner = fakeContext(provisionedRequest());
    await gitopsBackend.provision(owner.ctx);
    const clone = path.join(root, "person");
    sh(root, "clone", "-q", "-b", "main", remote, clone);
    fs.writeFileSync(path.join(clone, DIR, "NOTES.md"), "# notes\n");
    sh(clone, "add", "-A");
    sh(clone, "commit", "-q", "-m", "Notes");
    sh(clone, "push", "-q", "origin", "main");

    await gitopsBackend.decommission(owner.ctx);

    expect(remoteFiles()).toEqual([]);
  });
});

describe("gitopsBackend.health", () => {
  it("reports a reachable repository and whether the branch exists yet", async () => {
    expect(await gitopsBackend.health()).toEqual({ ok: true, detail: `file://${remote} is reachable; branch main will be created by the first push` });
    await gitopsBackend.provision(fakeContext(provisionedRequest()).ctx);
    expect(await gitopsBackend.health()).toEqual({ ok: true, detail: `file://${remote} is reachable, branch main exists` });
  });

  it("reports an unreachable repository without its credentials", async () => {
    vi.stubEnv("RUNWAY_GITOPS_REPO", "https://runway:s3cret-token@127.0.0.1:9/acme/gitops.git");
    const health = await gitopsBackend.health();
    expect(health.ok).toBe(false);
    expect(health.detail).toMatch(/^Cannot reach https:\/\/127\.0\.0\.1:9\/acme\/gitops\.git: git ls-remote failed/);
    expect(health.detail).not.toContain("s3cret");
  });

  it("is not configured while a setting is invalid", () => {
    vi.stubEnv("RUNWAY_GITOPS_CLUSTER_DEV", "Not A Cluster");
    expect(gitopsBackend.configured()).toBe(false);
  });
});
