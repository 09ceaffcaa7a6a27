/**
 * The catalog at 100,000 entities (owners, systems, relations, tags), served
 * by a real `next start`:
 *   - list and search through the API, 20 concurrent clients: p95 per query (target < 50 ms on real PostgreSQL);
 *   - the catalog list page's server time (target < 150 ms), and that no answer carries more than one page;
 *   - importing 10,000 entities from YAML through the API (target < 30 s);
 *   - a registered location's entities are searchable as soon as the registration answers (target < 5 s).
 *
 *   npx tsx --conditions=react-server bench/catalog.ts
 * BENCH_TARGET: postgres | embedded | both (default both). postgres uses
 * BENCH_DATABASE_URL (else postgres://postgres@127.0.0.1:5432/postgres) to
 * create and drop a database of its own; embedded is `npm start` on a
 * throwaway data dir. BENCH_ENTITIES (100000), BENCH_REQUESTS per query
 * (200), BENCH_CLIENTS (20), BENCH_PORT (3310).
 */
import { execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { stringify } from "yaml";
import { eq, sql } from "drizzle-orm";
import { closeDb, db } from "../db/client";
import { readServerInfo, urlFor } from "../db/connection";
import { users } from "../db/schema";
import { loadActor } from "../lib/auth/actor";
import { issueToken } from "../lib/auth/tokens";
import { applyPlan, lockCatalog, planWrite } from "../lib/catalog/store";
import { exampleRepository } from "../lib/catalog/testing/fixtures";
import { validateEntity } from "../lib/catalog/validate";
import { ensureBuild } from "../scripts/ensure-build";
import { shellEnv } from "../e2e/support/portal";
import { median, percentile, processCpuMs, repoRoot, startPortal, tempDataDir, verdict, type Portal } from "./portal";

const ENTITIES = Number(process.env.BENCH_ENTITIES ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20);
const PORT = Number(process.env.BENCH_PORT ?? 3310);
const API_P95_MS = 50;
const PAGE_MS = 150;
const IMPORT_S = 30;
const SEARCHABLE_S = 5;

// ---------------------------------------------------------------- data

/** Deterministic, so two runs measure the same catalog. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ("payments ledger checkout billing invoice search catalog index ranking orders cart pricing inventory shipping tracking " +
  "identity login session profile avatar media video audio stream playback podcast artist album playlist lyrics " +
  "analytics events metrics reports forecast fraud risk scoring loyalty rewards coupons messaging email sms push " +
  "notification gateway proxy router scheduler worker queue cache storage archive backup export import sync mobile web " +
  "partner vendor supplier warehouse fulfilment returns refunds tax compliance audit consent privacy ads campaign").split(" ");

type Doc = { apiVersion: string; kind: string; metadata: Record<string, unknown>; spec: Record<string, unknown> };

/** A company's catalog in proportion: mostly users and components, with groups, systems, APIs and resources around them. */
function* generate(total: number, namespace = "default", seed = 42): Generator<Doc> {
  const r = rng(seed);
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)];
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(" ");
  const n = (share: number) => Math.max(1, Math.round(total * share));
  const counts = { Group: n(0.02), User: n(0.4), Domain: n(0.002), System: n(0.03), API: n(0.12), Resource: n(0.078) };
  const components = total - Object.values(counts).reduce((a, b) => a + b, 0);
  const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, namespace, description: `The ${words(2)} ${words(6)}.`, tags: [pick(WORDS), pick(WORDS)].filter((t, i, a) => a.indexOf(t) === i), ...extra });
  const group = (i: number) => `team-${i}`;
  const base = { apiVersion: "backstage.io/v1alpha1" };
  for (let i = 0; i < counts.Group; i++) {
    yield { ...base, kind: "Group", metadata: meta(group(i), { title: `Team ${pick(WORDS)} ${i}` }), spec: { type: "team", children: [], ...(i > 0 ? { parent: group(Math.floor((i - 1) / 10)) } : {}) } };
  }
  for (let i = 0; i < counts.User; i++) {
    yield { ...base, kind: "User", metadata: { name: `user-${i}`, namespace }, spec: { profile: { displayName: `User ${i}`, email: `user-${i}@example.com` }, memberOf: [group(i % counts.Group)] } };
  }
  for (let i = 0; i < counts.Domain; i++) yield { ...base, kind: "Domain", metadata: meta(`${pick(WORDS)}-domain-${i}`), spec: { owner: group(i % counts.Group) } };
  const systems = Array.from({ length: counts.System }, (_, i) => `${pick(WORDS)}-${pick(WORDS)}-system-${i}`);
  for (const [i, s] of systems.entries()) yield { ...base, kind: "System", metadata: meta(s), spec: { owner: group(i % counts.Group) } };
  const apis = Array.from({ length: counts.API }, (_, i) => `${pick(WORDS)}-${pick(WORDS)}-api-${i}`);
  for (const [i, a] of apis.entries()) {
    yield { ...base, kind: "API", metadata: meta(a), spec: { type: pick(["openapi", "openapi", "asyncapi", "graphql", "grpc"]), lifecycle: pick(["production", "experimental", "deprecated"]), owner: group(i % counts.Group), system: pick(systems), definition: `openapi: 3.0.0\ninfo: {title: ${a}, version: 1.0.0}\npaths: {}\n` } };
  }
  const resources = Array.from({ length: counts.Resource }, (_, i) => `${pick(WORDS)}-db-${i}`);
  for (const [i, res] of resources.entries()) yield { ...base, kind: "Resource", metadata: meta(res), spec: { type: pick(["database", "s3-bucket", "queue"]), owner: group(i % counts.Group), system: pick(systems) } };
  for (let i = 0; i < components; i++) {
    yield {
      ...base,
      kind: "Component",
      metadata: meta(`${pick(WORDS)}-${pick(WORDS)}-${i}`),
      spec: {
        type: pick(["service", "service", "website", "library"]),
        lifecycle: pick(["production", "production", "experimental", "deprecated"]),
        owner: r() < 0.05 ? `user:user-${Math.floor(r() * counts.User)}` : group(i % counts.Group),
        system: pick(systems),
        providesApis: r() < 0.3 ? [pick(apis)] : [],
        consumesApis: Array.from({ length: Math.floor(r() * 3) }, () => pick(apis)).filter((a, j, all) => all.indexOf(a) === j),
        dependsOn: r() < 0.2 ? [`resource:${pick(resources)}`] : [],
      },
    };
  }
}

/** The 100,000 entities go in through the catalog's own write path (validation, relations), minus YAML parsing. */
async function seedCatalog(total: number): Promise<number> {
  const started = performance.now();
  let batch: Parameters<typeof planWrite>[1] = [];
  const flush = async () => {
    await db.transaction(async (tx) => {
      await lockCatalog(tx);
      await applyPlan(tx, await planWrite(tx, batch, { source: "import" }), { source: "import" });
    });
    batch = [];
  };
  for (const doc of generate(total)) {
    const v = validateEntity(doc);
    if (!v.ok) throw new Error(`generated entity refused: ${JSON.stringify(v.problems)}`);
    batch.push({ entity: v.entity, file: "bench", document: 1 });
    if (batch.length === 5000) await flush();
  }
  if (batch.length) await flush();
  // What autovacuum would have done by the time anyone searches: planner statistics and the visibility map.
  await db.execute(sql`vacuum analyze catalog_entities, catalog_relations`);
  return (performance.now() - started) / 1000;
}

async function actorFor(email: string) {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return (await loadActor(user.id))!;
}

// ---------------------------------------------------------------- portal on a server of our own

async function healthy(url: string): Promise<boolean> {
  return fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
}

/** `tsx scripts/start.ts` against DATABASE_URL, in its own process group so stop() ends all of it. */
async function startOn(databaseUrl: string): Promise<Portal> {
  const url = `http://localhost:${PORT}`;
  if (await healthy(url)) throw new Error(`${url} already answers; set BENCH_PORT.`);
  const out: string[] = [];
  const started = performance.now();
  const child = spawn(path.join(repoRoot, "node_modules/.bin/tsx"), ["scripts/start.ts"], {
    cwd: repoRoot,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...shellEnv(), DATABASE_URL: databaseUrl, PORT: String(PORT), AUTH_URL: url, AUTH_SECRET: crypto.randomBytes(32).toString("hex"), RUNWAY_SECRET_KEY: crypto.randomBytes(32).toString("base64"), NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"), RUNWAY_SEED_DEMO: "1", NEXT_TELEMETRY_DISABLED: "1" },
  });
  child.stdout.on("data", (d) => out.push(String(d)));
  child.stderr.on("data", (d) => out.push(String(d)));
  const stop = async () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      return;
    }
    await new Promise((r) => child.once("exit", r));
  };
  for (let waited = 0; waited < 180_000; waited += 250) {
    if (await healthy(url)) return { url, readyMs: performance.now() - started, stop };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`The portal did not start:\n${out.join("").slice(-3000)}`);
}

/** Auth.js's demo sign-in, as the sign-in page's form posts it; returns the session cookie header. */
async function signIn(base: string, email: string): Promise<string> {
  const cookies = new Map<string, string>();
  const take = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      cookies.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
    }
  };
  const header = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  take(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/demo`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header() },
    body: new URLSearchParams({ csrfToken, email, callbackUrl: `${base}/` }),
  });
  take(res);
  await res.body?.cancel();
  if (![...cookies.keys()].some((k) => k.includes("session-token"))) throw new Error(`demo sign-in as ${email} failed`);
  return header();
}

// ---------------------------------------------------------------- measurements

type Probe = { label: string; path: string };

async function timed(url: string, headers: Record<string, string>): Promise<{ ms: number; status: number; bytes: number; body: string }> {
  const started = performance.now();
  const res = await fetch(url, { headers });
  const body = await res.text();
  return { ms: performance.now() - started, status: res.status, bytes: Buffer.byteLength(body), body };
}

/** CPU time (user + system, ms) that these processes have used so far; gone processes count as 0. */
function cpuMs(pids: number[]): Map<number, number> {
  return new Map(pids.map((pid) => [pid, processCpuMs(pid) ?? 0]));
}

/** The portal's Node process (the one listening on PORT) and the PostgreSQL backends serving its database. */
async function servingPids(): Promise<{ node: number[]; postgres: number[] }> {
  const ss = execFileSync("ss", ["-ltnpH", `sport = :${PORT}`], { encoding: "utf8" });
  const node = [...ss.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1]));
  const rows = await db.execute<{ pid: number }>(sql`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`);
  return { node: [...new Set(node)], postgres: rows.map((r) => r.pid) };
}

/** CLIENTS clients, each sending its next request as soon as the last one answered, over a shuffled mix of probes. */
async function apiLoad(base: string, token: string, probes: Probe[]) {
  const queue = probes.flatMap((p) => Array.from({ length: REQUESTS }, () => p)).sort(() => Math.random() - 0.5);
  const times = new Map<string, number[]>(probes.map((p) => [p.label, []]));
  let maxItems = 0;
  let maxBytes = 0;
  const headers = { authorization: `Bearer ${token}` };
  for (const p of probes) await timed(base + p.path, headers);
  const pids = await servingPids();
  const before = cpuMs([...pids.node, ...pids.postgres]);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let p = queue.pop(); p; p = queue.pop()) {
        const r = await timed(base + p.path, headers);
        if (r.status !== 200) throw new Error(`${p.path} answered ${r.status}: ${r.body.slice(0, 300)}`);
        maxItems = Math.max(maxItems, (JSON.parse(r.body) as { items?: unknown[] }).items?.length ?? 0);
        maxBytes = Math.max(maxBytes, r.bytes);
        times.get(p.label)!.push(r.ms);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const after = await servingPids();
  const now = cpuMs([...after.node, ...after.postgres]);
  const used = (list: number[]) => list.reduce((sum, pid) => sum + (now.get(pid) ?? 0) - (before.get(pid) ?? 0), 0);
  const requests = probes.length * REQUESTS;
  return { times, maxItems, maxBytes, rps: requests / seconds, cpu: { node: used(after.node) / requests, postgres: used(after.postgres) / requests } };
}

/** Per query, sequentially: the CPU one request costs in Node and in PostgreSQL, whatever else the machine runs. */
async function cpuByProbe(base: string, token: string, probes: Probe[], n = 50) {
  const headers = { authorization: `Bearer ${token}` };
  const out: { label: string; node: number; postgres: number; ms: number }[] = [];
  for (const p of probes) {
    await timed(base + p.path, headers);
    const pids = await servingPids();
    const before = cpuMs([...pids.node, ...pids.postgres]);
    const ms: number[] = [];
    for (let i = 0; i < n; i++) ms.push((await timed(base + p.path, headers)).ms);
    const after = cpuMs([...pids.node, ...pids.postgres]);
    const used = (list: number[]) => list.reduce((sum, pid) => sum + (after.get(pid) ?? 0) - (before.get(pid) ?? 0), 0) / n;
    out.push({ label: p.label, node: used(pids.node), postgres: used(pids.postgres), ms: median(ms) });
  }
  return out;
}

async function pageTimes(base: string, cookie: string, paths: Probe[], n = 40) {
  const out: { label: string; median: number; p95: number; rows: number }[] = [];
  for (const p of paths) {
    for (let i = 0; i < 3; i++) await timed(base + p.path, { cookie });
    const ms: number[] = [];
    let rows = 0;
    for (let i = 0; i < n; i++) {
      const r = await timed(base + p.path, { cookie });
      if (r.status !== 200) throw new Error(`${p.path} answered ${r.status}`);
      rows = (r.body.match(/<tr class="border-t/g) ?? []).length;
      ms.push(r.ms);
    }
    out.push({ label: p.label, median: median(ms), p95: percentile(ms, 95), rows });
  }
  return out;
}

async function run(target: "postgres" | "embedded") {
  console.log(`\n=== ${target === "postgres" ? "real PostgreSQL" : "embedded default (npm start)"}: ${ENTITIES.toLocaleString("en")} entities ===`);
  let portal: Portal | null = null;
  let dataDir: string | null = null;
  let dropDatabase: (() => Promise<void>) | null = null;
  let repo: ReturnType<typeof exampleRepository> | null = null;
  try {
    let databaseUrl: string;
    if (target === "postgres") {
      const admin = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
      const name = `runway_bench_catalog_${crypto.randomBytes(3).toString("hex")}`;
      const server = postgres(admin, { max: 1, onnotice: () => {} });
      await server.unsafe(`create database "${name}"`);
      dropDatabase = async () => {
        await server.unsafe(`drop database if exists "${name}" with (force)`);
        await server.end();
      };
      const u = new URL(admin);
      u.pathname = `/${name}`;
      databaseUrl = u.toString();
      portal = await startOn(databaseUrl);
    } else {
      dataDir = tempDataDir();
      portal = await startPortal({ port: PORT, dataDir, timeoutMs: 180_000 });
      const info = readServerInfo(dataDir)!;
      databaseUrl = urlFor(info, info.database);
    }
    process.env.DATABASE_URL = databaseUrl;
    console.log(`portal ready in ${(portal.readyMs / 1000).toFixed(1)} s`);

    const seedS = await seedCatalog(ENTITIES);
    console.log(`seeded ${ENTITIES.toLocaleString("en")} entities through the catalog's write path in ${seedS.toFixed(1)} s`);

    const developer = await actorFor("developer@example.com");
    const admin = await actorFor("admin@example.com");
    const token = (await issueToken(developer, { name: "bench", scopes: [] }, "cli")).token;
    const adminToken = (await issueToken(admin, { name: "bench", scopes: [] }, "cli")).token;

    const first = JSON.parse((await timed(`${portal.url}/api/v1/catalog/entities?limit=50`, { authorization: `Bearer ${token}` })).body) as { nextCursor: string; total: number };
    let deep = first.nextCursor;
    for (let i = 0; i < 50; i++) deep = (JSON.parse((await timed(`${portal.url}/api/v1/catalog/entities?limit=50&cursor=${deep}`, { authorization: `Bearer ${token}` })).body) as { nextCursor: string }).nextCursor;
    const probes: Probe[] = [
      { label: "baseline: GET /api/v1/me", path: "/api/v1/me" },
      { label: "list, first page", path: "/api/v1/catalog/entities" },
      { label: "list, page 52 (cursor)", path: `/api/v1/catalog/entities?cursor=${deep}` },
      { label: "kind=Component", path: "/api/v1/catalog/entities?kind=Component" },
      { label: "kind+lifecycle+type", path: "/api/v1/catalog/entities?kind=API&lifecycle=production&type=openapi" },
      { label: "owner=team-42", path: "/api/v1/catalog/entities?owner=team-42" },
      { label: "tag=payments", path: "/api/v1/catalog/entities?tag=payments" },
      { label: "search exact name", path: "/api/v1/catalog/entities?q=team-1234" },
      { label: "search word", path: "/api/v1/catalog/entities?q=checkout" },
      { label: "search typo", path: "/api/v1/catalog/entities?q=chekout%20ledgr" },
      { label: "search + kind", path: "/api/v1/catalog/entities?q=ledger&kind=API" },
      { label: "suggest (picker)", path: "/api/v1/catalog/suggest?q=team-12&kind=Group,User" },
    ];
    console.log("API, one client: median wall time and CPU per request (Node + PostgreSQL):");
    for (const c of await cpuByProbe(portal.url, token, probes)) {
      console.log(`  ${c.label.padEnd(26)} ${c.ms.toFixed(1).padStart(6)} ms   CPU ${c.node.toFixed(1).padStart(5)} + ${c.postgres.toFixed(1).padStart(5)} ms`);
    }
    const load = await apiLoad(portal.url, token, probes);
    console.log(`API, ${CLIENTS} concurrent clients, ${REQUESTS} requests per query (${load.rps.toFixed(0)} requests/s overall):`);
    let worst = 0;
    for (const [label, t] of load.times) {
      const p95 = percentile(t, 95);
      if (!label.startsWith("baseline")) worst = Math.max(worst, p95);
      console.log(`  ${label.padEnd(26)} p50 ${median(t).toFixed(1).padStart(6)} ms   p95 ${p95.toFixed(1).padStart(6)} ms`);
    }
    console.log(`  worst p95 ${worst.toFixed(1)} ms (target < ${API_P95_MS} ms, ${verdict(worst, API_P95_MS)}); largest answer ${load.maxItems} entities, ${(load.maxBytes / 1024).toFixed(0)} KiB`);
    // Wall times depend on what else the machine runs; CPU per request does not, and bounds what two dedicated cores serve.
    const cpu = load.cpu.node + load.cpu.postgres;
    console.log(`  CPU per request: ${load.cpu.node.toFixed(1)} ms Node + ${load.cpu.postgres.toFixed(1)} ms PostgreSQL = ${cpu.toFixed(1)} ms, so 2 dedicated cores serve about ${Math.round(2000 / cpu)} requests/s (load average now ${os.loadavg()[0].toFixed(1)})`);

    const cookie = await signIn(portal.url, "developer@example.com");
    const pages = await pageTimes(portal.url, cookie, [
      { label: "/catalog", path: "/catalog" },
      { label: "/catalog?q=checkout", path: "/catalog?q=checkout" },
      { label: "/catalog?kind&owner", path: "/catalog?kind=Component&owner=team-42" },
      { label: "/catalog?mine=1", path: "/catalog?mine=1" },
    ]);
    console.log("catalog list page (signed in, sequential):");
    for (const p of pages) console.log(`  ${p.label.padEnd(24)} median ${p.median.toFixed(1).padStart(6)} ms   p95 ${p.p95.toFixed(1).padStart(6)} ms   ${p.rows} rows (target < ${PAGE_MS} ms, ${verdict(p.median, PAGE_MS)})`);

    const yaml = [...generate(10_000, "imported", 7)].map((d) => stringify(d)).join("---\n");
    const importStarted = performance.now();
    const imported = await fetch(`${portal.url}/api/v1/catalog/import?file=bench.yaml`, { method: "POST", headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/yaml" }, body: yaml });
    const importS = (performance.now() - importStarted) / 1000;
    const result = (await imported.json()) as { added: number; errors: unknown[] };
    console.log(`import of 10,000 entities (${(Buffer.byteLength(yaml) / 1024 / 1024).toFixed(1)} MiB of YAML) through the API: ${importS.toFixed(1)} s, ${result.added} added, ${result.errors.length} errors (target < ${IMPORT_S} s, ${verdict(importS, IMPORT_S)})`);

    repo = exampleRepository();
    const regStarted = performance.now();
    const reg = await fetch(`${portal.url}/api/v1/catalog/locations`, { method: "POST", headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" }, body: JSON.stringify({ target: `git+file://${repo.dir}#index.yaml` }) });
    if (reg.status !== 201) throw new Error(`registering answered ${reg.status}: ${await reg.text()}`);
    const found = JSON.parse((await timed(`${portal.url}/api/v1/catalog/entities?q=petstore&kind=Component`, { authorization: `Bearer ${token}` })).body) as { items: { metadata: { name: string } }[] };
    const searchableS = (performance.now() - regStarted) / 1000;
    if (found.items[0]?.metadata.name !== "petstore") throw new Error("the registered petstore was not found");
    console.log(`register a git location (80 entities) until petstore is found by search: ${searchableS.toFixed(2)} s (target < ${SEARCHABLE_S} s, ${verdict(searchableS, SEARCHABLE_S)})`);

    return worst < API_P95_MS && pages.every((p) => p.median < PAGE_MS) && importS < IMPORT_S && searchableS < SEARCHABLE_S;
  } finally {
    repo?.remove();
    await closeDb();
    await portal?.stop();
    await dropDatabase?.();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

process.chdir(repoRoot);
ensureBuild();
const targets = (process.env.BENCH_TARGET ?? "both") === "both" ? (["postgres", "embedded"] as const) : [process.env.BENCH_TARGET as "postgres" | "embedded"];
let ok = true;
for (const t of targets) ok = (await run(t)) && ok;
process.exitCode = ok ? 0 : 1;
