import "server-only";
import { log } from "@/lib/log";
import { claimDueLocations, refreshLocation } from "./manage";

/**
 * Reads claimed locations one after another. Never throws: one unreadable
 * location is logged and recorded on the location, and the others are still read.
 */
export async function refreshLocations(ids: string[], why: "schedule" | "push"): Promise<void> {
  for (const id of ids) {
    try {
      const { result, orphaned, removed } = await refreshLocation(null, id);
      log("info", "catalog location refreshed", { locationId: id, why, added: result.added, updated: result.updated, orphaned, removed, errors: result.errors.length });
    } catch (e) {
      log("warn", "catalog location refresh failed", { locationId: id, why, error: e instanceof Error ? e.message : String(e) });
    }
  }
}

/** The scheduled re-read of registered locations, called from the job worker's timer. */
export async function refreshDueLocations(limit = 5): Promise<number> {
  let ids: string[];
  try {
    ids = await claimDueLocations(limit);
  } catch (e) {
    log("warn", "claiming catalog locations failed", { error: e instanceof Error ? e.message : String(e) });
    return 0;
  }
  await refreshLocations(ids, "schedule");
  return ids.length;
}
