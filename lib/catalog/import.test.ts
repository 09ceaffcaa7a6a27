import { beforeAll, describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { auditLog } from "@/db/schema";
import { actorFor, seedDemoOrg } from "@/db/test/fixtures";
import type { Actor } from "@/lib/auth/actor";
import { getEntity } from "./entity";
import { importCatalog } from "./import";
import { listEntities } from "./queries";
import { importExamples } from "./testing/import-examples";

let admin: Actor;
let developer: Actor;

beforeAll(async () => {
  await seedDemoOrg();
  [admin, developer] = await Promise.all([actorFor("admin@example.com"), actorFor("developer@example.com")]);
});

const component = (name: string, extra = "") => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  description: The ${name} service${extra}
spec:
  type: service
  lifecycle: production
  owner: payments
`;

describe("importing pasted YAML", () => {
  it("previews what would be added and refused, without writing", async () => {
    const text = [component("checkout"), "kind: [broken\n", component("Bad Name"), component("ledger")].join("---\n");
    const preview = await importCatalog(admin, { files: [{ name: "catalog-info.yaml", text }], dryRun: true });
    expect(preview).toMatchObject({ dryRun: true, added: 2, updated: 0, unchanged: 0 });
    expect(preview.preview.added.map((e) => e.ref)).toEqual(["component:default/checkout", "component:default/ledger"]);
    expect(preview.errors).toEqual([
      { level: "error", file: "catalog-info.yaml", document: 2, message: expect.stringContaining("is not valid YAML") },
      { level: "error", file: "catalog-info.yaml", document: 3, field: "metadata.name", message: expect.stringContaining('"Bad Name" is not a valid name') },
    ]);
    expect((await listEntities(admin, {})).total).toBe(0);
  });

  it("writes the good documents, skips the bad ones, and says what changed on the next import", async () => {
    const first = await importCatalog(admin, { files: [{ name: "a.yaml", text: [component("checkout"), "- not an entity\n", component("ledger")].join("---\n") }], dryRun: false });
    expect(first).toMatchObject({ added: 2, errors: [{ document: 2, message: expect.stringContaining("is not a mapping") }] });
    const second = await importCatalog(admin, { files: [{ name: "a.yaml", text: [component("checkout", ", rewritten"), component("ledger")].join("---\n") }], dryRun: true });
    expect(second).toMatchObject({ added: 0, updated: 1, unchanged: 1 });
    expect(second.preview.updated.map((e) => e.name)).toEqual(["checkout"]);
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, "catalog.import")).orderBy(desc(auditLog.id)).limit(1);
    expect(audit).toMatchObject({ actorEmail: "admin@example.com", details: { added: 2, errors: 1 } });
  });

  it("refuses a document defined twice in one import", async () => {
    const r = await importCatalog(admin, { files: [{ name: "twice.yaml", text: [component("twin"), component("twin")].join("---\n") }], dryRun: true });
    expect(r.errors).toEqual([{ level: "error", file: "twice.yaml", document: 2, field: "metadata.name", message: "component:default/twin is already defined in twice.yaml, document 1" }]);
  });

  it("imports every example file, each entity with its fields", async () => {
    const result = await importExamples(admin);
    expect(result.errors.map((e) => e.file)).toEqual(["components/invalid-component.yaml", "components/invalid-component.yaml"]);
    const petstore = await getEntity(developer, { kind: "component", namespace: "default", name: "petstore" });
    expect(petstore).toMatchObject({ source: "import", document: { spec: { owner: "sre", providesApis: ["petstore", "streetlights", "playback-order"] } } });
    // A relative $text in pasted YAML has nothing to be relative to; the API is kept and the gap reported.
    expect(result.warnings).toContainEqual(expect.objectContaining({ file: "apis/petstore-webhook-api.yaml", field: "spec.definition", message: expect.stringContaining("register the file as a location") }));
  });

  it("is for admins only", async () => {
    await expect(importCatalog(developer, { files: [{ name: "x.yaml", text: component("x") }], dryRun: true })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("refuses an import over the size limit before reading it", async () => {
    const huge = "#".repeat(17 * 1024 * 1024);
    await expect(importCatalog(admin, { files: [{ name: "huge.yaml", text: huge }], dryRun: true })).rejects.toMatchObject({ code: "validation_failed", message: expect.stringContaining("the limit is 16 MiB") });
  });
});
