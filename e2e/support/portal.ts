import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export type RunningPortal = { stop(): Promise<void> };

/** Variables of the caller's shell that would change which mode or database a portal uses. */
const PORTAL_KEYS = /^(DATABASE_URL|PORT|AUTH_.*|RUNWAY_.*)$/;

/** The caller's environment without PORTAL_KEYS: a started portal gets only the configuration its starter gives it. */
export function shellEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !PORTAL_KEYS.test(k))) as NodeJS.ProcessEnv;
}

const STARTUP_TIMEOUT_MS = 180_000;

function tail(file: string): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-40).join("\n");
  } catch {
    return "";
  }
}

/**
 * Starts a portal through its real start path (`tsx scripts/start.ts`: config
 * check, migrations, seed, `next start`) and waits until /api/health answers.
 * Output goes to a log file so a failed run can be read afterwards.
 */
export async function startPortal(opts: { root: string; name: string; url: string; env: NodeJS.ProcessEnv }): Promise<RunningPortal> {
  const health = () => fetch(`${opts.url}/api/health`).then((r) => r.ok, () => false);
  // Otherwise the new portal would fail to bind and the tests would quietly run against the old one.
  if (await health()) throw new Error(`${opts.url} already answers; stop whatever runs there (a previous test run?) first.`);
  const logDir = path.join(opts.root, ".data", "e2e-logs");
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${opts.name}.log`);
  const log = fs.openSync(logFile, "w");
  const child = spawn(path.join(opts.root, "node_modules", ".bin", "tsx"), ["scripts/start.ts"], {
    cwd: opts.root,
    env: { ...opts.env, PORT: new URL(opts.url).port, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", log, log],
    // Its own process group, so stop() reaches `next start` and anything else it spawned.
    detached: true,
  });
  fs.closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let running = true;
  void exited.then(() => (running = false));

  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // Already gone.
    }
  };
  const stop = async () => {
    if (!running) return;
    signal("SIGTERM");
    const timer = setTimeout(() => signal("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (running) {
    if (await health()) return { stop };
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`The ${opts.name} portal did not become healthy on ${opts.url}. Last lines of ${logFile}:\n${tail(logFile)}`);
}
