import "server-only";
import { db } from "@/db/client";
import { requestEvents } from "@/db/schema";
import { log } from "@/lib/log";
import { PermanentBackendError } from "../backends/types";
import { backoffMs, finishJob, type ClaimedJob } from "./queue";

type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];

export type FailureHandling = {
  /** The log line's message; the job, its attempt and the error are added. */
  logMessage: string;
  logFields?: Record<string, unknown>;
  /** What failing for good does besides the job (the request or the change fails), in the same transaction. */
  failForGood(tx: Tx, error: string): Promise<void>;
  /** The timeline entry announcing the retry. */
  retryEvent(error: string, delaySeconds: number): { message: string; details: Record<string, unknown> };
};

/**
 * Ends an attempt that threw: a permanent error or the last allowed attempt
 * fails the job for good, anything else puts it back with exponential backoff
 * and says so on the request's timeline. Written only while this worker still
 * holds the job ("lost" when its lease lapsed and another worker took over).
 */
export async function recordFailedAttempt(job: ClaimedJob, workerId: string, error: unknown, handling: FailureHandling): Promise<"failed" | "retrying" | "lost"> {
  const message = error instanceof Error ? error.message : String(error);
  const last = error instanceof PermanentBackendError || job.attempts >= job.maxAttempts;
  log(last ? "error" : "warn", handling.logMessage, { jobId: job.id, requestId: job.requestId, attempt: job.attempts, ...handling.logFields, error: message });
  return db.transaction(async (tx) => {
    if (last) {
      if (!(await finishJob(tx, job, workerId, { status: "failed", lastError: message, finishedAt: new Date() }))) return "lost" as const;
      await handling.failForGood(tx, message);
      return "failed" as const;
    }
    const delay = backoffMs(job.attempts);
    if (!(await finishJob(tx, job, workerId, { status: "queued", lastError: message, runAt: new Date(Date.now() + delay) }))) return "lost" as const;
    await tx.insert(requestEvents).values({ requestId: job.requestId, ...handling.retryEvent(message, Math.round(delay / 1000)) });
    return "retrying" as const;
  });
}
