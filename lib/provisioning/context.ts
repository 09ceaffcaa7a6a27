import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { requestEvents, requests, requestSecrets } from "@/db/schema";
import { componentSourceLocations } from "@/lib/catalog/request-resources";
import { decryptSecret, encryptSecret } from "./secrets";
import type { BackendContext, ProvisionedRequest } from "./backends/types";

/** The database-backed context a backend works through; every write is its own small commit, so progress survives a crash. */
export function backendContext(request: ProvisionedRequest, outputs: Record<string, unknown>, meta: { jobId: number; attempt: number; changeId?: string }, signal: AbortSignal): BackendContext {
  const aad = (key: string) => `${request.id}:${key}`;
  const loadSecret = async (key: string) => {
    const [row] = await db.select({ c: requestSecrets.ciphertext }).from(requestSecrets).where(and(eq(requestSecrets.requestId, request.id), eq(requestSecrets.key, key)));
    return row ? decryptSecret(row.c, aad(key)) : null;
  };
  return {
    request,
    jobId: meta.jobId,
    changeId: meta.changeId,
    outputs,
    signal,
    async step(message, details = {}) {
      await db.insert(requestEvents).values({ requestId: request.id, message, details: { ...details, jobId: meta.jobId, attempt: meta.attempt } });
    },
    async saveOutputs(more) {
      Object.assign(outputs, more);
      await db
        .update(requests)
        .set({ outputs: sql`${requests.outputs} || ${JSON.stringify(more)}::jsonb`, updatedAt: new Date() })
        .where(eq(requests.id, request.id));
    },
    loadSecret,
    async saveSecret(key, value) {
      const ciphertext = encryptSecret(value, aad(key));
      await db.insert(requestSecrets).values({ requestId: request.id, key, ciphertext }).onConflictDoNothing();
      return (await loadSecret(key))!;
    },
    sourceLocations: componentSourceLocations,
  };
}
