import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { teams } from "@/db/schema";
import { createUser } from "@/db/test/fixtures";
import { nameSearchQuery } from "@/lib/name-search";
import type { Actor } from "./actor";
import { searchTeams } from "./teams";

let admin: Actor;
let manager: Actor;
let developer: Actor;

const search = (actor: Actor, query: Record<string, string> = {}) => searchTeams(actor, nameSearchQuery.parse(query));
const names = async (actor: Actor, query: Record<string, string> = {}) => (await search(actor, query)).items.map((t) => t.name);

beforeAll(async () => {
  admin = await createUser({ email: "admin@teams.test", role: "admin", teams: ["platform"] });
  manager = await createUser({ email: "manager@teams.test", role: "manager", teams: [["pay", "manager"]] });
  developer = await createUser({ email: "dev@teams.test", teams: ["pay"] });
  await createUser({ email: "dev2@teams.test", teams: ["payments"] });
  await db.insert(teams).values([
    { name: "payouts", displayName: "Payouts" },
    { name: "billing-pay", displayName: "Billing" },
    { name: "lohn", displayName: "Payroll tools" },
    { name: "search", displayName: "Search" },
    { name: "percent", displayName: "Literally 100%" },
  ]);
});

describe("the team search", () => {
  it("puts the exact name first, then names that start with the text, then names that contain it", async () => {
    // lohn: its display name starts with "pay".
    expect(await names(admin, { q: "PAY" })).toEqual(["pay", "lohn", "payments", "payouts", "billing-pay"]);
  });

  it("finds a name with a letter swapped", async () => {
    expect(await names(admin, { q: "paymnets" })).toContain("payments");
  });

  it("takes what is typed literally, not as a LIKE pattern", async () => {
    expect(await names(admin, { q: "%" })).toEqual(["percent"]);
    expect(await names(admin, { q: "p_y" })).toEqual([]);
  });

  it("counts the members a round would ask, not the managers", async () => {
    expect((await search(admin, { q: "pay" })).items[0]).toEqual({ name: "pay", displayName: "pay", members: 1 });
  });

  it("pages with a cursor, each team once", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof search>> = await search(admin, { q: "pay", limit: "2", ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((t) => t.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["pay", "lohn", "payments", "payouts", "billing-pay"]);
    await expect(search(admin, { q: "pay", cursor: "not-a-cursor" })).rejects.toMatchObject({ code: "validation_failed", fields: { cursor: "is not valid" } });
  });

  it("lets managers and admins find every team, and developers only their own", async () => {
    expect(await names(manager, { q: "search" })).toEqual(["search"]);
    expect(await names(admin)).toHaveLength(8);
    expect(await names(developer)).toEqual(["pay"]);
    expect(await names(developer, { q: "pay" })).toEqual(["pay"]);
    expect(await names(developer, { q: "search" })).toEqual([]);
  });
});
