import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { closeDb, db } from "@/db/client";
import { createUser } from "@/db/test/fixtures";
import { testDatabaseUrl } from "@/db/test/database";
import type { Actor } from "@/lib/auth/actor";
import { computeDoraKeys } from "./dora";
import { doraQuerySchema } from "./schemas";
import { change, changes, deploy, incident, sha } from "./testing/events";

let admin: Actor;

beforeAll(async () => {
  admin = await createUser({ email: "dora-admin@example.com", role: "admin" });
});

const keys = (query: Record<string, string>) => computeDoraKeys(admin, doraQuerySchema.parse(query));

describe("deployment frequency", () => {
  it("counts successful production deployments per day, and tiers on the median deployment days per ISO week", async () => {
    const s = "freq-svc";
    // 2024-01-01 is a Monday: four whole ISO weeks with 5, 1, 0 and 2 deployment days.
    for (const day of ["01", "01", "02", "03", "04", "05"]) await deploy(s, `2024-01-${day}T10:00:00Z`);
    await deploy(s, "2024-01-08T10:00:00Z");
    await deploy(s, "2024-01-23T10:00:00Z");
    await deploy(s, "2024-01-24T10:00:00Z");
    // None of these count: another environment, a failure, and the instants just outside [from, to).
    await deploy(s, "2024-01-16T10:00:00Z", [], { environment: "staging" });
    await deploy(s, "2024-01-17T10:00:00Z", [], { status: "failure" });
    await deploy(s, "2023-12-31T23:59:59Z");
    await deploy(s, "2024-01-29T00:00:00Z");

    const k = await keys({ service: s, from: "2024-01-01", to: "2024-01-29" });
    expect(k.window).toEqual({ from: "2024-01-01T00:00:00.000Z", to: "2024-01-29T00:00:00.000Z" });
    expect(k.deploymentFrequency).toEqual({ deploymentsPerDay: 0.321, deployDays: 8, deployments: 9, medianDeployDaysPerWeek: 1.5, tier: "high" });
  });

  it("is elite at five deployment days a week, and medium or low below one by deployments per 30 days", async () => {
    for (const day of ["01", "02", "03", "04", "05", "08", "09", "10", "11", "12"]) await deploy("elite-svc", `2024-01-${day}T09:00:00Z`);
    expect((await keys({ service: "elite-svc", from: "2024-01-01", to: "2024-01-15" })).deploymentFrequency.tier).toBe("elite");

    await deploy("medium-svc", "2024-01-10T09:00:00Z");
    await deploy("medium-svc", "2024-02-10T09:00:00Z");
    const medium = await keys({ service: "medium-svc", from: "2024-01-01", to: "2024-03-01" });
    expect(medium.deploymentFrequency).toMatchObject({ deployments: 2, medianDeployDaysPerWeek: 0, tier: "medium" });

    await deploy("low-svc", "2024-01-10T09:00:00Z");
    expect((await keys({ service: "low-svc", from: "2024-01-01", to: "2024-03-01" })).deploymentFrequency.tier).toBe("low");
  });

  it("says nothing rather than zero when there are no deployments", async () => {
    const k = await keys({ service: "silent-svc", from: "2024-01-01", to: "2024-02-01" });
    expect(k.deploymentFrequency).toEqual({ deploymentsPerDay: null, deployDays: null, deployments: 0, medianDeployDaysPerWeek: null, tier: null });
    expect(k.leadTimeForChanges).toEqual({ medianHours: null, p90Hours: null, changes: 0, tier: null });
    expect(k.changeFailureRate).toEqual({ ratio: null, failedDeployments: 0, deployments: 0, tier: null });
    expect(k.timeToRestore).toEqual({ medianHours: null, incidents: 0, tier: null });
  });
});

describe("lead time for changes", () => {
  const s = "lead-svc";

  beforeAll(async () => {
    await change(s, sha("c1"), "2024-01-01T00:00:00Z");
    await change(s, sha("c2"), "2024-01-01T06:00:00Z");
    await change(s, sha("c3"), "2024-01-02T00:00:00Z");
    await change(s, sha("c4"), "2024-01-03T12:00:00Z"); // committed after the deployment that lists it: dropped
    await change(s, sha("c5"), "2024-01-02T01:00:00Z"); // never deployed
    await change(s, sha("c6"), "2024-01-03T00:00:00Z");
    // The same SHA in another service is another commit.
    await change("other-svc", sha("c1"), "2023-06-01T00:00:00Z");
    await deploy(s, "2024-01-01T12:00:00Z", [sha("c1")], { environment: "staging" });
    await deploy(s, "2024-01-01T18:00:00Z", [sha("c1")], { status: "failure" });
    await deploy(s, "2024-01-02T12:00:00Z", [sha("c1"), sha("c2"), sha("c3"), sha("c4")]);
    // c3 again: a commit counts at its first deployment only.
    await deploy(s, "2024-01-04T00:00:00Z", [sha("c3"), sha("c6")]);
  });

  it("takes the interpolated median and p90 of deployment time minus commit time, one per commit at its first deployment", async () => {
    // Lead times 36 h (c1), 30 h (c2), 12 h (c3), 24 h (c6).
    const k = await keys({ service: s, from: "2024-01-01", to: "2024-01-08" });
    expect(k.leadTimeForChanges).toEqual({ medianHours: 27, p90Hours: 34.2, changes: 4, tier: "high" });
  });

  it("counts the pairs whose deployment is in the window", async () => {
    const k = await keys({ service: s, from: "2024-01-03", to: "2024-01-08" });
    expect(k.leadTimeForChanges).toEqual({ medianHours: 24, p90Hours: 24, changes: 1, tier: "high" });
  });

  it("handles a deployment shipping no commit and one shipping 500", async () => {
    const big = "big-svc";
    await deploy(big, "2024-03-01T12:00:00Z", []);
    const shas = Array.from({ length: 500 }, (_, i) => sha(`big${i + 1}`));
    // Commit i was made i minutes before the deployment.
    await changes(big, shas.map((x, i) => ({ sha: x, committedAt: new Date(Date.parse("2024-03-02T12:00:00Z") - (i + 1) * 60_000).toISOString() })));
    await deploy(big, "2024-03-02T12:00:00Z", shas);
    const k = await keys({ service: big, from: "2024-03-01", to: "2024-03-03" });
    expect(k.deploymentFrequency.deployments).toBe(2);
    expect(k.leadTimeForChanges.changes).toBe(500);
    expect(k.leadTimeForChanges.medianHours).toBeCloseTo(250.5 / 60, 2);
    expect(k.leadTimeForChanges.p90Hours).toBeCloseTo(450.1 / 60, 2);
    expect(k.leadTimeForChanges.tier).toBe("elite");
  });

  it("follows a re-sent deployment: failed after all, its commits count at their next deployment", async () => {
    const r = "resend-svc";
    await change(r, sha("r1"), "2024-04-01T00:00:00Z");
    const first = await deploy(r, "2024-04-01T02:00:00Z", [sha("r1")]);
    await deploy(r, "2024-04-01T10:00:00Z", [sha("r1")]);
    expect((await keys({ service: r, from: "2024-04-01", to: "2024-04-02" })).leadTimeForChanges.medianHours).toBe(2);
    await deploy(r, "2024-04-01T02:00:00Z", [sha("r1")], { id: first, status: "failure" });
    const k = await keys({ service: r, from: "2024-04-01", to: "2024-04-02" });
    expect(k.leadTimeForChanges.medianHours).toBe(10);
    expect(k.deploymentFrequency.deployments).toBe(1);
  });
});

describe("change failure rate", () => {
  it("divides the deployments that caused an incident by all deployments, counting each deployment once", async () => {
    const s = "cfr-svc";
    await deploy(s, "2024-05-01T10:00:00Z", [sha("f1")]);
    await deploy(s, "2024-05-02T10:00:00Z", [sha("f2"), sha("f3")]);
    await deploy(s, "2024-05-03T10:00:00Z", [sha("f4")]);
    await deploy(s, "2024-05-04T10:00:00Z", []);
    await deploy(s, "2024-05-05T10:00:00Z", [sha("f5")], { environment: "staging" });
    const blamesFirst = await incident(s, "2024-05-01T12:00:00Z", "2024-05-01T13:00:00Z", sha("f1"));
    await incident(s, "2024-05-02T12:00:00Z", null, sha("f2"));
    await incident(s, "2024-05-02T13:00:00Z", null, sha("f3"));
    await incident(s, "2024-05-03T12:00:00Z", null); // no cause: restore time only
    await incident(s, "2024-05-05T12:00:00Z", null, sha("f5")); // shipped to staging only
    await incident("elsewhere-svc", "2024-05-03T12:00:00Z", null, sha("f4")); // same SHA, other service

    const window = { service: s, from: "2024-05-01", to: "2024-05-08" };
    expect((await keys(window)).changeFailureRate).toEqual({ ratio: 0.5, failedDeployments: 2, deployments: 4, tier: "low" });

    // The cause turned out to be elsewhere: re-sending the incident clears it.
    await incident(s, "2024-05-01T12:00:00Z", "2024-05-01T13:00:00Z", null, blamesFirst);
    expect((await keys(window)).changeFailureRate).toEqual({ ratio: 0.25, failedDeployments: 1, deployments: 4, tier: "low" });
  });

  it("links an incident that arrives before the deployment that shipped its cause", async () => {
    const s = "early-incident-svc";
    await incident(s, "2024-05-10T12:00:00Z", null, sha("e1"));
    await deploy(s, "2024-05-10T10:00:00Z", [sha("e1")]);
    for (const day of ["11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29"]) {
      await deploy(s, `2024-05-${day}T10:00:00Z`);
    }
    expect((await keys({ service: s, from: "2024-05-10", to: "2024-05-30" })).changeFailureRate).toEqual({ ratio: 0.05, failedDeployments: 1, deployments: 20, tier: "elite" });
  });
});

describe("time to restore service", () => {
  it("takes the median of resolved minus opened over the incidents resolved in the window", async () => {
    const s = "ttr-svc";
    await incident(s, "2024-06-03T10:00:00Z", "2024-06-03T10:30:00Z");
    await incident(s, "2024-06-04T10:00:00Z", "2024-06-04T12:00:00Z");
    await incident(s, "2024-05-31T10:00:00Z", "2024-06-01T16:00:00Z"); // opened before the window: 30 h, counts
    await incident(s, "2024-06-05T10:00:00Z", null); // still open
    await incident(s, "2024-06-07T10:00:00Z", "2024-06-08T00:00:00Z"); // resolved at the window's end: outside
    const k = await keys({ service: s, from: "2024-06-01", to: "2024-06-08" });
    expect(k.timeToRestore).toEqual({ medianHours: 2, incidents: 3, tier: "high" });
  });
});

describe("UTC", () => {
  it("buckets days and weeks in UTC whatever the database session's time zone", async () => {
    const s = "tz-svc";
    // Sunday 23:30 UTC is already Monday in Kiritimati (UTC+14).
    await deploy(s, "2024-01-07T23:30:00Z");
    await deploy(s, "2024-01-08T00:30:00Z");
    const name = new URL(testDatabaseUrl).pathname.slice(1);
    await db.execute(sql.raw(`alter database "${name}" set timezone to 'Pacific/Kiritimati'`));
    await closeDb();
    const [{ tz }] = await db.execute<{ tz: string }>(sql`select current_setting('timezone') as tz`);
    expect(tz).toBe("Pacific/Kiritimati");
    const k = await keys({ service: s, from: "2024-01-01T00:00:00+00:00", to: "2024-01-15" });
    expect(k.deploymentFrequency).toMatchObject({ deployments: 2, deployDays: 2, medianDeployDaysPerWeek: 1 });
  });
});
