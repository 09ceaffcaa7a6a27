import { beforeAll, describe, expect, it } from "vitest";
import { actorFor, seedDemoOrg } from "@/db/test/fixtures";
import type { Actor } from "@/lib/auth/actor";
import { importCatalog } from "./import";
import { entityFacets, listEntities, suggestEntities } from "./queries";
import { importExamples } from "./testing/import-examples";

let admin: Actor;
let developer: Actor;

beforeAll(async () => {
  await seedDemoOrg();
  [admin, developer] = await Promise.all([actorFor("admin@example.com"), actorFor("developer@example.com")]);
  await importExamples(admin);
  const payments = ["checkout", "checkout-api", "ledger"].map(
    (name) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  tags: [payments]
spec:
  type: service
  lifecycle: production
  owner: payments
`,
  );
  await importCatalog(admin, { files: [{ name: "payments.yaml", text: payments.join("---\n") }], dryRun: false });
});

const names = (page: { items: { name: string }[] }) => page.items.map((e) => e.name);

describe("searching the catalog", () => {
  it("puts an exact name match first, then names that start with it", async () => {
    const page = await listEntities(developer, { q: "petstore" });
    expect(names(page).slice(0, 2)).toEqual(["petstore", "petstore"]);
    expect(page.items.slice(0, 2).map((e) => e.kind).sort()).toEqual(["API", "Component"]);
    expect(names(page)).toContain("petstore31");
    expect(names(page).indexOf("petstore31")).toBeGreaterThan(1);
  });

  it("still finds a name with a one-letter typo", async () => {
    expect(names(await listEntities(developer, { q: "petsotre" }))[0]).toBe("petstore");
    expect(names(await listEntities(developer, { q: "wayback-archiv" }))).toContain("wayback-archive");
    expect(names(await listEntities(developer, { q: "artist-lokup" }))[0]).toBe("artist-lookup");
  });

  it("searches titles, descriptions and tags too", async () => {
    expect(names(await listEntities(developer, { q: "Swagger" }))).toEqual([]);
    expect(names(await listEntities(developer, { q: "smartylighting" }))).toContain("streetlights");
    expect(names(await listEntities(developer, { q: "playback" }))).toEqual(expect.arrayContaining(["playback-order", "audio-playback"]));
    expect(names(await listEntities(developer, { q: "mqtt" }))).toEqual(["streetlights"]);
  });

  it("lists names that match before entities that only mention the words, across pages", async () => {
    // "playback" is in the names playback-order, playback-lib and audio-playback, and only in the description of others.
    const all = await listEntities(developer, { q: "playback", limit: 100 });
    const named = all.items.findIndex((e) => !e.name.includes("playback") && !(e.title ?? "").toLowerCase().includes("playback"));
    expect(named).toBeGreaterThan(0);
    expect(all.items.slice(named).every((e) => !e.name.includes("playback"))).toBe(true);
    const oneByOne: string[] = [];
    for (let cursor: string | undefined, i = 0; i === 0 || cursor; i++) {
      const page = await listEntities(developer, { q: "playback", limit: 1, cursor });
      oneByOne.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    }
    expect(oneByOne).toEqual(all.items.map((e) => e.id));
  });

  it("pages through results with a cursor, without repeats or gaps", async () => {
    const all = await listEntities(developer, { q: "a", limit: 100 });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listEntities(developer, { q: "a", limit: 7, cursor });
      expect(page.items.length).toBeLessThanOrEqual(7);
      expect(page.total).toBe(all.total);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.items.map((e) => e.id));
  });
});

describe("listing and filtering", () => {
  it("lists by name, one page at a time, with the total", async () => {
    const first = await listEntities(developer, { limit: 10 });
    expect(first.items).toHaveLength(10);
    expect(first.total).toBeGreaterThan(80);
    const second = await listEntities(developer, { limit: 10, cursor: first.nextCursor! });
    expect(second.items[0].name >= first.items[9].name).toBe(true);
    await expect(listEntities(developer, { cursor: "garbage" })).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("filters by kind, type, owner, lifecycle, tag and system", async () => {
    expect((await listEntities(developer, { kind: "group" })).total).toBe(9);
    expect(names(await listEntities(developer, { kind: "API", type: "graphql" }))).toEqual(["starwars-graphql"]);
    expect(names(await listEntities(developer, { owner: "team-c", kind: "Component" }))).toEqual(["playback-sdk"]);
    expect(names(await listEntities(developer, { tag: "mqtt" }))).toEqual(["streetlights"]);
    expect(names(await listEntities(developer, { system: "podcast" }))).toEqual(expect.arrayContaining(["podcast-api"]));
    expect((await listEntities(developer, { lifecycle: "experimental", kind: "Component" })).items.every((e) => e.lifecycle === "experimental")).toBe(true);
  });

  it("shows what my teams own", async () => {
    expect(names(await listEntities(developer, { mine: true }))).toEqual(["checkout", "checkout-api", "ledger"]);
    expect((await listEntities(admin, { mine: true })).total).toBe(0);
  });

  it("follows a relation from either end", async () => {
    expect(names(await listEntities(developer, { rel: "memberOf:group:default/team-a" })).sort()).toEqual(["breanna.davison", "guest", "guest", "janelle.dawe", "nigel.manning"]);
    expect(names(await listEntities(developer, { rel: "apiProvidedBy:component:default/petstore" })).sort()).toEqual(["petstore", "streetlights"]);
    await expect(listEntities(developer, { rel: "likes:group:default/team-a" })).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("counts the entities per filter value", async () => {
    const facets = await entityFacets(developer, {});
    expect(facets.kind).toContainEqual({ value: "Group", count: 9 });
    expect(facets.tag).toContainEqual({ value: "payments", count: 3 });
    expect(facets.owner).toContainEqual({ value: "group:default/payments", count: 3 });
    const narrowed = await entityFacets(developer, { kind: "API" });
    expect(narrowed.type[0]).toEqual({ value: "openapi", count: expect.any(Number) });
    expect(narrowed.type.map((t) => t.value)).not.toContain("service");
  });

  it("counts each filter's values under the other filters, so that choosing another value shows what it would give", async () => {
    const view = { kind: "Component", owner: "team-c" };
    const facets = await entityFacets(developer, view);
    // Other kinds keep their counts once a kind is chosen: team-c owns APIs and a System too.
    expect(facets.kind).toEqual(expect.arrayContaining([{ value: "Component", count: 1 }, { value: "API", count: 6 }, { value: "System", count: 1 }]));
    expect(facets.owner).toEqual(expect.arrayContaining([{ value: "group:default/team-c", count: 1 }, { value: "group:default/payments", count: 3 }]));
    // Every count is the total of the list with that value chosen instead.
    for (const facet of ["kind", "type", "lifecycle", "owner", "system", "tag"] as const) {
      for (const { value, count } of facets[facet]) expect({ facet, value, count }).toEqual({ facet, value, count: (await listEntities(developer, { ...view, [facet]: value })).total });
    }
  });

  it("keeps the chosen value among the counts even when it is not one of the most frequent", async () => {
    const facets = await entityFacets(developer, { tag: "mqtt" }, 1);
    expect(facets.tag).toHaveLength(2);
    expect(facets.tag).toContainEqual({ value: "mqtt", count: 1 });
  });

  it("suggests entities for a picker, of the kinds asked for", async () => {
    const owners = await suggestEntities(developer, { q: "team", kind: "Group,User", limit: 5 });
    expect(owners).toHaveLength(5);
    expect(owners.every((o) => o.kind === "Group" || o.kind === "User")).toBe(true);
    expect(owners[0]).toMatchObject({ ref: expect.stringMatching(/^group:default\/team-/) });
  });
});
