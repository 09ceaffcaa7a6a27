/**
 * Scale-out on one machine: one PostgreSQL server, two web replicas, two workers.
 *   npx tsx bench/scale-out.ts
 * BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/postgres) hosts the portal's
 * throwaway database and the databases its requests provision; BENCH_PORT
 * (3340; the second replica takes the next port); BENCH_REQUESTS (200);
 * BENCH_CLIENTS (100) and BENCH_SECONDS (60) for the mixed load;
 * BENCH_LEASE_SECONDS (10): how soon a killed worker's jobs are taken over.
 * Proves (a) a session made on one replica works on the other, (b) requests
 * submitted and approved alternately on both end ready with exactly one
 * database and role each, (c) with a worker SIGKILLed mid-run, (d) SIGTERM on
 * a worker holding jobs: it stops claiming and finishes or releases them;
 * then measures (e) a mixed load with 2 web processes and with 1.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { checkOutcome, deploymentEnv, dropProvisioned, killWhileHolding, stopGracefully, submitAlternately, waitSettled, waitUntilHolding, type Outcome } from "../e2e/support/scale-out";
import { startWorkerProcess, type WorkerProcess } from "../lib/provisioning/testing/worker-process";
import { ensureBuild } from "../scripts/ensure-build";
import { createBenchUsers, type BenchUser } from "./bench-users";
import { median, percentile, repoRoot, startPortal, tempDataDir, type Portal } from "./portal";
import { signIn, type Jar } from "./session";

const PG_URL = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const PORT = Number(process.env.BENCH_PORT ?? 3340);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const LEASE_SECONDS = process.env.BENCH_LEASE_SECONDS ?? "10";
const TEAMS = 40;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function report(label: string, o: Outcome): boolean {
  const ok = o.problems.length === 0;
  console.log(`  ${label}: ${o.ready}/${o.requests} ready, ${o.exactlyOne} with exactly one database and one role: ${ok ? "OK" : "FAILED"}`);
  for (const p of o.problems.slice(0, 10)) console.log(`    ${p}`);
  return ok;
}

/** (b) and (c): alternate submissions and approvals; one worker is SIGKILLed a third of the way and replaced. */
async function alternatingWithKill(replicas: Portal[], workers: WorkerProcess[], sql: postgres.Sql, admin: postgres.Sql, users: { devs: BenchUser[]; adm: BenchUser }) {
  const t0 = performance.now();
  const victim = workers[0];
  const chaos = killWhileHolding(sql, victim, REQUESTS / 3).then((at) => {
    workers[0] = startWorker();
    return { ...at, ms: performance.now() - t0 };
  });
  const subs = await submitAlternately({ replicas: replicas.map((r) => r.url), developers: users.devs, admin: users.adm, count: REQUESTS, concurrency: 8, tag: "alt" });
  const submittedMs = performance.now() - t0;
  const kill = await chaos;
  await waitSettled(sql, subs.ids, 300_000, workers);
  const wallMs = performance.now() - t0;
  const orphans = kill.orphaned.length ? await sql<{ attempts: number; status: string }[]>`select attempts, status::text from jobs where id in ${sql(kill.orphaned)}` : [];

  console.log(`\n(b) ${REQUESTS} requests, submitted alternately (${subs.submittedOn.join(" + ")} on A + B), ${subs.approvedOn.reduce((a, b) => a + b)} production ones approved alternately (${subs.approvedOn.join(" + ")})`);
  console.log(`  all submitted in ${s(submittedMs)}, all settled ${s(wallMs)} after the first submission`);
  console.log(`(c) worker ${victim.pid} SIGKILLed at ${s(kill.ms)} with ${kill.ready} ready and ${kill.orphaned.length} job(s) in its hands; a new worker started`);
  console.log(`  its jobs afterwards: ${orphans.map((j) => `${j.status} (attempt ${j.attempts})`).join(", ") || "none"}; lease ${LEASE_SECONDS} s`);
  const ok = report("outcome", await checkOutcome(sql, admin, subs.ids));
  return ok && kill.orphaned.length > 0 && orphans.every((j) => j.status === "succeeded" && j.attempts > 1);
}

/** (d): the worker alone on a queue of jobs, signalled as soon as it holds one. */
async function gracefulStop(replicas: Portal[], sql: postgres.Sql, admin: postgres.Sql, users: { devs: BenchUser[]; adm: BenchUser }) {
  const subs = await submitAlternately({ replicas: replicas.map((r) => r.url), developers: users.devs, admin: users.adm, count: 20, concurrency: 4, tag: "term" });
  const worker = startWorker();
  const held = await waitUntilHolding(sql, worker, 60_000);
  const stopped = await stopGracefully(sql, worker, held, subs.ids);
  console.log(`\n(d) SIGTERM to worker ${worker.pid}, alone on a queue of ${subs.ids.length} jobs, while it held ${held.length}:`);
  console.log(`  exited ${stopped.exitMs === null ? "NOT within 30 s (killed)" : `after ${(stopped.exitMs / 1000).toFixed(2)} s (limit 20 s)`}; the jobs it held: ${JSON.stringify(stopped.heldThen)}; left running: ${stopped.leftRunning}; never claimed: ${stopped.neverClaimed}`);
  const finishers = [startWorker(), startWorker()];
  await waitSettled(sql, subs.ids, 120_000, finishers);
  const ok = report("after two new workers finished the queue", await checkOutcome(sql, admin, subs.ids));
  const heldEnded = Object.keys(stopped.heldThen).every((k) => k === "succeeded" || k === "queued");
  return ok && stopped.exitMs !== null && stopped.exitMs < 20_000 && stopped.leftRunning === 0 && stopped.neverClaimed > 0 && heldEnded;
}

type Op = { kind: "read" | "write"; run(base: string, seq: number): Promise<Response> };

/** 7 reads (catalog, dashboards, request lists, home) for every 3 submissions. */
function mixedOps(dev: Jar, manager: Jar, users: BenchUser[], label: string): Op[] {
  const bearer = (seq: number) => ({ authorization: `Bearer ${users[seq % users.length].token}` });
  const page = (jar: Jar, p: string): Op => ({ kind: "read", run: (base) => fetch(`${base}${p}`, { headers: { cookie: jar.header() }, redirect: "manual" }) });
  const apiGet = (p: string): Op => ({ kind: "read", run: (base, seq) => fetch(`${base}${p}`, { headers: bearer(seq) }) });
  // Production requests wait for an admin, so the load measures the web tier and the database, not provisioning.
  const submit: Op = {
    kind: "write",
    run: (base, seq) => {
      const user = users[seq % users.length];
      return fetch(`${base}/api/v1/requests`, {
        method: "POST",
        headers: { ...bearer(seq), "content-type": "application/json", "idempotency-key": `load-${label}-${seq}` },
        body: JSON.stringify({ kind: "database", team: user.team, environment: "production", name: `load-${label}-${seq}`, parameters: { engine: "postgres", size: "small" } }),
      });
    },
  };
  return [
    submit,
    apiGet("/api/v1/catalog/entities?limit=20"),
    page(dev, "/"),
    apiGet("/api/v1/requests"),
    submit,
    page(dev, "/catalog"),
    page(manager, "/metrics/dora"),
    submit,
    apiGet("/api/v1/catalog/entities?kind=component&q=api"),
    apiGet("/api/v1/metrics/dora"),
  ];
}

async function mixedLoad(replicas: Portal[], ops: Op[]) {
  // Every route once on every replica first, so first-request compilation is not measured.
  let seq = 1_000_000 * replicas.length;
  for (const r of replicas) for (const op of ops) await (await op.run(r.url, seq++)).arrayBuffer();
  const latency = { read: [] as number[], write: [] as number[] };
  const statuses = new Map<number, number>();
  seq = 0;
  const deadline = performance.now() + SECONDS * 1000;
  async function client() {
    while (performance.now() < deadline) {
      const i = seq++;
      const op = ops[i % ops.length];
      const started = performance.now();
      let status = 0;
      try {
        const res = await op.run(replicas[i % replicas.length].url, i);
        await res.arrayBuffer();
        status = res.status;
      } catch {
        status = 0;
      }
      latency[op.kind].push(performance.now() - started);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  }
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const seconds = (performance.now() - t0) / 1000;
  const all = [...latency.read, ...latency.write];
  const bad = [...statuses].filter(([code]) => code < 200 || code >= 300).reduce((n, [, c]) => n + c, 0);
  const p = (xs: number[], q: number) => `${percentile(xs, q).toFixed(0)} ms`;
  console.log(`  ${replicas.length} web + 2 workers: ${(all.length / seconds).toFixed(0)} requests/s (${all.length} in ${seconds.toFixed(0)} s, ${bad} not 2xx: ${JSON.stringify(Object.fromEntries(statuses))})`);
  console.log(`    all: p50 ${p(all, 50)}, p99 ${p(all, 99)}; reads p50 ${median(latency.read).toFixed(0)} ms, p99 ${p(latency.read, 99)}; submissions p50 ${median(latency.write).toFixed(0)} ms, p99 ${p(latency.write, 99)}`);
  return bad === 0;
}

/** The catalog's Backstage fixtures, so that catalog reads have entities to list. */
async function importCatalog(base: string, token: string) {
  const dir = path.join(repoRoot, "lib/catalog/fixtures/backstage-catalog");
  const files = fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".yaml") && !f.includes("invalid"));
  const body = files.map((f) => fs.readFileSync(path.join(dir, f), "utf8")).join("\n---\n");
  const res = await fetch(`${base}/api/v1/catalog/import`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/yaml" }, body });
  const json = (await res.json()) as { added?: number };
  return json.added ?? 0;
}

ensureBuild();
const name = `runway_bench_${crypto.randomBytes(4).toString("hex")}`;
const admin = postgres(PG_URL, { max: 2, onnotice: () => {} });
await admin.unsafe(`create database "${name}"`);
const databaseUrl = Object.assign(new URL(PG_URL), { pathname: `/${name}` }).toString();
const env = deploymentEnv(databaseUrl, PG_URL, { RUNWAY_JOB_LEASE_SECONDS: LEASE_SECONDS });
const dir = tempDataDir();
const sql = postgres(databaseUrl, { max: 4, onnotice: () => {} });
const replicas: Portal[] = [];
const allWorkers: WorkerProcess[] = [];
function startWorker(): WorkerProcess {
  const worker = startWorkerProcess(env);
  allWorkers.push(worker);
  return worker;
}

let cleaned: Promise<void> | null = null;
function cleanup(): Promise<void> {
  cleaned ??= (async () => {
    await Promise.all(allWorkers.map((w) => w.kill("SIGTERM")));
    await Promise.all(replicas.map((r) => r.stop()));
    await dropProvisioned(sql, admin).catch((e) => console.error(`dropping provisioned databases: ${e}`));
    await sql.end();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
    fs.rmSync(dir, { recursive: true, force: true });
  })();
  return cleaned;
}
process.once("SIGINT", () => void cleanup().then(() => process.exit(130)));

const results: boolean[] = [];
try {
  const t0 = performance.now();
  // Both replicas start at once against the one server, as a Deployment's pods do.
  replicas.push(...(await Promise.all([0, 1].map((i) => startPortal({ port: PORT + i, dataDir: dir, env })))));
  const [a, b] = replicas;
  const workers = [startWorker(), startWorker()];
  console.log(`Two web replicas (${a.url}, ${b.url}) and two workers on ${new URL(PG_URL).host}/${name}, ready in ${s(performance.now() - t0)}; lease ${LEASE_SECONDS} s`);

  const jar = await signIn(a.url, "developer@example.com");
  const home = await fetch(`${b.url}/`, { headers: { cookie: jar.header() }, redirect: "manual" });
  const html = await home.text();
  const welcome = /Welcome, (<!-- -->)?(\w+)/.exec(html);
  console.log(`\n(a) signed in on A, GET / on B with that cookie: HTTP ${home.status}, ${welcome ? `"Welcome, ${welcome[2]}"` : "NO WELCOME"}`);
  results.push(home.status === 200 && Boolean(welcome));

  const devs = await createBenchUsers(databaseUrl, TEAMS);
  const [adm] = await createBenchUsers(databaseUrl, 1, "admin");
  results.push(await alternatingWithKill(replicas, workers, sql, admin, { devs, adm }));

  const idle = performance.now();
  await Promise.all(workers.map((w) => w.kill("SIGTERM")));
  console.log(`\nSIGTERM to both (idle) workers: exited within ${((performance.now() - idle) / 1000).toFixed(2)} s`);
  results.push(await gracefulStop(replicas, sql, admin, { devs: await createBenchUsers(databaseUrl, 4), adm }));

  const added = await importCatalog(a.url, adm.token);
  const manager = await signIn(b.url, "manager@example.com");
  console.log(`\n(e) mixed load, ${CLIENTS} clients for ${SECONDS} s: 70 % reads (catalog API and page, DORA dashboard and API, request list, home), 30 % production submissions; ${added} catalog entities`);
  console.log(`  machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} before the run`);
  results.push(await mixedLoad([a, b], mixedOps(jar, manager, devs, "two")));
  await b.stop();
  replicas.pop();
  await sleep(2000);
  console.log(`  machine load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} before the 1-web run`);
  results.push(await mixedLoad([a], mixedOps(jar, manager, devs, "one")));
} finally {
  await cleanup();
}
console.log(`\n${results.every(Boolean) ? "All scale-out checks passed." : "SOME SCALE-OUT CHECKS FAILED."}`);
process.exit(results.every(Boolean) ? 0 : 1);
