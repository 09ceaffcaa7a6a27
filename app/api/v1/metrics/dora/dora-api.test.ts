import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { actorFor, seedDemoOrg } from "@/db/test/fixtures";
import { componentSchemas } from "@/lib/api/openapi-schemas";
import { issueToken } from "@/lib/auth/tokens";
import { component } from "@/lib/metrics/testing/catalog";
import { deploy, incident } from "@/lib/metrics/testing/events";
import { GET as dashboard } from "./dashboard/route";
import { GET } from "./route";
import { GET as week } from "./weeks/[week]/route";

const session = vi.hoisted(() => ({ current: null as { user: { id: string } } | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current }));

let tokens: Record<"developer" | "manager" | "admin", string>;

beforeAll(async () => {
  await seedDemoOrg();
  const people = { developer: "developer@example.com", manager: "manager@example.com", admin: "admin@example.com" } as const;
  tokens = {} as typeof tokens;
  for (const [who, email] of Object.entries(people) as [keyof typeof people, string][]) {
    tokens[who] = (await issueToken(await actorFor(email), { name: "vitest", scopes: [] }, "ui")).token;
  }
  await component("payments-api", "payments");
  await component("search-api", "search");
  // payments-api: two deployments in the window, one of which caused an incident restored in 90 minutes.
  await deploy("payments-api", "2024-05-06T10:00:00Z", ["aaaa1111"]);
  await deploy("payments-api", "2024-05-07T10:00:00Z", ["bbbb2222"]);
  await incident("payments-api", "2024-05-07T11:00:00Z", "2024-05-07T12:30:00Z", "bbbb2222");
  await deploy("search-api", "2024-05-08T10:00:00Z");
  await deploy("not-in-catalog", "2024-05-08T10:00:00Z");
});

afterEach(() => {
  session.current = null;
});

type Handler = (request: Request, ctx: { params: Promise<never> }) => Promise<Response>;

async function get(who: keyof typeof tokens | null, query: string, handler: Handler = GET, params: Record<string, string> = {}) {
  const headers = who ? { authorization: `Bearer ${tokens[who]}` } : undefined;
  const res = await handler(new Request(`http://localhost/api/v1/metrics/dora${query}`, { headers }), { params: Promise.resolve(params as never) });
  return { status: res.status, body: await res.json() };
}

const may = "&from=2024-05-01&to=2024-05-15";

describe("GET /api/v1/metrics/dora", () => {
  it("answers the four keys in API.md's shape", async () => {
    const res = await get("developer", `?team=payments${may}`);
    expect(res).toEqual({
      status: 200,
      body: {
        window: { from: "2024-05-01T00:00:00.000Z", to: "2024-05-15T00:00:00.000Z" },
        scope: { label: "Team payments", team: "payments", service: null, environment: "production" },
        // The window's ISO weeks hold 0 (Wednesday to Sunday), 2 and 0 (Monday, Tuesday) deployment days.
        deploymentFrequency: { deploymentsPerDay: 0.143, deployDays: 2, deployments: 2, medianDeployDaysPerWeek: 0, tier: "medium" },
        leadTimeForChanges: { medianHours: null, p90Hours: null, changes: 0, tier: null },
        changeFailureRate: { ratio: 0.5, failedDeployments: 1, deployments: 2, tier: "low" },
        timeToRestore: { medianHours: 1.5, incidents: 1, tier: "high" },
      },
    });
  });

  it("shows each person their own teams by default, and admins the whole organisation", async () => {
    expect((await get("developer", `?${may}`)).body).toMatchObject({ scope: { label: "Your teams: payments" }, deploymentFrequency: { deployments: 2 } });
    expect((await get("manager", `?${may}`)).body).toMatchObject({ scope: { label: "Your teams: payments, search" }, deploymentFrequency: { deployments: 3 } });
    // The organisation includes services no catalog Component owns yet.
    expect((await get("admin", `?${may}`)).body).toMatchObject({ scope: { label: "Whole organisation" }, deploymentFrequency: { deployments: 4 } });
    expect((await get("manager", `?team=*${may}`)).body).toMatchObject({ deploymentFrequency: { deployments: 4 } });
  });

  it("keeps developers to their own teams and services", async () => {
    expect(await get("developer", `?team=search${may}`)).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    expect(await get("developer", `?service=search-api${may}`)).toMatchObject({ status: 403 });
    expect(await get("developer", `?service=not-in-catalog${may}`)).toMatchObject({ status: 403 });
    expect(await get("developer", `?team=*${may}`)).toMatchObject({ status: 403 });
    expect(await get("developer", `?service=payments-api${may}`)).toMatchObject({ status: 200, body: { deploymentFrequency: { deployments: 2 } } });
    expect(await get("manager", `?service=not-in-catalog${may}`)).toMatchObject({ status: 200, body: { deploymentFrequency: { deployments: 1 } } });
  });

  it("answers 401 without credentials, 404 for a team that does not exist, 400 for a bad window", async () => {
    expect(await get(null, `?${may}`)).toMatchObject({ status: 401 });
    expect(await get("admin", `?team=nobody${may}`)).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    expect(await get("admin", "?from=2024-05-15&to=2024-05-01")).toMatchObject({ status: 400, body: { error: { fields: { to: "must be after from" } } } });
    expect(await get("admin", "?from=last%20week")).toMatchObject({ status: 400, body: { error: { fields: { from: expect.stringContaining("ISO-8601") } } } });
    expect(await get("admin", "?from=2020-01-01&to=2024-01-01")).toMatchObject({ status: 400, body: { error: { fields: { to: expect.stringContaining("at most 731 days") } } } });
  });
});

describe("the dashboard's data", () => {
  it("lists services with their team, or none for a service the catalog does not have", async () => {
    const res = await get("admin", `?${may}`, dashboard);
    expect(res.status).toBe(200);
    expect(res.body.services.map((s: { service: string; team: string | null }) => [s.service, s.team])).toEqual([
      ["not-in-catalog", null],
      ["payments-api", "payments"],
      ["search-api", "search"],
    ]);
    expect(res.body.weeks.map((w: { week: string; deployments: number }) => [w.week, w.deployments])).toEqual([
      ["2024-04-29", 0],
      ["2024-05-06", 4],
      ["2024-05-13", 0],
    ]);
    // Every team and every service are searched by the filters, never sent with the figures.
    expect(res.body.choices).toEqual({ myTeams: ["platform"], wholeOrganisation: true, defaultScope: "Whole organisation" });
  });

  it("drills into a week: its deployments and its incidents, with why each is there", async () => {
    const res = await get("manager", `?team=payments${may}`, week, { week: "2024-05-06" });
    expect(res.status).toBe(200);
    expect(res.body.deploymentsTotal).toBe(2);
    expect(res.body.deployments.map((d: { service: string; causedIncident: boolean }) => [d.service, d.causedIncident])).toEqual([
      ["payments-api", true],
      ["payments-api", false],
    ]);
    expect(res.body.incidents).toEqual([
      {
        id: expect.any(String),
        service: "payments-api",
        openedAt: "2024-05-07T11:00:00.000Z",
        resolvedAt: "2024-05-07T12:30:00.000Z",
        hours: 1.5,
        causeSha: "bbbb2222",
        deploymentId: res.body.deployments[0].id,
        roles: ["caused", "opened", "resolved"],
      },
    ]);
    expect(res.body).toMatchObject({ incidentsTotal: 1, timeToRestore: { incidents: 1, medianHours: 1.5 } });
    // As documented: a field the schema does not name would be stripped, and the comparison fail.
    expect(componentSchemas.DoraWeek.parse(res.body)).toEqual(res.body);
    expect(await get("manager", `?${may}`, week, { week: "2024-05-07" })).toMatchObject({ status: 400, body: { error: { fields: { week: "must be a Monday" } } } });
  });
});
