import "server-only";
import { sqlClient } from "@/db/client";

/** A bounded probe: a hung database must not hang the health check that load balancers poll. */
export async function checkDatabase(timeoutMs = 2000): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    const probe = sqlClient()`select 1`.execute();
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs));
    await Promise.race([probe, timeout]);
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}
