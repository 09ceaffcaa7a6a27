// No "server-only" here: the demo seed (db/seed/demo.ts) writes through it from plain Node at start-up.
import { eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { catalogEntities, catalogLocations, catalogRelations } from "@/db/schema";
import type { Collected } from "./collect";
import { toRow, type EntityRow } from "./entity-row";

export type Tx = Pick<Database, "select" | "insert" | "update" | "delete" | "execute">;

/** Who writes an entity. An entity belongs to one of them, and others may not overwrite it. */
export type Writer =
  | { source: "import" }
  | { source: "location"; locationId: string }
  | { source: "request"; requestId: string };

export type PlannedEntity = Collected & { row: EntityRow };

export type WritePlan = {
  added: PlannedEntity[];
  updated: PlannedEntity[];
  unchanged: PlannedEntity[];
  refused: { item: PlannedEntity; message: string }[];
};

const CHUNK = 500;

/**
 * Every catalog write takes this lock, so an import and a location read never
 * interleave on one entity. (Cached counts follow writes through the
 * catalog_state counter, which a trigger bumps; see view-cache.ts.)
 */
export async function lockCatalog(tx: Pick<Tx, "execute">): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('runway:catalog-write'))`);
}

export function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type Existing = { ref: string; hash: string; source: Writer["source"]; locationId: string | null; requestId: string | null; orphanedAt: Date | null; location: string | null };

function conflict(existing: Existing, writer: Writer): string | null {
  if (existing.source === "request" && !(writer.source === "request" && writer.requestId === existing.requestId)) {
    return `${existing.ref} is the catalog entry of a Runway request; it changes with the request, not by import`;
  }
  if (existing.source === "location" && !(writer.source === "location" && writer.locationId === existing.locationId)) {
    return `${existing.ref} comes from the location ${existing.location}; change it there, or remove that location first`;
  }
  return null;
}

/**
 * Sorts what an import or a location read would do, without writing: the
 * preview, and the first half of every write. An entity that another
 * location or a request provides is refused, as Backstage refuses a
 * conflicting entity, rather than flipping between two sources.
 */
export async function planWrite(tx: Tx, items: Collected[], writer: Writer): Promise<WritePlan> {
  const plan: WritePlan = { added: [], updated: [], unchanged: [], refused: [] };
  const existing = new Map<string, Existing>();
  for (const part of chunks(items.map((i) => i.entity.key), 5000)) {
    const rows = await tx
      .select({
        ref: catalogEntities.ref,
        hash: catalogEntities.hash,
        source: catalogEntities.source,
        locationId: catalogEntities.locationId,
        requestId: catalogEntities.requestId,
        orphanedAt: catalogEntities.orphanedAt,
        location: catalogLocations.target,
      })
      .from(catalogEntities)
      .leftJoin(catalogLocations, eq(catalogLocations.id, catalogEntities.locationId))
      .where(inArray(catalogEntities.ref, part));
    for (const r of rows) existing.set(r.ref, r);
  }
  for (const item of items) {
    const planned = { ...item, row: toRow(item.entity) };
    const before = existing.get(item.entity.key);
    if (!before) {
      plan.added.push(planned);
      continue;
    }
    const refusal = conflict(before, writer);
    if (refusal) plan.refused.push({ item: planned, message: refusal });
    else if (before.hash === planned.row.hash && before.source === writer.source && !before.orphanedAt) plan.unchanged.push(planned);
    else plan.updated.push(planned);
  }
  return plan;
}

const excluded = (column: string) => sql.raw(`excluded.${column}`);

/** Writes the added and updated entities of a plan and replaces their relations, in the caller's transaction. */
export async function applyPlan(tx: Tx, plan: WritePlan, writer: Writer): Promise<void> {
  const items = [...plan.added, ...plan.updated];
  for (const part of chunks(items)) {
    const rows = part.map((p) => ({
      ...p.row,
      source: writer.source,
      locationId: writer.source === "location" ? writer.locationId : null,
      requestId: writer.source === "request" ? writer.requestId : null,
      sourceFile: writer.source === "request" ? null : p.file,
    }));
    const written = await tx
      .insert(catalogEntities)
      .values(rows)
      .onConflictDoUpdate({
        target: catalogEntities.ref,
        set: {
          apiVersion: excluded("api_version"),
          kind: excluded("kind"),
          namespace: excluded("namespace"),
          name: excluded("name"),
          title: excluded("title"),
          description: excluded("description"),
          type: excluded("type"),
          lifecycle: excluded("lifecycle"),
          ownerRef: excluded("owner_ref"),
          systemRef: excluded("system_ref"),
          tags: excluded("tags"),
          metadata: excluded("metadata"),
          spec: excluded("spec"),
          hash: excluded("hash"),
          source: excluded("source"),
          locationId: excluded("location_id"),
          requestId: excluded("request_id"),
          sourceFile: excluded("source_file"),
          orphanedAt: sql`null`,
          updatedAt: sql`now()`,
        },
      })
      .returning({ id: catalogEntities.id, ref: catalogEntities.ref });
    const ids = new Map(written.map((w) => [w.ref, w.id]));
    await tx.delete(catalogRelations).where(inArray(catalogRelations.sourceId, written.map((w) => w.id)));
    const relations = part.flatMap((p) =>
      p.entity.relations.map((r) => ({ sourceId: ids.get(p.entity.key)!, sourceRef: p.entity.key, type: r.type, targetRef: r.targetRef })),
    );
    for (const rel of chunks(relations, 5000)) await tx.insert(catalogRelations).values(rel).onConflictDoNothing();
  }
}
