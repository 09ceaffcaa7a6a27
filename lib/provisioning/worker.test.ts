import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq, gt, inArray, max } from "drizzle-orm";
import { testDatabaseUrl } from "@/db/test/database";
import { createUser } from "@/db/test/fixtures";
import { db } from "@/db/client";
import { catalogEntities, jobs, requestEvents, requests } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { submitRequestSchema } from "@/lib/requests/schemas";
import { submitRequest } from "@/lib/requests/submit";
import { revealCredentials, type DatabaseCredentials } from "./credentials";
import { databaseIdentifier } from "./naming";
import { dropProvisioned, pgAdminUrl, roleHasPassword, serverObjects } from "./testing/postgres-server";
import { startWorkerProcess, type WorkerProcess } from "./testing/worker-process";

type Submitted = { id: string; identifier: string };

let owner: Actor;
const created: string[] = [];
const started: WorkerProcess[] = [];

const workerEnv = { DATABASE_URL: testDatabaseUrl, RUNWAY_PG_ADMIN_URL: pgAdminUrl, RUNWAY_WORKER_CONCURRENCY: "2" };

function startWorker(env: Record<string, string> = {}): WorkerProcess {
  const worker = startWorkerProcess({ ...workerEnv, ...env });
  started.push(worker);
  return worker;
}

beforeAll(async () => {
  owner = await createUser({ email: "owner@example.com", teams: ["crash-a", "crash-b", "pair-a", "pair-b", "pair-c", "pair-d"] });
});

afterAll(async () => {
  await Promise.all(started.map((w) => w.kill("SIGKILL")));
  await dropProvisioned(created);
});

/** Auto-approved dev databases (their jobs are queued at once); a team's default quota allows five. */
async function submitDatabases(teams: string[], perTeam: number): Promise<Submitted[]> {
  const out: Submitted[] = [];
  for (const team of teams) {
    for (let i = 1; i <= perTeam; i++) {
      const { request } = await submitRequest(owner, submitRequestSchema.parse({ kind: "database", team, environment: "dev", name: `db-${i}`, parameters: {} }));
      expect(request.status).toBe("auto_approved");
      const identifier = databaseIdentifier(request);
      created.push(identifier);
      out.push({ id: request.id, identifier });
    }
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function lastEventId(): Promise<number> {
  const [row] = await db.select({ id: max(requestEvents.id) }).from(requestEvents);
  return row.id ?? 0;
}

async function unsettled(ids: string[]): Promise<number> {
  const rows = await db.select({ status: requests.status }).from(requests).where(inArray(requests.id, ids));
  return rows.filter((r) => r.status !== "ready" && r.status !== "failed").length;
}

/** Polls until a new timeline entry matches; false when every request settled first. */
async function waitForEvent(after: number, pattern: RegExp, ids: string[], worker: WorkerProcess): Promise<boolean> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const rows = await db.select({ message: requestEvents.message }).from(requestEvents).where(gt(requestEvents.id, after));
    if (rows.some((r) => pattern.test(r.message))) return true;
    if ((await unsettled(ids)) === 0) return false;
    await sleep(10);
  }
  throw new Error(`No timeline entry matching ${pattern} appeared. Worker output:\n${worker.output()}`);
}

async function waitUntilSettled(ids: string[], workers: WorkerProcess[]): Promise<void> {
  const deadline = Date.now() + 45_000;
  while ((await unsettled(ids)) > 0) {
    if (Date.now() > deadline) throw new Error(`Requests did not settle. Worker output:\n${workers.map((w) => w.output()).join("\n---\n")}`);
    await sleep(100);
  }
}

async function timeline(id: string): Promise<string[]> {
  const rows = await db.select({ message: requestEvents.message }).from(requestEvents).where(eq(requestEvents.requestId, id)).orderBy(asc(requestEvents.id));
  return rows.map((r) => r.message);
}

async function expectExactlyOneReadyDatabase(request: Submitted): Promise<void> {
  const [row] = await db.select({ status: requests.status }).from(requests).where(eq(requests.id, request.id));
  expect(row.status, `request ${request.identifier}: ${(await timeline(request.id)).join(" | ")}`).toBe("ready");
  expect(await db.select({ status: jobs.status }).from(jobs).where(eq(jobs.requestId, request.id))).toEqual([{ status: "succeeded" }]);
  expect(await serverObjects(request.identifier)).toEqual({ roles: 1, databases: 1 });
  // A retry after a crash must reuse the stored password, not mint one the role does not have.
  const creds = (await revealCredentials(owner, request.id)) as DatabaseCredentials;
  expect(await roleHasPassword(request.identifier, creds.password)).toBe(true);
}

describe("provisioning workers as separate processes", () => {
  it("a worker killed with SIGKILL at any point, then restarted, ends with exactly one resource and the request ready", async () => {
    const submitted = await submitDatabases(["crash-a", "crash-b"], 4);
    const ids = submitted.map((s) => s.id);
    // A dead worker's jobs are taken over once its lease lapses.
    const env = { RUNWAY_JOB_LEASE_SECONDS: "2" };
    const killPoints: { pattern: RegExp; thenWaitMs?: number }[] = [
      { pattern: /^Created role / }, // role made, database not yet
      { pattern: /^Provisioning started/ }, // before the backend touched the server
      { pattern: /^Created database / }, // backend done, job not yet marked succeeded
      { pattern: /./, thenWaitMs: Math.floor(Math.random() * 300) }, // anywhere
    ];

    let cursor = await lastEventId();
    for (const point of killPoints) {
      const worker = startWorker(env);
      const fired = await waitForEvent(cursor, point.pattern, ids, worker);
      if (fired && point.thenWaitMs) await sleep(point.thenWaitMs);
      await worker.kill("SIGKILL");
      cursor = await lastEventId();
    }
    const survivor = startWorker(env);
    await waitUntilSettled(ids, [survivor]);
    await survivor.kill("SIGKILL");

    for (const request of submitted) await expectExactlyOneReadyDatabase(request);
    const attempts = await db.select({ attempts: jobs.attempts }).from(jobs).where(inArray(jobs.requestId, ids));
    expect(attempts.some((j) => j.attempts > 1), "some job was taken over from a killed worker").toBe(true);
  }, 120_000);

  it("two workers running at once never run one job twice", async () => {
    const submitted = await submitDatabases(["pair-a", "pair-b", "pair-c", "pair-d"], 4);
    const ids = submitted.map((s) => s.id);

    const workers = [startWorker(), startWorker()];
    await waitUntilSettled(ids, workers);
    await Promise.all(workers.map((w) => w.kill("SIGTERM")));

    for (const request of submitted) {
      await expectExactlyOneReadyDatabase(request);
      const messages = await timeline(request.id);
      expect(messages.filter((m) => m.startsWith("Provisioning started"))).toEqual(["Provisioning started (attempt 1)."]);
      expect(messages.filter((m) => m.startsWith("Created role"))).toHaveLength(1);
      expect(messages.filter((m) => m.includes("already existed"))).toEqual([]);
      expect(messages.filter((m) => m.startsWith("Ready"))).toHaveLength(1);
    }
    const attempts = await db.select({ attempts: jobs.attempts }).from(jobs).where(inArray(jobs.requestId, ids));
    expect(attempts.map((j) => j.attempts)).toEqual(ids.map(() => 1));
  }, 120_000);

  it("workers starting together register each ready request missing from the catalog once", async () => {
    // Ready before provisioned resources were registered in the catalog: no entity yet.
    const team = owner.teams.find((t) => t.name === "crash-a")!;
    const legacy = await db
      .insert(requests)
      .values(["old-1", "old-2", "old-3"].map((name) => ({ kind: "namespace" as const, teamId: team.id, environment: "dev" as const, name, parameters: {}, status: "ready" as const, requestedBy: owner.id, policyRule: "test", policyReason: "test" })))
      .returning({ id: requests.id });
    const ids = legacy.map((r) => r.id);

    const workers = [startWorker(), startWorker()];
    const deadline = Date.now() + 30_000;
    while ((await db.select({ ref: catalogEntities.ref }).from(catalogEntities).where(inArray(catalogEntities.requestId, ids))).length < ids.length) {
      if (Date.now() > deadline) throw new Error(`The ready requests were not registered. Worker output:\n${workers.map((w) => w.output()).join("\n---\n")}`);
      await sleep(100);
    }
    await Promise.all(workers.map((w) => w.kill("SIGTERM")));

    const entries = await db.select({ ref: catalogEntities.ref }).from(catalogEntities).where(inArray(catalogEntities.requestId, ids)).orderBy(asc(catalogEntities.ref));
    expect(entries.map((e) => e.ref)).toEqual(["resource:default/crash-a-old-1-ns", "resource:default/crash-a-old-2-ns", "resource:default/crash-a-old-3-ns"]);
    const logged = workers.flatMap((w) => w.output().split("\n").filter((line) => line.includes("registered ready requests missing from the catalog")));
    expect(logged, "one worker registered them; the other found nothing left").toHaveLength(1);
    expect(JSON.parse(logged[0])).toMatchObject({ requests: 3 });
  }, 60_000);
});
