import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { actorFor, seedDemoOrg } from "@/db/test/fixtures";
import type { Actor } from "@/lib/auth/actor";
import { importCatalog } from "./import";
import { entityFacets, listEntities } from "./queries";
import { importExamples } from "./testing/import-examples";

let admin: Actor;
let developer: Actor;

beforeAll(async () => {
  await seedDemoOrg();
  [admin, developer] = await Promise.all([actorFor("admin@example.com"), actorFor("developer@example.com")]);
  await importExamples(admin);
});

afterEach(() => vi.restoreAllMocks());

/** The total is counted (not just the rows of one page) only when the list does not fit on the page. */
const components = async () => (await listEntities(developer, { kind: "Component", limit: 1 })).total;
const componentFacet = async () => (await entityFacets(developer, {})).kind.find((k) => k.value === "Component")?.count;

/** A write by another process (the worker reading a location): it goes around this process's cache, and only the database sees it. */
async function writeElsewhere(name: string) {
  await db.execute(sql`insert into catalog_entities (ref, api_version, kind, namespace, name, metadata, hash, source)
    values (${`component:default/${name}`}, 'backstage.io/v1alpha1', 'Component', 'default', ${name}, ${JSON.stringify({ name, namespace: "default" })}::jsonb, ${name}, 'import')`);
}

describe("cached counts", () => {
  it("follow another process's write within 5 seconds", async () => {
    const before = await components();
    const facetBefore = await componentFacet();
    expect(facetBefore).toBe(before);
    await writeElsewhere("written-elsewhere");
    const started = Date.now();
    await vi.waitFor(async () => {
      expect(await components()).toBe(before + 1);
      expect(await componentFacet()).toBe(before + 1);
    }, { timeout: 5_000, interval: 50 });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("are never served more than 5 seconds after a write they miss", async () => {
    const before = await components();
    await writeElsewhere("written-elsewhere-later");
    const now = Date.now();
    vi.spyOn(Date, "now").mockImplementation(() => now + 5_001);
    expect(await components()).toBe(before + 1);
    expect(await componentFacet()).toBe(before + 1);
  });

  it("show this process's own writes at once", async () => {
    const before = await components();
    await importCatalog(admin, { files: [{ name: "one.yaml", text: "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: imported-here\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n" }], dryRun: false });
    expect(await components()).toBe(before + 1);
    expect(await componentFacet()).toBe(before + 1);
  });
});
