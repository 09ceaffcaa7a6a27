import "server-only";
import { count, eq, inArray, sql, type AnyColumn } from "drizzle-orm";
import { db } from "@/db/client";
import { jobs, requestChanges, requests } from "@/db/schema";
import { log } from "@/lib/log";
import type { RunwayMetrics } from "./metrics";

const JOB_STATUSES = ["queued", "running", "waiting", "failed"] as const;

// Ages are measured by the database's clock, the one that wrote the timestamps.
const ageOfOldest = (column: AnyColumn) => sql<string | null>`extract(epoch from now() - min(${column}))`;

async function read() {
  const [jobRows, [requestsPending], [changesPending]] = await Promise.all([
    db
      .select({
        status: jobs.status,
        n: count(),
        // A job retried later (backoff) is not late until its run_at has passed.
        oldestDue: sql<string | null>`extract(epoch from now() - min(${jobs.runAt}) filter (where ${jobs.runAt} <= now()))`,
      })
      .from(jobs)
      .where(inArray(jobs.status, [...JOB_STATUSES]))
      .groupBy(jobs.status),
    db.select({ n: count(), oldest: ageOfOldest(requests.createdAt) }).from(requests).where(eq(requests.status, "pending_approval")),
    db.select({ n: count(), oldest: ageOfOldest(requestChanges.createdAt) }).from(requestChanges).where(eq(requestChanges.status, "pending_approval")),
  ]);
  return { jobRows, requestsPending, changesPending };
}

/** Sets the queue and approval gauges from the database; when it cannot be read, runway_metrics_database_up says so instead of stale values. */
export async function refreshDatabaseGauges(m: RunwayMetrics): Promise<void> {
  m.jobs.reset();
  m.oldestQueuedJobAge.reset();
  m.pendingApprovals.reset();
  m.oldestPendingApprovalAge.reset();
  let data: Awaited<ReturnType<typeof read>>;
  try {
    data = await read();
  } catch (e) {
    log("warn", "metrics: reading the queue and approvals failed", { error: e instanceof Error ? e.message : String(e) });
    m.databaseUp.set(0);
    return;
  }
  m.databaseUp.set(1);
  for (const status of JOB_STATUSES) m.jobs.set({ status }, data.jobRows.find((r) => r.status === status)?.n ?? 0);
  m.oldestQueuedJobAge.set(Math.max(0, Number(data.jobRows.find((r) => r.status === "queued")?.oldestDue ?? 0)));
  for (const [subject, row] of [["request", data.requestsPending], ["change", data.changesPending]] as const) {
    m.pendingApprovals.set({ subject }, row.n);
    m.oldestPendingApprovalAge.set({ subject }, Math.max(0, Number(row.oldest ?? 0)));
  }
}
