import { describe, expect, it } from "vitest";
import { deriveRelations, inverseOf, RELATION_PAIRS } from "./relations";
import { displayRef, parseEntityRef, refKey } from "./refs";

describe("entity references", () => {
  it("applies Backstage's defaults per part", () => {
    expect(parseEntityRef("team-a", { defaultKind: "Group" })).toEqual({ kind: "Group", namespace: "default", name: "team-a" });
    expect(parseEntityRef("user:guest", { defaultKind: "Group", defaultNamespace: "development" })).toEqual({ kind: "user", namespace: "development", name: "guest" });
    expect(parseEntityRef("default/team-a", { defaultKind: "Group", defaultNamespace: "alternative" })).toEqual({ kind: "Group", namespace: "default", name: "team-a" });
    expect(parseEntityRef("component:alternative/different-namespace")).toEqual({ kind: "component", namespace: "alternative", name: "different-namespace" });
  });

  it("compares case-insensitively and prints as Backstage does", () => {
    const ref = parseEntityRef("Component:default/Petstore");
    expect(refKey(ref)).toBe("component:default/petstore");
    expect(displayRef(ref)).toBe("component:default/Petstore");
  });

  it("refuses references without a kind where none is implied, and empty parts", () => {
    expect(() => parseEntityRef("artists-db")).toThrow(/needs a kind/);
    expect(() => parseEntityRef("component:/x")).toThrow(/is not an entity reference/);
    expect(() => parseEntityRef(":x")).toThrow(/is not an entity reference/);
  });
});

describe("relations", () => {
  it("pairs every relation with its inverse both ways", () => {
    for (const [a, b] of RELATION_PAIRS) {
      expect(inverseOf(a)).toBe(b);
      expect(inverseOf(b)).toBe(a);
    }
  });

  it("derives a component's relations with each field's default kind", () => {
    const { relations, problems } = deriveRelations(
      { kind: "Component", namespace: "default", name: "petstore" },
      { owner: "sre", system: "pets", providesApis: ["petstore", "petstore"], consumesApis: ["component:artist-lookup"], dependsOn: ["resource:pets-db"], subcomponentOf: "store" },
    );
    expect(problems).toEqual([]);
    expect(relations.map((r) => `${r.type} ${r.targetRef}`)).toEqual([
      "ownedBy group:default/sre",
      "partOf component:default/store",
      "providesApi api:default/petstore",
      "consumesApi component:default/artist-lookup",
      "dependsOn resource:default/pets-db",
      "partOf system:default/pets",
    ]);
  });

  it("derives the group hierarchy and membership", () => {
    const group = deriveRelations({ kind: "Group", namespace: "default", name: "backstage" }, { parent: "infrastructure", children: ["team-a"], members: ["jdoe"] });
    expect(group.relations.map((r) => `${r.type} ${r.targetRef}`)).toEqual(["childOf group:default/infrastructure", "parentOf group:default/team-a", "hasMember user:default/jdoe"]);
    const user = deriveRelations({ kind: "User", namespace: "default", name: "jdoe" }, { memberOf: ["team-a"] });
    expect(user.relations.map((r) => `${r.type} ${r.targetRef}`)).toEqual(["memberOf group:default/team-a"]);
  });
});
