/**
 * Request submission under load, and the approval queue with 10,000 pending.
 *   npx tsx bench/requests.ts
 * Runs twice: on the embedded default, then on the PostgreSQL server of
 * BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres, where a
 * throwaway database is created and dropped). BENCH_CLIENTS (200),
 * BENCH_SECONDS (30), BENCH_PORT (3320), BENCH_RATE (100).
 *
 * Each target is loaded twice by the same clients: closed-loop (each client
 * sends its next request as soon as the last one is answered: the most the
 * server can take, and what it costs in latency), then paced (together the
 * clients offer BENCH_RATE requests/s, each at a steady interval: latency
 * below saturation). In a closed loop, latency is clients ÷ throughput (Little's
 * law), so a p99 under 250 ms with 200 clients needs over 800 requests/s.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import postgres from "postgres";
import { readServerInfo, urlFor } from "../db/connection";
import { ensureBuild } from "../scripts/ensure-build";
import { createBenchUsers, type BenchUser } from "./bench-users";
import { median, percentile, startPortal, tempDataDir, verdict, type Portal } from "./portal";
import { signIn } from "./session";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const PORT = Number(process.env.BENCH_PORT ?? 3320);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const PG_URL = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const TEAMS = 40;
const QUEUE_SIZE = 10_000;

type Target = { label: string; portal: Portal; databaseUrl: string; cleanup(): Promise<void> };

async function embeddedTarget(): Promise<Target> {
  const dir = tempDataDir();
  const portal = await startPortal({ port: PORT, dataDir: dir });
  const info = readServerInfo(dir)!;
  return { label: "embedded default", portal, databaseUrl: urlFor(info, info.database), cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function postgresTarget(): Promise<Target> {
  const name = `runway_bench_${crypto.randomBytes(4).toString("hex")}`;
  const admin = postgres(PG_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const databaseUrl = Object.assign(new URL(PG_URL), { pathname: `/${name}` }).toString();
  const dir = tempDataDir();
  const portal = await startPortal({
    port: PORT,
    dataDir: dir,
    env: {
      DATABASE_URL: databaseUrl,
      RUNWAY_SEED_DEMO: "1",
      AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
      RUNWAY_SECRET_KEY: crypto.randomBytes(32).toString("base64"),
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
      RUNWAY_PG_ADMIN_URL: PG_URL,
    },
  });
  return {
    label: `PostgreSQL at ${new URL(PG_URL).host}`,
    portal,
    databaseUrl,
    async cleanup() {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Production requests: they wait for approval, so the run measures submission, not provisioning. */
async function submitLoad(base: string, users: BenchUser[], pace: { intervalMs: number } | null, label: string) {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let created = 0;
  let seq = 0;
  const deadline = performance.now() + SECONDS * 1000;
  async function client(n: number) {
    // Paced clients start spread over one interval, so the offered load is even from the first second.
    let next = performance.now() + (pace ? (pace.intervalMs * n) / CLIENTS : 0);
    while (performance.now() < deadline) {
      if (pace) {
        await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
        next += pace.intervalMs;
        if (performance.now() >= deadline) break;
      }
      const user = users[(n + seq) % users.length];
      const i = seq++;
      const key = `bench-${label}-${i}-${n}`;
      const body = JSON.stringify({ kind: "database", team: user.team, environment: "production", name: `db-${label}-${i}-${n}`, parameters: { engine: "postgres", size: "small", sizeGb: 5 } });
      const started = performance.now();
      try {
        const res = await fetch(`${base}/api/v1/requests`, {
          method: "POST",
          headers: { authorization: `Bearer ${user.token}`, "content-type": "application/json", "idempotency-key": key },
          body,
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - started);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 201) created++;
      } catch {
        statuses.set(0, (statuses.get(0) ?? 0) + 1);
      }
    }
  }
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
  return { latencies, statuses, created, seconds: (performance.now() - t0) / 1000 };
}

async function countRows(databaseUrl: string, label: string) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [r] = await sql`select count(*)::int as rows, count(distinct idempotency_key)::int as keys from requests where idempotency_key like ${`bench-${label}-%`}`;
    return r as { rows: number; keys: number };
  } finally {
    await sql.end();
  }
}

/** Tops the queue up to QUEUE_SIZE pending requests with one INSERT … SELECT. */
async function fillQueue(databaseUrl: string) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [{ n }] = await sql`select count(*)::int as n from requests where status = 'pending_approval'`;
    const missing = Math.max(0, QUEUE_SIZE - n);
    if (missing) {
      await sql`
        insert into requests (kind, team_id, environment, name, parameters, status, requested_by, policy_rule, policy_reason, created_at)
        select 'database', m.team_id, 'production', 'queued-' || g, '{"engine":"postgres","size":"small","sizeGb":5}', 'pending_approval', m.user_id,
          'production-needs-admin', 'Production requests always need a platform admin''s approval.', now() - make_interval(secs => g)
        from generate_series(1, ${missing}) g, lateral (select user_id, team_id from memberships order by user_id limit 1) m`;
    }
    const [{ total }] = await sql`select count(*)::int as total from requests where status = 'pending_approval'`;
    return total as number;
  } finally {
    await sql.end();
  }
}

async function queuePage(base: string) {
  const jar = await signIn(base, "admin@example.com");
  const times: number[] = [];
  for (let i = 0; i < 55; i++) {
    const started = performance.now();
    const res = await fetch(`${base}/approvals`, { headers: { cookie: jar.header() }, redirect: "manual" });
    const html = await res.text();
    if (res.status !== 200 || !html.includes("waiting, oldest first")) throw new Error(`GET /approvals answered ${res.status}`);
    if (i >= 5) times.push(performance.now() - started);
  }
  return times;
}

async function run(make: () => Promise<Target>) {
  const target = await make();
  try {
    const users = await createBenchUsers(target.databaseUrl, TEAMS);
    console.log(`\n${target.label}: ${CLIENTS} clients for ${SECONDS} s over ${TEAMS} teams`);
    let intact = true;
    for (const pace of [null, { intervalMs: (CLIENTS / RATE) * 1000 }]) {
      const label = pace ? "paced" : "closed";
      const load = await submitLoad(target.portal.url, users, pace, label);
      const rows = await countRows(target.databaseUrl, label);
      const lost = load.created - rows.rows;
      const dup = rows.rows - rows.keys;
      intact &&= lost === 0 && dup === 0;
      const p99 = percentile(load.latencies, 99);
      console.log(pace ? `  paced, ${RATE} requests/s offered (each client one every ${(pace.intervalMs / 1000).toFixed(1)} s):` : "  closed loop (each client sends again once answered):");
      console.log(`    ${load.latencies.length} answers, ${(load.latencies.length / load.seconds).toFixed(0)} requests/s; statuses ${JSON.stringify(Object.fromEntries(load.statuses))}`);
      console.log(`    latency p50 ${median(load.latencies).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (target p99 < 250 ms on real PostgreSQL: ${verdict(p99, 250)})`);
      console.log(`    201 answers ${load.created}, rows ${rows.rows}: ${lost === 0 && dup === 0 ? "none lost, none duplicated" : `LOST ${lost}, DUPLICATED ${dup}`}`);
    }
    const pending = await fillQueue(target.databaseUrl);
    const page = await queuePage(target.portal.url);
    console.log(`  /approvals with ${pending} pending: median ${median(page).toFixed(1)} ms, p90 ${percentile(page, 90).toFixed(1)} ms (target < 100 ms: ${verdict(median(page), 100)})`);
    return intact;
  } finally {
    await target.portal.stop();
    await target.cleanup();
  }
}

ensureBuild();
const okEmbedded = await run(embeddedTarget);
const okPostgres = await run(postgresTarget);
process.exit(okEmbedded && okPostgres ? 0 : 1);

