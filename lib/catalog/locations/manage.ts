import "server-only";
import { asc, eq, gt, inArray, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { catalogEntities, catalogLocations, type CatalogProblem } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { conflict, notFound, validationFailed } from "@/lib/errors";
import { collectEntities, describeProblem, type Collection } from "../collect";
import { decodeLocationCursor, encodeLocationCursor } from "../cursor";
import { summarize, type ImportResult } from "../import";
import type { ListLocationsQuery } from "../schemas";
import { refreshIntervalMs } from "../settings";
import { applyPlan, chunks, lockCatalog, planWrite, type Tx } from "../store";
import { forgetCounts } from "../view-cache";
import { openSource } from "./sources";
import { formatTarget, parseTarget, TargetError } from "./target";

export type LocationView = {
  id: string;
  target: string;
  createdAt: Date;
  lastReadAt: Date | null;
  lastSuccessAt: Date | null;
  nextRefreshAt: Date;
  entityCount: number;
  orphanCount: number;
  problems: CatalogProblem[];
};

export type RefreshOutcome = { location: LocationView; result: ImportResult; orphaned: number; removed: number };

/** Reads everything a location reaches now; the network and git work happens outside any transaction. */
async function read(target: string): Promise<Collection> {
  const source = await openSource(parseTarget(target)).catch((e: unknown) => e as Error);
  if (source instanceof Error) {
    return { entities: [], problems: [{ level: "error", file: target, message: source.message }], failedFiles: new Set(), keptKeys: new Set(), rootsRead: false };
  }
  try {
    return await collectEntities(source, { followLocations: true, origin: target });
  } finally {
    await source.close();
  }
}

/**
 * Writes one read of a location: its entities, then its orphans. An entity
 * the location no longer holds is flagged first (orphaned_at, Backstage's
 * orphan annotation) and removed by the next read that still misses it; files
 * that could not be read this time keep their entities untouched.
 */
async function apply(tx: Tx, locationId: string, collection: Collection) {
  await lockCatalog(tx);
  const writer = { source: "location", locationId } as const;
  const plan = await planWrite(tx, collection.entities, writer);
  let orphaned = 0;
  let removed = 0;
  if (collection.rootsRead) {
    await applyPlan(tx, plan, writer);
    const present = new Set([...collection.entities.map((e) => e.entity.key), ...collection.keptKeys]);
    const held = await tx
      .select({ id: catalogEntities.id, ref: catalogEntities.ref, sourceFile: catalogEntities.sourceFile, orphanedAt: catalogEntities.orphanedAt })
      .from(catalogEntities)
      .where(eq(catalogEntities.locationId, locationId));
    const missing = held.filter((e) => !present.has(e.ref) && !collection.failedFiles.has(e.sourceFile ?? ""));
    const gone = missing.filter((e) => e.orphanedAt).map((e) => e.id);
    const flagged = missing.filter((e) => !e.orphanedAt).map((e) => e.id);
    for (const ids of chunks(gone)) await tx.delete(catalogEntities).where(inArray(catalogEntities.id, ids));
    for (const ids of chunks(flagged)) await tx.update(catalogEntities).set({ orphanedAt: sql`now()` }).where(inArray(catalogEntities.id, ids));
    removed = gone.length;
    orphaned = flagged.length;
  }
  const result = summarize(plan, collection.problems, false);
  const problems = [...result.errors, ...result.warnings];
  const [{ count }] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(catalogEntities)
    .where(eq(catalogEntities.locationId, locationId));
  await tx
    .update(catalogLocations)
    .set({
      lastReadAt: sql`now()`,
      ...(collection.rootsRead ? { lastSuccessAt: sql`now()` } : {}),
      problems: problems.slice(0, 200),
      entityCount: count,
      nextRefreshAt: new Date(Date.now() + refreshIntervalMs()),
      leaseUntil: null,
    })
    .where(eq(catalogLocations.id, locationId));
  return { result, orphaned, removed };
}

const viewColumns = {
  id: catalogLocations.id,
  target: catalogLocations.target,
  createdAt: catalogLocations.createdAt,
  lastReadAt: catalogLocations.lastReadAt,
  lastSuccessAt: catalogLocations.lastSuccessAt,
  nextRefreshAt: catalogLocations.nextRefreshAt,
  entityCount: catalogLocations.entityCount,
  problems: catalogLocations.problems,
  orphanCount: sql<number>`(select count(*)::int from catalog_entities e where e.location_id = catalog_locations.id and e.orphaned_at is not null)`,
};

async function view(id: string): Promise<LocationView> {
  const [row] = await db.select(viewColumns).from(catalogLocations).where(eq(catalogLocations.id, id));
  return row;
}

export type LocationPage = { items: LocationView[]; nextCursor: string | null };

/** Locations by target, a page at a time (keyset on the unique target, so a registration between pages neither repeats nor skips one). */
export async function listLocations(actor: Actor, q: ListLocationsQuery = {}): Promise<LocationPage> {
  assertCan(actor, "catalog:read");
  const limit = q.limit ?? 50;
  const after = decodeLocationCursor(q.cursor);
  const rows = await db
    .select(viewColumns)
    .from(catalogLocations)
    .where(after === null ? undefined : gt(catalogLocations.target, after))
    .orderBy(asc(catalogLocations.target))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeLocationCursor(items[items.length - 1].target) : null };
}

/** Registers a location and reads it at once: its entities are searchable when this returns. */
export async function registerLocation(actor: Actor, input: { target: string }): Promise<RefreshOutcome> {
  assertCan(actor, "catalog:locations");
  let target: string;
  try {
    target = formatTarget(parseTarget(input.target));
  } catch (e) {
    if (e instanceof TargetError) throw validationFailed(e.message, { target: e.message });
    throw e;
  }
  const [existing] = await db.select({ id: catalogLocations.id }).from(catalogLocations).where(eq(catalogLocations.target, target));
  if (existing) throw conflict(`${target} is already registered; refresh it instead.`);
  const collection = await read(target);
  if (!collection.rootsRead) {
    const why = collection.problems.map(describeProblem).join("; ");
    throw validationFailed(`Could not read ${target}: ${why}`, { target: why });
  }
  const outcome = await db.transaction(async (tx) => {
    const [row] = await tx.insert(catalogLocations).values({ target, createdBy: actor.id }).onConflictDoNothing().returning({ id: catalogLocations.id });
    if (!row) throw conflict(`${target} was registered a moment ago by someone else.`);
    const applied = await apply(tx, row.id, collection);
    await recordAudit(tx, { actor, action: "catalog.location.register", target: { type: "catalog_location", id: row.id }, details: { target, added: applied.result.added } });
    return { id: row.id, ...applied };
  });
  forgetCounts();
  return { location: await view(outcome.id), result: outcome.result, orphaned: outcome.orphaned, removed: outcome.removed };
}

/** Re-reads a location now: the refresh button, the push webhook, and the scheduled sweep (actor null). */
export async function refreshLocation(actor: Actor | null, id: string): Promise<RefreshOutcome> {
  if (actor) assertCan(actor, "catalog:locations");
  const [location] = await db.select({ id: catalogLocations.id, target: catalogLocations.target }).from(catalogLocations).where(eq(catalogLocations.id, id));
  if (!location) throw notFound("No such location; it may have been removed.");
  const collection = await read(location.target);
  const applied = await db.transaction(async (tx) => {
    const out = await apply(tx, id, collection);
    if (actor) await recordAudit(tx, { actor, action: "catalog.location.refresh", target: { type: "catalog_location", id }, details: { target: location.target } });
    return out;
  });
  forgetCounts();
  return { location: await view(id), ...applied };
}

/** Removes a location and every entity it provided. */
export async function deleteLocation(actor: Actor, id: string): Promise<void> {
  assertCan(actor, "catalog:locations");
  await db.transaction(async (tx) => {
    await lockCatalog(tx);
    const [gone] = await tx.delete(catalogLocations).where(eq(catalogLocations.id, id)).returning({ target: catalogLocations.target });
    if (!gone) throw notFound("No such location; it may have been removed already.");
    await recordAudit(tx, { actor, action: "catalog.location.delete", target: { type: "catalog_location", id }, details: { target: gone.target } });
  });
  forgetCounts();
}

/** Locations due for a scheduled read, leased so that another worker does not read them at the same time. */
export async function claimDueLocations(limit: number): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(sql`
    update catalog_locations set lease_until = now() + interval '10 minutes'
    where id in (
      select id from catalog_locations
      where next_refresh_at <= now() and (lease_until is null or lease_until < now())
      order by next_refresh_at
      limit ${limit}
      for update skip locked
    )
    returning id
  `);
  return rows.map((r) => r.id);
}
