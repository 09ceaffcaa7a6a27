import { afterEach, describe, expect, it, vi } from "vitest";
import { createUser } from "@/db/test/fixtures";
import { closeDb } from "@/db/client";
import { createToken, revokeToken } from "@/lib/auth/tokens";
import { GET as health } from "../../health/route";
import { GET as me } from "./route";

// auth() reads the cookie through next/headers, which only works inside a request Next.js is serving;
// here it is stubbed to answer the session a signed-in browser would have.
const session = vi.hoisted(() => ({ current: null as { user: { id: string } } | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current }));

function get(path: string, token?: string): Promise<Response> {
  const headers = token ? { authorization: `Bearer ${token}` } : undefined;
  return me(new Request(`http://localhost${path}`, { headers }), { params: Promise.resolve({}) });
}

describe("GET /api/v1/me", () => {
  afterEach(() => {
    session.current = null;
  });

  it("answers who the token belongs to", async () => {
    const owner = await createUser({ email: "pat@example.com", name: "Pat Doe", role: "manager", teams: [["payments", "manager"]] });
    const { token } = await createToken(owner, { name: "cli", scopes: [] });

    const res = await get("/api/v1/me", token);

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      email: "pat@example.com",
      name: "Pat Doe",
      role: "manager",
      teams: [{ name: "payments", displayName: "payments", role: "manager" }],
    });
  });

  it("answers 401 in the API error shape for an unknown token", async () => {
    const res = await get("/api/v1/me", "rwy_" + "x".repeat(43));

    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
  });

  it("answers 401 for a revoked token", async () => {
    const owner = await createUser({ email: "gone@example.com" });
    const { id, token } = await createToken(owner, { name: "old", scopes: [] });
    await revokeToken(owner, id);

    const res = await get("/api/v1/me", token);

    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("unauthorized");
  });

  it("answers 401 for an Authorization header that is not a bearer token", async () => {
    const res = await me(new Request("http://localhost/api/v1/me", { headers: { authorization: "Basic dXNlcjpwdw==" } }), {
      params: Promise.resolve({}),
    });

    expect(res.status).toBe(401);
  });

  it("answers the signed-in user of a browser session", async () => {
    const user = await createUser({ email: "browser@example.com", name: "Bo Rowser", teams: ["search"] });
    session.current = { user: { id: user.id } };

    const res = await get("/api/v1/me");

    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ email: "browser@example.com", role: "developer", teams: [{ name: "search" }] });
  });

  it("answers 401 with neither a token nor a session", async () => {
    const res = await get("/api/v1/me");

    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("unauthorized");
  });
});

describe("GET /api/health", () => {
  const databaseUrl = process.env.DATABASE_URL;

  afterEach(async () => {
    process.env.DATABASE_URL = databaseUrl;
    await closeDb();
  });

  it("reports a reachable database", async () => {
    const res = await health();

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", db: "ok" });
  });

  it("answers 503 with the reason when the database is unreachable", async () => {
    // Port 1 is privileged and never a PostgreSQL server: the connection is refused at once.
    process.env.DATABASE_URL = "postgres://runway@127.0.0.1:1/runway";
    await closeDb();

    const res = await health();

    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "unavailable", db: "unreachable", reason: expect.stringMatching(/\S/) });
  });
});
