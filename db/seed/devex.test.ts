import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { teams } from "@/db/schema";
import { createUser } from "@/db/test/fixtures";
import type { Actor } from "@/lib/auth/actor";
import { loadDevexDashboard } from "@/lib/metrics/devex/dashboard";
import { seedDemoDevex } from "./devex";
import { devexQuerySchema } from "@/lib/metrics/devex/schemas";

let admin: Actor;

beforeAll(async () => {
  await db.insert(teams).values(["payments", "search", "platform"].map((name) => ({ name, displayName: `${name} (demo)`, isDemo: true })));
  admin = await createUser({ email: "admin@demo-seed.test", role: "admin", teams: ["platform"] });
});

const roundIds = async () => (await db.execute<{ id: string }>(sql`select id from devex_rounds where is_demo order by closes_at`)).map((r) => r.id);

describe("the demo pulse rounds", () => {
  it("show, in the default view, six labelled rounds that get better after the portal came", async () => {
    await seedDemoDevex(db);
    const view = await loadDevexDashboard(admin, devexQuerySchema.parse({}));
    expect(view.demo).toBe(true);
    const rounds = view.survey.rounds;
    expect(rounds).toHaveLength(6);
    expect(rounds.every((r) => r.title.endsWith("(demo)") && r.status === "closed")).toBe(true);
    const satisfaction = rounds.map((r) => r.dimensions.satisfaction!.mean);
    expect(satisfaction.at(-1)! - satisfaction[0]).toBeGreaterThan(1);
    expect(rounds[0].enps!.score).toBeLessThan(0);
    expect(rounds.at(-1)!.enps!.score).toBeGreaterThan(0);
    // One round shows the threshold at work: search had four answers.
    expect(rounds[1]).toMatchObject({ teamsAsked: 3, teamsShown: 2 });
    expect(view.survey.detail!.comments.length).toBeGreaterThan(0);
  });

  it("are left alone by the next start, and replaced once they grow old", async () => {
    const first = await roundIds();
    await seedDemoDevex(db);
    expect(await roundIds()).toEqual(first);
    await seedDemoDevex(db, new Date(Date.now() + 60 * 86_400_000));
    const replaced = await roundIds();
    expect(replaced).toHaveLength(6);
    expect(replaced).not.toContain(first[0]);
    const [{ responses, tallied }] = await db.execute<{ responses: number; tallied: number }>(sql`
      select (select count(*) from devex_responses)::int as responses,
        (select sum(count) from devex_tallies where item_key = 'recommend')::int as tallied`);
    expect(tallied).toBe(responses);
  });
});
