import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import "@/db/test/database";
import { leadTimeBySegment } from "./lead-time";
import type { ChangeEvent, DeploymentEvent, IncidentEvent } from "./schemas";
import { rebuildDerived, writeChanges, writeDeployments, writeIncidents } from "./store";
import { sha } from "./testing/events";

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const start = Date.parse("2031-01-01T00:00:00Z");
const HOUR = 3_600_000;

async function percentileCont(from: string, to: string): Promise<{ pairs: number; p: number[] | null }> {
  const [row] = await db.execute<{ pairs: number; p: number[] | null }>(sql`
    select count(*)::int as pairs, percentile_cont(array[0.5, 0.9]) within group (order by lead_seconds) as p
    from dora_lead_times where environment = 'production' and deployed_at >= ${from}::timestamptz and deployed_at < ${to}::timestamptz`);
  return row;
}

describe("organisation-wide lead time", () => {
  beforeAll(async () => {
    const next = random(42);
    const deployments: DeploymentEvent[] = [];
    const changes: ChangeEvent[] = [];
    for (let d = 0; d < 600; d++) {
      const service = `org-svc-${d % 7}`;
      const deployedAt = start + next() * 60 * 24 * HOUR;
      const shas: string[] = [];
      for (let c = 0; c < 1 + Math.floor(next() * 6); c++) {
        const x = sha(`o${d}x${c}`);
        shas.push(x);
        // From minutes to weeks, and now and then after the deployment (dropped).
        changes.push({ id: `org-${x}`, service, sha: x, committedAt: new Date(deployedAt - (next() < 0.05 ? -HOUR : next() ** 3 * 21 * 24 * HOUR)) });
      }
      deployments.push({ id: `org-dep-${d}`, service, environment: next() < 0.9 ? "production" : "staging", status: next() < 0.93 ? "success" : "failure", deployedAt: new Date(deployedAt), commitShas: shas });
    }
    const incidents: IncidentEvent[] = deployments
      .filter((_, i) => i % 20 === 0)
      .map((d, i) => ({ id: `org-inc-${i}`, service: d.service, openedAt: d.deployedAt, resolvedAt: null, causeSha: d.commitShas[0] }));
    await db.transaction((tx) => writeIncidents(tx, incidents, "api"));
    await db.transaction((tx) => writeChanges(tx, changes, "api"));
    await db.transaction((tx) => writeDeployments(tx, deployments, "api"));
    // Re-sent with changes, so that rows leave the rollup as well as enter it.
    await db.transaction((tx) =>
      writeDeployments(tx, deployments.slice(0, 80).map((d, i) => ({ ...d, status: i % 2 ? "failure" : "success", deployedAt: new Date(d.deployedAt.getTime() + 5 * HOUR) })), "api"),
    );
  });

  it("keeps the daily rollup equal to the rows it counts", async () => {
    const drift = await db.execute(sql`
      select coalesce(r.environment, l.environment), coalesce(r.day, l.day), coalesce(r.bucket, l.bucket), r.count, l.count
      from (select * from dora_lead_time_daily where count <> 0) r
      full join (select environment, (deployed_at at time zone 'UTC')::date as day, bucket, count(*)::int as count from dora_lead_times group by 1, 2, 3) l
        using (environment, day, bucket)
      where r.count is distinct from l.count`);
    expect(drift).toEqual([]);
  });

  it("derives the same rows when rebuilt from the events at once as when kept up to date on each write", async () => {
    const snapshot = () =>
      db.execute(sql`
        select (select md5(string_agg(concat_ws(',', environment, service, sha, deployment_id, deployed_at, lead_seconds, bucket), ';' order by environment, service, sha)) from dora_lead_times) as leads,
               (select md5(string_agg(concat_ws(',', environment, day, bucket, count), ';' order by environment, day, bucket)) from dora_lead_time_daily where count <> 0) as daily,
               (select md5(string_agg(id, ',' order by id)) from dora_deployments where caused_incident) as caused`);
    const incremental = await snapshot();
    await db.transaction((tx) => rebuildDerived(tx));
    expect(await snapshot()).toEqual(incremental);
  });

  it.each([
    ["whole days", "2031-01-01T00:00:00Z", "2031-03-01T00:00:00Z"],
    ["starting and ending mid-day", "2031-01-03T07:30:00Z", "2031-02-11T19:45:00Z"],
    ["within one day", "2031-01-20T01:00:00Z", "2031-01-20T23:00:00Z"],
    ["one week", "2031-01-13T00:00:00Z", "2031-01-20T00:00:00Z"],
  ])("gives what PERCENTILE_CONT gives over %s", async (_, from, to) => {
    const expected = await percentileCont(from, to);
    const got = (await leadTimeBySegment("production", null, [{ key: "w", from: new Date(from), to: new Date(to) }])).get("w")!;
    expect(got.pairs).toBe(expected.pairs);
    expect(expected.pairs).toBeGreaterThan(0);
    expect(got.medianHours! * 3600).toBeCloseTo(expected.p![0], 6);
    expect(got.p90Hours! * 3600).toBeCloseTo(expected.p![1], 6);
  });

  it("answers no data for a window without deployments", async () => {
    expect((await leadTimeBySegment("production", null, [{ key: "w", from: new Date("2030-01-01"), to: new Date("2030-02-01") }])).get("w")).toEqual({
      pairs: 0,
      medianHours: null,
      p90Hours: null,
    });
  });
});
