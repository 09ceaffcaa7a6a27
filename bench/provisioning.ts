/**
 * Approve → ready for postgres databases on a real server, with 2 workers.
 *   npx tsx bench/provisioning.ts
 * BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/postgres) hosts both the
 * portal's throwaway database and the provisioned ones; BENCH_PORT (3330).
 * Measures (1) 10 approvals one at a time, each until ready; (2) 50 approved
 * at once with two `npm run worker` processes beside a web process that runs
 * no worker; then checks that exactly one database exists per request.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import postgres from "postgres";
import { ensureBuild } from "../scripts/ensure-build";
import { createBenchUsers, type BenchUser } from "./bench-users";
import { median, percentile, spawnGroup, startPortal, tempDataDir, verdict } from "./portal";

const PG_URL = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const PORT = Number(process.env.BENCH_PORT ?? 3330);
const SEQUENTIAL = 10;
const BURST = 50;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function api(base: string, token: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

/** Production requests wait for approval, so the clock starts at the admin's click. */
async function submitPending(base: string, dev: BenchUser, n: number, tag: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await api(base, dev.token, "/api/v1/requests", { kind: "database", team: dev.team, environment: "production", name: `${tag}-${i}`, parameters: { engine: "postgres", size: "small" } });
    ids.push(String(r.id));
  }
  return ids;
}

/** Approve→ready per request, from the request's own timeline (decided_at to the ready event). */
async function approveToReady(sql: postgres.Sql, ids: string[]): Promise<number[]> {
  const rows = await sql`
    select r.id, extract(epoch from (e.at - r.decided_at)) * 1000 as ms
    from requests r join request_events e on e.request_id = r.id and e.to_status = 'ready'
    where r.id in ${sql(ids)}`;
  return rows.map((r) => Number(r.ms));
}

async function waitReady(sql: postgres.Sql, ids: string[], timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [{ ready, failed }] = await sql`select count(*) filter (where status = 'ready')::int as ready, count(*) filter (where status = 'failed')::int as failed from requests where id in ${sql(ids)}`;
    if (ready + failed === ids.length) return { ready, failed };
    await sleep(100);
  }
  throw new Error(`not all ${ids.length} requests ended within ${timeoutMs} ms`);
}

ensureBuild();
const name = `runway_bench_${crypto.randomBytes(4).toString("hex")}`;
const admin = postgres(PG_URL, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${name}"`);
const databaseUrl = Object.assign(new URL(PG_URL), { pathname: `/${name}` }).toString();
const env = {
  DATABASE_URL: databaseUrl,
  AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
  RUNWAY_SECRET_KEY: crypto.randomBytes(32).toString("base64"),
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
  RUNWAY_PG_ADMIN_URL: PG_URL,
  RUNWAY_IN_PROCESS_WORKER: "0",
  RUNWAY_LOG_LEVEL: "warn",
};
const dir = tempDataDir();
const portal = await startPortal({ port: PORT, dataDir: dir, env });
const workers = [spawnGroup(["npm", "run", "worker"], { ...env, RUNWAY_DATA_DIR: dir }), spawnGroup(["npm", "run", "worker"], { ...env, RUNWAY_DATA_DIR: dir })];
const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
let ok = false;
try {
  const [dev] = await createBenchUsers(databaseUrl, 1, "developer");
  const [adm] = await createBenchUsers(databaseUrl, 1, "admin");

  const one = await submitPending(portal.url, dev, SEQUENTIAL, "seq");
  for (const id of one) {
    await api(portal.url, adm.token, `/api/v1/requests/${id}/approve`, {});
    await waitReady(sql, [id], 30_000);
  }
  const seq = await approveToReady(sql, one);
  console.log(`approve → ready, one at a time (${SEQUENTIAL}): median ${median(seq).toFixed(0)} ms, max ${Math.max(...seq).toFixed(0)} ms (target median < 1 s: ${verdict(median(seq), 1000)})`);

  const burst = await submitPending(portal.url, dev, BURST, "burst");
  const t0 = performance.now();
  await Promise.all(burst.map((id) => api(portal.url, adm.token, `/api/v1/requests/${id}/approve`, {})));
  const { ready, failed } = await waitReady(sql, burst, 120_000);
  const wall = performance.now() - t0;
  const times = await approveToReady(sql, burst);
  console.log(`${BURST} approved at once, 2 workers: all ended in ${(wall / 1000).toFixed(1)} s (${ready} ready, ${failed} failed; target < 20 s: ${verdict(wall, 20_000)}); per request median ${median(times).toFixed(0)} ms, p90 ${percentile(times, 90).toFixed(0)} ms`);

  const all = [...one, ...burst];
  const prefixes = all.map((id) => `%\\_${id.replace(/-/g, "").slice(0, 8)}`);
  const [{ dbs }] = await admin`select count(*)::int as dbs from pg_database where datname like any(${prefixes})`;
  const [{ roles }] = await admin`select count(*)::int as roles from pg_roles where rolname like any(${prefixes})`;
  const [{ starts }] = await sql`select count(*)::int as starts from request_events where message like 'Provisioning started%' and request_id in ${sql(all)}`;
  console.log(`databases ${dbs}, roles ${roles}, provisioning starts ${starts} for ${all.length} requests: ${dbs === all.length && roles === all.length ? "exactly one each, none duplicated" : "MISMATCH"}`);
  ok = ready === BURST && dbs === all.length && roles === all.length;

  // Leave the shared server as we found it.
  for (const id of all) await api(portal.url, dev.token, `/api/v1/requests/${id}/decommission`, {}).catch(() => {});
  await sleep(3000);
} finally {
  await sql.end();
  for (const w of workers) await w.stop();
  await portal.stop();
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  for (const { datname } of await admin`select datname from pg_database where datname like 'rw\\_bench%'`) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
  for (const { rolname } of await admin`select rolname from pg_roles where rolname like 'rw\\_bench%'`) await admin.unsafe(`drop role if exists "${rolname}"`);
  await admin.end();
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
