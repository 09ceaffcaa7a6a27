import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { jobs } from "@/db/schema";

type Tx = Pick<Database, "insert" | "execute" | "update">;

export type JobAction = "provision" | "decommission" | "change";
export type ClaimedJob = {
  id: number;
  requestId: string;
  action: JobAction;
  attempts: number;
  maxAttempts: number;
  /** "waiting" means its external automation did not call back before the deadline. */
  previousStatus: "queued" | "running" | "waiting";
};

export const LEASE_SECONDS = Number(process.env.RUNWAY_JOB_LEASE_SECONDS ?? 60);

/**
 * We keep our own small queue instead of pg-boss: a job must be inserted in
 * the same Drizzle/postgres.js transaction as the approval that causes it,
 * and pg-boss would bring its own `pg` pool per process for that.
 */
export async function enqueueJob(tx: Tx, input: { requestId: string; action: JobAction; changeId?: string; maxAttempts?: number }): Promise<void> {
  await tx
    .insert(jobs)
    .values({ requestId: input.requestId, action: input.action, changeId: input.changeId ?? null, maxAttempts: input.maxAttempts ?? Number(process.env.RUNWAY_JOB_MAX_ATTEMPTS ?? 5) })
    // A request has at most one unfinished job (partial unique index); enqueueing twice is a no-op.
    .onConflictDoNothing();
}

/**
 * Takes the next due job, one whose worker's lease ran out (it died), or one
 * whose external automation did not call back in time. SKIP
 * LOCKED lets many workers poll the same table without ever taking one job twice.
 */
export async function claimJob(tx: Pick<Database, "execute">, workerId: string): Promise<ClaimedJob | null> {
  const rows = await tx.execute<{ id: string; request_id: string; action: JobAction; attempts: number; max_attempts: number; previous: ClaimedJob["previousStatus"] }>(sql`
    with picked as (
      select id, status as previous from jobs
      where (status in ('queued', 'waiting') and run_at <= now()) or (status = 'running' and lease_until < now())
      order by run_at, id
      limit 1
      for update skip locked
    )
    update jobs set status = 'running', attempts = attempts + 1, locked_by = ${workerId},
      lease_until = now() + make_interval(secs => ${LEASE_SECONDS}), updated_at = now()
    from picked where jobs.id = picked.id
    returning jobs.id, jobs.request_id, jobs.action, jobs.attempts, jobs.max_attempts, picked.previous
  `);
  const r = rows[0];
  return r ? { id: Number(r.id), requestId: r.request_id, action: r.action, attempts: r.attempts, maxAttempts: r.max_attempts, previousStatus: r.previous } : null;
}

/** Keeps a long job's lease alive; false when another worker took it over (our lease had lapsed). */
export async function renewLease(tx: Pick<Database, "update">, jobId: number, workerId: string): Promise<boolean> {
  const rows = await tx
    .update(jobs)
    .set({ leaseUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})` })
    .where(and(eq(jobs.id, jobId), eq(jobs.lockedBy, workerId), eq(jobs.status, "running")))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Exponential backoff with full jitter: 2^attempt seconds, capped at 5 minutes. */
export function backoffMs(attempt: number, random = Math.random): number {
  const cap = Math.min(300_000, 1000 * 2 ** Math.min(attempt, 20));
  return Math.round(cap / 2 + random() * (cap / 2));
}

/** On graceful shutdown: hand a job we will not finish back to the queue at once. */
export async function releaseJob(tx: Pick<Database, "update">, jobId: number, workerId: string): Promise<void> {
  await tx
    .update(jobs)
    .set({ status: "queued", lockedBy: null, leaseUntil: null, runAt: sql`now()`, attempts: sql`greatest(${jobs.attempts} - 1, 0)`, updatedAt: sql`now()` })
    .where(and(eq(jobs.id, jobId), eq(jobs.lockedBy, workerId), eq(jobs.status, "running")));
}

/** Marks the job finished only if we still hold it: a worker whose lease lapsed must not finish someone else's run. */
export async function finishJob(tx: Pick<Database, "update">, job: { id: number }, workerId: string, set: Partial<typeof jobs.$inferInsert>): Promise<boolean> {
  const rows = await tx
    .update(jobs)
    .set({ ...set, lockedBy: null, leaseUntil: null, updatedAt: new Date() })
    .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId), eq(jobs.status, "running")))
    .returning({ id: jobs.id });
  return rows.length > 0;
}
