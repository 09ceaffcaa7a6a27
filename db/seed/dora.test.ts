import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { createUser } from "@/db/test/fixtures";
import type { Actor } from "@/lib/auth/actor";
import { DEMO_SERVICES, seedDemoMetrics } from "./dora";
import { computeDoraKeys } from "@/lib/metrics/dora";
import { doraQuerySchema } from "@/lib/metrics/schemas";

const now = new Date("2025-03-20T15:00:00Z");
let admin: Actor;

const counts = async () =>
  (
    await db.execute<{ deployments: number; changes: number; incidents: number; open: number }>(sql`
      select (select count(*)::int from dora_deployments) as deployments, (select count(*)::int from dora_changes) as changes,
             (select count(*)::int from dora_incidents) as incidents, (select count(*)::int from dora_incidents where resolved_at is null) as open`)
  )[0];

const lastQuarter = (service: string) => computeDoraKeys(admin, doraQuerySchema.parse({ service, from: "2024-12-20", to: "2025-03-20" }));

describe("the demo history", () => {
  beforeAll(async () => {
    admin = await createUser({ email: "demo-admin@example.com", role: "admin" });
    await seedDemoMetrics(db, now);
  });

  it("covers a year of every demo service, up to now and no further, labelled demo", async () => {
    const [span] = await db.execute<{ first: string; last: string; services: number; sources: string[] }>(sql`
      select min(deployed_at at time zone 'UTC')::date::text as first, max(deployed_at) <= ${now.toISOString()}::timestamptz as last,
             (select count(*)::int from dora_services where is_demo) as services, array_agg(distinct source::text) as sources
      from dora_deployments`);
    expect(span.first.slice(0, 7)).toBe("2024-03");
    expect(span.last).toBe(true);
    expect(span).toMatchObject({ services: DEMO_SERVICES.length, sources: ["demo"] });
  });

  it("has an elite and a low performer", async () => {
    const elite = await lastQuarter("payments-api");
    expect([elite.deploymentFrequency.tier, elite.leadTimeForChanges.tier]).toEqual(["elite", "elite"]);
    const low = await lastQuarter("search-indexer");
    expect([low.deploymentFrequency.tier, low.leadTimeForChanges.tier]).toEqual(["low", "low"]);
    expect(low.deploymentFrequency.deployments).toBe(2);
  });

  it("links incidents to the deployments that caused them", async () => {
    const [{ linked, caused }] = await db.execute<{ linked: number; caused: number }>(sql`
      select (select count(*)::int from dora_incidents where cause_sha is not null) as linked,
             (select count(*)::int from dora_deployments where caused_incident and environment = 'production' and status = 'success') as caused`);
    expect(linked).toBeGreaterThan(10);
    expect(caused).toBe(linked);
  });

  it("is idempotent, and a later run adds only the days since and resolves what has been resolved meanwhile", async () => {
    const before = await counts();
    const open = await db.execute<{ id: string }>(sql`select id from dora_incidents where resolved_at is null`);
    expect(open.length).toBeGreaterThan(0);
    await seedDemoMetrics(db, now);
    expect(await counts()).toEqual(before);
    // Every profile restores within 30 days.
    await seedDemoMetrics(db, new Date(now.getTime() + 30 * 86_400_000));
    const after = await counts();
    expect(after.deployments).toBeGreaterThan(before.deployments);
    expect(after.changes).toBeGreaterThan(before.changes);
    const stillOpen = await db.execute(sql`select id from dora_incidents where resolved_at is null and id in (select jsonb_array_elements_text(${JSON.stringify(open.map((o) => o.id))}::jsonb))`);
    expect(stillOpen).toEqual([]);
  });
});
