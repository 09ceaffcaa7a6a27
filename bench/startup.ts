/**
 * How long `npm start` takes to serve: the first 200 from /api/health, on an
 * app that is already built (the build is done first and not timed).
 *   npx tsx bench/startup.ts        BENCH_PORT (3300), BENCH_RUNS (3)
 */
import fs from "node:fs";
import { ensureBuild } from "../scripts/ensure-build";
import { median, repoRoot, startPortal, tempDataDir, verdict } from "./portal";

const port = Number(process.env.BENCH_PORT ?? 3300);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const COLD_TARGET_MS = 20_000;
const WARM_TARGET_MS = 5_000;

process.chdir(repoRoot);
ensureBuild();

const dataDir = tempDataDir();
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
let failed = false;

try {
  // Empty data dir: initdb, migrations and the demo seed all happen in this run.
  const cold = await startPortal({ port, dataDir });
  await cold.stop();
  console.log(`first start, empty data dir:        ${seconds(cold.readyMs)} (target < 20 s, ${verdict(cold.readyMs, COLD_TARGET_MS)})`);
  failed ||= cold.readyMs >= COLD_TARGET_MS;

  // The same, now initialised, data dir: the everyday restart.
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) {
    const portal = await startPortal({ port, dataDir });
    warm.push(portal.readyMs);
    await portal.stop();
  }
  const m = median(warm);
  console.log(
    `start, initialised data dir:        ${seconds(m)} median of ${runs} [${warm.map(seconds).join(", ")}] (target < 5 s, ${verdict(m, WARM_TARGET_MS)})`,
  );
  failed ||= m >= WARM_TARGET_MS;
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}

process.exit(failed ? 1 : 0);
