import { beforeAll, describe, expect, it, vi } from "vitest";
import { createUser } from "@/db/test/fixtures";
import { issueToken } from "@/lib/auth/tokens";
import { answer, members, openTestRound } from "@/lib/metrics/devex/testing/survey";
import { GET } from "./route";

// No session cookie in these calls: the session is the bearer token or nobody.
vi.mock("@/lib/auth/auth", () => ({ auth: async () => null }));

let tokens: Record<"developer" | "manager" | "admin", string>;
let round: string;

beforeAll(async () => {
  const admin = await createUser({ email: "admin@api.test", role: "admin", teams: ["platform"] });
  const manager = await createUser({ email: "manager@api.test", role: "manager", teams: [["payments", "manager"]] });
  const people = await members("payments", 5);
  await members("search", 1);
  round = await openTestRound(admin, { title: "API pulse", teams: ["payments", "search"] });
  // Recommendations 10, 9, 8, 7, 6: two promoters, two passives, one detractor.
  for (const [i, p] of people.entries()) await answer(p, round, 4, 10 - i, { comment: i === 0 ? "Self-service databases saved me a week." : undefined });
  tokens = { developer: "", manager: "", admin: "" };
  for (const [who, actor] of [["developer", people[0]], ["manager", manager], ["admin", admin]] as const) {
    tokens[who] = (await issueToken(actor, { name: "vitest", scopes: [] }, "ui")).token;
  }
});

async function get(who: keyof typeof tokens | null, query = "") {
  const headers = who ? { authorization: `Bearer ${tokens[who]}` } : undefined;
  const res = await GET(new Request(`http://localhost/api/v1/metrics/devex${query}`, { headers }), { params: Promise.resolve({} as never) });
  return { status: res.status, body: await res.json() };
}

describe("GET /api/v1/metrics/devex", () => {
  it("gives a manager their team's scores, comments without names, and the platform figures", async () => {
    const res = await get("manager", "?team=payments");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      scope: { label: "Team payments", team: "payments" },
      survey: {
        selected: { id: round, title: "API pulse", respondents: 5, teamsShown: 1, dimensions: { satisfaction: { mean: 4, favourable: 1, answers: 5 } }, enps: { score: 20, promoters: 2, passives: 2, detractors: 1 } },
        detail: { comments: ["Self-service databases saved me a week."], teams: [{ team: "payments", respondents: 5, shown: true }] },
      },
      platform: { kinds: [{ kind: "all", total: 0 }, { kind: "database" }, { kind: "namespace" }, { kind: "environment" }], selfService: { rate: null } },
      demo: false,
    });
    expect(res.body.window).toEqual({ from: expect.any(String), to: expect.any(String) });
  });

  it("is for managers and admins: 401 without credentials, 403 for developers and for other teams", async () => {
    expect(await get(null)).toMatchObject({ status: 401, body: { error: { code: "unauthorized" } } });
    expect(await get("developer")).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    expect(await get("manager", "?team=search")).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    expect(await get("admin", "?team=search")).toMatchObject({ status: 200, body: { survey: { selected: { teamsShown: 0, respondents: 0, enps: null } } } });
  });

  it("answers 400 with the field for bad filters and 404 for an unknown team or round", async () => {
    expect(await get("admin", "?from=2024-05-15&to=2024-05-01")).toMatchObject({ status: 400, body: { error: { code: "validation_failed", fields: { to: "must be after from" } } } });
    expect(await get("admin", "?from=2020-01-01&to=2024-01-01")).toMatchObject({ status: 400, body: { error: { fields: { to: expect.stringContaining("at most 731 days") } } } });
    expect(await get("admin", "?round=latest")).toMatchObject({ status: 400, body: { error: { fields: { round: "must be a survey round id" } } } });
    expect(await get("admin", "?team=nobody")).toMatchObject({ status: 404 });
    expect(await get("admin", `?round=${crypto.randomUUID()}`)).toMatchObject({ status: 404 });
  });
});
