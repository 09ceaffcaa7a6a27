import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { jobs, requestChanges, requestEvents, requests, teams } from "@/db/schema";
import { conflict, notFound } from "@/lib/errors";
import { applyTransition } from "@/lib/requests/transition";
import type { RequestStatus } from "@/lib/requests/state-machine";
import { recordInCatalog } from "./catalog-entry";
import { recordChangeApplied, recordChangeFailed } from "./run-change";

export const callbackSchema = z.object({
  jobId: z.coerce.number({ error: "jobId must be the job's number" }).int().positive(),
  status: z.enum(["succeeded", "failed"], { error: 'status must be "succeeded" or "failed"' }),
  message: z.string().max(2000).optional(),
  outputs: z.record(z.string(), z.unknown()).optional(),
});

/**
 * The automation's signed answer completes the waiting job, in one transaction
 * with what it decides: the request's state change, or for a day-2 change the
 * change applied in place (or failed, the resource staying as it was).
 */
export async function completeWebhookJob(input: z.infer<typeof callbackSchema>): Promise<{ status: RequestStatus }> {
  return db.transaction(async (tx) => {
    const [job] = await tx
      .select({ id: jobs.id, status: jobs.status, action: jobs.action, requestId: jobs.requestId, changeId: jobs.changeId })
      .from(jobs)
      .where(eq(jobs.id, input.jobId))
      .for("update");
    if (!job) throw notFound("There is no job with that id.");
    if (job.status !== "waiting") throw conflict(`That job is not waiting for a callback (it is ${job.status}; it may have timed out).`);
    const [req] = await tx
      .select({ id: requests.id, status: requests.status, kind: requests.kind, team: teams.name, environment: requests.environment, name: requests.name, parameters: requests.parameters })
      .from(requests)
      .innerJoin(teams, eq(teams.id, requests.teamId))
      .where(eq(requests.id, job.requestId))
      .for("update", { of: requests });
    const action = job.action;
    const working = action === "provision" ? "provisioning" : action === "decommission" ? "decommissioning" : "ready";
    if (req.status !== working) throw conflict(`The request is ${req.status}, not ${working}.`);
    const [change] = job.changeId
      ? await tx.select({ id: requestChanges.id, status: requestChanges.status, parameters: requestChanges.parameters }).from(requestChanges).where(eq(requestChanges.id, job.changeId)).for("update")
      : [];
    if (action === "change" && change?.status !== "applying") throw conflict(`That change is not being applied (it is ${change?.status ?? "gone"}).`);

    const ok = input.status === "succeeded";
    await tx.update(jobs).set({ status: ok ? "succeeded" : "failed", lastError: ok ? null : (input.message ?? "failed"), finishedAt: new Date(), updatedAt: new Date() }).where(eq(jobs.id, job.id));
    if (input.outputs) {
      await tx.update(requests).set({ outputs: sql`${requests.outputs} || ${JSON.stringify(input.outputs)}::jsonb` }).where(eq(requests.id, req.id));
    }
    if (input.message) await tx.insert(requestEvents).values({ requestId: req.id, message: `Automation: ${input.message}`, details: { jobId: job.id } });

    if (action === "change") {
      if (ok) await recordChangeApplied(tx, req, change);
      else await recordChangeFailed(tx, req.id, change.id, `the automation reported a failure: ${input.message ?? "no reason given"}`);
      return { status: req.status };
    }
    const to: RequestStatus = ok ? (action === "provision" ? "ready" : "decommissioned") : "failed";
    await applyTransition(tx, { request: req, to, actor: null, message: ok ? (to === "ready" ? "Ready." : "Decommissioned by the automation.") : `The automation reported a failure: ${input.message ?? "no reason given"}` });
    if (to !== "failed") await recordInCatalog(tx, req, to);
    return { status: to };
  });
}
