import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { log } from "@/lib/log";
import { timeProvisioning } from "@/lib/observability/provisioning";
import type { RequestStatus } from "@/lib/requests/state-machine";
import { applyTransition } from "@/lib/requests/transition";
import { backendFor } from "./backends";
import { AwaitingCallback, PermanentBackendError } from "./backends/types";
import { recordInCatalog } from "./catalog-entry";
import { backendContext } from "./context";
import { recordFailedAttempt } from "./jobs/failure";
import { finishJob, renewLease, type ClaimedJob, LEASE_SECONDS } from "./jobs/queue";
import { loadRequest } from "./load-request";
import { runChangeJob } from "./run-change";

/** Where each action starts from and where it goes. */
const plan = {
  provision: { from: ["approved", "auto_approved", "failed"] as RequestStatus[], working: "provisioning" as const, done: "ready" as const },
  decommission: { from: ["ready", "failed"] as RequestStatus[], working: "decommissioning" as const, done: "decommissioned" as const },
};

export type RunOutcome = "succeeded" | "retrying" | "waiting" | "failed" | "lost" | "skipped";

export async function runJob(job: ClaimedJob, workerId: string, signal: AbortSignal): Promise<RunOutcome> {
  if (job.action === "change") return runChangeJob(job, workerId, signal);
  const p = plan[job.action];
  const request = await loadRequest(job.requestId);
  if (!request || (!p.from.includes(request.status) && request.status !== p.working)) {
    // The request moved on (cancelled, already done): nothing to do.
    await db.transaction((tx) => finishJob(tx, job, workerId, { status: "failed", lastError: `request is ${request?.status ?? "gone"}`, finishedAt: new Date() }));
    return "skipped";
  }
  if (request.status !== p.working) {
    await applyTransition(db, { request, to: p.working, actor: null, message: `${job.action === "provision" ? "Provisioning" : "Decommissioning"} started (attempt ${job.attempts}).` });
    request.status = p.working;
  }

  if (job.previousStatus === "waiting") {
    // Its deadline passed with no callback from the external automation.
    const failed = await db.transaction(async (tx) => {
      if (!(await finishJob(tx, job, workerId, { status: "failed", lastError: "no callback before the deadline", finishedAt: new Date() }))) return false;
      await applyTransition(tx, { request, to: "failed", actor: null, message: "The external automation did not call back before the deadline (RUNWAY_WEBHOOK_TIMEOUT_MINUTES)." });
      return true;
    });
    return failed ? "failed" : "lost";
  }

  const heartbeat = setInterval(() => {
    renewLease(db, job.id, workerId).catch((e) => log("warn", "lease renewal failed", { jobId: job.id, error: String(e) }));
  }, (LEASE_SECONDS * 1000) / 3);
  try {
    const backend = backendFor(request);
    if (!backend) throw new PermanentBackendError(`No backend handles ${request.kind} requests in this installation.`);
    if (!backend.configured()) throw new PermanentBackendError(`The ${backend.id} backend is not configured: set ${backend.settings[0]}.`);
    const ctx = backendContext(request, request.outputs ?? {}, { jobId: job.id, attempt: job.attempts }, signal);
    await timeProvisioning(backend.id, job.action, () => (job.action === "provision" ? backend.provision(ctx) : backend.decommission(ctx)));

    const kept = await db.transaction(async (tx) => {
      if (!(await finishJob(tx, job, workerId, { status: "succeeded", finishedAt: new Date(), lastError: null }))) return false;
      const ttl = request.kind === "environment" ? Number(request.parameters.ttlHours ?? 0) : 0;
      await applyTransition(tx, {
        request,
        to: p.done,
        actor: null,
        message: job.action === "provision" ? `Ready.${ttl ? ` It will be torn down after ${ttl} h.` : ""}` : "Decommissioned: everything it created is gone.",
        // The expiry stamped on the manifests (outputs.expiresAt) is the one that counts; else it runs from readiness.
        set:
          job.action === "provision" && ttl
            ? { expiresAt: ctx.outputs.expiresAt ? new Date(String(ctx.outputs.expiresAt)) : (sql`now() + make_interval(hours => ${ttl})` as unknown as Date) }
            : undefined,
      });
      await recordInCatalog(tx, request, p.done);
      return true;
    });
    return kept ? "succeeded" : "lost";
  } catch (error) {
    if (error instanceof AwaitingCallback) {
      // Parked until the automation calls back; if it never does, the timeout hands the job out again.
      const parked = await db.transaction((tx) => finishJob(tx, job, workerId, { status: "waiting", runAt: new Date(Date.now() + error.timeoutMs), lastError: null }));
      return parked ? "waiting" : "lost";
    }
    return recordFailedAttempt(job, workerId, error, {
      logMessage: "provisioning job failed",
      failForGood: (tx, message) =>
        applyTransition(tx, { request, to: "failed", actor: null, message: `Failed after ${job.attempts} attempt(s): ${message}`, details: { error: message, action: job.action } }),
      retryEvent: (message, seconds) => ({
        message: `Attempt ${job.attempts} failed: ${message}. Retrying in ${seconds} s.`,
        details: { error: message, jobId: job.id, attempt: job.attempts },
      }),
    });
  } finally {
    clearInterval(heartbeat);
  }
}
