import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { backends } from "./backends";

export type BackendStatus = { id: string; title: string; settings: string[]; configured: boolean; ok: boolean; detail: string };

/** Each backend's health, checked in parallel and bounded so one hung server cannot stall the page. */
export async function backendStatuses(actor: Actor, timeoutMs = 5000): Promise<BackendStatus[]> {
  assertCan(actor, "backends:read");
  return Promise.all(
    backends.map(async (b) => {
      const configured = b.configured();
      const health = await Promise.race([
        b.health().catch((e) => ({ ok: false, detail: e instanceof Error ? e.message : String(e) })),
        new Promise<{ ok: boolean; detail: string }>((r) => setTimeout(() => r({ ok: false, detail: `No answer within ${timeoutMs / 1000} s` }), timeoutMs)),
      ]);
      return { id: b.id, title: b.title, settings: b.settings, configured, ...health };
    }),
  );
}
