import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { textArray } from "@/lib/db-sql";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { RELATION_PAIRS, type RelationType } from "./relations";
import { refKey, splitKey, type EntityName } from "./refs";
import type { EntityDocument, EntityMetadata } from "./validate";

export type RelationTarget = EntityName & { key: string; title: string | null; type: string | null; exists: boolean };

/** One relation type of an entity: the first targets (a Group may own thousands) and how many there are. */
export type RelationGroup = { type: RelationType; total: number; targets: RelationTarget[] };

export type StoredEntity = {
  id: string;
  key: string;
  document: EntityDocument;
  source: "import" | "location" | "request";
  sourceFile: string | null;
  location: { id: string; target: string } | null;
  requestId: string | null;
  orphanedAt: Date | null;
  updatedAt: Date;
};

export type DocumentRow = {
  id: string;
  ref: string;
  name: string;
  api_version: string;
  kind: string;
  metadata: EntityMetadata;
  spec: Record<string, unknown>;
  source: StoredEntity["source"];
  source_file: string | null;
  location_id: string | null;
  location_target: string | null;
  request_id: string | null;
  orphaned_at: string | null;
  updated_at: string;
};

const inverseCase = sql.raw(`case r.type ${RELATION_PAIRS.flatMap(([a, b]) => [`when '${a}' then '${b}'`, `when '${b}' then '${a}'`]).join(" ")} end`);

/**
 * Relations of several entities, both those they declare and those declared
 * toward them (read as the inverse), with targets labelled and missing ones
 * kept. At most `perType` targets per entity and type.
 */
export async function loadRelations(entities: { id: string; key: string }[], perType: number): Promise<Map<string, RelationGroup[]>> {
  const out = new Map<string, RelationGroup[]>(entities.map((e) => [e.key, []]));
  if (!entities.length) return out;
  // One array parameter each, so the statement text (and its prepared plan) is the same for every page.
  const ids = textArray(entities.map((e) => e.id));
  const keys = textArray(entities.map((e) => e.key));
  const rows = await db.execute<{ owner: string; type: RelationType; other: string; total: number; kind: string | null; namespace: string | null; name: string | null; title: string | null; etype: string | null }>(sql`
    with rels as (
      select r.source_ref as owner, r.type, r.target_ref as other from catalog_relations r where r.source_id = any(${ids}::uuid[])
      union
      select r.target_ref as owner, ${inverseCase} as type, r.source_ref as other from catalog_relations r where r.target_ref = any(${keys})
    ), numbered as (
      select rels.*, count(*) over (partition by owner, type)::int as total, row_number() over (partition by owner, type order by other) as n from rels
    )
    select n.owner, n.type, n.other, n.total, o.kind, o.namespace, o.name, o.title, o.type as etype
    from numbered n left join catalog_entities o on o.ref = n.other
    where n.n <= ${perType}
    order by n.owner, n.type, coalesce(o.name, n.other)`);
  for (const r of rows) {
    const groups = out.get(r.owner)!;
    let group = groups.find((g) => g.type === r.type);
    if (!group) groups.push((group = { type: r.type, total: r.total, targets: [] }));
    const label = r.kind ? { kind: r.kind, namespace: r.namespace!, name: r.name! } : splitKey(r.other);
    group.targets.push({ ...label, key: r.other, title: r.title, type: r.etype, exists: r.kind !== null });
  }
  return out;
}

export function toStored(r: DocumentRow): StoredEntity {
  return {
    id: r.id,
    key: r.ref,
    document: { apiVersion: r.api_version, kind: r.kind, metadata: r.metadata, spec: r.spec },
    source: r.source,
    sourceFile: r.source_file,
    location: r.location_id ? { id: r.location_id, target: r.location_target ?? "" } : null,
    requestId: r.request_id,
    orphanedAt: r.orphaned_at ? new Date(r.orphaned_at) : null,
    updatedAt: new Date(r.updated_at),
  };
}

export const documentColumns = sql.raw(
  "e.id, e.ref, e.name, e.api_version, e.kind, e.metadata, e.spec, e.source, e.source_file, e.location_id, (select l.target from catalog_locations l where l.id = e.location_id) as location_target, e.request_id, e.orphaned_at, e.updated_at",
);

export async function loadDocuments(ids: string[]): Promise<StoredEntity[]> {
  if (!ids.length) return [];
  const rows = await db.execute<DocumentRow>(
    sql`select ${documentColumns} from catalog_entities e where e.id = any(${textArray(ids)}::uuid[])`,
  );
  const byId = new Map([...rows].map((r) => [r.id, toStored(r)]));
  return ids.map((id) => byId.get(id)).filter((e): e is StoredEntity => e !== undefined);
}

/** One entity by kind, namespace and name (matched case-insensitively, as Backstage does), or null. */
export async function getEntity(actor: Actor, name: EntityName): Promise<StoredEntity | null> {
  assertCan(actor, "catalog:read");
  const key = refKey(name);
  const [row] = await db.execute<DocumentRow>(sql`select ${documentColumns} from catalog_entities e where e.ref = ${key}`);
  return row ? toStored(row) : null;
}

/**
 * Relations per type an API answer carries (a list's entities fewer, so a
 * page of groups stays small); `relationCounts` says when there are more, and
 * GET /api/v1/catalog/entities?rel=type:ref pages through all of them.
 */
export const API_RELATIONS_PER_TYPE = { one: 100, list: 20 };

export type EntityWithRelations = { entity: StoredEntity; relations: RelationGroup[] };

/** Whole documents with their relations, for the API's list (one page) and entity answers. */
export async function withRelations(entities: StoredEntity[], perType: number): Promise<EntityWithRelations[]> {
  const relations = await loadRelations(entities.map((e) => ({ id: e.id, key: e.key })), perType);
  return entities.map((entity) => ({ entity, relations: relations.get(entity.key) ?? [] }));
}
