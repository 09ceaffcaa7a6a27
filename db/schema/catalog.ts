import { sql, type SQL } from "drizzle-orm";
import { bigint, boolean, check, customType, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { requests } from "./requests";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** Where an entity came from: a pasted or posted import, a registered location, or a Runway request. */
export const catalogSourceEnum = pgEnum("catalog_source", ["import", "location", "request"]);

/** Something a read or import could not use: `error` refused a document or file, `warning` kept it with a gap. */
export type CatalogProblem = { level: "error" | "warning"; file: string; document?: number; field?: string; message: string };

/**
 * A registered catalog-info.yaml (URL or git repository). The worker re-reads
 * it on a schedule; `lease_until` keeps two workers from reading one location at once.
 */
export const catalogLocations = pgTable(
  "catalog_locations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    target: text("target").notNull().unique(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastReadAt: timestamp("last_read_at", { withTimezone: true }),
    lastSuccessAt: timestamp("last_success_at", { withTimezone: true }),
    /** The problems of the last read: unreadable files, refused documents, unresolved placeholders. */
    problems: jsonb("problems").$type<CatalogProblem[]>().notNull().default([]),
    entityCount: integer("entity_count").notNull().default(0),
    nextRefreshAt: timestamp("next_refresh_at", { withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
  },
  (t) => [index("catalog_locations_due_idx").on(t.nextRefreshAt)],
);

/**
 * One Backstage entity. `ref` is its lower-cased "kind:namespace/name", the
 * identity Backstage compares case-insensitively; the document itself is kept
 * as written (metadata, spec). The other columns are copies for filters and search.
 */
export const catalogEntities = pgTable(
  "catalog_entities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ref: text("ref").notNull().unique(),
    apiVersion: text("api_version").notNull(),
    kind: text("kind").notNull(),
    namespace: text("namespace").notNull(),
    name: text("name").notNull(),
    title: text("title"),
    description: text("description"),
    type: text("type"),
    lifecycle: text("lifecycle"),
    ownerRef: text("owner_ref"),
    systemRef: text("system_ref"),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull(),
    spec: jsonb("spec").$type<Record<string, unknown>>().notNull().default({}),
    /** SHA-256 of the stored document: an import that changes nothing writes nothing. */
    hash: text("hash").notNull(),
    source: catalogSourceEnum("source").notNull(),
    locationId: uuid("location_id").references(() => catalogLocations.id, { onDelete: "cascade" }),
    /** The file (URL or path in the repository) the document was read from. */
    sourceFile: text("source_file"),
    requestId: uuid("request_id").references(() => requests.id, { onDelete: "set null" }),
    /** Set when its location no longer holds it; the next read that still misses it removes it. */
    orphanedAt: timestamp("orphaned_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** Only names and titles: the first tier of a search, matched without reading each row (lib/catalog/search.ts). */
    nameSearch: tsvector("name_search")
      .notNull()
      .generatedAlwaysAs((): SQL => sql`to_tsvector('simple'::regconfig, coalesce(name, '') || ' ' || coalesce(title, ''))`),
    /** Names and titles are words to match as written; descriptions read better stemmed. */
    search: tsvector("search")
      .notNull()
      .generatedAlwaysAs(
        (): SQL => sql`setweight(to_tsvector('simple'::regconfig, coalesce(name, '') || ' ' || coalesce(title, '')), 'A')
          || setweight(array_to_tsvector(tags), 'B')
          || setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'C')`,
      ),
  },
  (t) => [
    index("catalog_entities_name_idx").on(t.name, t.id),
    index("catalog_entities_kind_name_idx").on(t.kind, t.name, t.id),
    index("catalog_entities_owner_idx").on(t.ownerRef, t.name, t.id),
    // A team's services (DORA and DevEx scopes): its Components only, not the Resource of every request it made.
    index("catalog_entities_component_owner_idx").on(t.ownerRef, t.name).where(sql`lower(${t.kind}) = 'component'`),
    index("catalog_entities_system_idx").on(t.systemRef),
    index("catalog_entities_type_idx").on(t.type),
    index("catalog_entities_lifecycle_idx").on(t.lifecycle),
    index("catalog_entities_location_idx").on(t.locationId),
    index("catalog_entities_request_idx").on(t.requestId),
    index("catalog_entities_tags_idx").using("gin", t.tags),
    index("catalog_entities_search_idx").using("gin", t.search),
    index("catalog_entities_name_search_idx").using("gin", t.nameSearch),
    // Pickers complete names as typed: a prefix range scan, in name order.
    index("catalog_entities_name_prefix_idx").using("btree", sql`lower(${t.name}) text_pattern_ops`),
    // Typo tolerance: trigram similarity of names (pg_trgm).
    index("catalog_entities_name_trgm_idx").using("gin", sql`lower(${t.name}) gin_trgm_ops`),
    index("catalog_entities_title_trgm_idx").using("gin", sql`lower(${t.title}) gin_trgm_ops`),
  ],
);

/**
 * Relations as the entity declares them (its spec's owner, system, providesApis…),
 * one row per pair. The inverse (ownerOf for ownedBy) is read from `target_ref`,
 * so a target imported later completes the pair without rewriting anything, and
 * a target that is missing stays a visible dangling relation.
 */
export const catalogRelations = pgTable(
  "catalog_relations",
  {
    sourceId: uuid("source_id")
      .notNull()
      .references(() => catalogEntities.id, { onDelete: "cascade" }),
    sourceRef: text("source_ref").notNull(),
    type: text("type").notNull(),
    targetRef: text("target_ref").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.type, t.targetRef] }), index("catalog_relations_target_idx").on(t.targetRef, t.type)],
);

/**
 * The catalog's change counter, one row. A statement trigger on
 * catalog_entities (migration 0014) bumps `version` in every transaction that
 * writes entities, so a process can tell with one cheap read whether the
 * counts it keeps (lib/catalog/view-cache.ts) still describe the catalog.
 */
export const catalogState = pgTable(
  "catalog_state",
  {
    id: boolean("id").primaryKey().default(true),
    version: bigint("version", { mode: "number" }).notNull().default(0),
  },
  (t) => [check("catalog_state_one_row", sql`${t.id}`)],
);
