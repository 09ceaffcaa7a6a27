import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { textArray } from "@/lib/db-sql";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { decodeEntityCursor, encodeEntityCursor, type EntityCursor } from "./cursor";
import { documentColumns, toStored, type DocumentRow, type StoredEntity } from "./entity";
import { allConditions, FACETS, filterConditions, teamGroupRefs, whereClause, type Facet, type Filters } from "./filters";
import { splitKey, type EntityName } from "./refs";
import type { ListEntitiesQuery } from "./schemas";
import { nameMatch, parseSearch, searchMatch, searchRank, textOnlyMatch, TEXT_ONLY_RANK, type Search } from "./search";
import { cachedCount } from "./view-cache";

/** One row of a list: the columns a table or a picker shows, never the whole document. */
export type EntitySummary = {
  id: string;
  kind: string;
  namespace: string;
  name: string;
  title: string | null;
  description: string | null;
  type: string | null;
  lifecycle: string | null;
  ownerRef: string | null;
  systemRef: string | null;
  tags: string[];
  orphaned: boolean;
};

export type EntityPage<T> = { items: T[]; nextCursor: string | null; total: number };

type Row = {
  id: string;
  kind: string;
  namespace: string;
  name: string;
  title: string | null;
  description: string | null;
  type: string | null;
  lifecycle: string | null;
  owner_ref: string | null;
  system_ref: string | null;
  tags: string[];
  orphaned_at: string | null;
  rank?: string | number;
};

const summaryColumns = sql.raw("e.id, e.kind, e.namespace, e.name, e.title, e.description, e.type, e.lifecycle, e.owner_ref, e.system_ref, e.tags, e.orphaned_at");

function toSummary(r: Row): EntitySummary {
  return {
    id: r.id,
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    title: r.title,
    description: r.description,
    type: r.type,
    lifecycle: r.lifecycle,
    ownerRef: r.owner_ref,
    systemRef: r.system_ref,
    tags: r.tags ?? [],
    orphaned: r.orphaned_at !== null,
  };
}

type PagePlan = { byFilter: Filters; filters: SQL[]; conditions: SQL[]; search: Search | null; limit: number; cacheKey: string };

function planPage(actor: Actor, q: ListEntitiesQuery): PagePlan {
  assertCan(actor, "catalog:read");
  const byFilter = filterConditions(actor, q);
  const filters = allConditions(byFilter);
  const search = q.q ? parseSearch(q.q) : null;
  const { cursor: _cursor, limit: _limit, ...view } = q;
  // "Owned by my teams" differs per person; everything else names the same set of entities for everyone.
  const cacheKey = JSON.stringify({ ...view, mine: q.mine ? teamGroupRefs(actor) : undefined });
  return { byFilter, filters, conditions: search ? [...filters, searchMatch(search)] : filters, search, limit: q.limit ?? 50, cacheKey };
}

async function rowsOf<R>(query: SQL): Promise<R[]> {
  return [...(await db.execute(query))] as unknown as R[];
}

/** A search page: first-tier (name) matches by rank, then, once those run out, text-only matches by name. */
async function searchRows<R>(plan: PagePlan, search: Search, cursor: EntityCursor | null, columns: SQL): Promise<R[]> {
  const { filters, limit } = plan;
  const rows: R[] = [];
  const inTextTier = cursor !== null && Number(cursor.rank) === TEXT_ONLY_RANK;
  if (!inTextTier) {
    const after = cursor ? sql`where s.rank < ${cursor.rank}::numeric or (s.rank = ${cursor.rank}::numeric and (s.name, s.id) > (${cursor.name}, ${cursor.id}::uuid))` : sql``;
    rows.push(
      ...(await rowsOf<R>(sql`select * from (select ${columns}, ${searchRank(search)} as rank from catalog_entities e ${whereClause([...filters, nameMatch(search)])}) s
        ${after} order by s.rank desc, s.name, s.id limit ${limit + 1}`)),
    );
  }
  const textOnly = textOnlyMatch(search);
  if (rows.length <= limit && textOnly) {
    const after = inTextTier ? [sql`(e.name, e.id) > (${cursor.name}, ${cursor.id}::uuid)`] : [];
    rows.push(
      ...(await rowsOf<R>(sql`select ${columns}, ${TEXT_ONLY_RANK} as rank from catalog_entities e ${whereClause([...filters, ...after, textOnly])}
        order by e.name, e.id limit ${limit + 1 - rows.length}`)),
    );
  }
  return rows;
}

/**
 * A page of rows by name, or by relevance when `q` is given, with keyset
 * cursors: a page never holds more than `limit` entities, whatever the size of
 * the catalog. The total is counted only when the page is not the whole
 * answer, and that count is shared for a few seconds (view-cache.ts).
 */
async function pageOf<R extends { id: string; name: string; rank?: string | number }>(plan: PagePlan, rawCursor: string | undefined, columns: SQL): Promise<{ rows: R[]; nextCursor: string | null; total: number }> {
  const { conditions, search, limit } = plan;
  const cursor = decodeEntityCursor(rawCursor, search !== null);
  const rows = search
    ? await searchRows<R>(plan, search, cursor, columns)
    : await rowsOf<R>(
        sql`select ${columns} from catalog_entities e ${whereClause(cursor ? [...conditions, sql`(e.name, e.id) > (${cursor.name}, ${cursor.id}::uuid)`] : conditions)}
          order by e.name, e.id limit ${limit + 1}`,
      );
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last ? encodeEntityCursor({ name: last.name, id: last.id, ...(search ? { rank: String(last.rank) } : {}) }) : null;
  const total =
    !cursor && rows.length <= limit
      ? rows.length
      : await cachedCount(`total:${plan.cacheKey}`, async () => {
          const [{ total }] = await db.execute<{ total: number }>(sql`select count(*)::int as total from catalog_entities e ${whereClause(conditions)}`);
          return total;
        });
  return { rows: items, nextCursor, total };
}

export async function listEntities(actor: Actor, q: ListEntitiesQuery): Promise<EntityPage<EntitySummary>> {
  const page = await pageOf<Row>(planPage(actor, q), q.cursor, summaryColumns);
  return { items: page.rows.map(toSummary), nextCursor: page.nextCursor, total: page.total };
}

/** The same page with whole documents, for the API (one query, not one per entity). */
export async function listEntityDocuments(actor: Actor, q: ListEntitiesQuery): Promise<EntityPage<StoredEntity>> {
  const page = await pageOf<DocumentRow>(planPage(actor, q), q.cursor, documentColumns);
  return { items: page.rows.map(toStored), nextCursor: page.nextCursor, total: page.total };
}

export type FacetValue = { value: string; count: number };
export type Facets = Record<Facet, FacetValue[]>;

/**
 * Counts per value of each filter, as search engines count facets: each
 * facet over the entities that the search and every other filter select, so
 * that with one kind chosen the other kinds still show what choosing them
 * would give. The chosen value is always among the values, even when it is
 * not among the `top` most frequent.
 */
export async function entityFacets(actor: Actor, q: ListEntitiesQuery, top = 12): Promise<Facets> {
  const plan = planPage(actor, q);
  return cachedCount(`facets:${top}:${plan.cacheKey}`, () => countFacets(plan, q.tag, top));
}

/** grouping(kind, type, lifecycle, owner, system) in each column's grouping set: a bit set for each column it leaves out. */
const FACET_GROUPS = { kind: 15, type: 23, lifecycle: 27, owner: 29, system: 30 } as const;

/**
 * One statement. The columns' facets are grouping sets of one scan, each
 * counting only the entities that all the other facets' filters let through
 * (an aggregate FILTER per facet); tags are unnested in a second branch.
 */
async function countFacets(plan: PagePlan, tag: string | undefined, top: number): Promise<Facets> {
  const { byFacet, others } = plan.byFilter;
  const active = FACETS.filter((f) => byFacet[f]);
  const allBut = (facet: Facet) => {
    const rest = active.filter((f) => f !== facet).map((f) => byFacet[f]!);
    return rest.length ? sql.join(rest, sql` and `) : sql`true`;
  };
  // Only entities that all filters but one let through can count anywhere; said so, the planner can use the filters' indexes.
  const reach = active.length > 1 ? [sql`(${sql.join(active.map((f) => sql`(${allBut(f)})`), sql` or `)})`] : [];
  const where = whereClause([...others, ...(plan.search ? [searchMatch(plan.search)] : []), ...reach]);
  const columns = Object.keys(FACET_GROUPS) as (keyof typeof FACET_GROUPS)[];
  const perSet = (f: (facet: keyof typeof FACET_GROUPS) => SQL) =>
    sql`case grouping(e.kind, e.type, e.lifecycle, e.owner_ref, e.system_ref) ${sql.join(columns.map((c) => sql`when ${sql.raw(String(FACET_GROUPS[c]))} then ${f(c)}`), sql` `)} end`;
  const rows = await db.execute<{ facet: Facet; value: string; count: number }>(sql`
    select facet, value, count from (
      select facet, value, count, chosen, row_number() over (partition by facet order by count desc, value) as n from (
        select ${perSet((c) => sql.raw(`'${c}'`))} as facet,
               coalesce(e.kind, e.type, e.lifecycle, e.owner_ref, e.system_ref) as value,
               ${perSet((c) => sql`count(*) filter (where ${allBut(c)})`)}::int as count,
               ${perSet((c) => (byFacet[c] ? sql`bool_or(${byFacet[c]})` : sql`false`))} as chosen
        from catalog_entities e ${where}
        group by grouping sets ((e.kind), (e.type), (e.lifecycle), (e.owner_ref), (e.system_ref))
        union all
        select 'tag', t, (count(*) filter (where ${allBut("tag")}))::int, ${tag ? sql`bool_or(t = ${tag})` : sql`false`}
        from catalog_entities e cross join lateral unnest(e.tags) t ${where}
        group by t
      ) g where value is not null and count > 0
    ) ranked where n <= ${top} or chosen`);
  const facets = Object.fromEntries(FACETS.map((f) => [f, [] as FacetValue[]])) as Facets;
  for (const r of rows) facets[r.facet].push({ value: r.value, count: r.count });
  for (const f of Object.values(facets)) f.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return facets;
}

export type Suggestion = { ref: string; kind: string; namespace: string; name: string; title: string | null };

const toSuggestion = (e: EntitySummary): Suggestion => ({ ref: `${e.kind.toLowerCase()}:${e.namespace}/${e.name}`, kind: e.kind, namespace: e.namespace, name: e.name, title: e.title });

/**
 * The typeahead of every entity picker: names that start with what was typed
 * (a range scan of the name index, so 50,000 users cost the same as 50), then,
 * if that is not enough, the best search matches for typos and words. Never the whole catalog.
 */
export async function suggestEntities(actor: Actor, input: { q: string; kind?: string; limit?: number }): Promise<Suggestion[]> {
  const limit = input.limit ?? 10;
  const plan = planPage(actor, { kind: input.kind });
  const from = input.q.trim().toLowerCase();
  // Operators of text_pattern_ops, which a prepared statement's generic plan can use, unlike LIKE with a parameter.
  const to = from.slice(0, -1) + String.fromCharCode(from.charCodeAt(from.length - 1) + 1);
  const prefixed = [
    ...(await db.execute(
      sql`select ${summaryColumns} from catalog_entities e ${whereClause([...plan.conditions, sql`lower(e.name) ~>=~ ${from}`, sql`lower(e.name) ~<~ ${to}`])}
        order by lower(e.name) using ~<~ limit ${limit}`,
    )),
  ] as unknown as Row[];
  const items = prefixed.map(toSummary);
  if (items.length < limit) {
    const seen = new Set(items.map((e) => e.id));
    const more = await listEntities(actor, { q: input.q, kind: input.kind, limit });
    items.push(...more.items.filter((e) => !seen.has(e.id)));
  }
  return items.slice(0, limit).map(toSuggestion);
}

export type EntityLabel = EntityName & { key: string; title: string | null; exists: boolean };

/** Names and titles for references (owners, systems, relation targets); a missing entity is labelled from its reference. */
export async function labelRefs(keys: string[]): Promise<Map<string, EntityLabel>> {
  const unique = [...new Set(keys)];
  const out = new Map<string, EntityLabel>(unique.map((key) => [key, { key, ...splitKey(key), title: null, exists: false }]));
  if (!unique.length) return out;
  const rows = await db.execute<{ ref: string; kind: string; namespace: string; name: string; title: string | null }>(
    sql`select ref, kind, namespace, name, title from catalog_entities where ref = any(${textArray(unique)})`,
  );
  for (const r of rows) out.set(r.ref, { key: r.ref, kind: r.kind, namespace: r.namespace, name: r.name, title: r.title, exists: true });
  return out;
}
