import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createUser } from "@/db/test/fixtures";
import { apiRoute } from "@/lib/api/route";
import { issueToken } from "@/lib/auth/tokens";
import { metrics } from "./metrics";

// The session cookie is read through next/headers, which needs a request Next.js serves; these calls use tokens.
vi.mock("@/lib/auth/auth", () => ({ auth: async () => null }));

let token: string;
beforeAll(async () => {
  const pat = await createUser({ email: "pat@example.com", teams: ["payments"] });
  token = (await issueToken(pat, { name: "test", scopes: [] }, "cli")).token;
});

afterEach(() => {
  vi.restoreAllMocks();
  process.env.RUNWAY_LOG_SILENT = "1";
});

const show = apiRoute<{ id: string }>(async ({ params }) => ({ id: params.id }));
const crash = apiRoute<{ id: string }>(async () => {
  throw new Error("database exploded");
});

function call(route: typeof show, path: string, id: string, headers: Record<string, string> = {}) {
  return route(new Request(`http://localhost${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } }), { params: Promise.resolve({ id }) });
}

async function observations(route: string, status: string): Promise<number> {
  const histogram = await metrics().httpDuration.get();
  return histogram.values.find((v) => v.metricName?.endsWith("_count") && v.labels.route === route && v.labels.status === status)?.value ?? 0;
}

describe("apiRoute", () => {
  it("answers with a new x-request-id, or the caller's own", async () => {
    const fresh = await call(show, "/api/v1/requests/abc", "abc");
    expect(fresh.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);

    const echoed = await call(show, "/api/v1/requests/abc", "abc", { "x-request-id": "lb-7f3a9c2e11" });
    expect(echoed.headers.get("x-request-id")).toBe("lb-7f3a9c2e11");

    const refused = await call(show, "/api/v1/requests/abc", "abc", { "x-request-id": "<script>" });
    expect(refused.headers.get("x-request-id")).not.toBe("<script>");
  });

  it("logs an unhandled error with the request id the caller received", async () => {
    process.env.RUNWAY_LOG_SILENT = "0";
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);

    const res = await call(crash, "/api/v1/requests/abc", "abc");

    expect(res.status).toBe(500);
    const id = res.headers.get("x-request-id");
    const line = stderr.mock.calls.map(([chunk]) => JSON.parse(String(chunk))).find((l) => l.msg === "unhandled error in API route");
    expect(line).toMatchObject({ level: "error", requestId: id });
    expect(line.error).toContain("database exploded");
  });

  it("records the call's duration under its route pattern and status, not its id", async () => {
    const id = "6f1c2a9e-0000-4000-8000-000000000001";
    const before = await observations("/api/v1/requests/[id]/credentials", "200");

    await call(show, `/api/v1/requests/${id}/credentials`, id);
    await call(crash, `/api/v1/requests/${id}/credentials`, id);

    expect(await observations("/api/v1/requests/[id]/credentials", "200")).toBe(before + 1);
    expect(await observations("/api/v1/requests/[id]/credentials", "500")).toBeGreaterThanOrEqual(1);
    const routes = (await metrics().httpDuration.get()).values.map((v) => v.labels.route);
    expect(routes).not.toContain(`/api/v1/requests/${id}/credentials`);
  });
});
