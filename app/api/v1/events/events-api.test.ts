import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { createUser } from "@/db/test/fixtures";
import { issueToken } from "@/lib/auth/tokens";
import { POST } from "./[kind]/route";

const session = vi.hoisted(() => ({ current: null as { user: { id: string } } | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current }));

let writer: string;
let readOnly: string;
let userId: string;

beforeAll(async () => {
  const ci = await createUser({ email: "ci@example.com", teams: ["payments"] });
  userId = ci.id;
  writer = (await issueToken(ci, { name: "deploys", scopes: ["events:write"] }, "ui")).token;
  readOnly = (await issueToken(ci, { name: "reader", scopes: [] }, "ui")).token;
});

afterEach(() => {
  session.current = null;
});

async function post(kind: string, body: unknown, token: string | null = writer) {
  const res = await POST(
    new Request(`http://localhost/api/v1/events/${kind}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve({ kind }) },
  );
  return { status: res.status, body: await res.json() };
}

const count = async (table: "dora_deployments" | "dora_changes" | "dora_incidents") =>
  (await db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`))[0].n;

const deployment = (id: string, more: Record<string, unknown> = {}) => ({
  id,
  service: "payments-api",
  environment: "production",
  status: "success",
  deployedAt: "2024-05-06T10:00:00Z",
  commitShas: ["a1b2c3d4e5f60718293a4b5c6d7e8f9012345678"],
  ...more,
});

describe("POST /api/v1/events/{kind}", () => {
  it("stores one event, and a batch, and answers what it created", async () => {
    expect(await post("deployments", deployment("api-1"))).toEqual({ status: 200, body: { received: 1, created: 1, updated: 0 } });
    const batch = { events: [deployment("api-2"), deployment("api-3", { environment: "Staging" }), deployment("api-4", { status: "failure", commitShas: [] })] };
    expect(await post("deployments", batch)).toEqual({ status: 200, body: { received: 3, created: 3, updated: 0 } });
    expect(await post("changes", { id: "chg-1", service: "payments-api", sha: "A1B2C3D4E5F60718293A4B5C6D7E8F9012345678", committedAt: "2024-05-06T08:00:00+02:00" })).toMatchObject({
      status: 200,
      body: { created: 1 },
    });
    expect(await post("incidents", { id: "inc-1", service: "payments-api", openedAt: "2024-05-06T11:00:00Z", resolvedAt: null, causeSha: "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678" })).toMatchObject({
      status: 200,
      body: { created: 1 },
    });
    const [stored] = await db.execute<{ environment: string; committed: string }>(sql`
      select (select environment from dora_deployments where id = 'api-3') as environment,
             (select to_char(committed_at at time zone 'UTC', 'HH24:MI') from dora_changes where id = 'chg-1') as committed`);
    expect(stored).toEqual({ environment: "staging", committed: "06:00" });
  });

  it("is idempotent on the event id: sending a batch again updates and never duplicates", async () => {
    const batch = { events: [deployment("idem-1"), deployment("idem-2")] };
    await post("deployments", batch);
    const before = await count("dora_deployments");
    expect(await post("deployments", batch)).toEqual({ status: 200, body: { received: 2, created: 0, updated: 2 } });
    expect(await post("deployments", { events: [deployment("idem-1", { status: "failure" })] })).toMatchObject({ body: { updated: 1 } });
    expect(await count("dora_deployments")).toBe(before);
    const [row] = await db.execute<{ status: string }>(sql`select status from dora_deployments where id = 'idem-1'`);
    expect(row.status).toBe("failure");
  });

  it("refuses a batch with one bad event whole, naming the event and field", async () => {
    const before = await count("dora_deployments");
    const res = await post("deployments", { events: [deployment("bad-1"), deployment("bad-2", { deployedAt: "2024-05-06 10:00" }), deployment("bad-3", { status: "done" })] });
    expect(res).toEqual({
      status: 400,
      body: {
        error: {
          code: "validation_failed",
          message: "Some events are not valid; none was stored.",
          fields: { "events.1.deployedAt": expect.stringContaining("ISO-8601 instant with a time zone"), "events.2.status": "must be success or failure" },
        },
      },
    });
    expect(await count("dora_deployments")).toBe(before);
  });

  it("names the field of a single bad event, and refuses what cannot be an event", async () => {
    expect(await post("incidents", { id: "i", service: "payments-api", openedAt: "2024-05-06T10:00:00Z", resolvedAt: "2024-05-06T09:00:00Z" })).toMatchObject({
      status: 400,
      body: { error: { fields: { resolvedAt: "must not be before openedAt" } } },
    });
    expect(await post("changes", { id: "c", service: "has spaces", sha: "xyz", committedAt: "2024-05-06T10:00:00Z" })).toMatchObject({
      status: 400,
      body: { error: { fields: { service: expect.stringContaining("catalog name"), sha: "must be a hexadecimal commit SHA" } } },
    });
    expect(await post("deployments", "{not json")).toMatchObject({ status: 400, body: { error: { code: "validation_failed" } } });
    expect(await post("deployments", { events: [] })).toMatchObject({ status: 400, body: { error: { fields: { events: "must hold at least one event" } } } });
    const tooMany = { events: Array.from({ length: 5001 }, (_, i) => deployment(`many-${i}`)) };
    expect(await post("deployments", tooMany)).toMatchObject({ status: 400, body: { error: { fields: { events: expect.stringContaining("at most 5000") } } } });
  });

  it("takes a batch of 5,000", async () => {
    const events = Array.from({ length: 5000 }, (_, i) => deployment(`bulk-${i}`, { commitShas: [i.toString(16).padStart(40, "0")] }));
    expect(await post("deployments", { events })).toEqual({ status: 200, body: { received: 5000, created: 5000, updated: 0 } });
  });

  it("needs a token with the events:write scope", async () => {
    expect(await post("deployments", deployment("x"), null)).toMatchObject({ status: 401, body: { error: { code: "unauthorized" } } });
    expect(await post("deployments", deployment("x"), readOnly)).toMatchObject({ status: 403, body: { error: { code: "forbidden", message: expect.stringContaining("events:write") } } });
    session.current = { user: { id: userId } };
    expect(await post("deployments", deployment("x"), null)).toMatchObject({ status: 403 });
  });

  it("answers 404 for a kind of event it does not know", async () => {
    expect(await post("builds", deployment("x"))).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
  });
});
