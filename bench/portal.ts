import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { shellEnv } from "../e2e/support/portal";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export type Portal = {
  url: string;
  /** From spawning `npm start` to the first 200 of /api/health. */
  readyMs: number;
  stop(): Promise<void>;
};

/** A throwaway RUNWAY_DATA_DIR. */
export function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "runway-bench-"));
  // mkdtemp makes it 0700; run as root, PostgreSQL runs as the `postgres` user and must get through it.
  fs.chmodSync(dir, 0o755);
  return dir;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function healthStatus(url: string): Promise<number | null> {
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
    await res.body?.cancel();
    return res.status;
  } catch {
    return null;
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts a command of this repository in its own process group; stop() ends the whole group. */
export function spawnGroup(args: string[], env: Record<string, string>): { stop(): Promise<void>; output: string[] } {
  const output: string[] = [];
  const child = spawn(args[0], args.slice(1), { cwd: repoRoot, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...shellEnv(), ...env } });
  child.stdout.on("data", (d) => output.push(String(d)));
  child.stderr.on("data", (d) => output.push(String(d)));
  const pgid = child.pid!;
  return {
    output,
    async stop() {
      if (!groupAlive(pgid)) return;
      process.kill(-pgid, "SIGTERM");
      for (let waited = 0; groupAlive(pgid) && waited < 25_000; waited += 100) await sleep(100);
      if (groupAlive(pgid)) process.kill(-pgid, "SIGKILL");
    },
  };
}

/**
 * Runs `npm start` in its own process group (next start and the embedded
 * PostgreSQL included) so that stop() ends exactly what it started, as Ctrl-C would.
 */
export async function startPortal(opts: { port: number; dataDir: string; timeoutMs?: number; env?: Record<string, string> }): Promise<Portal> {
  const url = `http://localhost:${opts.port}`;
  if ((await healthStatus(url)) !== null) throw new Error(`Something already answers on port ${opts.port}; pick another with BENCH_PORT.`);

  const output: string[] = [];
  const started = performance.now();
  const child = spawn("npm", ["start"], {
    cwd: repoRoot,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    // The embedded default in demo mode is what is measured, whatever the caller's shell sets:
    // opts.env (e.g. DATABASE_URL for a real server) is the only configuration that gets through.
    env: { ...shellEnv(), ...opts.env, PORT: String(opts.port), RUNWAY_DATA_DIR: opts.dataDir },
  });
  child.stdout.on("data", (d) => output.push(String(d)));
  child.stderr.on("data", (d) => output.push(String(d)));
  const pgid = child.pid!;
  let exited = false;
  child.on("exit", () => (exited = true));

  async function stop(): Promise<void> {
    if (!groupAlive(pgid)) return;
    process.kill(-pgid, "SIGINT");
    for (let waited = 0; groupAlive(pgid) && waited < 15_000; waited += 100) await sleep(100);
    if (groupAlive(pgid)) process.kill(-pgid, "SIGKILL");
  }

  const deadline = started + (opts.timeoutMs ?? 120_000);
  while (performance.now() < deadline) {
    if ((await healthStatus(url)) === 200) return { url, readyMs: performance.now() - started, stop };
    if (exited) break;
    await sleep(50);
  }
  await stop();
  throw new Error(`npm start did not answer 200 on ${url}/api/health:\n${output.join("").slice(-3000)}`);
}

/** CPU time (user + system, ms) a process has used so far, from /proc; null for a process not (or no longer) on this machine. */
export function processCpuMs(pid: number): number | null {
  const tick = 1000 / 100; // USER_HZ
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * tick;
  } catch {
    return null;
  }
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function verdict(value: number, target: number): string {
  return value < target ? "within target" : "OVER TARGET";
}

/** How long `fn` took, in milliseconds, with what it returned. */
export async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const value = await fn();
  return [performance.now() - started, value];
}

/** `runs` timings of `fn` (given the run's index), after `warmUp` untimed calls. */
export async function repeat(fn: (i: number) => Promise<unknown>, { warmUp, runs }: { warmUp: number; runs: number }): Promise<number[]> {
  for (let i = 0; i < warmUp; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await timed(() => fn(i)))[0]);
  return times;
}
