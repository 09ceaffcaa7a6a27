import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { requestChanges, requestEvents, requests, teams, users } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { conflict, forbidden, notFound, validationFailed } from "@/lib/errors";
import { enqueueJob } from "@/lib/provisioning/jobs/queue";
import { fieldErrors } from "@/lib/validation";
import { notify } from "./notify";
import { evaluatePolicy } from "./policy";
import { footprint, type Usage } from "./quota";
import { changeableFields, submitRequestSchema } from "./schemas";
import { teamQuota, teamUsage } from "./usage";

type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];

async function lockReady(tx: Tx, id: string) {
  const [row] = await tx
    .select({ id: requests.id, kind: requests.kind, status: requests.status, teamId: requests.teamId, team: teams.name, environment: requests.environment, name: requests.name, parameters: requests.parameters, expiresAt: requests.expiresAt, outputs: requests.outputs })
    .from(requests)
    .innerJoin(teams, eq(teams.id, requests.teamId))
    .where(eq(requests.id, id))
    .for("update", { of: requests });
  if (!row) throw notFound("There is no request with that id.");
  return row;
}

function describeChange(before: Record<string, unknown>, after: Record<string, unknown>): string {
  return Object.keys(after)
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => `${k} ${JSON.stringify(before[k])} → ${JSON.stringify(after[k])}`)
    .join(", ");
}

const minus = (a: Usage, b: Usage): Usage => ({
  databases: a.databases - b.databases,
  namespaces: a.namespaces - b.namespaces,
  namespaceCpuMillis: a.namespaceCpuMillis - b.namespaceCpuMillis,
  namespaceMemoryMib: a.namespaceMemoryMib - b.namespaceMemoryMib,
  environments: a.environments - b.environments,
});

/**
 * The owning team changes a ready database's size or a namespace's quota. The
 * new parameters pass the template's hard limits, then the same policy as a
 * new request decides (the team's usage counted without the old footprint).
 */
export async function requestChange(actor: Actor, id: string, changes: Record<string, unknown>) {
  assertCan(actor, "requests:cancel");
  const outcome = await db.transaction(async (tx) => {
    const req = await lockReady(tx, id);
    if (!actor.teams.some((t) => t.id === req.teamId)) {
      if (actor.role !== "admin") throw notFound("There is no request with that id.");
      throw forbidden(`Only members of ${req.team} can change its resources.`);
    }
    if (req.status !== "ready") throw conflict(`Only a ready resource can be changed; this one is ${req.status.replace("_", " ")}.`);
    if (req.kind === "environment") throw conflict("An environment's parts are changed through its own requests; extend its time to live instead.");
    const allowed: readonly string[] = changeableFields[req.kind];
    const unknown = Object.keys(changes).filter((k) => !allowed.includes(k));
    if (unknown.length) throw validationFailed(`Only ${allowed.join(", ")} can be changed on a live ${req.kind}.`, Object.fromEntries(unknown.map((k) => [`parameters.${k}`, "cannot be changed"])));

    const parsed = submitRequestSchema.safeParse({ kind: req.kind, team: req.team, environment: req.environment, name: req.name, parameters: { ...req.parameters, ...changes } });
    if (!parsed.success) throw validationFailed("Some fields are not valid.", fieldErrors(parsed.error));
    const next = parsed.data.parameters as Record<string, unknown>;
    const diff = describeChange(req.parameters, next);
    if (!diff) throw validationFailed("That is what it already has: nothing would change.");

    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"requests:" + req.teamId}))`);
    const usage = minus(await teamUsage(tx, req.teamId), footprint({ kind: req.kind, parameters: req.parameters }));
    const decision = evaluatePolicy(parsed.data, req.team, usage, await teamQuota(tx, req.teamId));
    const status = decision.outcome === "auto_approve" ? "approved" : "pending_approval";
    const [change] = await tx
      .insert(requestChanges)
      .values({ requestId: id, parameters: next, previousParameters: req.parameters, status, policyRule: decision.rule, policyReason: decision.reason, requestedBy: actor.id })
      .onConflictDoNothing()
      .returning({ id: requestChanges.id });
    if (!change) throw conflict("Another change of this resource is still open; wait for it to be decided and applied.");
    await tx.insert(requestEvents).values({ requestId: id, actorId: actor.id, actorEmail: actor.email, message: `Change requested by ${actor.name}: ${diff}. ${decision.reason}`, details: { changeId: change.id, rule: decision.rule } });
    if (status === "approved") await enqueueJob(tx, { requestId: id, action: "change", changeId: change.id });
    await recordAudit(tx, { actor, action: "request.change", target: { type: "request", id }, details: { changeId: change.id, diff, status, rule: decision.rule } });
    return { changeId: change.id, status, team: req.team, name: req.name, diff };
  });
  if (outcome.status === "pending_approval") notify(`${actor.name} asks to change ${outcome.team}/${outcome.name}: ${outcome.diff}. Needs approval.`, { event: "change.pending_approval", requestId: id });
  return outcome;
}

/** Admins decide on changes as on requests: never their own, once, under a row lock. */
export async function decideChange(actor: Actor, changeId: string, verdict: "approved" | "rejected", reason: string) {
  assertCan(actor, "requests:approve");
  return db.transaction(async (tx) => {
    const [change] = await tx.select().from(requestChanges).where(eq(requestChanges.id, changeId)).for("update");
    if (!change) throw notFound("There is no change with that id.");
    if (change.requestedBy === actor.id) throw forbidden("You cannot decide on your own change; another platform admin must.");
    if (change.status !== "pending_approval") throw conflict(`This change is no longer waiting for approval (it is ${change.status.replace("_", " ")}).`);
    await tx.update(requestChanges).set({ status: verdict, decidedBy: actor.id, decisionReason: reason || null, updatedAt: new Date() }).where(eq(requestChanges.id, changeId));
    await tx.insert(requestEvents).values({
      requestId: change.requestId,
      actorId: actor.id,
      actorEmail: actor.email,
      message: `Change ${verdict} by ${actor.name}${reason ? `: ${reason}` : "."}`,
      details: { changeId },
    });
    if (verdict === "approved") await enqueueJob(tx, { requestId: change.requestId, action: "change", changeId });
    await recordAudit(tx, { actor, action: verdict === "approved" ? "change.approve" : "change.reject", target: { type: "request", id: change.requestId }, details: { changeId, reason } });
    return { requestId: change.requestId, status: verdict };
  });
}

export type ChangeView = {
  id: string;
  status: string;
  diff: string;
  policyReason: string;
  requestedBy: string;
  requestedById: string;
  decisionReason: string | null;
  lastError: string | null;
  createdAt: Date;
};

/** The change history of a resource the actor can see. */
export async function listChanges(actor: Actor, requestId: string): Promise<ChangeView[]> {
  assertCan(actor, "requests:read");
  const [req] = await db.select({ teamId: requests.teamId }).from(requests).where(eq(requests.id, requestId));
  if (!req || (actor.role !== "admin" && !actor.teams.some((t) => t.id === req.teamId))) return [];
  const rows = await db
    .select({
      id: requestChanges.id,
      status: requestChanges.status,
      parameters: requestChanges.parameters,
      previous: requestChanges.previousParameters,
      policyReason: requestChanges.policyReason,
      requestedBy: users.email,
      requestedById: requestChanges.requestedBy,
      decisionReason: requestChanges.decisionReason,
      lastError: requestChanges.lastError,
      createdAt: requestChanges.createdAt,
    })
    .from(requestChanges)
    .innerJoin(users, eq(users.id, requestChanges.requestedBy))
    .where(eq(requestChanges.requestId, requestId))
    .orderBy(asc(requestChanges.createdAt));
  return rows.map(({ parameters, previous, ...r }) => ({ ...r, diff: describeChange(previous, parameters) }));
}

/** Changes waiting for an admin, oldest first, for the approval queue. */
export async function pendingChanges(actor: Actor) {
  assertCan(actor, "requests:approve");
  return db
    .select({ id: requestChanges.id, requestId: requests.id, name: requests.name, kind: requests.kind, team: teams.name, environment: requests.environment, createdAt: requestChanges.createdAt, requestedBy: users.email })
    .from(requestChanges)
    .innerJoin(requests, eq(requests.id, requestChanges.requestId))
    .innerJoin(teams, eq(teams.id, requests.teamId))
    .innerJoin(users, eq(users.id, requestChanges.requestedBy))
    .where(eq(requestChanges.status, "pending_approval"))
    .orderBy(asc(requestChanges.createdAt))
    .limit(100);
}

/**
 * An environment's owners may extend its time to live once; platform admins
 * as often as needed. Production environments do not expire.
 */
export async function extendEnvironment(actor: Actor, id: string, hours: number) {
  assertCan(actor, "requests:cancel");
  return db.transaction(async (tx) => {
    const req = await lockReady(tx, id);
    const member = actor.teams.some((t) => t.id === req.teamId);
    if (!member && actor.role !== "admin") throw notFound("There is no request with that id.");
    if (req.kind !== "environment" || !req.expiresAt) throw conflict("Only an expiring environment has a time to live to extend.");
    if (req.status !== "ready") throw conflict(`Only a ready environment can be extended; this one is ${req.status.replace("_", " ")}.`);
    if (actor.role !== "admin") {
      const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(requestEvents).where(and(eq(requestEvents.requestId, id), sql`${requestEvents.details} ? 'extendedByHours'`));
      if (n > 0) throw forbidden("Its time to live was already extended once; a platform admin can extend it again.");
    }
    const base = req.expiresAt.getTime() > Date.now() ? req.expiresAt.getTime() : Date.now();
    const expiresAt = new Date(base + hours * 3_600_000);
    await tx
      .update(requests)
      .set({ expiresAt, outputs: sql`${requests.outputs} || ${JSON.stringify({ expiresAt: expiresAt.toISOString() })}::jsonb`, updatedAt: new Date() })
      .where(eq(requests.id, id));
    await tx.insert(requestEvents).values({ requestId: id, actorId: actor.id, actorEmail: actor.email, message: `Time to live extended by ${hours} h by ${actor.name}; now ends ${expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC.`, details: { extendedByHours: hours } });
    await recordAudit(tx, { actor, action: "request.extend", target: { type: "request", id }, details: { hours, expiresAt: expiresAt.toISOString() } });
    return { expiresAt };
  });
}
