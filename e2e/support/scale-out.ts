import crypto from "node:crypto";
import postgres from "postgres";
import type { BenchUser } from "../../bench/bench-users";
import { databaseIdentifier } from "../../lib/provisioning/naming";
import type { WorkerProcess } from "../../lib/provisioning/testing/worker-process";

/**
 * The scale-out proof shared by e2e/scale-out.spec.ts and bench/scale-out.ts:
 * web replicas without in-process workers, worker processes started as the
 * container image runs `npm run worker` (lib/provisioning/testing/worker-process.ts),
 * and one PostgreSQL server that holds both the portal's database and the
 * databases its requests provision. Plain Node (no Playwright), so the bench runs it too.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What every replica and worker of one deployment shares: the database and the secrets. */
export function deploymentEnv(databaseUrl: string, pgAdminUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    RUNWAY_SECRET_KEY: crypto.randomBytes(32).toString("base64"),
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
    RUNWAY_PG_ADMIN_URL: pgAdminUrl,
    RUNWAY_SEED_DEMO: "1",
    RUNWAY_IN_PROCESS_WORKER: "0",
    RUNWAY_LOG_LEVEL: "warn",
    ...extra,
  };
}

async function api(base: string, token: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${base}${path} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

export type Submissions = { ids: string[]; submittedOn: number[]; approvedOn: number[] };

/**
 * Database requests submitted in turn to each replica, half dev (auto-approved
 * within quota) and half production; every one that waits is approved by the
 * admin, again in turn on each replica.
 */
export async function submitAlternately(opts: { replicas: string[]; developers: BenchUser[]; admin: BenchUser; count: number; concurrency: number; tag: string }): Promise<Submissions> {
  const { replicas, developers, admin, count } = opts;
  const out: Submissions = { ids: [], submittedOn: replicas.map(() => 0), approvedOn: replicas.map(() => 0) };
  let next = 0;
  let approvals = 0;
  async function client() {
    for (let i = next++; i < count; i = next++) {
      const dev = developers[i % developers.length];
      const on = i % replicas.length;
      const environment = Math.floor(i / replicas.length) % 2 ? "production" : "dev";
      const r = await api(replicas[on], dev.token, "/api/v1/requests", { kind: "database", team: dev.team, environment, name: `${opts.tag}-${i}`, parameters: { engine: "postgres", size: "small" } });
      out.ids.push(String(r.id));
      out.submittedOn[on]++;
      if (r.status === "pending_approval") {
        const by = approvals++ % replicas.length;
        await api(replicas[by], admin.token, `/api/v1/requests/${r.id}/approve`, { reason: "scale-out proof" });
        out.approvedOn[by]++;
      }
    }
  }
  await Promise.all(Array.from({ length: opts.concurrency }, client));
  return out;
}

/** The jobs a worker process holds right now (its id embeds its pid). */
async function heldJobs(sql: postgres.Sql, worker: WorkerProcess): Promise<number[]> {
  const rows = await sql<{ id: string }[]>`select id from jobs where status = 'running' and locked_by like ${`%:${worker.pid}:%`}`;
  return rows.map((r) => Number(r.id));
}

/** Polls until the worker holds a job (and `also` agrees); returns the ids of the jobs it holds. */
export async function waitUntilHolding(sql: postgres.Sql, worker: WorkerProcess, timeoutMs: number, also: () => Promise<boolean> = async () => true): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const held = await heldJobs(sql, worker);
    if (held.length && (await also())) return held;
    await sleep(10);
  }
  throw new Error(`Worker ${worker.pid} took no job within ${timeoutMs} ms. Its output:\n${worker.output()}`);
}

async function readyCount(sql: postgres.Sql): Promise<number> {
  const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from requests where status = 'ready'`;
  return n;
}

/**
 * SIGKILL mid-run: once `readyAtLeast` requests are ready and the worker holds
 * jobs. Returns the jobs it died holding (still leased to it) and how many requests were ready then.
 */
export async function killWhileHolding(sql: postgres.Sql, worker: WorkerProcess, readyAtLeast: number): Promise<{ orphaned: number[]; ready: number }> {
  await waitUntilHolding(sql, worker, 300_000, async () => (await readyCount(sql)) >= readyAtLeast);
  await worker.kill("SIGKILL");
  return { orphaned: await heldJobs(sql, worker), ready: await readyCount(sql) };
}

/** Waits until every request is ready or failed; throws with the workers' output otherwise. */
export async function waitSettled(sql: postgres.Sql, ids: string[], timeoutMs: number, workers: WorkerProcess[]): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [{ open }] = await sql<{ open: number }[]>`select count(*)::int as open from requests where status not in ('ready', 'failed') and id in ${sql(ids)}`;
    if (open === 0) return;
    await sleep(100);
  }
  throw new Error(`Requests still unsettled after ${timeoutMs} ms. Workers' output:\n${workers.map((w) => w.output().slice(-2000)).join("\n---\n")}`);
}

export type Outcome = { requests: number; ready: number; exactlyOne: number; problems: string[] };

/**
 * Each request ready, its one job succeeded, and exactly one database and one
 * role with its identifier on the server: nothing lost, nothing made twice.
 */
export async function checkOutcome(sql: postgres.Sql, admin: postgres.Sql, ids: string[]): Promise<Outcome> {
  const rows = await sql<{ id: string; team: string; name: string; status: string; jobs: string[] }[]>`
    select r.id::text, t.name as team, r.name, r.status, array(select j.status::text from jobs j where j.request_id = r.id) as jobs
    from requests r join teams t on t.id = r.team_id where r.id in ${sql(ids)}`;
  const names = rows.map((r) => databaseIdentifier(r));
  const dbs = await admin<{ name: string }[]>`select datname as name from pg_database where datname in ${admin(names)}`;
  const roles = await admin<{ name: string }[]>`select rolname as name from pg_roles where rolname in ${admin(names)}`;
  const count = (list: { name: string }[], name: string) => list.filter((x) => x.name === name).length;
  const problems: string[] = [];
  let exactlyOne = 0;
  for (const [i, r] of rows.entries()) {
    const found = { databases: count(dbs, names[i]), roles: count(roles, names[i]) };
    if (found.databases === 1 && found.roles === 1) exactlyOne++;
    if (r.status !== "ready" || found.databases !== 1 || found.roles !== 1 || r.jobs.join() !== "succeeded") {
      problems.push(`${names[i]}: ${r.status}, jobs [${r.jobs.join(", ")}], ${found.databases} database(s), ${found.roles} role(s)`);
    }
  }
  if (rows.length !== ids.length) problems.push(`${ids.length - rows.length} submitted request(s) missing from the database`);
  return { requests: ids.length, ready: rows.filter((r) => r.status === "ready").length, exactlyOne, problems };
}

/** Drops the databases and roles that this portal database's requests provisioned. */
export async function dropProvisioned(sql: postgres.Sql, admin: postgres.Sql): Promise<void> {
  const rows = await sql<{ id: string; team: string; name: string }[]>`select r.id::text, t.name as team, r.name from requests r join teams t on t.id = r.team_id where r.kind = 'database'`;
  for (const name of rows.map((r) => databaseIdentifier(r))) {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`drop role if exists "${name}"`);
  }
}

export type Stopped = {
  /** From SIGTERM to the process's exit; null when it had not exited after `limitMs` (then it was killed). */
  exitMs: number | null;
  /** Jobs it held when signalled, by their status after it exited: "succeeded" (finished) or "queued" (released). */
  heldThen: Record<string, number>;
  /** Jobs still marked running: with no other worker on the queue, leases it left behind. */
  leftRunning: number;
  /** Queued jobs that nobody ever claimed: it stopped taking new ones. */
  neverClaimed: number;
};

/**
 * Sends SIGTERM to a worker that holds jobs and waits for it to exit. Meant
 * for a worker alone on the queue, so that whatever is still running afterwards is its leftover.
 */
export async function stopGracefully(sql: postgres.Sql, worker: WorkerProcess, held: number[], ids: string[], limitMs = 30_000): Promise<Stopped> {
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const exitMs = await Promise.race([
    worker.kill("SIGTERM").then(() => performance.now() - t0),
    new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), limitMs))),
  ]);
  clearTimeout(timer);
  if (exitMs === null) await worker.kill("SIGKILL");
  const [{ running }] = await sql<{ running: number }[]>`select count(*)::int as running from jobs where status = 'running'`;
  const then = await sql<{ status: string; n: number }[]>`select status::text, count(*)::int as n from jobs where id in ${sql(held)} group by status`;
  const [{ never }] = await sql<{ never: number }[]>`
    select count(*)::int as never from jobs where status = 'queued' and attempts = 0 and request_id in ${sql(ids)} and id not in ${sql(held)}`;
  return { exitMs, heldThen: Object.fromEntries(then.map((r) => [r.status, r.n])), leftRunning: running, neverClaimed: never };
}
