import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLES_DIR, exampleFiles } from "./testing/fixtures";
import { validateEntity } from "./validate";
import { parseYamlDocuments } from "./yaml";

function documentsOf(file: string) {
  return parseYamlDocuments(fs.readFileSync(path.join(EXAMPLES_DIR, file), "utf8"));
}

describe("Backstage's example catalog", () => {
  const results = exampleFiles().flatMap((file) =>
    documentsOf(file).map((doc) => ({ file, doc, result: "value" in doc ? validateEntity(doc.value) : null })),
  );

  it("parses every document of every example file", () => {
    expect(results.length).toBeGreaterThan(80);
    expect(results.filter((r) => r.result === null)).toEqual([]);
  });

  it("accepts every entity of every kind except the deliberately invalid one", () => {
    const refused = results.filter((r) => r.result && !r.result.ok);
    expect(refused.map((r) => r.file)).toEqual(["components/invalid-component.yaml"]);
    const kinds = new Set(results.flatMap((r) => (r.result?.ok ? [r.result.entity.name.kind] : [])));
    expect([...kinds].sort()).toEqual(["API", "Component", "Domain", "Environment", "Group", "Location", "Resource", "System", "User"]);
  });

  it("says which field of the invalid component is wrong and why", () => {
    const bad = results.find((r) => r.file === "components/invalid-component.yaml")!.result;
    expect(bad).toMatchObject({ ok: false, key: "component:default/invalid component" });
    const problems = bad && !bad.ok ? bad.problems : [];
    expect(problems).toContainEqual({ field: "metadata.name", message: expect.stringContaining('"invalid component" is not a valid name') });
    expect(problems).toContainEqual({ field: "metadata.tags[1]", message: expect.stringContaining('"go 1.15.3" is not a valid tag') });
  });

  it("keeps a kind it does not know (Environment) with its fields", () => {
    const dev = results.find((r) => r.file === "environments/dev.yaml")!.result;
    expect(dev).toMatchObject({ ok: true, entity: { key: "environment:default/dev", document: { spec: { lifecycle: "dev" } }, relations: [] } });
  });

  it("fills in the default namespace and resolves references against the entity's own namespace", () => {
    const guest = results.find((r) => r.result?.ok && r.result.entity.key === "user:development/guest")!.result;
    expect(guest?.ok && guest.entity.relations).toEqual([{ type: "memberOf", targetRef: "group:default/team-a", field: "spec.memberOf[0]" }]);
    const other = results.find((r) => r.file === "components/different-namespace.yaml")!.result;
    expect(other?.ok && other.entity.relations).toContainEqual({ type: "ownedBy", targetRef: "group:default/team-a", field: "spec.owner" });
  });
});

describe("validation messages", () => {
  const base = { apiVersion: "backstage.io/v1alpha1", kind: "Component", metadata: { name: "checkout" }, spec: { type: "service", lifecycle: "production", owner: "payments" } };

  it("names the missing spec field", () => {
    const r = validateEntity({ ...base, spec: { type: "service", owner: "payments" } });
    expect(r).toEqual({ ok: false, key: "component:default/checkout", problems: [{ field: "spec.lifecycle", message: "is required" }] });
  });

  it("refuses a built-in kind under another apiVersion", () => {
    const r = validateEntity({ ...base, apiVersion: "backstage.io/v2" });
    expect(r.ok || r.problems).toEqual([{ field: "apiVersion", message: 'Component entities use backstage.io/v1alpha1 or backstage.io/v1beta1, not "backstage.io/v2"' }]);
  });

  it("needs a kind on dependsOn references, as Backstage does", () => {
    const r = validateEntity({ ...base, spec: { ...base.spec, dependsOn: ["orders-db"] } });
    expect(r.ok || r.problems).toEqual([{ field: "spec.dependsOn[0]", message: expect.stringContaining('"orders-db" needs a kind') }]);
  });

  it("refuses a document that is not a mapping", () => {
    expect(validateEntity(["a"])).toMatchObject({ ok: false, key: null, problems: [{ message: expect.stringContaining("is not a mapping") }] });
  });

  it("matches known kinds whatever their case", () => {
    const r = validateEntity({ ...base, kind: "component" });
    expect(r.ok && r.entity.name.kind).toBe("Component");
  });
});
