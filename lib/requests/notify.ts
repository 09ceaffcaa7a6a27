import "server-only";
import { log } from "@/lib/log";

/**
 * Best effort, after the change is committed: a slow or broken chat webhook
 * must never block or undo a submission or a decision.
 */
export function notify(text: string, details: Record<string, unknown>): void {
  const url = process.env.RUNWAY_NOTIFY_WEBHOOK_URL;
  if (!url) return;
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text, ...details }),
    signal: AbortSignal.timeout(5000),
  })
    .then((res) => {
      if (!res.ok) log("warn", "notification webhook answered with an error", { status: res.status });
    })
    .catch((error) => log("warn", "notification webhook failed", { error: error instanceof Error ? error.message : String(error) }));
}
