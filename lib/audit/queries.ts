import "server-only";
import { and, desc, eq, gte, ilike, lt, or, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { auditLog } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/actor";

export type AuditFilter = { actor?: string; action?: string; from?: Date; to?: Date; cursor?: number; limit?: number };

/** Newest first, keyset-paginated on id so new entries never shift a page. */
export async function listAuditEntries(actor: Actor, filter: AuditFilter) {
  assertCan(actor, "audit:read");
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 100);
  const where: SQL[] = [];
  if (filter.actor) where.push(ilike(auditLog.actorEmail, `%${filter.actor.replace(/[%_\\]/g, "\\$&")}%`));
  if (filter.action) where.push(or(eq(auditLog.action, filter.action), ilike(auditLog.action, `${filter.action.replace(/[%_\\]/g, "\\$&")}.%`))!);
  if (filter.from) where.push(gte(auditLog.at, filter.from));
  if (filter.to) where.push(lt(auditLog.at, filter.to));
  if (filter.cursor) where.push(lt(auditLog.id, filter.cursor));
  const rows = await db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? String(items[items.length - 1].id) : null };
}
