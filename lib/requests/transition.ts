import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { requestEvents, requests } from "@/db/schema";
import { conflict } from "@/lib/errors";
import { assertTransition, type RequestStatus } from "./state-machine";

type Tx = Pick<Database, "update" | "insert">;

export type TransitionInput = {
  request: { id: string; status: RequestStatus };
  to: RequestStatus;
  actor: { id: string; email: string } | null;
  message: string;
  details?: Record<string, unknown>;
  set?: Partial<typeof requests.$inferInsert>;
};

/**
 * The only way a request changes status: validated by the state machine,
 * guarded on the status it was read in (so a concurrent change makes this one
 * fail instead of overwriting it), and recorded as an event in the same transaction.
 */
export async function applyTransition(tx: Tx, t: TransitionInput): Promise<void> {
  assertTransition(t.request.status, t.to);
  const updated = await tx
    .update(requests)
    .set({ ...t.set, status: t.to, updatedAt: new Date() })
    .where(and(eq(requests.id, t.request.id), eq(requests.status, t.request.status)))
    .returning({ id: requests.id });
  if (updated.length === 0) throw conflict("This request was changed by someone else a moment ago; reload to see its current state.");
  await tx.insert(requestEvents).values({
    requestId: t.request.id,
    actorId: t.actor?.id ?? null,
    actorEmail: t.actor?.email ?? null,
    fromStatus: t.request.status,
    toStatus: t.to,
    message: t.message,
    details: t.details ?? {},
  });
}
