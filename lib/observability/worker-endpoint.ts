import "server-only";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { log } from "@/lib/log";
import { metricsAllowed } from "./auth";
import { scrapeMetrics } from "./scrape";

export type MetricsEndpoint = { port: number; close(): Promise<void> };

/**
 * `GET /metrics` of a worker process (`npm run worker`), which serves no HTTP
 * otherwise: its provisioning durations are observed here, not in the web
 * replicas. Same RUNWAY_METRICS_TOKEN rule as /api/metrics.
 */
export async function serveWorkerMetrics(port: number, host = "0.0.0.0"): Promise<MetricsEndpoint> {
  const server = http.createServer((req, res) => {
    if (req.method !== "GET" || new URL(req.url ?? "/", "http://worker").pathname !== "/metrics") {
      res.writeHead(404).end();
      return;
    }
    if (!metricsAllowed(req.headers.authorization)) {
      res.writeHead(401, { "WWW-Authenticate": 'Bearer realm="runway-metrics"' }).end();
      return;
    }
    scrapeMetrics({ database: false }).then(
      ({ contentType, text }) => res.writeHead(200, { "Content-Type": contentType }).end(text),
      (e) => {
        log("warn", "metrics: scrape failed", { error: String(e) });
        res.writeHead(500).end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, host, resolve));
  log("info", "worker metrics listening", { port: (server.address() as AddressInfo).port });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
