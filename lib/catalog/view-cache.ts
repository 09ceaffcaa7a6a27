/**
 * Counts over a large catalog (a list's total, the filter counts) cost a scan
 * of every matching entity; lists do not. Counts are therefore kept per view
 * for a few seconds in each process: fresh for FRESH_MS, then served while a
 * new count is made in the background, never older than STALE_MS. Any catalog
 * write in this process empties the cache.
 */
const FRESH_MS = 5_000;
const STALE_MS = 60_000;
const MAX_ENTRIES = 500;

type Entry = { at: number; value: Promise<unknown>; refreshing: boolean };
const entries = new Map<string, Entry>();

function store(key: string, value: Promise<unknown>): void {
  entries.delete(key);
  entries.set(key, { at: Date.now(), value, refreshing: false });
  // A failed count must not be served to the next caller.
  value.catch(() => entries.get(key)?.value === value && entries.delete(key));
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
}

export function cachedCount<T>(key: string, load: () => Promise<T>): Promise<T> {
  const hit = entries.get(key);
  const age = hit ? Date.now() - hit.at : Infinity;
  if (hit && age < FRESH_MS) return hit.value as Promise<T>;
  if (hit && age < STALE_MS) {
    if (!hit.refreshing) {
      hit.refreshing = true;
      const next = load();
      next.then(
        () => store(key, next),
        () => (hit.refreshing = false),
      );
    }
    return hit.value as Promise<T>;
  }
  const value = load();
  store(key, value);
  return value;
}

export function forgetCounts(): void {
  entries.clear();
}
