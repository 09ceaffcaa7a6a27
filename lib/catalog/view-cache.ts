import "server-only";
import { sql } from "drizzle-orm";
import { cache } from "react";
import { db } from "@/db/client";

/**
 * Counts over a large catalog (a list's total, the filter counts) cost a scan
 * of every matching entity; lists do not. Counts are therefore kept per view
 * in each process, stamped with the catalog's change counter (catalog_state,
 * bumped by a trigger in every transaction that writes entities, in any
 * process). A count is served as long as the counter has not moved. Once it
 * has, a count made less than FRESH_MS ago may still be served while a new
 * one is made in the background: whatever it misses was written since, so no
 * answer is older than FRESH_MS, the bound for a refreshed entity to
 * show. Writes in this process also empty the cache (forgetCounts), so the
 * person who wrote sees the change at once.
 */
const FRESH_MS = 5_000;
const MAX_ENTRIES = 500;

type Entry = { version: number; at: number; value: Promise<unknown>; refreshing: boolean };
const entries = new Map<string, Entry>();

/** One read per request: a page's list and its filter counts share it. */
const catalogVersion = cache(async (): Promise<number> => {
  const [row] = await db.execute<{ version: number }>(sql`select version::float8 as version from catalog_state`);
  return row?.version ?? 0;
});

function store(key: string, entry: Omit<Entry, "refreshing">): void {
  entries.delete(key);
  entries.set(key, { ...entry, refreshing: false });
  // A failed count must not be served to the next caller.
  entry.value.catch(() => entries.get(key)?.value === entry.value && entries.delete(key));
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
}

export async function cachedCount<T>(key: string, load: () => Promise<T>): Promise<T> {
  const version = await catalogVersion();
  const hit = entries.get(key);
  if (hit && hit.version === version) return hit.value as Promise<T>;
  if (hit && Date.now() - hit.at < FRESH_MS) {
    if (!hit.refreshing) {
      hit.refreshing = true;
      const at = Date.now();
      const next = load();
      next.then(
        () => store(key, { version, at, value: next }),
        () => (hit.refreshing = false),
      );
    }
    return hit.value as Promise<T>;
  }
  const value = load();
  store(key, { version, at: Date.now(), value });
  return value;
}

export function forgetCounts(): void {
  entries.clear();
}
