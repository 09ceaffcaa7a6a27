import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/db/test/fixtures";
import type { Actor } from "@/lib/auth/actor";
import { doraServiceSearchQuery, searchDoraServices } from "./service-search";
import { component } from "./testing/catalog";
import { deploy } from "./testing/events";

let admin: Actor;
let manager: Actor;
let developer: Actor;

const names = async (actor: Actor, query: Record<string, string> = {}) => (await searchDoraServices(actor, doraServiceSearchQuery.parse(query))).items.map((s) => s.name);

beforeAll(async () => {
  admin = await createUser({ email: "admin@services.test", role: "admin", teams: ["platform"] });
  manager = await createUser({ email: "manager@services.test", role: "manager", teams: [["search", "manager"]] });
  developer = await createUser({ email: "dev@services.test", teams: ["payments"] });
  await createUser({ email: "searcher@services.test", teams: ["search"] });
  await component("payments-api", "payments");
  await component("payments-ui", "payments");
  await component("search-indexer", "search");
  // Events, but no Component yet: an "unowned" service.
  for (const service of ["payments-api", "search-indexer", "pay-legacy"]) await deploy(service, "2024-05-06T10:00:00Z");
});

describe("the DORA service search", () => {
  it("finds the services that sent events, unowned ones too, with the whole organisation in view", async () => {
    expect((await searchDoraServices(admin, doraServiceSearchQuery.parse({ q: "pay" }))).items).toEqual([
      { name: "pay-legacy", team: null },
      { name: "payments-api", team: "payments" },
    ]);
    expect(await names(manager, { team: "*", q: "indexer" })).toEqual(["search-indexer"]);
  });

  it("finds a team's Components once a team is chosen, and a manager's teams' by default", async () => {
    expect(await names(admin, { team: "payments" })).toEqual(["payments-api", "payments-ui"]);
    expect(await names(admin, { team: "payments", q: "ui" })).toEqual(["payments-ui"]);
    expect(await names(manager)).toEqual(["search-indexer"]);
  });

  it("pages with a cursor", async () => {
    const first = await searchDoraServices(admin, doraServiceSearchQuery.parse({ limit: "2" }));
    expect(first.items.map((s) => s.name)).toEqual(["pay-legacy", "payments-api"]);
    const second = await searchDoraServices(admin, doraServiceSearchQuery.parse({ limit: "2", cursor: first.nextCursor }));
    expect(second).toEqual({ items: [{ name: "search-indexer", team: "search" }], nextCursor: null });
  });

  it("keeps developers to their own teams' services", async () => {
    expect(await names(developer, { q: "pay" })).toEqual(["payments-api", "payments-ui"]);
    await expect(names(developer, { team: "*" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(names(developer, { team: "search" })).rejects.toMatchObject({ code: "forbidden" });
  });
});
