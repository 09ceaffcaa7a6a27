import "server-only";
import { aliasedTable, and, asc, desc, eq, gt, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { requestEvents, requests, teams, users } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { validationFailed } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "./cursor";
import type { RequestStatus } from "./state-machine";

const requester = aliasedTable(users, "requester");
const decider = aliasedTable(users, "decider");

const summaryColumns = {
  id: requests.id,
  kind: requests.kind,
  team: teams.name,
  environment: requests.environment,
  name: requests.name,
  status: requests.status,
  requestedBy: requester.email,
  requestedByName: requester.name,
  createdAt: requests.createdAt,
  updatedAt: requests.updatedAt,
};

export type RequestSummary = {
  id: string;
  kind: "database" | "namespace" | "environment";
  team: string;
  environment: "dev" | "staging" | "production";
  name: string;
  status: RequestStatus;
  requestedBy: string;
  requestedByName: string;
  createdAt: Date;
  updatedAt: Date;
};

export type RequestEvent = { at: Date; actor: string | null; from: RequestStatus | null; to: RequestStatus | null; message: string; details: Record<string, unknown> };

export type RequestDetail = RequestSummary & {
  teamId: string;
  requestedById: string;
  parameters: Record<string, unknown>;
  policy: { rule: string; reason: string };
  decision: { by: string | null; reason: string | null; rule: string; at: Date | null } | null;
  outputs: Record<string, unknown>;
  expiresAt: Date | null;
  events: RequestEvent[];
};

/** Admins see every team's requests; everyone else their own teams', enforced in the WHERE clause. */
function visibleTo(actor: Actor): SQL | undefined {
  if (actor.role === "admin") return undefined;
  const ids = actor.teams.map((t) => t.id);
  return ids.length ? inArray(requests.teamId, ids) : sql`false`;
}

type DetailRow = RequestSummary & {
  teamId: string;
  requestedById: string;
  parameters: Record<string, unknown>;
  policyRule: string;
  policyReason: string;
  decidedBy: string | null;
  decisionReason: string | null;
  decidedAt: Date | null;
  outputs: Record<string, unknown>;
  expiresAt: Date | null;
};

export async function getRequest(actor: Actor, id: string): Promise<RequestDetail | null> {
  assertCan(actor, "requests:read");
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = (await db
    .select({
      ...summaryColumns,
      teamId: requests.teamId,
      requestedById: requests.requestedBy,
      parameters: requests.parameters,
      policyRule: requests.policyRule,
      policyReason: requests.policyReason,
      decidedBy: decider.email,
      decisionReason: requests.decisionReason,
      decidedAt: requests.decidedAt,
      outputs: requests.outputs,
      expiresAt: requests.expiresAt,
    })
    .from(requests)
    .innerJoin(teams, eq(teams.id, requests.teamId))
    .innerJoin(requester, eq(requester.id, requests.requestedBy))
    .leftJoin(decider, eq(decider.id, requests.decidedBy))
    .where(and(eq(requests.id, id), visibleTo(actor)))) as unknown as DetailRow[];
  if (!row) return null;
  const events = await db
    .select({ at: requestEvents.at, actor: requestEvents.actorEmail, from: requestEvents.fromStatus, to: requestEvents.toStatus, message: requestEvents.message, details: requestEvents.details })
    .from(requestEvents)
    .where(eq(requestEvents.requestId, id))
    .orderBy(asc(requestEvents.id));
  const decided = row.decidedAt !== null;
  return {
    ...pickSummary(row),
    teamId: row.teamId,
    requestedById: row.requestedById,
    parameters: row.parameters,
    outputs: row.outputs,
    expiresAt: row.expiresAt,
    policy: { rule: row.policyRule, reason: row.policyReason },
    decision: decided ? { by: row.decidedBy, reason: row.decisionReason, rule: row.policyRule, at: row.decidedAt } : null,
    events,
  };
}

export type RequestFilter = {
  status?: RequestStatus[];
  team?: string;
  kind?: RequestSummary["kind"];
  environment?: RequestSummary["environment"];
  cursor?: string | null;
  limit?: number;
};

export type Page<T> = { items: T[]; nextCursor: string | null };

function filters(f: RequestFilter): SQL[] {
  const where: SQL[] = [];
  if (f.status?.length) where.push(inArray(requests.status, f.status));
  if (f.team) where.push(eq(teams.name, f.team));
  if (f.kind) where.push(eq(requests.kind, f.kind));
  if (f.environment) where.push(eq(requests.environment, f.environment));
  return where;
}

function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw validationFailed("limit must be a whole number from 1 to 100", { limit: "must be 1–100" });
  return limit;
}

function cursorOf(raw: string | null | undefined) {
  const c = decodeCursor(raw);
  if (raw && !c) throw validationFailed("cursor is not one this API gave out", { cursor: "is not valid" });
  return c && { id: c.id, createdAt: cursorTime(c) };
}

/**
 * The cursor row's own created_at: a cursor carries milliseconds, PostgreSQL
 * microseconds, and rounding would skip or repeat requests created within the
 * same millisecond.
 */
function cursorTime(c: { createdAt: Date; id: string }): SQL {
  return sql`coalesce((select r.created_at from requests r where r.id = ${c.id}), ${c.createdAt.toISOString()}::timestamptz)`;
}

/** Newest first: the requests the actor may see, filtered. */
export async function listRequests(actor: Actor, f: RequestFilter): Promise<Page<RequestSummary>> {
  assertCan(actor, "requests:read");
  const limit = pageLimit(f.limit);
  const c = cursorOf(f.cursor);
  const where = [...filters(f)];
  const scope = visibleTo(actor);
  if (scope) where.push(scope);
  if (c) where.push(or(lt(requests.createdAt, c.createdAt), and(eq(requests.createdAt, c.createdAt), lt(requests.id, c.id)))!);
  const rows = await db
    .select(summaryColumns)
    .from(requests)
    .innerJoin(teams, eq(teams.id, requests.teamId))
    .innerJoin(requester, eq(requester.id, requests.requestedBy))
    .where(and(...where))
    .orderBy(desc(requests.createdAt), desc(requests.id))
    .limit(limit + 1);
  return page(rows as RequestSummary[], limit);
}

/** Oldest first: what admins should decide next. */
export async function approvalQueue(actor: Actor, f: Omit<RequestFilter, "status">): Promise<Page<RequestSummary> & { total: number }> {
  assertCan(actor, "requests:approve");
  const limit = pageLimit(f.limit);
  const c = cursorOf(f.cursor);
  const where = [...filters({ ...f, status: ["pending_approval"] })];
  const pageWhere = c ? [...where, or(gt(requests.createdAt, c.createdAt), and(eq(requests.createdAt, c.createdAt), gt(requests.id, c.id)))!] : where;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(summaryColumns)
      .from(requests)
      .innerJoin(teams, eq(teams.id, requests.teamId))
      .innerJoin(requester, eq(requester.id, requests.requestedBy))
      .where(and(...pageWhere))
      .orderBy(asc(requests.createdAt), asc(requests.id))
      .limit(limit + 1),
    db.select({ total: sql<number>`count(*)::int` }).from(requests).innerJoin(teams, eq(teams.id, requests.teamId)).where(and(...where)),
  ]);
  return { ...page(rows as RequestSummary[], limit), total };
}

function pickSummary(r: RequestSummary): RequestSummary {
  const { id, kind, team, environment, name, status, requestedBy, requestedByName, createdAt, updatedAt } = r;
  return { id, kind, team, environment, name, status, requestedBy, requestedByName, createdAt, updatedAt };
}

function page<T extends { createdAt: Date; id: string }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null };
}
