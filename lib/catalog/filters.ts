import { sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/lib/auth/actor";
import { validationFailed } from "@/lib/errors";
import { inverseOf, isRelationType, RELATION_TYPES } from "./relations";
import { EntityRefError, parseEntityRef, refKey } from "./refs";
import type { ListEntitiesQuery } from "./schemas";
import { canonicalKind } from "./validate";

function refParam(value: string, field: string, defaultKind?: string): string {
  try {
    return refKey(parseEntityRef(value, { defaultKind }));
  } catch (e) {
    if (e instanceof EntityRefError) throw validationFailed(`${field}: ${e.message}`, { [field]: e.message });
    throw e;
  }
}

/** The Runway teams of the actor, as the Group entities that stand for them. */
export function teamGroupRefs(actor: Actor): string[] {
  return actor.teams.map((t) => refKey({ kind: "Group", namespace: "default", name: t.name }));
}

const list = (values: string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

/** The filters shown with counts per value beside the list. */
export const FACETS = ["kind", "type", "lifecycle", "owner", "system", "tag"] as const;
export type Facet = (typeof FACETS)[number];

/**
 * The list's filters as SQL over the entity table aliased `e`, every value a
 * bound parameter: those of a facet by facet (a facet's counts leave its own
 * filter out), and the others ("mine", a relation).
 */
export type Filters = { byFacet: Partial<Record<Facet, SQL>>; others: SQL[] };

export function filterConditions(actor: Actor, q: ListEntitiesQuery): Filters {
  const byFacet: Filters["byFacet"] = {};
  const others: SQL[] = [];
  if (q.kind) byFacet.kind = sql`e.kind in (${list(q.kind.split(",").map((k) => canonicalKind(k.trim())).filter(Boolean))})`;
  if (q.type) byFacet.type = sql`e.type = ${q.type}`;
  if (q.lifecycle) byFacet.lifecycle = sql`e.lifecycle = ${q.lifecycle}`;
  if (q.tag) byFacet.tag = sql`e.tags @> array[${q.tag}]::text[]`;
  if (q.owner) byFacet.owner = sql`e.owner_ref = ${refParam(q.owner, "owner", "Group")}`;
  if (q.system) byFacet.system = sql`e.system_ref = ${refParam(q.system, "system", "System")}`;
  if (q.mine) {
    const mine = teamGroupRefs(actor);
    others.push(mine.length ? sql`e.owner_ref in (${list(mine)})` : sql`false`);
  }
  if (q.rel) {
    const colon = q.rel.indexOf(":");
    const type = colon === -1 ? "" : q.rel.slice(0, colon);
    if (!isRelationType(type)) {
      throw validationFailed(`rel must be relationType:entityRef, with a relation type among ${RELATION_TYPES.join(", ")}`, { rel: "is not valid" });
    }
    const target = refParam(q.rel.slice(colon + 1), "rel");
    // Declared by the entity itself, or by the other end as the inverse (a Group's members, a User's memberOf).
    others.push(sql`(e.id in (select r.source_id from catalog_relations r where r.type = ${type} and r.target_ref = ${target})
      or e.ref in (select r.target_ref from catalog_relations r where r.source_ref = ${target} and r.type = ${inverseOf(type)}))`);
  }
  return { byFacet, others };
}

export function allConditions(f: Filters): SQL[] {
  return [...FACETS.flatMap((k) => f.byFacet[k] ?? []), ...f.others];
}

export function whereClause(conditions: SQL[]): SQL {
  return conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
}
