import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { actorFor, seedDemoOrg } from "@/db/test/fixtures";
import type { Actor } from "@/lib/auth/actor";
import { issueToken } from "@/lib/auth/tokens";
import { exampleRepository } from "@/lib/catalog/testing/fixtures";
import { GET as getEntity } from "./entities/[kind]/[namespace]/[name]/route";
import { GET as listEntities } from "./entities/route";
import { POST as importYaml } from "./import/route";
import { DELETE as deleteLocation } from "./locations/[id]/route";
import { POST as refreshLocation } from "./locations/[id]/refresh/route";
import { GET as listLocations, POST as registerLocation } from "./locations/route";
import { GET as suggest } from "./suggest/route";

// The API is called with tokens here; no test signs in through a browser session.
vi.mock("@/lib/auth/auth", () => ({ auth: async () => null }));

type Handler<P> = (request: Request, ctx: { params: Promise<P> }) => Promise<Response>;

async function call<P>(handler: Handler<P>, method: string, path: string, params: P, token?: string, body?: string, contentType = "application/json") {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (body !== undefined) headers["content-type"] = contentType;
  const res = await handler(new Request(`http://localhost${path}`, { method, headers, body }), { params: Promise.resolve(params) });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}

let developer: string;
let admin: string;
let repo: ReturnType<typeof exampleRepository>;

const tokenFor = async (a: Actor) => (await issueToken(a, { name: "vitest", scopes: [] }, "ui")).token;

beforeAll(async () => {
  await seedDemoOrg();
  developer = await tokenFor(await actorFor("developer@example.com"));
  admin = await tokenFor(await actorFor("admin@example.com"));
  repo = exampleRepository();
});

afterAll(() => repo.remove());

const yaml = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
  description: Takes the money
spec:
  type: service
  lifecycle: production
  owner: payments
  providesApis: [checkout-api]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: Not Valid
spec: {}
`;

describe("POST /api/v1/catalog/import", () => {
  it("is for admins, with YAML in the body", async () => {
    expect((await call(importYaml, "POST", "/api/v1/catalog/import", {}, undefined, yaml, "application/yaml")).status).toBe(401);
    expect(await call(importYaml, "POST", "/api/v1/catalog/import", {}, developer, yaml, "application/yaml")).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    expect(await call(importYaml, "POST", "/api/v1/catalog/import", {}, admin, JSON.stringify({ yaml }))).toMatchObject({
      status: 400,
      body: { error: { code: "validation_failed", message: expect.stringContaining("Content-Type: application/yaml") } },
    });
  });

  it("previews with dryRun, then imports, reporting each refused document by number", async () => {
    const preview = await call(importYaml, "POST", "/api/v1/catalog/import?dryRun=true&file=catalog-info.yaml", {}, admin, yaml, "application/yaml");
    expect(preview).toMatchObject({ status: 200, body: { dryRun: true, added: 1, updated: 0, preview: { added: [{ ref: "component:default/checkout" }] } } });
    const done = await call(importYaml, "POST", "/api/v1/catalog/import?file=catalog-info.yaml", {}, admin, yaml, "application/yaml");
    expect(done.body).toMatchObject({ dryRun: false, added: 1, updated: 0 });
    expect(done.body.errors[0]).toEqual({
      file: "catalog-info.yaml",
      document: 2,
      field: "metadata.name",
      message: expect.stringMatching(/^catalog-info\.yaml, document 2, metadata\.name: "Not Valid" is not a valid name/),
    });
  });
});

describe("GET /api/v1/catalog/entities", () => {
  it("answers entities in Backstage's shape, with missing relation targets marked", async () => {
    const res = await call(listEntities, "GET", "/api/v1/catalog/entities?kind=Component&q=checkout", {}, developer);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 1, nextCursor: null });
    expect(res.body.items[0]).toMatchObject({
      apiVersion: "backstage.io/v1alpha1",
      kind: "Component",
      metadata: { name: "checkout", namespace: "default", uid: expect.any(String) },
      spec: { owner: "payments" },
      relations: expect.arrayContaining([
        { type: "ownedBy", targetRef: "group:default/payments", target: { kind: "group", namespace: "default", name: "payments" }, missing: true },
        { type: "providesApi", targetRef: "api:default/checkout-api", target: { kind: "api", namespace: "default", name: "checkout-api" }, missing: true },
      ]),
    });
  });

  it("never answers more than one page, and says how to get the next", async () => {
    await call(registerLocation, "POST", "/api/v1/catalog/locations", {}, admin, JSON.stringify({ target: `git+file://${repo.dir}#index.yaml` }));
    const first = await call(listEntities, "GET", "/api/v1/catalog/entities?limit=20", {}, developer);
    expect(first.body.items).toHaveLength(20);
    expect(first.body.total).toBeGreaterThan(80);
    const second = await call(listEntities, "GET", `/api/v1/catalog/entities?limit=20&cursor=${first.body.nextCursor}`, {}, developer);
    expect(second.body.items[0].metadata.uid).not.toBe(first.body.items[19].metadata.uid);
    expect(await call(listEntities, "GET", "/api/v1/catalog/entities?limit=500", {}, developer)).toMatchObject({ status: 400, body: { error: { code: "validation_failed", fields: { limit: "limit must be 1–100" } } } });
    expect((await call(listEntities, "GET", "/api/v1/catalog/entities", {}, undefined)).status).toBe(401);
  });

  it("answers one entity by kind, namespace and name, or 404", async () => {
    const group = await call(getEntity, "GET", "/api/v1/catalog/entities/group/default/team-a", { kind: "group", namespace: "default", name: "team-a" }, developer);
    expect(group.status).toBe(200);
    expect(group.body.relations).toContainEqual({ type: "hasMember", targetRef: "user:default/breanna.davison", target: { kind: "user", namespace: "default", name: "breanna.davison" } });
    const missing = await call(getEntity, "GET", "/api/v1/catalog/entities/group/default/nobody", { kind: "group", namespace: "default", name: "nobody" }, developer);
    expect(missing).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
  });

  it("suggests entities for pickers", async () => {
    const res = await call(suggest, "GET", "/api/v1/catalog/suggest?q=petstor&kind=API", {}, developer);
    expect(res.body.items[0]).toEqual({ ref: "api:default/petstore", kind: "API", namespace: "default", name: "petstore", title: null });
  });
});

describe("/api/v1/catalog/locations", () => {
  it("lists locations with when they were read and their problems", async () => {
    const res = await call(listLocations, "GET", "/api/v1/catalog/locations", {}, developer);
    expect(res.body.items).toEqual([
      expect.objectContaining({ target: `git+file://${repo.dir}#index.yaml`, entityCount: 80, lastReadAt: expect.any(String), problems: expect.arrayContaining([expect.objectContaining({ level: "error", document: 1, field: "metadata.name" })]) }),
    ]);
  });

  it("refreshes on demand (admins), refuses private addresses, and deletes", async () => {
    const [location] = (await call(listLocations, "GET", "/api/v1/catalog/locations", {}, admin)).body.items;
    expect((await call(refreshLocation, "POST", `/api/v1/catalog/locations/${location.id}/refresh`, { id: location.id }, developer)).status).toBe(403);
    const refreshed = await call(refreshLocation, "POST", `/api/v1/catalog/locations/${location.id}/refresh`, { id: location.id }, admin);
    expect(refreshed).toMatchObject({ status: 200, body: { unchanged: 80, added: 0, location: { id: location.id } } });
    expect((await call(refreshLocation, "POST", "/api/v1/catalog/locations/nope/refresh", { id: "nope" }, admin)).status).toBe(404);
    const ssrf = await call(registerLocation, "POST", "/api/v1/catalog/locations", {}, admin, JSON.stringify({ target: "http://169.254.169.254/latest/meta-data" }));
    expect(ssrf).toMatchObject({ status: 400, body: { error: { code: "validation_failed", message: expect.stringContaining("private or loopback") } } });
    expect((await call(deleteLocation, "DELETE", `/api/v1/catalog/locations/${location.id}`, { id: location.id }, admin)).status).toBe(204);
  });
});

describe("GET /api/v1/catalog/locations, page by page", () => {
  it("pages with limit and cursor, in target order, without repeats or gaps", async () => {
    const targets = ["systems/podcast-system.yaml", "components/petstore-component.yaml", "apis/petstore-api.yaml"].map((p) => `git+file://${repo.dir}#${p}`);
    for (const target of targets) expect((await call(registerLocation, "POST", "/api/v1/catalog/locations", {}, admin, JSON.stringify({ target }))).status).toBe(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: { target: string }[]; nextCursor: string | null } } = await call(listLocations, "GET", `/api/v1/catalog/locations?limit=2${cursor ? `&cursor=${cursor}` : ""}`, {}, developer);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((l) => l.target));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...targets].sort());
    expect((await call(listLocations, "GET", "/api/v1/catalog/locations", {}, developer)).body).toMatchObject({ items: { length: 3 }, nextCursor: null });
  });

  it("refuses a limit out of range and a cursor it did not give out", async () => {
    expect(await call(listLocations, "GET", "/api/v1/catalog/locations?limit=0", {}, developer)).toMatchObject({ status: 400, body: { error: { code: "validation_failed", fields: { limit: "limit must be 1–100" } } } });
    expect(await call(listLocations, "GET", "/api/v1/catalog/locations?cursor=not-a-cursor!", {}, developer)).toMatchObject({ status: 400, body: { error: { code: "validation_failed", fields: { cursor: "is not valid" } } } });
  });
});
