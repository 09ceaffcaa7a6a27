import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { createUser } from "@/db/test/fixtures";
import type { Actor } from "@/lib/auth/actor";
import { refreshPlatformSummaries } from "./facts";

let dev: Actor;

beforeAll(async () => {
  dev = await createUser({ email: "dev@facts.test", teams: ["alpha"] });
});

/** `n` requests submitted and ready, with their events, written at once as a long history would be on upgrade. */
async function history(label: string, n: number): Promise<void> {
  await db.execute(sql`
    with made as (
      insert into requests (kind, team_id, environment, name, parameters, status, requested_by, policy_rule, policy_reason, created_at)
      select 'database', ${dev.teams[0].id}, 'dev', ${label} || '-' || g, '{}', 'ready', ${dev.id}, 'test', 'test', now() - g * interval '1 hour'
      from generate_series(1, ${n}) g
      returning id, created_at
    )
    insert into request_events (request_id, at, actor_id, from_status, to_status, message)
    select id, created_at, null, 'provisioning', 'ready', 'Ready.' from made`);
}

const vacuumed = async () =>
  (await db.execute<{ at: string | null }>(sql`select last_vacuum::text as at from pg_stat_user_tables where relname = 'devex_request_facts'`))[0].at;

describe("the platform figures' summaries", () => {
  it("are vacuumed after a first catch-up over a long history, so the dashboard's index-only scans need not visit the table", async () => {
    await history("recent", 100);
    await refreshPlatformSummaries();
    expect(await vacuumed(), "a small catch-up leaves it to autovacuum").toBeNull();

    await history("upgrade", 10_000);
    await refreshPlatformSummaries();

    expect(await vacuumed()).not.toBeNull();
    const [{ facts }] = await db.execute<{ facts: number }>(sql`select count(*)::int as facts from devex_request_facts`);
    expect(facts).toBe(10_100);
    const [{ allVisible }] = await db.execute<{ allVisible: boolean }>(sql`
      select relallvisible >= relpages as "allVisible" from pg_class where relname = 'devex_request_facts'`);
    expect(allVisible, "every page of the summary is all-visible").toBe(true);
  });
});
