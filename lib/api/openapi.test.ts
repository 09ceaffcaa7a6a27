import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import type { z } from "zod";
import { createUser } from "@/db/test/fixtures";
import { issueToken } from "@/lib/auth/tokens";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { GET as getMe } from "@/app/api/v1/me/route";
import { GET as listRequests, POST as submitRequest } from "@/app/api/v1/requests/route";
import { GET as getRequest } from "@/app/api/v1/requests/[id]/route";
import { POST as importCatalog } from "@/app/api/v1/catalog/import/route";
import { GET as listEntities } from "@/app/api/v1/catalog/entities/route";
import { GET as getEntity } from "@/app/api/v1/catalog/entities/[kind]/[namespace]/[name]/route";
import { POST as ingestEvents } from "@/app/api/v1/events/[kind]/route";
import { GET as doraKeys } from "@/app/api/v1/metrics/dora/route";
import { GET as searchDoraServices } from "@/app/api/v1/metrics/dora/services/route";
import { GET as searchTeams } from "@/app/api/v1/teams/route";
import { config as proxyConfig } from "@/proxy";
import { openApiDocument } from "./openapi";
import { componentSchemas } from "./openapi-schemas";

// The session cookie is read through next/headers, which needs a request Next.js serves; these calls use tokens.
vi.mock("@/lib/auth/auth", () => ({ auth: async () => null }));

type Json = Record<string, unknown>;
const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, Json>>; components: { schemas: Record<string, Json> } };

const API_DIR = path.join(process.cwd(), "app/api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];
/** Auth.js's own sign-in and callback routes, for browsers; not part of the API. */
const NOT_API = ["/api/auth/"];

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(full);
    return e.name === "route.ts" ? [full] : [];
  });
}

/** Every method each route.ts under app/api answers, as `METHOD /api/path/{param}`. */
function routes(): string[] {
  return routeFiles(API_DIR).flatMap((file) => {
    const segments = path
      .relative(path.join(process.cwd(), "app"), path.dirname(file))
      .split(path.sep)
      .filter((s) => !/^\(.*\)$/.test(s))
      .map((s) => s.replace(/^\[(?:\.\.\.)?(.+)\]$/, "{$1}"));
    const url = "/" + segments.join("/");
    if (NOT_API.some((p) => (url + "/").startsWith(p))) return [];
    const source = fs.readFileSync(file, "utf8");
    const exported = new Set<string>();
    for (const m of source.matchAll(/export\s+(?:const|(?:async\s+)?function)\s+([A-Z]+)\b/g)) exported.add(m[1]);
    for (const m of source.matchAll(/export\s+const\s+\{([^}]+)\}/g)) for (const name of m[1].split(",")) exported.add(name.trim());
    return METHODS.filter((m) => exported.has(m)).map((m) => `${m} ${url}`);
  });
}

const documented = () => Object.entries(doc.paths).flatMap(([url, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${url}`));

function resolvePointer(pointer: string): unknown {
  return pointer
    .slice(2)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Json)[key] : undefined), doc);
}

function refsIn(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refsIn(n, found));
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") found.push(v);
      else refsIn(v, found);
    }
  }
  return found;
}

describe("the OpenAPI document", () => {
  it("describes every route under app/api, and no route that does not exist", () => {
    const actual = routes();
    expect(actual.length).toBeGreaterThan(25);
    expect(actual.filter((r) => !documented().includes(r)), "routes missing from lib/api/openapi.ts").toEqual([]);
    expect(documented().filter((r) => !actual.includes(r)), "documented routes without a route.ts").toEqual([]);
  });

  it("is OpenAPI 3.1 whose every $ref resolves", () => {
    expect(doc.openapi).toBe("3.1.0");
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(50);
    expect(refs.filter((r) => !r.startsWith("#/") || resolvePointer(r) === undefined)).toEqual([]);
  });

  it("declares each path parameter, a unique operationId and a success answer per operation", () => {
    const ids = new Set<string>();
    for (const [url, item] of Object.entries(doc.paths)) {
      const inPath = [...url.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      for (const [method, op] of Object.entries(item)) {
        const declared = (op.parameters as { name: string; in: string; required: boolean }[]).filter((p) => p.in === "path");
        expect(declared.map((p) => p.name).sort(), `${method} ${url}`).toEqual(inPath);
        expect(declared.every((p) => p.required)).toBe(true);
        expect(ids.has(op.operationId as string), `operationId ${op.operationId}`).toBe(false);
        ids.add(op.operationId as string);
        expect(Object.keys(op.responses as Json).some((s) => s.startsWith("2")), `${method} ${url}`).toBe(true);
      }
    }
  });

  it("is served at GET /api/v1/openapi.json without signing in", async () => {
    // The sign-in redirect of proxy.ts never runs for it (nor for any /api route), while a page's does.
    expect(unstable_doesMiddlewareMatch({ config: proxyConfig, url: "/api/v1/openapi.json" })).toBe(false);
    expect(unstable_doesMiddlewareMatch({ config: proxyConfig, url: "/requests" })).toBe(true);
    const res = await getOpenApi();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ openapi: "3.1.0", info: { title: "Runway API" } });
  });
});

describe("the documented answers", () => {
  let developer: string;
  let admin: string;

  beforeAll(async () => {
    const dana = await createUser({ email: "dana@example.com", teams: ["payments"] });
    developer = (await issueToken(dana, { name: "test", scopes: ["events:write"] }, "cli")).token;
    const avery = await createUser({ email: "avery@example.com", role: "admin", teams: ["platform"] });
    admin = (await issueToken(avery, { name: "test", scopes: [] }, "cli")).token;
  });

  const call = (url: string, token: string, init: RequestInit = {}) =>
    new Request(`http://localhost${url}`, { ...init, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...init.headers } });
  const params = <P>(p: P) => ({ params: Promise.resolve(p) });

  /** The answer as the schema describes it: a field the schema does not name would be stripped, and the comparison fail. */
  async function expectDescribed(res: Response, status: number, schema: keyof typeof componentSchemas) {
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(status);
    expect((componentSchemas[schema] as z.ZodType).parse(body)).toEqual(body);
    return body;
  }

  it("of the account, requests, catalog, events and DORA routes match what they answer", async () => {
    await expectDescribed(await getMe(call("/api/v1/me", developer), params({})), 200, "Me");

    const submission = { kind: "database", team: "payments", environment: "dev", name: "orders-db", parameters: {} };
    const created = await expectDescribed(
      await submitRequest(call("/api/v1/requests", developer, { method: "POST", body: JSON.stringify(submission) }), params({})),
      201,
      "Request",
    );
    await expectDescribed(await getRequest(call(`/api/v1/requests/${created.id}`, developer), params({ id: created.id })), 200, "Request");
    await expectDescribed(await listRequests(call("/api/v1/requests?limit=10", developer), params({})), 200, "RequestList");

    const yaml = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: orders\n  tags: [java]\nspec:\n  type: service\n  lifecycle: production\n  owner: group:default/payments\n";
    const imported = await importCatalog(call("/api/v1/catalog/import", admin, { method: "POST", body: yaml, headers: { "content-type": "application/yaml" } }), params({}));
    await expectDescribed(imported, 200, "ImportResult");
    await expectDescribed(await listEntities(call("/api/v1/catalog/entities", developer), params({})), 200, "EntityList");
    await expectDescribed(
      await getEntity(call("/api/v1/catalog/entities/component/default/orders", developer), params({ kind: "component", namespace: "default", name: "orders" })),
      200,
      "Entity",
    );

    const deployment = { id: "d-1", service: "orders", environment: "production", status: "success", deployedAt: "2024-06-01T12:00:00Z" };
    await expectDescribed(
      await ingestEvents(call("/api/v1/events/deployments", developer, { method: "POST", body: JSON.stringify(deployment) }), params({ kind: "deployments" })),
      200,
      "EventsStored",
    );
    await expectDescribed(await doraKeys(call("/api/v1/metrics/dora?team=payments&from=2024-05-01&to=2024-07-01", developer), params({})), 200, "DoraMetrics");
    const services = await expectDescribed(await searchDoraServices(call("/api/v1/metrics/dora/services?q=ord", developer), params({})), 200, "DoraServiceList");
    expect(services.items).toEqual([{ name: "orders", team: "payments" }]);
    const teams = await expectDescribed(await searchTeams(call("/api/v1/teams?q=pay&limit=10", developer), params({})), 200, "TeamList");
    expect(teams).toEqual({ items: [{ name: "payments", displayName: "payments", members: 1 }], nextCursor: null });
    await expectDescribed(await searchTeams(call("/api/v1/teams?limit=500", developer), params({})), 400, "Error");

    const refused = await submitRequest(call("/api/v1/requests", developer, { method: "POST", body: JSON.stringify({ ...submission, name: "X" }) }), params({}));
    await expectDescribed(refused, 400, "Error");
  });
});
