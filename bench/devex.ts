/**
 * The DevEx dashboard at the size of issue 7: 200 teams of 50 people, 8 pulse
 * rounds asking every team with 50 answers each (80,000 responses), 100,000
 * requests with their histories over the last year, sign-ins and deployments.
 * Measures the dashboard's data (in process, wall clock and CPU time) and the
 * page's server time.
 *   npx tsx --conditions=react-server bench/devex.ts
 * BENCH_DATABASE_URL: a server where it may create the database runway_bench_devex
 * (default postgres://postgres@127.0.0.1:5432/postgres). BENCH_REUSE=1 reuses that
 * database when a previous run generated it, and keeps it. BENCH_PORT (3330), BENCH_RUNS (20).
 */
import crypto from "node:crypto";
import os from "node:os";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { seedDemo } from "../db/seed/demo";
import { shellEnv, startPortal, type RunningPortal } from "../e2e/support/portal";
import { CORE_ITEMS, RECOMMEND_KEY } from "../lib/metrics/devex/items";
import { ensureBuild } from "../scripts/ensure-build";
import { benchDatabase, benchDatabaseUrl } from "./database";
import { median, percentile, processCpuMs, repeat, repoRoot, timed, verdict } from "./portal";
import { signIn } from "./session";

const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const reuse = process.env.BENCH_REUSE === "1";
const port = Number(process.env.BENCH_PORT ?? 3330);
const runs = Number(process.env.BENCH_RUNS ?? 20);
const WARM_UP = 3;
const TARGET_MS = 300;
const SCALE = { teams: 200, people: 50, rounds: 8, requests: 100_000 };
const DB = "runway_bench_devex";
const benchUrl = benchDatabaseUrl(serverUrl, DB);

const say = (line: string) => console.log(line);
const ms = (n: number) => `${n.toFixed(1)} ms`;
let failed = false;

function report(label: string, times: number[]) {
  const m = median(times);
  say(`${label}: median ${ms(m)}, p90 ${ms(percentile(times, 90))} over ${times.length} runs (target < ${TARGET_MS} ms, ${verdict(m, TARGET_MS)})`);
  failed ||= m >= TARGET_MS;
}

/** Every figure: WARM_UP untimed calls, then `runs` timed ones. */
const repeatRuns = (fn: (i: number) => Promise<unknown>) => repeat(fn, { warmUp: WARM_UP, runs });

/** A 1–5 answer that drifts up over the rounds, as SQL. */
const score = (item: string) => `least(5, greatest(1, round(2 + r.n * 0.25 + (random() * 2.4 - 1.2) + (hashtext(m.user_id::text || '${item}') % 2) * 0.3)))::int`;

/** Every step as one set-based statement: minutes of INSERT … SELECT rather than hours of round trips. */
const STEPS: [label: string, statement: string][] = [
  [
    "200 teams of 50 people",
    `insert into teams (name, display_name, description)
       select 'bench-team-' || lpad(t::text, 3, '0'), 'Bench team ' || t, 'Benchmark team' from generate_series(1, ${SCALE.teams}) t;
     insert into users (email, name, role, first_sign_in_at, last_sign_in_at)
       select 'bench-' || t || '-' || p || '@bench.example.com', 'Bench ' || t || '/' || p, 'developer', now() - random() * interval '500 days', now()
       from generate_series(1, ${SCALE.teams}) t, generate_series(1, ${SCALE.people}) p;
     insert into memberships (user_id, team_id)
       select u.id, tm.id from users u
       join teams tm on tm.name = 'bench-team-' || lpad(split_part(split_part(u.email, '@', 1), '-', 2), 3, '0')
       where u.email like 'bench-%@bench.example.com';`,
  ],
  [
    "8 rounds, every team asked",
    `insert into devex_rounds (title, opens_at, closes_at)
       select 'Bench round ' || n, now() - (10 + (${SCALE.rounds} - n) * 91 + 14) * interval '1 day', now() - (10 + (${SCALE.rounds} - n) * 91) * interval '1 day'
       from generate_series(1, ${SCALE.rounds}) n;
     insert into devex_round_items (round_id, key, position, prompt, dimension, scale_max)
       select r.id, i.key, i.position, i.prompt, i.dimension, i.scale_max from devex_rounds r,
         jsonb_to_recordset('${JSON.stringify(CORE_ITEMS.map((i, position) => ({ ...i, position, scale_max: i.scaleMax }))).replace(/'/g, "''")}'::jsonb)
           as i(key text, position smallint, prompt text, dimension text, scale_max smallint)
       where r.title like 'Bench round %';
     insert into devex_round_teams (round_id, team_id, asked, respondents)
       select r.id, t.id, ${SCALE.people}, ${SCALE.people} from devex_rounds r, teams t where r.title like 'Bench round %' and t.name like 'bench-team-%';`,
  ],
  [
    "80,000 responses and their tallies",
    `insert into devex_responses (round_id, user_id, team_id, answers, comment, submitted_at, updated_at)
       select r.id, m.user_id, m.team_id,
         jsonb_build_object(${CORE_ITEMS.map((i) => `'${i.key}', ${i.key === RECOMMEND_KEY ? "least(10, greatest(0, round(3 + r.n * 0.7 + random() * 4 - 2)))::int" : score(i.key)}`).join(", ")}),
         case when random() < 0.15 then 'Bench comment ' || md5(random()::text) end, r.opens_at, r.opens_at
       from (select id, opens_at, row_number() over (order by opens_at) as n from devex_rounds where title like 'Bench round %') r
       cross join memberships m join teams t on t.id = m.team_id and t.name like 'bench-team-%';
     insert into devex_tallies (round_id, team_id, item_key, value, count)
       select x.round_id, x.team_id, a.key, a.value::smallint, count(*)::int
       from devex_responses x join devex_rounds r on r.id = x.round_id and r.title like 'Bench round %'
       cross join jsonb_each_text(x.answers) a group by 1, 2, 3, 4;`,
  ],
  [
    "100,000 requests with their events",
    `create temp table bench_plan as
       select gen_random_uuid() as id, g, (array['database', 'namespace', 'environment'])[1 + g % 3]::request_kind as kind, tm.id as team_id, m.user_id as requester,
         now() - random() * interval '365 days' as created_at, random() as r1, random() as r2, random() as r3
       from generate_series(1, ${SCALE.requests}) g
       join (select id, (row_number() over (order by name) - 1)::int as i from teams where name like 'bench-team-%') tm on tm.i = g % ${SCALE.teams}
       cross join lateral (select user_id from memberships where team_id = tm.id limit 1) m;
     -- A third wait for an admin (most approved, some rejected or cancelled, a few still waiting); 5 % fail a first run, half of those are retried.
     alter table bench_plan add column status request_status;
     update bench_plan set status = (case
       when r1 < 0.3 and r2 < 0.05 then 'pending_approval' when r1 < 0.3 and r2 < 0.10 then 'cancelled' when r1 < 0.3 and r2 < 0.20 then 'rejected'
       when r3 < 0.025 then 'failed' when r3 > 0.8 then 'decommissioned' else 'ready' end)::request_status;
     insert into requests (id, kind, team_id, environment, name, parameters, status, requested_by, policy_rule, policy_reason, created_at, updated_at)
       select id, kind, team_id, 'dev', 'bench-' || g, '{}', status, requester, 'bench', 'bench', created_at, created_at from bench_plan;
     create temp table bench_admin as select id from users where email = 'admin@example.com';
     insert into request_events (request_id, at, actor_id, from_status, to_status, message)
       select id, created_at, requester, null::request_status, 'submitted'::request_status, 'Submitted.' from bench_plan
       union all select id, created_at, null, 'submitted', (case when r1 < 0.3 then 'pending_approval' else 'auto_approved' end)::request_status, 'Policy.' from bench_plan
       union all select id, created_at + r2 * interval '48 hours', (select id from bench_admin), 'pending_approval',
         (case status when 'cancelled' then 'cancelled' when 'rejected' then 'rejected' else 'approved' end)::request_status, 'Decided.'
         from bench_plan where r1 < 0.3 and status <> 'pending_approval'
       union all select id, created_at + (case when r1 < 0.3 then r2 * interval '48 hours' else interval '0' end) + interval '5 seconds', null,
         (case when r1 < 0.3 then 'approved' else 'auto_approved' end)::request_status, 'provisioning', 'Provisioning.'
         from bench_plan where status in ('ready', 'failed', 'decommissioned')
       union all select id, created_at + interval '10 minutes', null, 'provisioning', 'failed', 'Failed.' from bench_plan where r3 < 0.05 and status in ('ready', 'failed', 'decommissioned')
       union all select id, created_at + interval '2 hours', (select id from bench_admin), 'failed', 'provisioning', 'Retried.' from bench_plan where r3 >= 0.025 and r3 < 0.05 and status in ('ready', 'decommissioned')
       union all select id, created_at + (case when r1 < 0.3 then r2 * interval '48 hours' else interval '0' end) + (case when r3 < 0.05 then interval '2 hours' else interval '0' end) + r3 * interval '20 minutes',
         null, 'provisioning', 'ready', 'Ready.' from bench_plan where status in ('ready', 'decommissioned')
       union all select id, created_at + interval '20 days', requester, 'ready', 'decommissioning', 'Decommission.' from bench_plan where status = 'decommissioned'
       union all select id, created_at + interval '20 days 1 minute', null, 'decommissioning', 'decommissioned', 'Gone.' from bench_plan where status = 'decommissioned';
     insert into audit_log (at, actor_id, actor_email, action, target_type, target_id)
       select created_at, requester, 'bench', 'request.submit', 'request', id::text from bench_plan;`,
  ],
  [
    "sign-ins, components and deployments",
    `insert into audit_log (at, actor_id, actor_email, action, target_type, target_id)
       select now() - random() * interval '365 days', u.id, u.email, 'auth.sign_in', 'user', u.id::text
       from users u, generate_series(1, 10) where u.email like 'bench-%@bench.example.com';
     insert into catalog_entities (ref, api_version, kind, namespace, name, owner_ref, metadata, spec, hash, source)
       select 'component:default/' || name || '-api', 'backstage.io/v1alpha1', 'Component', 'default', name || '-api', 'group:default/' || name,
         jsonb_build_object('name', name || '-api'), jsonb_build_object('type', 'service', 'owner', name), 'bench', 'import'
       from teams where name like 'bench-team-%';
     insert into dora_deployments (id, service, environment, status, deployed_at, source)
       select 'bench-' || t.name || '-' || d, t.name || '-api', 'production', 'success', now() - d * interval '3 days' - random() * interval '1 day', 'api'
       from teams t, generate_series(0, 170) d where t.name like 'bench-team-%';`,
  ],
];

async function prepare(): Promise<void> {
  const complete = async (db: postgres.Sql) => (await db`select count(*)::int as n from requests where name like 'bench-%'`)[0].n === SCALE.requests;
  if ((await benchDatabase(serverUrl, DB, { reuse, complete })) === "reused") return say(`reusing ${DB} (BENCH_REUSE=1)`);
  const sql = postgres(benchUrl, { max: 1, onnotice: () => {} });
  try {
    await seedDemo(drizzle(sql));
    say(`generating the dataset in ${DB}:`);
    for (const [label, statement] of STEPS) {
      const [t] = await timed(() => sql.unsafe(statement).simple());
      say(`  ${label}: ${(t / 1000).toFixed(1)} s`);
    }
    // In a real installation each ready request became a catalog Resource when it got ready; a worker's first start
    // registers those it finds missing, as it would here, in batches that leave the catalog free in between.
    process.env.DATABASE_URL = benchUrl;
    const { registerMissingRequestResources } = await import("../lib/catalog/request-resources");
    const [t, registered] = await timed(() => registerMissingRequestResources());
    say(`  ${registered} ready requests registered in the catalog as a worker's first start does: ${(t / 1000).toFixed(1)} s`);
    // What autovacuum would have done by the time anyone opens the dashboard (it is off on some CI servers): statistics and the visibility map.
    await sql.unsafe("vacuum analyze");
  } finally {
    await sql.end();
  }
}

async function measureData(): Promise<void> {
  process.env.DATABASE_URL = benchUrl;
  const { loadActor } = await import("../lib/auth/actor");
  const { findUserByEmail } = await import("../lib/auth/tokens");
  const { loadDevexDashboard } = await import("../lib/metrics/devex/dashboard");
  const { devexQuerySchema } = await import("../lib/metrics/devex/schemas");
  const actor = async (email: string) => (await loadActor((await findUserByEmail(email))!.id))!;
  const admin = await actor("admin@example.com");
  const manager = await actor("manager@example.com");
  const view = (q: Record<string, string>) => devexQuerySchema.parse(q);

  // The first reads bring the request facts up to date from 100,000 requests' events: a one-off per installation.
  const [cold, first] = await timed(() => loadDevexDashboard(admin, view({ team: "*" })));
  const [second] = await timed(() => loadDevexDashboard(admin, view({ team: "*" })));
  say(`first reads (request facts built from every event): ${ms(cold)}, then ${ms(second)}`);
  const s = first.survey.selected!;
  const p = first.platform;
  say(
    `whole organisation, last 365 days: ${first.survey.rounds.length} rounds, the latest with ${s.respondents} answers from ${s.teamsShown} teams; ` +
      `${p.kinds[0].total} requests, self-service ${((p.selfService.rate ?? 0) * 100).toFixed(1)} %, ${p.activeUsers.averagePerWeek.toFixed(0)} active people a week`,
  );
  report("dashboard data, whole organisation (admin), 365 days", await repeatRuns(() => loadDevexDashboard(admin, view({ team: "*" }))));
  const cpu = await cpuPerLoad(() => loadDevexDashboard(admin, view({ team: "*" })));
  if (cpu) say(`  CPU per whole-organisation load: PostgreSQL ${ms(cpu.postgres)}, Node ${ms(cpu.node)} (load average now ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`);
  const twoYears = { team: "*", from: new Date(Date.now() - 730 * 86_400_000).toISOString().slice(0, 10) };
  report("dashboard data, whole organisation, 730 days (all 8 rounds)", await repeatRuns(() => loadDevexDashboard(admin, view(twoYears))));
  const team = (i: number) => `bench-team-${String(1 + (i % SCALE.teams)).padStart(3, "0")}`;
  report("dashboard data, one team (admin)", await repeatRuns((i) => loadDevexDashboard(admin, view({ team: team(i) }))));
  report("dashboard data, a manager's own teams", await repeatRuns(() => loadDevexDashboard(manager, view({}))));
}

/**
 * CPU time per call, of this process and of the database's server processes
 * (read from /proc, so only for a server on this machine): what a call costs
 * whatever else the machine is busy with, unlike wall-clock time.
 */
async function cpuPerLoad(fn: () => Promise<unknown>): Promise<{ postgres: number; node: number } | null> {
  const sql = postgres(benchUrl, { max: 1, onnotice: () => {} });
  const serverCpu = async () => {
    const pids = await sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${DB} and backend_type = 'client backend'`;
    let total = 0;
    for (const { pid } of pids) {
      const cpu = processCpuMs(pid);
      if (cpu === null) throw new Error(`server process ${pid} is not on this machine`);
      total += cpu;
    }
    return total;
  };
  try {
    const pg0 = await serverCpu();
    const node0 = process.cpuUsage();
    for (let i = 0; i < runs; i++) await fn();
    const node = process.cpuUsage(node0);
    return { postgres: ((await serverCpu()) - pg0) / runs, node: (node.user + node.system) / 1000 / runs };
  } catch (error) {
    say(`  (no CPU figures: ${error instanceof Error ? error.message : String(error)})`);
    return null;
  } finally {
    await sql.end();
  }
}

async function measurePage(): Promise<void> {
  const base = `http://localhost:${port}`;
  let portal: RunningPortal | null = null;
  try {
    portal = await startPortal({
      root: repoRoot,
      name: "bench-devex",
      url: base,
      env: {
        ...shellEnv(),
        DATABASE_URL: benchUrl,
        AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
        AUTH_URL: base,
        RUNWAY_SECRET_KEY: crypto.randomBytes(32).toString("base64"),
        NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
        RUNWAY_SEED_DEMO: "1",
        RUNWAY_LOG_LEVEL: "warn",
      },
    });
    const jar = await signIn(base, "admin@example.com");
    let size = 0;
    const page = async (path: string) => {
      const res = await fetch(`${base}${path}`, { headers: { cookie: jar.header() }, redirect: "manual" });
      const html = await res.text();
      if (res.status !== 200 || !html.includes("Developer experience")) throw new Error(`GET ${path} answered ${res.status} without the dashboard`);
      size = Buffer.byteLength(html);
    };
    report("dashboard page /metrics/devex?team=*, whole organisation (server time)", await repeatRuns(() => page("/metrics/devex?team=*")));
    say(`  its HTML with the RSC payload: ${(size / 1024).toFixed(0)} KiB`);
    report("dashboard page /metrics/devex?team=…, one team (server time)", await repeatRuns((i) => page(`/metrics/devex?team=bench-team-${String(1 + (i % SCALE.teams)).padStart(3, "0")}`)));
  } finally {
    await portal?.stop();
  }
}

process.chdir(repoRoot);
// Before DATABASE_URL is set for the in-process measures: the build must not see it.
ensureBuild();
try {
  await prepare();
  await measureData();
  await measurePage();
} finally {
  const { closeDb } = await import("../db/client");
  await closeDb();
  if (!reuse) {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${DB} with (force)`);
    await admin.end();
  }
}
process.exit(failed ? 1 : 0);
