import "server-only";
import { removeRequestResource, upsertRequestResource, type ProvisionedRequestLike } from "@/lib/catalog/request-resources";
import type { Tx } from "@/lib/catalog/store";

/**
 * A request that became ready is in the catalog as its team's Resource; one
 * that was decommissioned leaves it. Called in the transaction of the status
 * change, so the catalog never lists a resource that is not (or no longer) there.
 */
export async function recordInCatalog(tx: Tx, request: ProvisionedRequestLike, status: "ready" | "decommissioned"): Promise<void> {
  if (status === "ready") await upsertRequestResource(tx, request);
  else await removeRequestResource(tx, request.id);
}
