import { dataDir } from "../db/connection";
import { ensureEmbeddedServer } from "../db/embedded";
import { closeDb } from "../db/client";
import { ConfigError, parseConfig } from "../lib/config";
import { applyLocalSecrets } from "../lib/local-secrets";
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
  const embedded = process.env.DATABASE_URL ? null : await ensureEmbeddedServer(dataDir());
  if (embedded) applyLocalSecrets(process.env, dataDir());

  const worker = new Worker();
  worker.start();
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await worker.stop();
    await closeDb();
    if (embedded?.owned) await embedded.stop();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

await main();
