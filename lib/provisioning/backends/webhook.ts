import crypto from "node:crypto";
import { signBody } from "@/lib/crypto/hmac";
import { AwaitingCallback, PermanentBackendError, type Backend, type BackendContext } from "./types";

type Env = Record<string, string | undefined>;

export function webhookKinds(env: Env = process.env): string[] {
  return (env.RUNWAY_WEBHOOK_KINDS ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}

/**
 * Hands a job (provision, change or decommission) to an external automation
 * (a Terraform/OpenTofu runner, a Crossplane bridge, CI): POSTs it signed with
 * RUNWAY_WEBHOOK_SECRET and waits for the automation's signed callback on
 * /api/v1/provisioning/callbacks/{jobId}. Without one before
 * RUNWAY_WEBHOOK_TIMEOUT_MINUTES a request fails (an admin can retry, which
 * delivers it again); a change fails and the resource keeps its parameters.
 */
export function createWebhookBackend(env: Env = process.env): Backend {
  const timeoutMs = Number(env.RUNWAY_WEBHOOK_TIMEOUT_MINUTES ?? 30) * 60_000;
  async function deliver(ctx: BackendContext, verb: "provision" | "decommission") {
    // A day-2 change is a provision with the changed parameters; the automation is told it changes a live resource.
    const action = ctx.changeId ? "change" : verb;
    const url = env.RUNWAY_WEBHOOK_PROVISIONER_URL;
    const secret = env.RUNWAY_WEBHOOK_SECRET;
    if (!url || !secret) throw new PermanentBackendError("The webhook backend needs RUNWAY_WEBHOOK_PROVISIONER_URL and RUNWAY_WEBHOOK_SECRET.");
    const base = env.AUTH_URL ?? `http://localhost:${env.PORT ?? 3000}`;
    const body = JSON.stringify({
      delivery: crypto.randomUUID(),
      jobId: ctx.jobId,
      action,
      ...(ctx.changeId ? { changeId: ctx.changeId } : {}),
      request: ctx.request,
      callbackUrl: new URL(`/api/v1/provisioning/callbacks/${ctx.jobId}`, base).toString(),
      sentAt: new Date().toISOString(),
    });
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-runway-signature": signBody(secret, body), "user-agent": "Runway" },
      body,
      signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(15_000)]),
      redirect: "error",
    });
    if (!res.ok) throw new Error(`${new URL(url).host} answered ${res.status} to the ${action} job`);
    await ctx.step(`Handed the ${action} job to ${new URL(url).host}; waiting for its callback`);
    throw new AwaitingCallback(timeoutMs, `waiting for the automation's callback`);
  }
  return {
    id: "webhook",
    title: "External automation (webhook)",
    settings: ["RUNWAY_WEBHOOK_PROVISIONER_URL", "RUNWAY_WEBHOOK_SECRET", "RUNWAY_WEBHOOK_KINDS", "RUNWAY_WEBHOOK_TIMEOUT_MINUTES"],
    configured: () => Boolean(env.RUNWAY_WEBHOOK_PROVISIONER_URL && env.RUNWAY_WEBHOOK_SECRET && webhookKinds(env).length),
    async health() {
      if (!env.RUNWAY_WEBHOOK_PROVISIONER_URL) return { ok: false, detail: "Not configured: set RUNWAY_WEBHOOK_PROVISIONER_URL, RUNWAY_WEBHOOK_SECRET and RUNWAY_WEBHOOK_KINDS." };
      try {
        const res = await fetch(env.RUNWAY_WEBHOOK_PROVISIONER_URL, { method: "HEAD", signal: AbortSignal.timeout(3000), redirect: "manual" });
        return { ok: res.status < 500, detail: `${new URL(env.RUNWAY_WEBHOOK_PROVISIONER_URL).host} answered ${res.status}; handles ${webhookKinds(env).join(", ") || "no kinds"}` };
      } catch (e) {
        return { ok: false, detail: `Cannot reach ${new URL(env.RUNWAY_WEBHOOK_PROVISIONER_URL).host}: ${e instanceof Error ? e.message : String(e)}` };
      }
    },
    provision: (ctx) => deliver(ctx, "provision"),
    decommission: (ctx) => deliver(ctx, "decommission"),
  };
}

export const webhookBackend = createWebhookBackend();
