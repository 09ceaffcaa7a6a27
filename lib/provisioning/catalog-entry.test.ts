import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import { db } from "@/db/client";
import { actorFor, seedDemoOrg } from "@/db/test/fixtures";
import type { Actor } from "@/lib/auth/actor";
import { getEntity, withRelations } from "@/lib/catalog/entity";
import { importCatalog } from "@/lib/catalog/import";
import { requestChange } from "@/lib/requests/changes";
import { decommissionRequest } from "@/lib/requests/decisions";
import { getRequest } from "@/lib/requests/queries";
import { submitRequestSchema } from "@/lib/requests/schemas";
import { submitRequest } from "@/lib/requests/submit";
import { claimJob } from "./jobs/queue";
import { databaseIdentifier } from "./naming";
import { runJob } from "./run";
import { dropProvisioned, pgAdminUrl, serverObjects } from "./testing/postgres-server";

let developer: Actor;
let admin: Actor;
const created: string[] = [];
let root: string;
let remote: string;

beforeAll(async () => {
  await seedDemoOrg();
  [developer, admin] = await Promise.all(["developer@example.com", "admin@example.com"].map(actorFor));
  root = fs.mkdtempSync(path.join(os.tmpdir(), "runway-catalog-entry-"));
  remote = path.join(root, "gitops.git");
  execFileSync("git", ["init", "-q", "--bare", "--initial-branch=main", remote]);
});

beforeEach(() => {
  vi.stubEnv("RUNWAY_PG_ADMIN_URL", pgAdminUrl);
  vi.stubEnv("RUNWAY_DATA_DIR", path.join(root, "data"));
  vi.stubEnv("RUNWAY_GITOPS_REPO", remote);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await dropProvisioned(created);
  fs.rmSync(root, { recursive: true, force: true });
});

/** One worker turn: claim the next due job (it must be this request's) and run it. */
async function runNextJob(requestId: string) {
  const job = await claimJob(db, "test-worker");
  expect(job?.requestId, "this request's job is due").toBe(requestId);
  return runJob(job!, "test-worker", new AbortController().signal);
}

async function submit(kind: "database" | "environment", name: string, parameters: Record<string, unknown> = {}) {
  const { request } = await submitRequest(developer, submitRequestSchema.parse({ kind, team: "payments", environment: "dev", name, parameters }));
  expect(request.status).toBe("auto_approved");
  if (kind === "database") created.push(databaseIdentifier(request));
  return request;
}

const resource = (name: string) => getEntity(developer, { kind: "Resource", namespace: "default", name });

describe("provisioned resources in the catalog", () => {
  it("a database that becomes ready is a Resource of its team, linked to its request, until it is decommissioned", async () => {
    const request = await submit("database", "invoices");
    expect(await resource("payments-invoices-db")).toBeNull();

    expect(await runNextJob(request.id)).toBe("succeeded");

    expect((await getRequest(developer, request.id))!.status).toBe("ready");
    expect(await resource("payments-invoices-db")).toMatchObject({
      source: "request",
      requestId: request.id,
      document: {
        kind: "Resource",
        metadata: { title: "invoices (dev database)", annotations: { "runway.dev/request-id": request.id }, links: [{ url: `/requests/${request.id}`, title: "Runway request" }] },
        spec: { type: "database", owner: "group:default/payments" },
      },
    });

    // A day-2 change (a larger database) keeps its catalog entry.
    const change = await requestChange(developer, request.id, { sizeGb: 10 });
    expect(change.status).toBe("approved");
    expect(await runNextJob(request.id)).toBe("succeeded");
    expect((await resource("payments-invoices-db"))?.requestId).toBe(request.id);

    await decommissionRequest(developer, request.id);
    expect(await resource("payments-invoices-db"), "still in the catalog while it is being torn down").not.toBeNull();
    expect(await runNextJob(request.id)).toBe("succeeded");

    expect((await getRequest(developer, request.id))!.status).toBe("decommissioned");
    expect(await serverObjects(databaseIdentifier(request))).toEqual({ roles: 0, databases: 0 });
    expect(await resource("payments-invoices-db")).toBeNull();
  });

  it("a failed provisioning puts nothing in the catalog", async () => {
    vi.stubEnv("RUNWAY_PG_ADMIN_URL", "postgres://nobody@127.0.0.1:1/postgres");
    vi.stubEnv("RUNWAY_JOB_MAX_ATTEMPTS", "1");
    const request = await submit("database", "unlucky");

    expect(await runNextJob(request.id)).toBe("failed");

    expect(await resource("payments-unlucky-db")).toBeNull();
  });

  it("an environment deploys its services from where the catalog says their source is, and is listed as an environment that they depend on", async () => {
    const component = (name: string, annotations = "") =>
      `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n${annotations}spec: {type: service, lifecycle: production, owner: payments}\n`;
    await importCatalog(admin, {
      files: [
        {
          name: "components.yaml",
          text: [component("checkout", "  annotations:\n    backstage.io/source-location: url:https://github.com/acme/checkout/tree/main/deploy/\n"), component("ledger")].join("---\n"),
        },
      ],
      dryRun: false,
    });
    const request = await submit("environment", "preview", { services: ["checkout", "ledger"], ttlHours: 4 });

    expect(await runNextJob(request.id)).toBe("succeeded");

    const app = (service: string) =>
      parse(execFileSync("git", ["show", `main:clusters/dev/namespaces/payments-preview/application-payments-preview-${service}.yaml`], { cwd: remote, encoding: "utf8" }));
    expect(app("checkout").spec.source).toEqual({ repoURL: "https://github.com/acme/checkout", path: "deploy", targetRevision: "main" });
    expect(app("ledger").spec.source).toEqual({ repoURL: `file://${remote}`, path: "services/ledger", targetRevision: "main" });
    const detail = (await getRequest(developer, request.id))!;
    expect(detail.events.map((e) => e.message)).toContain(
      `Argo CD deploys checkout from https://github.com/acme/checkout (deploy at main); ledger from file://${remote} (services/ledger at main): the catalog gives no source location`,
    );

    expect((await resource("payments-preview-env"))?.document.spec).toMatchObject({ type: "environment", owner: "group:default/payments" });
    const checkout = await getEntity(developer, { kind: "Component", namespace: "default", name: "checkout" });
    const [{ relations }] = await withRelations([checkout!], 100);
    expect(relations).toContainEqual(expect.objectContaining({ type: "dependsOn", targets: [expect.objectContaining({ key: "resource:default/payments-preview-env", exists: true })] }));

    await decommissionRequest(developer, request.id);
    expect(await runNextJob(request.id)).toBe("succeeded");

    expect(await resource("payments-preview-env")).toBeNull();
    expect(execFileSync("git", ["ls-tree", "-r", "--name-only", "main"], { cwd: remote, encoding: "utf8" })).toBe("");
  });
});
