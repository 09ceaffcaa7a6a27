import "server-only";
import { and, eq, lte, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { requests } from "@/db/schema";
import { applyTransition } from "@/lib/requests/transition";
import { enqueueJob } from "./jobs/queue";

/** Environments whose time to live ran out start decommissioning; the job is written in the same transaction. */
export async function expireEnvironments(limit = 20): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: requests.id, status: requests.status })
      .from(requests)
      .where(and(eq(requests.kind, "environment"), eq(requests.status, "ready"), lte(requests.expiresAt, sql`now()`)))
      .limit(limit)
      .for("update", { skipLocked: true });
    for (const r of due) {
      await applyTransition(tx, { request: r, to: "decommissioning", actor: null, message: "Its time to live ran out; tearing it down." });
      await enqueueJob(tx, { requestId: r.id, action: "decommission" });
    }
    return due.length;
  });
}
