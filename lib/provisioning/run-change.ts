import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { jobs, requestChanges, requestEvents, requests } from "@/db/schema";
import { upsertRequestResource, type ProvisionedRequestLike } from "@/lib/catalog/request-resources";
import type { Tx } from "@/lib/catalog/store";
import { backendFor } from "./backends";
import { AwaitingCallback, PermanentBackendError } from "./backends/types";
import { backendContext } from "./context";
import { recordFailedAttempt } from "./jobs/failure";
import { finishJob, type ClaimedJob } from "./jobs/queue";
import type { RunOutcome } from "./run";
import { loadRequest } from "./load-request";

type Change = { id: string; parameters: Record<string, unknown> };

/**
 * The change is live: the request takes its parameters and the change history
 * says so. Called in the transaction that finishes the job, by the worker or
 * by the external automation's callback.
 */
export async function recordChangeApplied(tx: Tx, request: ProvisionedRequestLike, change: Change): Promise<void> {
  await tx.update(requests).set({ parameters: change.parameters, updatedAt: new Date() }).where(eq(requests.id, request.id));
  await tx.update(requestChanges).set({ status: "applied", updatedAt: new Date(), lastError: null }).where(eq(requestChanges.id, change.id));
  await tx.insert(requestEvents).values({ requestId: request.id, message: "Change applied in place.", details: { changeId: change.id } });
  // The catalog entry is drawn from the parameters; when the change alters nothing it shows, this writes nothing.
  await upsertRequestResource(tx, { ...request, parameters: change.parameters });
}

/** The change failed for good; the resource keeps its parameters and stays ready. */
export async function recordChangeFailed(tx: Tx, requestId: string, changeId: string, message: string): Promise<void> {
  await tx.update(requestChanges).set({ status: "failed", lastError: message, updatedAt: new Date() }).where(eq(requestChanges.id, changeId));
  await tx.insert(requestEvents).values({ requestId, message: `The change could not be applied: ${message}`, details: { changeId, error: message } });
}

/**
 * Applies an approved day-2 change in place: the backend's provision() is an
 * idempotent "ensure", so running it with the new parameters corrects the
 * live resource (connection limit, quota manifests) without recreating it.
 */
export async function runChangeJob(job: ClaimedJob, workerId: string, signal: AbortSignal): Promise<RunOutcome> {
  const [row] = await db.select({ changeId: jobs.changeId }).from(jobs).where(eq(jobs.id, job.id));
  const [change] = row?.changeId ? await db.select().from(requestChanges).where(eq(requestChanges.id, row.changeId)) : [];
  const request = await loadRequest(job.requestId);
  if (!change || !request || request.status !== "ready" || !["approved", "applying"].includes(change.status)) {
    await db.transaction((tx) => finishJob(tx, job, workerId, { status: "failed", lastError: "the change or its resource is no longer applicable", finishedAt: new Date() }));
    return "skipped";
  }

  if (job.previousStatus === "waiting") {
    // Its deadline passed with no callback from the external automation.
    const failed = await db.transaction(async (tx) => {
      if (!(await finishJob(tx, job, workerId, { status: "failed", lastError: "no callback before the deadline", finishedAt: new Date() }))) return false;
      await recordChangeFailed(tx, request.id, change.id, "the external automation did not call back before the deadline (RUNWAY_WEBHOOK_TIMEOUT_MINUTES)");
      return true;
    });
    return failed ? "failed" : "lost";
  }
  if (change.status === "approved") await db.update(requestChanges).set({ status: "applying", updatedAt: new Date() }).where(eq(requestChanges.id, change.id));

  const changed = { ...request, parameters: change.parameters };
  try {
    const backend = backendFor(changed);
    if (!backend?.configured()) throw new PermanentBackendError(`No configured backend can apply changes to this ${request.kind}.`);
    await backend.provision(backendContext(changed, request.outputs ?? {}, { jobId: job.id, attempt: job.attempts, changeId: change.id }, signal));
    const kept = await db.transaction(async (tx) => {
      if (!(await finishJob(tx, job, workerId, { status: "succeeded", finishedAt: new Date(), lastError: null }))) return false;
      await recordChangeApplied(tx, request, change);
      return true;
    });
    return kept ? "succeeded" : "lost";
  } catch (error) {
    if (error instanceof AwaitingCallback) {
      // As for provisioning: parked, the change stays "applying" until the automation calls back or the deadline hands the job out again.
      const parked = await db.transaction((tx) => finishJob(tx, job, workerId, { status: "waiting", runAt: new Date(Date.now() + error.timeoutMs), lastError: null }));
      return parked ? "waiting" : "lost";
    }
    return recordFailedAttempt(job, workerId, error, {
      logMessage: "change job failed",
      logFields: { changeId: change.id },
      failForGood: (tx, message) => recordChangeFailed(tx, request.id, change.id, message),
      retryEvent: (message, seconds) => ({
        message: `Applying the change failed (attempt ${job.attempts}): ${message}. Retrying in ${seconds} s.`,
        details: { changeId: change.id, error: message },
      }),
    });
  }
}
