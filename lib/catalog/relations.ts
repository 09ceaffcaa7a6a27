import { EntityRefError, parseEntityRef, refKey, type EntityName } from "./refs";

/** Backstage's relation pairs: each relation read from the other end is its inverse. */
export const RELATION_PAIRS = [
  ["ownedBy", "ownerOf"],
  ["partOf", "hasPart"],
  ["dependsOn", "dependencyOf"],
  ["providesApi", "apiProvidedBy"],
  ["consumesApi", "apiConsumedBy"],
  ["memberOf", "hasMember"],
  ["childOf", "parentOf"],
] as const;

export type RelationType = (typeof RELATION_PAIRS)[number][number];

export const RELATION_TYPES: RelationType[] = RELATION_PAIRS.flat();

const inverses = new Map<string, RelationType>(RELATION_PAIRS.flatMap(([a, b]) => [[a, b], [b, a]] as [string, RelationType][]));

export function inverseOf(type: RelationType): RelationType {
  return inverses.get(type)!;
}

export function isRelationType(value: string): value is RelationType {
  return inverses.has(value);
}

/** What a person reads for each relation on an entity page. */
export const RELATION_LABELS: Record<RelationType, string> = {
  ownedBy: "Owned by",
  ownerOf: "Owns",
  partOf: "Part of",
  hasPart: "Has parts",
  dependsOn: "Depends on",
  dependencyOf: "Dependency of",
  providesApi: "Provides APIs",
  apiProvidedBy: "Provided by",
  consumesApi: "Consumes APIs",
  apiConsumedBy: "Consumed by",
  memberOf: "Member of",
  hasMember: "Members",
  childOf: "Child of",
  parentOf: "Parent of",
};

type Rule = { field: string; defaultKind?: string; type: RelationType };

/**
 * The spec fields each kind turns into relations, with the kind a bare name
 * refers to: Backstage's BuiltinKindsEntityProcessor. `dependsOn` and
 * `dependencyOf` name no default kind, so their references must carry one.
 */
const RULES: Record<string, Rule[]> = {
  Component: [
    { field: "owner", defaultKind: "Group", type: "ownedBy" },
    { field: "subcomponentOf", defaultKind: "Component", type: "partOf" },
    { field: "providesApis", defaultKind: "API", type: "providesApi" },
    { field: "consumesApis", defaultKind: "API", type: "consumesApi" },
    { field: "dependsOn", type: "dependsOn" },
    { field: "dependencyOf", type: "dependencyOf" },
    { field: "system", defaultKind: "System", type: "partOf" },
  ],
  API: [
    { field: "owner", defaultKind: "Group", type: "ownedBy" },
    { field: "system", defaultKind: "System", type: "partOf" },
  ],
  Resource: [
    { field: "owner", defaultKind: "Group", type: "ownedBy" },
    { field: "dependsOn", type: "dependsOn" },
    { field: "dependencyOf", type: "dependencyOf" },
    { field: "system", defaultKind: "System", type: "partOf" },
  ],
  System: [
    { field: "owner", defaultKind: "Group", type: "ownedBy" },
    { field: "domain", defaultKind: "Domain", type: "partOf" },
  ],
  Domain: [
    { field: "owner", defaultKind: "Group", type: "ownedBy" },
    { field: "subdomainOf", defaultKind: "Domain", type: "partOf" },
  ],
  Group: [
    { field: "parent", defaultKind: "Group", type: "childOf" },
    { field: "children", defaultKind: "Group", type: "parentOf" },
    { field: "members", defaultKind: "User", type: "hasMember" },
  ],
  User: [{ field: "memberOf", defaultKind: "Group", type: "memberOf" }],
  Template: [{ field: "owner", defaultKind: "Group", type: "ownedBy" }],
};

export type DerivedRelation = { type: RelationType; targetRef: string; field: string };
export type RelationProblem = { field: string; message: string };

/** The relations an entity's spec declares, or the fields whose references cannot be read. */
export function deriveRelations(
  self: EntityName,
  spec: Record<string, unknown>,
): { relations: DerivedRelation[]; problems: RelationProblem[] } {
  const relations: DerivedRelation[] = [];
  const problems: RelationProblem[] = [];
  const seen = new Set<string>();
  for (const rule of RULES[self.kind] ?? []) {
    const value = spec[rule.field];
    if (value === undefined || value === null) continue;
    const list = Array.isArray(value) ? value : [value];
    list.forEach((item, i) => {
      const field = Array.isArray(value) ? `spec.${rule.field}[${i}]` : `spec.${rule.field}`;
      if (typeof item !== "string") {
        problems.push({ field, message: "must be an entity reference (text)" });
        return;
      }
      try {
        const targetRef = refKey(parseEntityRef(item, { defaultKind: rule.defaultKind, defaultNamespace: self.namespace }));
        const id = `${rule.type} ${targetRef}`;
        if (seen.has(id)) return;
        seen.add(id);
        relations.push({ type: rule.type, targetRef, field });
      } catch (e) {
        if (!(e instanceof EntityRefError)) throw e;
        problems.push({ field, message: e.message });
      }
    });
  }
  return { relations, problems };
}

/** The single reference a kind keeps in a column for filters (owner, system), if it declares one. */
export function firstTarget(relations: DerivedRelation[], field: string): string | null {
  return relations.find((r) => r.field === `spec.${field}`)?.targetRef ?? null;
}
