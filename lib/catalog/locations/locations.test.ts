import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, seedDemoOrg } from "@/db/test/fixtures";
import type { Actor } from "@/lib/auth/actor";
import { getEntity, withRelations } from "../entity";
import { listEntities } from "../queries";
import { exampleRepository } from "../testing/fixtures";
import { deleteLocation, listLocations, refreshLocation, registerLocation } from "./manage";
import { refreshDueLocations } from "./sweep";

let admin: Actor;
let developer: Actor;
let repo: ReturnType<typeof exampleRepository>;
let locationId: string;

beforeAll(async () => {
  await seedDemoOrg();
  [admin, developer] = await Promise.all([actorFor("admin@example.com"), actorFor("developer@example.com")]);
  repo = exampleRepository();
});

afterAll(() => repo.remove());

async function relationsOf(kind: string, name: string, namespace = "default") {
  const entity = await getEntity(admin, { kind, namespace, name });
  expect(entity, `${kind}:${namespace}/${name}`).not.toBeNull();
  const [one] = await withRelations([entity!], 100);
  return one.relations.flatMap((g) => g.targets.map((t) => `${g.type} ${t.key}${t.exists ? "" : " (missing)"}`));
}

describe("a git repository registered as a location", () => {
  it("imports every example entity with its relations, and refuses only the invalid one", async () => {
    const { location, result } = await registerLocation(admin, { target: `git+file://${repo.dir}#index.yaml` });
    locationId = location.id;
    // 79 entities besides Locations, one refused; plus the two Location entities (index.yaml and acme/org.yaml's).
    expect(result.added).toBe(78 + 2);
    expect(result.refused).toBe(1);
    expect(result.errors.map((e) => [e.file.split("#")[1], e.document, e.field])).toEqual([
      ["components/invalid-component.yaml", 1, "metadata.name"],
      ["components/invalid-component.yaml", 1, "metadata.tags[1]"],
    ]);
    expect(location).toMatchObject({ target: `git+file://${repo.dir}#index.yaml`, entityCount: 80, lastReadAt: expect.any(Date) });
    // Remote $text placeholders cannot be read here (no network); the APIs are kept, with a warning naming the field.
    expect(result.warnings.length).toBeGreaterThan(0);
    expect(result.warnings.every((w) => w.field === "spec.definition")).toBe(true);
  });

  it("resolves relative $text placeholders inside the repository", async () => {
    const api = await getEntity(admin, { kind: "API", namespace: "default", name: "petstore-webhook" });
    expect(api?.document.spec.definition).toEqual(expect.stringContaining("openapi:"));
    expect(api?.document.metadata.annotations).toMatchObject({
      "backstage.io/managed-by-location": `url:git+file://${repo.dir}#apis/petstore-webhook-api.yaml`,
      "backstage.io/source-location": `url:git+file://${repo.dir}#apis/`,
    });
  });

  it("derives relations both ways and keeps the dangling ones", async () => {
    expect(await relationsOf("Component", "petstore")).toEqual(
      expect.arrayContaining(["providesApi api:default/petstore", "consumesApi api:default/searcher (missing)", "ownedBy group:default/sre (missing)"]),
    );
    expect(await relationsOf("API", "petstore")).toEqual(expect.arrayContaining(["apiProvidedBy component:default/petstore", "ownedBy group:default/team-c"]));
    const teamA = await relationsOf("Group", "team-a");
    expect(teamA).toEqual(expect.arrayContaining(["hasMember user:default/breanna.davison", "hasMember user:development/guest", "childOf group:default/backstage", "ownerOf api:default/backstage-mcp-server"]));
    expect(await relationsOf("Group", "backstage")).toEqual(expect.arrayContaining(["parentOf group:default/team-a", "childOf group:default/infrastructure"]));
    expect(await relationsOf("Component", "different-namespace", "alternative")).toEqual(["ownedBy group:default/team-a"]);
  });

  it("is readable by every user, but only admins register locations", async () => {
    const page = await listEntities(developer, { q: "petstore" });
    expect(page.items.map((e) => e.name)).toContain("petstore");
    await expect(registerLocation(developer, { target: "https://example.com/catalog-info.yaml" })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("flags an entity that disappears from its location, then removes it on the next read", async () => {
    const index = path.join(repo.dir, "index.yaml");
    fs.writeFileSync(index, fs.readFileSync(index, "utf8").replace("  - ./resources/artists-db-resource.yaml\n", ""));
    repo.commit("artists-db is no longer in the catalog");
    const first = await refreshLocation(admin, locationId);
    expect(first).toMatchObject({ orphaned: 1, removed: 0, location: { orphanCount: 1 } });
    const orphan = await getEntity(admin, { kind: "Resource", namespace: "default", name: "artists-db" });
    expect(orphan?.orphanedAt).toBeInstanceOf(Date);

    const second = await refreshLocation(admin, locationId);
    expect(second).toMatchObject({ orphaned: 0, removed: 1, location: { orphanCount: 0, entityCount: 79 } });
    expect(await getEntity(admin, { kind: "Resource", namespace: "default", name: "artists-db" })).toBeNull();
    // Its relations stay visible from the other side, as dangling references.
    expect(await relationsOf("Component", "artist-lookup")).toContain("dependsOn resource:default/artists-db (missing)");
  });

  it("keeps the entities of a file it cannot read or parse this time", async () => {
    const file = path.join(repo.dir, "apis/petstore-api.yaml");
    const text = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, "kind: [unclosed\n");
    fs.rmSync(path.join(repo.dir, "domains/audio-domain.yaml"));
    repo.commit("broken petstore, missing audio domain");
    const broken = await refreshLocation(admin, locationId);
    expect(broken.orphaned).toBe(0);
    expect(broken.result.errors.map((e) => `${e.file.split("#")[1]} ${e.document ?? "-"}`)).toEqual(
      expect.arrayContaining(["apis/petstore-api.yaml 1", "domains/audio-domain.yaml -"]),
    );
    expect(broken.location.problems.length).toBe(broken.result.errors.length + broken.result.warnings.length);
    expect(await getEntity(admin, { kind: "API", namespace: "default", name: "petstore" })).not.toBeNull();
    fs.writeFileSync(file, text);
    repo.commit("petstore fixed");
  });

  it("refuses SSRF targets and unreadable locations without registering them", async () => {
    await expect(registerLocation(admin, { target: "http://127.0.0.1:9/catalog-info.yaml" })).rejects.toMatchObject({ code: "validation_failed", message: expect.stringContaining("private or loopback") });
    await expect(registerLocation(admin, { target: "ftp://example.com/x.yaml" })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(registerLocation(admin, { target: `git+file://${repo.dir}#../outside.yaml` })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(registerLocation(admin, { target: `git+file://${repo.dir}#index.yaml` })).rejects.toMatchObject({ code: "conflict" });
    expect((await listLocations(admin)).items.map((l) => l.target)).toEqual([`git+file://${repo.dir}#index.yaml`]);
  });

  it("is read again by the worker's sweep when due, and removing it removes its entities", async () => {
    expect(await refreshDueLocations()).toBe(0);
    await deleteLocation(admin, locationId);
    expect((await listEntities(admin, {})).total).toBe(0);
  });
});
