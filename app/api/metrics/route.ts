import { errorResponse } from "@/lib/api/route";
import { unauthorized } from "@/lib/errors";
import { metricsAllowed } from "@/lib/observability/auth";
import { scrapeMetrics } from "@/lib/observability/scrape";

export const dynamic = "force-dynamic";

/** Prometheus scrape target; see docs/operations.md#metrics-and-alerts. */
export async function GET(request: Request) {
  if (!metricsAllowed(request.headers.get("authorization"))) {
    const res = errorResponse(unauthorized("Send the metrics token as 'Authorization: Bearer <token>'."));
    res.headers.set("WWW-Authenticate", 'Bearer realm="runway-metrics"');
    return res;
  }
  const { contentType, text } = await scrapeMetrics({ database: true });
  return new Response(text, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
}
