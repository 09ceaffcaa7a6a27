import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { jobs, requestChanges, requests, teams } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { conflict, forbidden, notFound } from "@/lib/errors";
import { enqueueJob } from "@/lib/provisioning/jobs/queue";
import { notify } from "./notify";
import { getRequest, type RequestDetail } from "./queries";
import type { RequestStatus } from "./state-machine";
import { applyTransition } from "./transition";

type Locked = { id: string; status: RequestStatus; requestedBy: string; teamId: string; team: string; kind: string; name: string };

async function lockRequest(tx: Parameters<Parameters<typeof db.transaction>[0]>[0], id: string): Promise<Locked> {
  // FOR UPDATE makes two admins deciding at once queue up: the second sees the first's decision.
  const [row] = await tx
    .select({ id: requests.id, status: requests.status, requestedBy: requests.requestedBy, teamId: requests.teamId, team: teams.name, kind: requests.kind, name: requests.name })
    .from(requests)
    .innerJoin(teams, eq(teams.id, requests.teamId))
    .where(eq(requests.id, id))
    .for("update", { of: requests });
  if (!row) throw notFound("There is no request with that id.");
  return row;
}

async function decide(actor: Actor, id: string, verdict: "approved" | "rejected", reason: string): Promise<RequestDetail> {
  assertCan(actor, "requests:approve");
  const req = await db.transaction(async (tx) => {
    const req = await lockRequest(tx, id);
    if (req.requestedBy === actor.id) throw forbidden("You cannot decide on your own request; another platform admin must.");
    if (req.status !== "pending_approval") throw conflict(`This request is no longer waiting for approval (it is ${req.status.replace("_", " ")}).`);
    const now = new Date();
    await applyTransition(tx, {
      request: req,
      to: verdict,
      actor,
      message: `${verdict === "approved" ? "Approved" : "Rejected"} by ${actor.name}${reason ? `: ${reason}` : "."}`,
      details: { reason },
      set: { decidedBy: actor.id, decisionReason: reason || null, decidedAt: now },
    });
    if (verdict === "approved") await enqueueJob(tx, { requestId: id, action: "provision" });
    await recordAudit(tx, {
      actor,
      action: verdict === "approved" ? "request.approve" : "request.reject",
      target: { type: "request", id },
      details: { team: req.team, kind: req.kind, name: req.name, reason },
    });
    return req;
  });
  notify(`${actor.name} ${verdict} the ${req.kind} "${req.name}" of ${req.team}${reason ? `: ${reason}` : "."}`, { event: `request.${verdict}`, requestId: id });
  return (await getRequest(actor, id))!;
}

export const approveRequest = (actor: Actor, id: string, reason = "") => decide(actor, id, "approved", reason);
export const rejectRequest = (actor: Actor, id: string, reason: string) => decide(actor, id, "rejected", reason);

/** The owning team may cancel until provisioning starts. */
export async function cancelRequest(actor: Actor, id: string): Promise<RequestDetail> {
  assertCan(actor, "requests:cancel");
  await db.transaction(async (tx) => {
    const req = await lockRequest(tx, id);
    const member = actor.teams.some((t) => t.id === req.teamId);
    if (!member) {
      // Someone who cannot see the request learns nothing about it.
      if (actor.role !== "admin") throw notFound("There is no request with that id.");
      throw forbidden(`Only members of ${req.team} can cancel its requests.`);
    }
    await applyTransition(tx, { request: req, to: "cancelled", actor, message: `Cancelled by ${actor.name}.` });
    await recordAudit(tx, { actor, action: "request.cancel", target: { type: "request", id }, details: { team: req.team, kind: req.kind, name: req.name } });
  });
  return (await getRequest(actor, id))!;
}

/** The owning team tears down what it no longer needs; the job is written with the state change. */
export async function decommissionRequest(actor: Actor, id: string): Promise<RequestDetail> {
  assertCan(actor, "requests:cancel");
  await db.transaction(async (tx) => {
    const req = await lockRequest(tx, id);
    if (!actor.teams.some((t) => t.id === req.teamId)) {
      if (actor.role !== "admin") throw notFound("There is no request with that id.");
      throw forbidden(`Only members of ${req.team} can decommission its resources.`);
    }
    // A request has one open job at a time: a change being applied must finish first; one still waiting for approval is moot.
    const [open] = await tx
      .select({ id: requestChanges.id, status: requestChanges.status })
      .from(requestChanges)
      .where(and(eq(requestChanges.requestId, id), inArray(requestChanges.status, ["pending_approval", "approved", "applying"])));
    if (open && open.status !== "pending_approval") throw conflict("A change to this resource is being applied; decommission it once the change has finished.");
    if (open) {
      await tx.update(requestChanges).set({ status: "cancelled", decisionReason: "The resource is being decommissioned.", updatedAt: new Date() }).where(eq(requestChanges.id, open.id));
    }
    await applyTransition(tx, { request: req, to: "decommissioning", actor, message: `Decommission requested by ${actor.name}.` });
    await enqueueJob(tx, { requestId: id, action: "decommission" });
    await recordAudit(tx, { actor, action: "request.decommission", target: { type: "request", id }, details: { team: req.team, kind: req.kind, name: req.name } });
  });
  return (await getRequest(actor, id))!;
}

/** An admin retries a failed request: the step that failed (provision or decommission) runs again from where it stopped. */
export async function retryRequest(actor: Actor, id: string): Promise<RequestDetail> {
  assertCan(actor, "requests:retry");
  await db.transaction(async (tx) => {
    const req = await lockRequest(tx, id);
    if (req.status !== "failed") throw conflict(`Only a failed request can be retried; this one is ${req.status.replace("_", " ")}.`);
    const [last] = await tx.select({ action: jobs.action }).from(jobs).where(eq(jobs.requestId, id)).orderBy(desc(jobs.id)).limit(1);
    const action = last?.action ?? "provision";
    await applyTransition(tx, { request: req, to: action === "provision" ? "provisioning" : "decommissioning", actor, message: `Retry requested by ${actor.name}.` });
    await enqueueJob(tx, { requestId: id, action });
    await recordAudit(tx, { actor, action: "request.retry", target: { type: "request", id }, details: { action } });
  });
  return (await getRequest(actor, id))!;
}
