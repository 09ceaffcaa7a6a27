import "server-only";
import { and, eq, notInArray, or, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { ENDED_STATUSES, requestEvents, requests } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { unknownComponents } from "@/lib/catalog/request-resources";
import { conflict, forbidden, validationFailed } from "@/lib/errors";
import { missingBackends } from "@/lib/provisioning/backends";
import { enqueueJob } from "@/lib/provisioning/jobs/queue";
import { notify } from "./notify";
import { evaluatePolicy } from "./policy";
import { DEFAULT_QUOTA, emptyUsage } from "./quota";
import { getRequest, type RequestDetail } from "./queries";
import type { SubmittedRequest } from "./schemas";
import { teamQuota, teamUsage } from "./usage";

const isUniqueViolation = (e: unknown, constraint: string) =>
  typeof e === "object" && e !== null && (e as { code?: string }).code === "23505" && (e as { constraint_name?: string }).constraint_name === constraint;

/**
 * The services a request names must be catalog Components: an environment
 * deploys them (Argo CD needs to know where each comes from), and a database
 * or namespace is listed on its service's page. A name the catalog does not
 * have is refused on its field, keyed as the schema keys its own errors.
 */
async function checkServicesInCatalog(input: SubmittedRequest): Promise<void> {
  if (input.kind !== "environment") {
    const { service } = input.parameters;
    if (!service || !(await unknownComponents([service])).length) return;
    throw validationFailed(
      `"${service}" is not in the catalog: the service a ${input.kind} is for must be a Component in the catalog (import it first, pick one the catalog lists, or leave the field empty).`,
      { "parameters.service": `"${service}" is not in the catalog; choose a catalog Component` },
    );
  }
  const { services } = input.parameters;
  const unknown = new Set(await unknownComponents(services));
  if (!unknown.size) return;
  const names = [...unknown].map((s) => `"${s}"`).join(", ");
  throw validationFailed(
    `${names} ${unknown.size === 1 ? "is" : "are"} not in the catalog: each service of an environment must be a Component in the catalog (import it first, or pick one the catalog lists).`,
    Object.fromEntries(services.flatMap((s, i) => (unknown.has(s) ? [[`parameters.services.${i}`, `"${s}" is not in the catalog; each service must be a catalog Component`]] : []))),
  );
}

/**
 * Validated input in, one request out. The team's advisory lock serialises
 * submissions per team, so two requests cannot both fit the last slot of a
 * quota, and a retried submission (same idempotency key) finds the first.
 */
export async function submitRequest(actor: Actor, input: SubmittedRequest): Promise<{ request: RequestDetail; created: boolean }> {
  assertCan(actor, "requests:submit");
  const team = actor.teams.find((t) => t.name === input.team);
  if (!team) throw forbidden(`You are not a member of team "${input.team}"; you can request for ${actor.teams.map((t) => t.name).join(", ") || "no team yet"}.`);

  const missing = missingBackends(input as { kind: SubmittedRequest["kind"]; parameters: Record<string, unknown> });
  if (missing) throw validationFailed("This installation cannot provision that yet.", missing);
  await checkServicesInCatalog(input);

  // Only a decision that depends on the team's quota must see every earlier submission of the team;
  // production always waits for an admin, so it skips the lock (names and keys stay unique by index).
  const quotaMatters = input.environment !== "production";
  const outcome = await db.transaction(async (tx) => {
    if (quotaMatters) await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"requests:" + team.id}))`);

    // One read answers both questions: is this a retry, and is the name taken by a live request?
    const found = await tx
      .select({ id: requests.id, replay: input.idempotencyKey ? sql<boolean>`${requests.requestedBy} = ${actor.id} and ${requests.idempotencyKey} = ${input.idempotencyKey}` : sql<boolean>`false` })
      .from(requests)
      .where(
        or(
          input.idempotencyKey ? and(eq(requests.requestedBy, actor.id), eq(requests.idempotencyKey, input.idempotencyKey)) : undefined,
          and(eq(requests.teamId, team.id), eq(requests.kind, input.kind), eq(requests.name, input.name), notInArray(requests.status, [...ENDED_STATUSES])),
        ),
      );
    const replay = found.find((r) => r.replay);
    if (replay) return { created: false as const, id: replay.id };
    if (found.length) throw conflict(`Team ${team.name} already has a live ${input.kind} named "${input.name}".`, { name: "is already used by a live request of this team" });

    const decision = quotaMatters
      ? evaluatePolicy(input, team.name, await teamUsage(tx, team.id), await teamQuota(tx, team.id))
      : evaluatePolicy(input, team.name, emptyUsage(), DEFAULT_QUOTA);
    const status = decision.outcome === "auto_approve" ? "auto_approved" : "pending_approval";
    const ttl = input.kind === "environment" ? input.parameters.ttlHours : undefined;

    const [row] = await tx
      .insert(requests)
      .values({
        kind: input.kind,
        teamId: team.id,
        environment: input.environment,
        name: input.name,
        parameters: input.parameters as Record<string, unknown>,
        status,
        requestedBy: actor.id,
        policyRule: decision.rule,
        policyReason: decision.reason,
        idempotencyKey: input.idempotencyKey ?? null,
        // The TTL runs from readiness; until then this is the earliest it could end.
        expiresAt: ttl ? new Date(Date.now() + ttl * 3_600_000) : null,
        ...(status === "auto_approved" ? { decidedAt: new Date(), decisionReason: decision.reason } : {}),
      })
      .returning();

    const who = { actorId: actor.id, actorEmail: actor.email };
    // Written together: on one connection postgres.js pipelines them instead of waiting for each.
    const [events] = await Promise.all([
      tx
        .insert(requestEvents)
        .values([
          { requestId: row.id, ...who, toStatus: "submitted", message: `Submitted by ${actor.name}.`, details: { parameters: input.parameters } },
          { requestId: row.id, actorId: null, actorEmail: null, fromStatus: "submitted", toStatus: status, message: decision.reason, details: { rule: decision.rule } },
        ])
        .returning({ at: requestEvents.at, actor: requestEvents.actorEmail, from: requestEvents.fromStatus, to: requestEvents.toStatus, message: requestEvents.message, details: requestEvents.details }),
      status === "auto_approved" ? enqueueJob(tx, { requestId: row.id, action: "provision" }) : null,
      recordAudit(tx, {
        actor,
        action: "request.submit",
        target: { type: "request", id: row.id },
        details: { kind: input.kind, team: team.name, environment: input.environment, name: input.name, status, rule: decision.rule },
      }),
    ]);
    // What getRequest would read back, built from what was just written (a submission's answer is on the hot path).
    const request: RequestDetail = {
      id: row.id,
      kind: row.kind,
      team: team.name,
      environment: row.environment,
      name: row.name,
      status: row.status,
      requestedBy: actor.email,
      requestedByName: actor.name,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      teamId: row.teamId,
      requestedById: row.requestedBy,
      parameters: row.parameters,
      outputs: row.outputs,
      expiresAt: row.expiresAt,
      policy: { rule: row.policyRule, reason: row.policyReason },
      decision: row.decidedAt ? { by: null, reason: row.decisionReason, rule: row.policyRule, at: row.decidedAt } : null,
      events,
    };
    return { created: true as const, request };
  }).catch(async (e) => {
    // The same key sent for two teams at once takes two team locks; the loser finds the winner here.
    if (isUniqueViolation(e, "requests_idempotency_key") && input.idempotencyKey) {
      const [first] = await db.select({ id: requests.id }).from(requests).where(and(eq(requests.requestedBy, actor.id), eq(requests.idempotencyKey, input.idempotencyKey)));
      if (first) return { created: false as const, id: first.id };
    }
    if (isUniqueViolation(e, "requests_live_name_key")) throw conflict(`Team ${team.name} already has a live ${input.kind} named "${input.name}".`, { name: "is already used by a live request of this team" });
    throw e;
  });

  if (!outcome.created) return { request: (await getRequest(actor, outcome.id))!, created: false };
  const { request } = outcome;
  if (request.status === "pending_approval") {
    notify(`${actor.name} requests a ${request.environment} ${request.kind} "${request.name}" for ${request.team}: needs approval. ${request.policy.reason}`, {
      event: "request.pending_approval",
      requestId: request.id,
    });
  }
  return { request, created: true };
}
