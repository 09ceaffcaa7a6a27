import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { actorFor } from "@/db/test/fixtures";
import { computeDoraKeys } from "@/lib/metrics/dora";
import { DEMO_SERVICES } from "./dora";
import { doraQuerySchema } from "@/lib/metrics/schemas";
import { demoTeams, seedDemo, seedDemoCatalog } from "./demo";

const demoComponents = () =>
  db.execute<{ name: string; owner: string; hash: string; updated: string; labels: Record<string, string> }>(sql`
    select name, owner_ref as owner, hash, updated_at::text as updated, metadata -> 'labels' as labels
    from catalog_entities where kind = 'Component' order by name collate "C"`);

describe("the demo seed", () => {
  beforeAll(async () => {
    await seedDemo(db);
  }, 120_000);

  it("gives every demo team DORA figures, as its manager sees them", async () => {
    const manager = await actorFor("manager@example.com");
    for (const team of demoTeams) {
      const keys = await computeDoraKeys(manager, doraQuerySchema.parse({ team: team.name }));
      expect(keys.deploymentFrequency.deploymentsPerDay, team.name).not.toBeNull();
    }
  });

  it("imports the demo services as Components of the demo teams' Groups, labelled demo", async () => {
    const rows = await demoComponents();
    expect(rows.map((r) => [r.name, r.owner])).toEqual(DEMO_SERVICES.map((s) => [s.name, `group:default/${s.team}`]).sort());
    expect(rows.every((r) => r.labels["runway.dev/demo"] === "true")).toBe(true);
  });

  it("adds the demo teams as Groups and the demo people as their members, so owners are not shown as missing", async () => {
    const groups = await db.execute<{ name: string }>(sql`select name from catalog_entities where kind = 'Group' order by name`);
    expect(groups.map((g) => g.name)).toEqual(demoTeams.map((t) => t.name).sort());
    const members = await db.execute<{ source_ref: string }>(sql`select source_ref from catalog_relations where type = 'memberOf' and target_ref = 'group:default/payments' order by 1`);
    expect(members.map((m) => m.source_ref)).toEqual(["user:default/developer", "user:default/manager"]);
  });

  it("is idempotent, and leaves a Component someone changed since as it is", async () => {
    const before = await demoComponents();
    await seedDemo(db);
    expect(await demoComponents()).toEqual(before);

    await db.execute(sql`update catalog_entities set owner_ref = 'group:default/checkout', hash = 'edited' where name = 'checkout-web'`);
    await seedDemoCatalog(db);
    const [edited] = (await demoComponents()).filter((r) => r.name === "checkout-web");
    expect(edited).toMatchObject({ owner: "group:default/checkout", hash: "edited" });
  });
});
