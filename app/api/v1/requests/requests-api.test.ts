import crypto from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { actorFor, createUser, seedDemoOrg } from "@/db/test/fixtures";
import { db } from "@/db/client";
import { requests, teamQuotas } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { issueToken } from "@/lib/auth/tokens";
import { GET as getOne } from "./[id]/route";
import { POST as approve } from "./[id]/approve/route";
import { POST as cancel } from "./[id]/cancel/route";
import { POST as reject } from "./[id]/reject/route";
import { GET as list, POST as submit } from "./route";

// auth() reads the cookie through next/headers, which only works inside a request Next.js is serving;
// here it answers the session a browser would have (none, unless a test signs someone in).
const session = vi.hoisted(() => ({ current: null as { user: { id: string } } | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current }));

type Handler<P> = (request: Request, ctx: { params: Promise<P> }) => Promise<Response>;
type Call = { token?: string; body?: unknown; headers?: Record<string, string> };

async function call<P>(handler: Handler<P>, method: string, path: string, params: P, { token, body, headers = {} }: Call = {}) {
  const init: RequestInit = { method, headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } };
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)["content-type"] = "application/json";
  }
  const res = await handler(new Request(`http://localhost${path}`, init), { params: Promise.resolve(params) });
  return { status: res.status, body: await res.json() };
}

const post = (token: string | undefined, body: unknown, headers?: Record<string, string>) => call(submit, "POST", "/api/v1/requests", {}, { token, body, headers });
const getList = (token: string | undefined, query = "") => call(list, "GET", `/api/v1/requests${query}`, {}, { token });
const getById = (token: string | undefined, id: string) => call(getOne, "GET", `/api/v1/requests/${id}`, { id }, { token });
const act = (handler: Handler<{ id: string }>, verb: string) => (token: string | undefined, id: string, body?: unknown) =>
  call(handler, "POST", `/api/v1/requests/${id}/${verb}`, { id }, { token, body });
const approveCall = act(approve, "approve");
const rejectCall = act(reject, "reject");
const cancelCall = act(cancel, "cancel");

let tokens: { developer: string; searchDev: string; manager: string; admin: string };
let counter = 0;

async function tokenFor(actor: Actor): Promise<string> {
  return (await issueToken(actor, { name: "vitest", scopes: [] }, "ui")).token;
}

beforeAll(async () => {
  await seedDemoOrg();
  const [developer, searchDev, manager, admin] = await Promise.all(
    ["developer@example.com", "search-dev@example.com", "manager@example.com", "admin@example.com"].map(actorFor),
  );
  tokens = { developer: await tokenFor(developer), searchDev: await tokenFor(searchDev), manager: await tokenFor(manager), admin: await tokenFor(admin) };
  // Each pending request holds a quota slot; these tests are about the API, not the quota.
  const roomy = { maxDatabases: 1000, maxNamespaces: 1000, maxNamespaceCpuMillis: 1_000_000, maxNamespaceMemoryMib: 1_000_000, maxEnvironments: 1000 };
  await db.insert(teamQuotas).values([...developer.teams, ...searchDev.teams, ...admin.teams].map((t) => ({ teamId: t.id, ...roomy })));
});

afterEach(() => {
  session.current = null;
});

const database = (team: string, environment = "dev", parameters: Record<string, unknown> = {}) => ({
  kind: "database",
  team,
  environment,
  name: `orders-${++counter}`,
  parameters,
});

/** A production database of payments, which waits for an admin. */
async function pendingPayments(): Promise<string> {
  const res = await post(tokens.developer, database("payments", "production"));
  expect(res.body.status).toBe("pending_approval");
  return res.body.id;
}

const forbiddenShape = { error: { code: "forbidden", message: expect.any(String) } };
const notFoundShape = { error: { code: "not_found", message: expect.any(String) } };

describe("without credentials", () => {
  it("answers 401 in the API error shape on every route", async () => {
    const id = await pendingPayments();
    const answers = await Promise.all([
      getList(undefined),
      post(undefined, database("payments")),
      getById(undefined, id),
      approveCall(undefined, id),
      rejectCall(undefined, id, { reason: "no way" }),
      cancelCall(undefined, id),
    ]);

    for (const res of answers) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    }
    expect((await getById(tokens.developer, id)).body.status).toBe("pending_approval");
  });

  it("serves a signed-in browser session like a token", async () => {
    const developer = await actorFor("developer@example.com");
    session.current = { user: { id: developer.id } };

    const res = await post(undefined, database("payments"));

    expect(res.status).toBe(201);
    expect(res.body.requestedBy).toBe("developer@example.com");
  });
});

describe("POST /api/v1/requests", () => {
  it("creates a request and answers 201 with its public shape", async () => {
    const res = await post(tokens.developer, { kind: "database", team: "payments", environment: "dev", name: "invoices", parameters: { sizeGb: 8 } });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      kind: "database",
      team: "payments",
      environment: "dev",
      name: "invoices",
      status: "auto_approved",
      requestedBy: "developer@example.com",
      parameters: { engine: "postgres", version: "17", size: "small", sizeGb: 8, backups: true, extensions: [] },
      policy: { rule: "within-golden-path" },
      events: [expect.objectContaining({ to: "submitted" }), expect.objectContaining({ to: "auto_approved" })],
    });
    expect(res.body).not.toHaveProperty("teamId");
    expect(res.body).not.toHaveProperty("requestedById");
  });

  it("answers 403 for a team the caller is not in, and writes nothing", async () => {
    const body = database("search");

    const res = await post(tokens.developer, body);

    expect(res.status).toBe(403);
    expect(res.body).toEqual(forbiddenShape);
    expect(await db.select().from(requests).where(eq(requests.name, body.name))).toHaveLength(0);
  });

  it("answers 400 naming each bad field by its path", async () => {
    const res = await post(tokens.developer, { kind: "database", team: "payments", environment: "dev", name: "Bad_Name", parameters: { size: "large", sizeGb: 500, extensions: ["timescaledb"] } });

    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: {
        code: "validation_failed",
        message: expect.any(String),
        fields: {
          name: expect.stringContaining("lower-case letters"),
          "parameters.sizeGb": "must be at most 100",
          "parameters.extensions.0": expect.stringContaining("Allowed extensions"),
        },
      },
    });
  });

  it.each([
    ["invalid JSON", "{not json"],
    ["no kind", { team: "payments", environment: "dev", name: "orders" }],
    ["a JSON array", []],
  ])("answers 400 for %s", async (_why, body) => {
    const res = await post(tokens.developer, body);

    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
  });

  it("answers a retried POST with the same Idempotency-Key with the first request", async () => {
    const body = database("payments");
    const headers = { "idempotency-key": crypto.randomUUID() };

    const first = await post(tokens.developer, body, headers);
    const retry = await post(tokens.developer, body, headers);

    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(await db.select().from(requests).where(eq(requests.name, body.name))).toHaveLength(1);
  });

  it("answers 409 for a second live request with the same name", async () => {
    const body = database("payments");
    await post(tokens.developer, body);

    const res = await post(tokens.manager, { ...body, environment: "staging" });

    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "conflict", message: expect.stringContaining(body.name) });
  });
});

describe("GET /api/v1/requests/{id}", () => {
  it("shows the owning team the request with its decision and timeline", async () => {
    const id = await pendingPayments();
    await approveCall(tokens.admin, id, { reason: "capacity is fine" });

    const res = await getById(tokens.manager, id);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id,
      status: "approved",
      decision: { by: "admin@example.com", reason: "capacity is fine", rule: "production-needs-admin" },
      outputs: {},
    });
    expect(res.body.events.map((e: { to: string; actor: string | null }) => [e.to, e.actor])).toEqual([
      ["submitted", "developer@example.com"],
      ["pending_approval", null],
      ["approved", "admin@example.com"],
    ]);
  });

  it("answers 404 to another team's developer, as for an id that does not exist", async () => {
    const id = await pendingPayments();

    expect(await getById(tokens.searchDev, id)).toEqual({ status: 404, body: notFoundShape });
    expect(await getById(tokens.developer, crypto.randomUUID())).toEqual({ status: 404, body: notFoundShape });
    expect(await getById(tokens.developer, "not-a-uuid")).toEqual({ status: 404, body: notFoundShape });
  });

  it("shows admins every team's requests", async () => {
    const id = await pendingPayments();

    expect((await getById(tokens.admin, id)).status).toBe(200);
  });
});

describe("approve and reject", () => {
  it.each(["developer", "manager"] as const)("answers 403 to a %s", async (who) => {
    const id = await pendingPayments();

    expect(await approveCall(tokens[who], id)).toEqual({ status: 403, body: forbiddenShape });
    expect(await rejectCall(tokens[who], id, { reason: "not needed" })).toEqual({ status: 403, body: forbiddenShape });
    expect((await getById(tokens.admin, id)).body.status).toBe("pending_approval");
  });

  it("lets an admin approve, with or without a body", async () => {
    const withReason = await pendingPayments();
    const withoutBody = await pendingPayments();

    const a = await approveCall(tokens.admin, withReason, { reason: "looks right" });
    const b = await approveCall(tokens.admin, withoutBody);

    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ id: withReason, status: "approved", decision: { by: "admin@example.com", reason: "looks right" } });
    expect(b.status).toBe(200);
    expect(b.body.status).toBe("approved");
  });

  it("lets an admin reject with a reason, and asks for one when it is missing", async () => {
    const id = await pendingPayments();

    const missing = await rejectCall(tokens.admin, id, {});
    const rejected = await rejectCall(tokens.admin, id, { reason: "Use staging first" });

    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: "validation_failed", fields: { reason: expect.stringContaining("Say why") } });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: "rejected", decision: { by: "admin@example.com", reason: "Use staging first" } });
  });

  it("answers 409 when the request is no longer pending", async () => {
    const id = await pendingPayments();
    await approveCall(tokens.admin, id);
    const auto = (await post(tokens.developer, database("payments"))).body.id;

    expect((await approveCall(tokens.admin, id)).status).toBe(409);
    expect((await rejectCall(tokens.admin, id, { reason: "too late now" })).body.error.code).toBe("conflict");
    expect((await approveCall(tokens.admin, auto)).status).toBe(409);
  });

  it("answers 403 to an admin deciding on their own request", async () => {
    const own = (await post(tokens.admin, database("platform", "production"))).body.id;

    expect(await approveCall(tokens.admin, own)).toEqual({ status: 403, body: forbiddenShape });
  });

  it("answers 400 for an id that is not a request id", async () => {
    const res = await approveCall(tokens.admin, "42");

    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ id: "Not a request id" });
  });
});

describe("POST /api/v1/requests/{id}/cancel", () => {
  it("lets the owning team cancel", async () => {
    const id = await pendingPayments();

    const res = await cancelCall(tokens.manager, id);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, status: "cancelled" });
  });

  it("answers 404 to another team's developer", async () => {
    const id = await pendingPayments();

    expect(await cancelCall(tokens.searchDev, id)).toEqual({ status: 404, body: notFoundShape });
    expect((await getById(tokens.developer, id)).body.status).toBe("pending_approval");
  });

  it("answers 409 once provisioning has started", async () => {
    const id = (await post(tokens.developer, database("payments"))).body.id;
    await db.update(requests).set({ status: "provisioning" }).where(eq(requests.id, id));

    const res = await cancelCall(tokens.developer, id);

    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("conflict");
  });
});

describe("GET /api/v1/requests", () => {
  type Item = { id: string; team: string; kind: string; status: string };
  const ids = (body: { items: Item[] }) => body.items.map((i) => i.id);

  it("lists the caller's teams' requests only; admins see all", async () => {
    const payments = await pendingPayments();
    const search = (await post(tokens.searchDev, database("search"))).body.id;

    const dev = await getList(tokens.developer, "?limit=100");
    const other = await getList(tokens.searchDev, "?limit=100");
    const admin = await getList(tokens.admin, "?limit=100");

    expect(dev.status).toBe(200);
    expect(ids(dev.body)).toContain(payments);
    expect(ids(dev.body)).not.toContain(search);
    expect(dev.body.items.every((i: Item) => i.team === "payments")).toBe(true);
    expect(ids(other.body)).toContain(search);
    expect(ids(other.body)).not.toContain(payments);
    expect(ids(admin.body)).toEqual(expect.arrayContaining([payments, search]));
    expect(dev.body.items[0]).not.toHaveProperty("requestedByName");
  });

  describe("filters and pages", () => {
    let token: string;
    const created: Record<string, string> = {};

    beforeAll(async () => {
      const lister = await createUser({ email: "lister@example.com", teams: ["listing", "other-listing"] });
      token = await tokenFor(lister);
      const submitAs = async (key: string, body: Record<string, unknown>) => {
        const res = await post(token, { environment: "dev", parameters: {}, ...body });
        expect(res.status).toBe(201);
        created[key] = res.body.id;
      };
      await submitAs("db1", { kind: "database", team: "listing", name: "list-db-1" });
      await submitAs("db2", { kind: "database", team: "listing", name: "list-db-2", environment: "production" });
      await submitAs("ns1", { kind: "namespace", team: "listing", name: "list-ns-1" });
      await submitAs("env1", { kind: "environment", team: "listing", name: "list-env-1" });
      await submitAs("other", { kind: "database", team: "other-listing", name: "list-other" });
    });

    it("filters by team, kind and status", async () => {
      const byTeam = await getList(token, "?team=listing");
      const byKind = await getList(token, "?team=listing&kind=database");
      const byStatus = await getList(token, "?status=pending_approval");
      const bySeveral = await getList(token, "?team=listing&status=pending_approval,auto_approved&kind=namespace");

      expect(ids(byTeam.body).sort()).toEqual([created.db1, created.db2, created.ns1, created.env1].sort());
      expect(ids(byKind.body).sort()).toEqual([created.db1, created.db2].sort());
      expect(ids(byStatus.body)).toEqual([created.db2]);
      expect(ids(bySeveral.body)).toEqual([created.ns1]);
    });

    it("pages newest first with a cursor that survives new requests", async () => {
      const all = ids((await getList(token, "?limit=100")).body);
      expect(all).toHaveLength(5);

      const first = await getList(token, "?limit=2");
      expect(first.body.items).toHaveLength(2);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      // A request arriving between pages must neither appear later nor push an old one off.
      await post(token, { kind: "database", team: "listing", environment: "dev", name: "list-late", parameters: {} });
      const second = await getList(token, `?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);
      const third = await getList(token, `?limit=2&cursor=${encodeURIComponent(second.body.nextCursor)}`);

      expect([...ids(first.body), ...ids(second.body), ...ids(third.body)]).toEqual(all);
      expect(third.body.nextCursor).toBeNull();
    });

    it("pages through requests created within the same millisecond without skipping any", async () => {
      const burster = await createUser({ email: "burster@example.com", teams: ["burst"] });
      const burstToken = await tokenFor(burster);
      // PostgreSQL keeps microseconds, a cursor milliseconds: bulk submissions share a millisecond.
      const inserted = await db
        .insert(requests)
        .values(
          ["100", "400", "700"].map((us) => ({
            kind: "namespace" as const,
            teamId: burster.teams[0].id,
            environment: "dev" as const,
            name: `burst-${us}`,
            parameters: {},
            status: "auto_approved" as const,
            requestedBy: burster.id,
            policyRule: "within-golden-path",
            policyReason: "inserted by the test",
            createdAt: sql`${`2001-02-03T04:05:06.123${us}Z`}::timestamptz`,
          })),
        )
        .returning({ id: requests.id, name: requests.name });
      const newestFirst = ["burst-700", "burst-400", "burst-100"].map((n) => inserted.find((r) => r.name === n)!.id);

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await getList(burstToken, `?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
        expect(res.status).toBe(200);
        seen.push(...ids(res.body));
        cursor = res.body.nextCursor;
      } while (cursor && seen.length <= inserted.length);

      expect(seen).toEqual(newestFirst);
    });

    it.each([
      ["limit=0", "limit"],
      ["limit=101", "limit"],
      ["limit=ten", "limit"],
      ["status=done", "status"],
      ["kind=vm", "kind"],
      ["cursor=bogus", "cursor"],
    ])("answers 400 for %s", async (query, field) => {
      const res = await getList(token, `?${query}`);

      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
      // A comma list of statuses names the bad entry ("status.0").
      expect(Object.keys(res.body.error.fields)).toEqual([expect.stringMatching(new RegExp(`^${field}(\\.\\d+)?$`))]);
    });
  });
});
