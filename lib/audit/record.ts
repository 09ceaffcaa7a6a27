import "server-only";
import type { Database } from "@/db/client";
import { auditLog } from "@/db/schema";

type Tx = Pick<Database, "insert">;

export type AuditEntry = {
  actor: { id: string; email: string } | null;
  action: string;
  target?: { type: string; id: string };
  details?: Record<string, unknown>;
};

/** Call inside the transaction of the change it describes, so neither exists without the other. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: entry.actor?.id ?? null,
    actorEmail: entry.actor?.email ?? null,
    action: entry.action,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    details: entry.details ?? {},
  });
}
