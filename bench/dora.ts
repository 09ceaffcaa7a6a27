/**
 * DORA metrics at scale, on a real PostgreSQL: 500 services (25 teams),
 * 1,000,000 deployments, 5,000,000 changes and 50,000 incidents over two years.
 * Measures the four keys (whole organisation and one team, 90 days), the
 * dashboard page's server time, and ingesting 100,000 events through the batch API.
 *   npx tsx --conditions=react-server bench/dora.ts
 * BENCH_DATABASE_URL: a server where it may create the database runway_bench_dora
 * (default postgres://postgres@127.0.0.1:5432/postgres). BENCH_REUSE=1 reuses that
 * database when a previous run generated it (generating takes minutes) and keeps it.
 * BENCH_PORT (3320), BENCH_RUNS (30).
 */
import crypto from "node:crypto";
import os from "node:os";
import { drizzle } from "drizzle-orm/postgres-js";
import { encode } from "next-auth/jwt";
import postgres from "postgres";
import { seedDemo } from "../db/seed/demo";
import { shellEnv, startPortal, type RunningPortal } from "../e2e/support/portal";
import { ensureBuild } from "../scripts/ensure-build";
import { generate, SCALE } from "./dora-data";
import { benchDatabase, benchDatabaseUrl } from "./database";
import { median, percentile, repeat, repoRoot, timed, verdict } from "./portal";

const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const reuse = process.env.BENCH_REUSE === "1";
const port = Number(process.env.BENCH_PORT ?? 3320);
const runs = Number(process.env.BENCH_RUNS ?? 30);
const WARM_UP = 3;
const TARGETS = { orgKeysMs: 300, teamKeysMs: 50, pageMs: 500, ingestS: 60 };
const DB = "runway_bench_dora";
const benchUrl = benchDatabaseUrl(serverUrl, DB);

const say = (line: string) => console.log(line);
const ms = (n: number) => `${n.toFixed(1)} ms`;
let failed = false;

function report(label: string, times: number[], target: number) {
  const m = median(times);
  say(`${label}: median ${ms(m)}, p95 ${ms(percentile(times, 95))} over ${times.length} runs (target < ${target} ms, ${verdict(m, target)})`);
  failed ||= m >= target;
}

/** Every figure: WARM_UP untimed calls, then `runs` timed ones. */
const repeatRuns = (fn: (i: number) => Promise<unknown>) => repeat(fn, { warmUp: WARM_UP, runs });

async function prepare(): Promise<void> {
  const complete = async (db: postgres.Sql) => (await db`select count(*)::int as n from dora_deployments where id like 'bd-%'`)[0].n === SCALE.deployments;
  if ((await benchDatabase(serverUrl, DB, { reuse, complete })) === "reused") {
    const db = postgres(benchUrl, { max: 1, onnotice: () => {} });
    await forgetIngested(db).finally(() => db.end());
    return say(`reusing ${DB} (BENCH_REUSE=1)`);
  }
  const sql = postgres(benchUrl, { max: 1, onnotice: () => {} });
  try {
    await seedDemo(drizzle(sql));
    say(`generating the dataset in ${DB}:`);
    const total = performance.now();
    await generate(sql, (step, t) => say(`  ${step}: ${(t / 1000).toFixed(1)} s`));
    const { rebuildDerived } = await import("../lib/metrics/store");
    const [t] = await timed(() =>
      drizzle(sql).transaction(async (tx) => {
        await tx.execute("set local work_mem = '512MB'");
        await rebuildDerived(tx);
      }),
    );
    say(`  lead times, rollup and incident links (rebuildDerived): ${(t / 1000).toFixed(1)} s`);
    await sql.unsafe("vacuum analyze");
    say(`  total with vacuum analyze: ${((performance.now() - total) / 1000).toFixed(1)} s`);
  } finally {
    await sql.end();
  }
}

/** Removes what a previous run's ingest added (ids "ing-…"), so every run measures the same data. */
async function forgetIngested(db: postgres.Sql): Promise<void> {
  await db.unsafe(`
    with gone as (
      delete from dora_lead_times where deployment_id like 'ing-%'
      returning environment, (deployed_at at time zone 'UTC')::date as day, bucket
    )
    update dora_lead_time_daily r set count = r.count - g.n
    from (select environment, day, bucket, count(*)::int as n from gone group by 1, 2, 3) g
    where r.environment = g.environment and r.day = g.day and r.bucket = g.bucket`);
  for (const table of ["dora_deployments", "dora_changes", "dora_incidents"]) await db.unsafe(`delete from ${table} where id like 'ing-%'`);
  // Index-only scans must otherwise check recently written pages in the table.
  await db.unsafe("vacuum analyze");
}

async function measureKeys(): Promise<void> {
  process.env.DATABASE_URL = benchUrl;
  const { computeDoraKeys } = await import("../lib/metrics/dora");
  const { doraQuerySchema } = await import("../lib/metrics/schemas");
  const { loadActor } = await import("../lib/auth/actor");
  const { findUserByEmail } = await import("../lib/auth/tokens");
  const admin = (await loadActor((await findUserByEmail("admin@example.com"))!.id))!;
  const org = await computeDoraKeys(admin, doraQuerySchema.parse({ team: "*" }));
  say(
    `whole organisation, last 90 days: ${org.deploymentFrequency.deployments} deployments, ${org.leadTimeForChanges.changes} lead times, ` +
      `${org.timeToRestore.incidents} incidents resolved; median lead time ${org.leadTimeForChanges.medianHours} h`,
  );
  report("four keys, whole organisation, 90 days", await repeatRuns(() => computeDoraKeys(admin, doraQuerySchema.parse({ team: "*" }))), TARGETS.orgKeysMs);
  const team = (i: number) => `team-${String(i % SCALE.teams).padStart(2, "0")}`;
  report("four keys, one team (20 services), 90 days", await repeatRuns((i) => computeDoraKeys(admin, doraQuerySchema.parse({ team: team(i) }))), TARGETS.teamKeysMs);
}

/** An Auth.js session cookie for a user, as the portal itself would set it after sign-in. */
async function sessionCookie(secret: string, email: string): Promise<string> {
  const sql = postgres(benchUrl, { max: 1 });
  const [user] = await sql`select id, name from users where email = ${email}`;
  await sql.end();
  const salt = "authjs.session-token";
  const token = await encode({ token: { sub: user.id, uid: user.id, email, name: user.name }, secret, salt });
  return `${salt}=${token}`;
}

async function measurePortal(): Promise<void> {
  const secret = crypto.randomBytes(32).toString("base64url");
  const base = `http://localhost:${port}`;
  let portal: RunningPortal | null = null;
  try {
    portal = await startPortal({
      root: repoRoot,
      name: "bench-dora",
      url: base,
      env: {
        ...shellEnv(),
        DATABASE_URL: benchUrl,
        AUTH_SECRET: secret,
        AUTH_URL: base,
        RUNWAY_SECRET_KEY: crypto.randomBytes(32).toString("base64"),
        NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
        RUNWAY_SEED_DEMO: "1",
        RUNWAY_LOG_LEVEL: "warn",
      },
    });
    const cookie = await sessionCookie(secret, "admin@example.com");
    const page = async (path: string) => {
      const res = await fetch(`${base}${path}`, { headers: { cookie }, redirect: "manual" });
      const html = await res.text();
      if (res.status !== 200 || !html.includes("DORA metrics")) throw new Error(`GET ${path} answered ${res.status} without the dashboard`);
    };
    report("dashboard page /metrics/dora, whole organisation (server time)", await repeatRuns(() => page("/metrics/dora")), TARGETS.pageMs);
    report("dashboard page /metrics/dora?team=…, one team (server time)", await repeatRuns((i) => page(`/metrics/dora?team=team-${String(i % SCALE.teams).padStart(2, "0")}`)), TARGETS.pageMs);
    const api = async (path: string) => {
      const res = await fetch(`${base}${path}`, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
      await res.arrayBuffer();
    };
    report("what a filter change refetches, /api/v1/metrics/dora/dashboard, whole organisation", await repeatRuns(() => api("/api/v1/metrics/dora/dashboard")), TARGETS.pageMs);
    await ingest(base);
  } finally {
    await portal?.stop();
  }
}

/** 100,000 events in batches of 5,000 through the API, one after the other: 60,000 changes, 20,000 deployments shipping them, 20,000 incidents. */
async function ingest(base: string): Promise<void> {
  const { issueToken, findUserByEmail } = await import("../lib/auth/tokens");
  const { token } = await issueToken((await findUserByEmail("admin@example.com"))!, { name: "bench", scopes: ["events:write"] }, "cli");
  const run = crypto.randomBytes(3).toString("hex");
  const now = Date.now();
  const sha = (n: number) => crypto.createHash("sha1").update(`${run}-${n}`).digest("hex");
  const svc = (n: number) => `svc-${String(n % SCALE.services).padStart(3, "0")}`;
  const at = (msAgo: number) => new Date(now - msAgo).toISOString();
  const batches: [string, object[]][] = [];
  const chunk = (kind: string, events: object[]) => {
    for (let i = 0; i < events.length; i += 5000) batches.push([kind, events.slice(i, i + 5000)]);
  };
  chunk("changes", Array.from({ length: 60_000 }, (_, i) => ({ id: `ing-${run}-c${i}`, service: svc(Math.floor(i / 3)), sha: sha(i), committedAt: at(3_600_000 * (2 + (i % 48))) })));
  chunk(
    "deployments",
    Array.from({ length: 20_000 }, (_, d) => ({
      id: `ing-${run}-d${d}`,
      service: svc(d),
      environment: "production",
      status: "success",
      deployedAt: at(60_000 * (d % 60)),
      commitShas: [sha(3 * d), sha(3 * d + 1), sha(3 * d + 2)],
    })),
  );
  chunk("incidents", Array.from({ length: 20_000 }, (_, i) => ({ id: `ing-${run}-i${i}`, service: svc(i), openedAt: at(30_000), resolvedAt: null, causeSha: i % 2 ? sha(3 * i) : null })));
  const perBatch: number[] = [];
  const [total] = await timed(async () => {
    for (const [kind, events] of batches) {
      const [t, res] = await timed(() =>
        fetch(`${base}/api/v1/events/${kind}`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ events }) }),
      );
      if (res.status !== 200) throw new Error(`POST /api/v1/events/${kind} answered ${res.status}: ${await res.text()}`);
      await res.body?.cancel();
      perBatch.push(t);
    }
  });
  say(
    `ingest 100,000 events through the batch API in ${batches.length} batches of 5,000: ${(total / 1000).toFixed(1)} s ` +
      `(batch median ${ms(median(perBatch))}, slowest ${ms(Math.max(...perBatch))}; target < ${TARGETS.ingestS} s, ${verdict(total / 1000, TARGETS.ingestS)})`,
  );
  failed ||= total / 1000 >= TARGETS.ingestS;
}

process.chdir(repoRoot);
// Others' work on the machine slows every figure; the load says how much.
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(" ");
// Before anything sets DATABASE_URL in this process: the build must not see it.
ensureBuild();
try {
  await prepare();
  say(`load average before measuring (1, 5, 15 min, ${os.cpus().length} CPUs): ${load()}`);
  await measureKeys();
  await measurePortal();
  say(`load average after: ${load()}`);
} finally {
  const { closeDb } = await import("../db/client");
  await closeDb();
  if (!reuse) {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${DB} with (force)`);
    await admin.end();
  }
}
process.exitCode = failed ? 1 : 0;
