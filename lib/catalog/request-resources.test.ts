import fs from "node:fs";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { catalogEntities, requests } from "@/db/schema";
import { actorFor, seedDemoOrg } from "@/db/test/fixtures";
import type { Actor } from "@/lib/auth/actor";
import { getEntity, withRelations } from "./entity";
import { importCatalog } from "./import";
import { registerLocation } from "./locations/manage";
import { listEntities } from "./queries";
import {
  componentSourceLocations,
  registerMissingRequestResources,
  removeRequestResource,
  upsertRequestResource,
  type ProvisionedRequestLike,
} from "./request-resources";
import { exampleRepository } from "./testing/fixtures";

let developer: Actor;
let admin: Actor;

beforeAll(async () => {
  await seedDemoOrg();
  [developer, admin] = await Promise.all([actorFor("developer@example.com"), actorFor("admin@example.com")]);
});

async function readyRequest(
  kind: ProvisionedRequestLike["kind"],
  name: string,
  parameters: Record<string, unknown> = {},
  status: typeof requests.$inferInsert.status = "ready",
): Promise<ProvisionedRequestLike> {
  const team = developer.teams[0];
  const [row] = await db
    .insert(requests)
    .values({ kind, teamId: team.id, environment: "dev", name, parameters, status, requestedBy: developer.id, policyRule: "test", policyReason: "test" })
    .returning({ id: requests.id });
  return { id: row.id, kind, team: team.name, environment: "dev", name, parameters };
}

const resource = (name: string) => getEntity(developer, { kind: "Resource", namespace: "default", name });

describe("provisioned requests in the catalog", () => {
  it("appear as a Resource owned by the team, linked to the request", async () => {
    const request = await readyRequest("database", "orders");
    await db.transaction((tx) => upsertRequestResource(tx, request));
    const entity = await getEntity(developer, { kind: "Resource", namespace: "default", name: "payments-orders-db" });
    expect(entity).toMatchObject({
      source: "request",
      requestId: request.id,
      document: {
        metadata: { title: "orders (dev database)", annotations: { "runway.dev/request-id": request.id }, links: [{ url: `/requests/${request.id}` }] },
        spec: { type: "database", owner: "group:default/payments" },
      },
    });
    expect((await listEntities(developer, { mine: true, kind: "Resource" })).items.map((e) => e.name)).toEqual(["payments-orders-db"]);
  });

  it("link an environment to the components deployed in it, and list its databases", async () => {
    await importCatalog(admin, {
      files: [{ name: "c.yaml", text: "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: checkout}\nspec: {type: service, lifecycle: production, owner: payments}\n" }],
      dryRun: false,
    });
    const request = await readyRequest("environment", "preview", { services: ["checkout"], databases: [{ name: "main" }] });
    await db.transaction((tx) => upsertRequestResource(tx, request));
    const checkout = await getEntity(developer, { kind: "Component", namespace: "default", name: "checkout" });
    const [{ relations }] = await withRelations([checkout!], 100);
    expect(relations).toContainEqual({ type: "dependsOn", total: 1, targets: [expect.objectContaining({ key: "resource:default/payments-preview-env", exists: true })] });
    const env = await getEntity(developer, { kind: "Resource", namespace: "default", name: "payments-preview-env" });
    expect(env?.document.spec).toMatchObject({ type: "environment", databases: ["main"] });
  });

  it("link a database or namespace to the component it was requested for, which lists them as requested for it", async () => {
    await importCatalog(admin, {
      files: [{ name: "l.yaml", text: "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: ledger}\nspec: {type: service, lifecycle: production, owner: payments}\n" }],
      dryRun: false,
    });
    const [database, namespace, unrelated] = [
      await readyRequest("database", "ledger", { service: "ledger" }),
      await readyRequest("namespace", "ledger", { service: "ledger" }),
      await readyRequest("database", "other"),
    ];
    await db.transaction(async (tx) => {
      for (const r of [database, namespace, unrelated]) await upsertRequestResource(tx, r);
    });
    // What the Component page's "requested for it" section asks the catalog.
    const requested = await listEntities(developer, { rel: "dependencyOf:component:default/ledger", kind: "Resource", tag: "runway" });
    expect(requested.items.map((e) => e.name).sort()).toEqual(["payments-ledger-db", "payments-ledger-ns"]);
    expect((await resource("payments-ledger-db"))?.document.spec).toMatchObject({ type: "database", dependencyOf: ["component:default/ledger"] });
    expect((await resource("payments-other-db"))?.document.spec).not.toHaveProperty("dependencyOf");
  });

  it("cannot be overwritten by an import, and leave the catalog when decommissioned", async () => {
    const request = await readyRequest("namespace", "batch");
    await db.transaction((tx) => upsertRequestResource(tx, request));
    const clash = await importCatalog(admin, {
      files: [{ name: "r.yaml", text: "apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata: {name: payments-batch-ns}\nspec: {type: x, owner: search}\n" }],
      dryRun: true,
    });
    expect(clash.errors).toEqual([expect.objectContaining({ message: expect.stringContaining("is the catalog entry of a Runway request") })]);
    await db.transaction((tx) => removeRequestResource(tx, request.id));
    expect(await getEntity(developer, { kind: "Resource", namespace: "default", name: "payments-batch-ns" })).toBeNull();
  });

  it("give the deployer the source location of each named component that has one", async () => {
    const component = (name: string, location?: string) =>
      `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n${location ? `  annotations: {backstage.io/source-location: "${location}"}\n` : ""}spec: {type: service, lifecycle: production, owner: payments}\n`;
    await importCatalog(admin, {
      files: [{ name: "s.yaml", text: [component("Basket", "url:https://github.com/acme/basket/tree/main/"), component("wishlist")].join("---\n") }],
      dryRun: false,
    });
    expect(await componentSourceLocations(["basket", "wishlist", "nowhere"])).toEqual(new Map([["basket", "url:https://github.com/acme/basket/tree/main/"]]));
  });

  it("are registered when missing (ready before registration existed), once, even when two workers start together", async () => {
    const [cache, queue] = [await readyRequest("database", "cache"), await readyRequest("namespace", "queue")];
    const listed = await readyRequest("database", "listed");
    await db.transaction((tx) => upsertRequestResource(tx, listed));
    const [pending, gone] = [await readyRequest("database", "later", {}, "pending_approval"), await readyRequest("namespace", "gone", {}, "decommissioned")];

    const found = await Promise.all([registerMissingRequestResources(), registerMissingRequestResources()]);

    // The lookup runs under the catalog's lock: the second finds the first's work done.
    expect(Math.min(...found)).toBe(0);
    expect(Math.max(...found)).toBeGreaterThanOrEqual(2);
    expect(await resource("payments-cache-db")).toMatchObject({ requestId: cache.id, document: { spec: { type: "database", owner: "group:default/payments" } } });
    expect(await resource("payments-queue-ns")).toMatchObject({ requestId: queue.id, document: { spec: { type: "kubernetes-namespace" } } });
    const entries = async (requestId: string) => (await db.select({ n: count() }).from(catalogEntities).where(eq(catalogEntities.requestId, requestId)))[0].n;
    expect(await Promise.all([cache, queue, listed, pending, gone].map((r) => entries(r.id)))).toEqual([1, 1, 1, 0, 0]);
    expect(await registerMissingRequestResources(), "nothing left on the next start").toBe(0);
  });

  it("are registered batch by batch, past a request whose name the catalog refuses", async () => {
    // A location already provides the name one request would get: that request stays missing, the others do not wait on it.
    const repo = exampleRepository();
    try {
      fs.writeFileSync(path.join(repo.dir, "taken.yaml"), "apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata: {name: payments-taken-db}\nspec: {type: database, owner: payments}\n");
      repo.commit("A resource named as a request's would be");
      await registerLocation(admin, { target: `git+file://${repo.dir}#taken.yaml` });
    } finally {
      repo.remove();
    }
    const requests = [await readyRequest("database", "taken"), ...(await Promise.all(["one", "two", "three", "four"].map((n) => readyRequest("namespace", `batch-${n}`))))];

    expect(await registerMissingRequestResources({ batch: 2 })).toBe(5);

    const entries = async (requestId: string) => (await db.select({ n: count() }).from(catalogEntities).where(eq(catalogEntities.requestId, requestId)))[0].n;
    expect(await Promise.all(requests.map((r) => entries(r.id)))).toEqual([0, 1, 1, 1, 1]);
    expect((await resource("payments-taken-db"))?.source, "the location's entity is left alone").toBe("location");
  });

  it("stop between batches when the worker stops", async () => {
    await Promise.all(["a", "b", "c"].map((n) => readyRequest("database", `stopping-${n}`)));
    expect(await registerMissingRequestResources({ batch: 1, stopped: () => true })).toBe(1);
    expect(await registerMissingRequestResources({ batch: 1 }), "the rest on the next start").toBeGreaterThanOrEqual(2);
  });
});
