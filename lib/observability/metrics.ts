import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

function create() {
  // What this process observes itself (HTTP calls, provisioning attempts, ingestion), plus Node's own
  // metrics, prefixed so that dashboards find Runway's processes among others without relabelling.
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "runway_" });
  // What a query reads from the database at scrape time: the same on every replica, so dashboards take max(), never sum().
  const databaseRegistry = new Registry();
  const registers = [registry];
  const fromDatabase = [databaseRegistry];
  return {
    registry,
    databaseRegistry,
    httpDuration: new Histogram({
      name: "runway_http_request_duration_seconds",
      help: "Duration of /api/v1 calls, by route pattern, method and status.",
      labelNames: ["route", "method", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    provisioningDuration: new Histogram({
      name: "runway_provisioning_duration_seconds",
      help: "Duration of one attempt of a provisioning job in its backend, by backend, action and outcome (succeeded, waiting for a callback, failed).",
      labelNames: ["backend", "action", "outcome"] as const,
      buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
      registers,
    }),
    doraIngested: new Counter({
      name: "runway_dora_events_ingested_total",
      help: "DORA events stored, by kind (deployments, changes, incidents).",
      labelNames: ["kind"] as const,
      registers,
    }),
    jobs: new Gauge({
      name: "runway_jobs",
      help: "Provisioning jobs of the whole installation by status (queued, running, waiting for a callback, failed).",
      labelNames: ["status"] as const,
      registers: fromDatabase,
    }),
    oldestQueuedJobAge: new Gauge({
      name: "runway_jobs_oldest_queued_age_seconds",
      help: "How long the oldest due job has been waiting for a worker (0 when none waits).",
      registers: fromDatabase,
    }),
    pendingApprovals: new Gauge({
      name: "runway_approvals_pending",
      help: "Requests and day-2 changes waiting for an admin's decision.",
      labelNames: ["subject"] as const,
      registers: fromDatabase,
    }),
    oldestPendingApprovalAge: new Gauge({
      name: "runway_approvals_oldest_pending_age_seconds",
      help: "Age of the oldest request or change waiting for an admin's decision (0 when none waits).",
      labelNames: ["subject"] as const,
      registers: fromDatabase,
    }),
    databaseUp: new Gauge({
      name: "runway_metrics_database_up",
      help: "1 when the scrape could read the queue and approvals from the database; else 0, and the job and approval gauges are empty or 0.",
      registers: fromDatabase,
    }),
  };
}

export type RunwayMetrics = ReturnType<typeof create>;

/**
 * One set per process, on globalThis: dev reloads and Next's separate bundles
 * (instrumentation's in-process worker, route handlers) would otherwise each
 * register their own copies, and the scrape would miss what the worker observed.
 */
export function metrics(): RunwayMetrics {
  const holder = globalThis as { __runwayMetrics?: RunwayMetrics };
  holder.__runwayMetrics ??= create();
  return holder.__runwayMetrics;
}

export function observeHttpRequest(route: string, method: string, status: number, seconds: number): void {
  metrics().httpDuration.observe({ route, method, status: String(status) }, seconds);
}

/** Called by DORA ingestion (API and webhooks) once per stored batch. */
export function recordIngestedEvents(kind: string, n: number): void {
  if (n > 0) metrics().doraIngested.inc({ kind }, n);
}
