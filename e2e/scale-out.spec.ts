import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { createBenchUsers, type BenchUser } from "../bench/bench-users";
import { startWorkerProcess, type WorkerProcess } from "../lib/provisioning/testing/worker-process";
import { expect, test } from "./support/fixtures";
import { shellEnv, startPortal, type RunningPortal } from "./support/portal";
import { checkOutcome, deploymentEnv, killWhileHolding, stopGracefully, submitAlternately, waitSettled, waitUntilHolding } from "./support/scale-out";
import { openTestDatabases, type TestDatabases } from "./support/test-databases";

/**
 * Two web replicas without in-process workers and two `npm run worker`
 * processes on one fresh database, as on Kubernetes: the web tier keeps no
 * state of its own and workers share the queue. A short lease lets a killed
 * worker's jobs be taken over within seconds.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [A, B] = ["http://localhost:3110", "http://localhost:3111"];
// Each provisioned database costs about a second to drop at the end on a shared server: enough to prove, no more.
const REQUESTS = 24;

let databases: TestDatabases;
let sql: postgres.Sql;
let admin: postgres.Sql;
let env: Record<string, string>;
let developers: BenchUser[];
let approver: BenchUser;
const portals: RunningPortal[] = [];
const started: WorkerProcess[] = [];

function startWorker(): WorkerProcess {
  const worker = startWorkerProcess(env);
  started.push(worker);
  return worker;
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  databases = await openTestDatabases();
  const databaseUrl = await databases.create("scaleout");
  env = deploymentEnv(databaseUrl, databases.adminUrl, { RUNWAY_JOB_LEASE_SECONDS: "3" });
  // The caller's shell must not decide the replicas' database or sign-in mode.
  const shell = shellEnv();
  // Both at once against the one database, as a Deployment's pods start.
  portals.push(...(await Promise.all([A, B].map((url, i) => startPortal({ root, name: `scale-out-${"ab"[i]}`, url, env: { ...shell, ...env } })))));
  startWorker();
  startWorker();
  sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  admin = postgres(databases.adminUrl, { max: 1, onnotice: () => {} });
  developers = await createBenchUsers(databaseUrl, 10);
  [approver] = await createBenchUsers(databaseUrl, 1, "admin");
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  await Promise.all(started.map((w) => w.kill("SIGKILL")));
  await Promise.all(portals.map((p) => p.stop()));
  await sql?.end();
  await admin?.end();
  await databases?.close();
});

test("a person signed in on one replica is signed in on the other", async ({ page, signIn }) => {
  await page.goto(`${A}/signin`);
  await signIn.asDemoUser("Dana Developer");
  await page.goto(`${B}/`);
  await expect(page.getByRole("heading", { name: "Welcome, Dana" })).toBeVisible();
  await expect(page.getByRole("button", { name: "User menu for Dana Developer" })).toBeVisible();
});

test("requests submitted and approved on both replicas all end ready with exactly one database each, though a worker is killed mid-run", async () => {
  test.setTimeout(150_000);
  const victim = started[0];
  const [subs, { orphaned }] = await Promise.all([
    submitAlternately({ replicas: [A, B], developers, admin: approver, count: REQUESTS, concurrency: 4, tag: "so" }),
    killWhileHolding(sql, victim, REQUESTS / 4).finally(startWorker),
  ]);
  expect(subs.submittedOn).toEqual([REQUESTS / 2, REQUESTS / 2]);
  expect(subs.approvedOn[0]).toBeGreaterThan(0);
  expect(subs.approvedOn[1]).toBeGreaterThan(0);
  expect(orphaned.length, "the killed worker was holding jobs").toBeGreaterThan(0);

  await waitSettled(sql, subs.ids, 90_000, started);
  const outcome = await checkOutcome(sql, admin, subs.ids);
  expect(outcome.problems).toEqual([]);
  expect(outcome.exactlyOne).toBe(REQUESTS);
  // What the dead worker held was taken over by another once its lease lapsed.
  const taken = await sql<{ status: string; attempts: number }[]>`select status::text, attempts from jobs where id in ${sql(orphaned)}`;
  for (const job of taken) expect(job.status === "succeeded" && job.attempts > 1, JSON.stringify(job)).toBe(true);
});

test("a worker told to stop while it holds a job takes no new ones, finishes or releases what it holds, and exits", async () => {
  test.setTimeout(120_000);
  // Alone on the queue, so anything still running after it exits would be a lease it left behind.
  await Promise.all(started.map((w) => w.kill("SIGTERM")));
  const subs = await submitAlternately({ replicas: [A, B], developers, admin: approver, count: 8, concurrency: 4, tag: "term" });
  const worker = startWorker();
  const held = await waitUntilHolding(sql, worker, 60_000);

  // Its deadline for running jobs is 20 s; a few more let it release them and close its connections.
  const stopped = await stopGracefully(sql, worker, held, subs.ids, 25_000);
  expect(stopped.exitMs, `still running 25 s after SIGTERM:\n${worker.output()}`).not.toBeNull();
  expect(stopped.leftRunning).toBe(0);
  expect(Object.keys(stopped.heldThen).filter((status) => status !== "succeeded" && status !== "queued")).toEqual([]);
  expect(stopped.neverClaimed, "jobs left in the queue for others").toBeGreaterThan(0);

  startWorker();
  await waitSettled(sql, subs.ids, 60_000, started);
  expect((await checkOutcome(sql, admin, subs.ids)).problems).toEqual([]);
});
