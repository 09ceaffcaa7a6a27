import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createUser } from "@/db/test/fixtures";
import { db } from "@/db/client";
import { jobs } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { submitRequestSchema } from "@/lib/requests/schemas";
import { submitRequest } from "@/lib/requests/submit";
import { backoffMs, claimJob, enqueueJob, releaseJob, renewLease } from "./queue";

let dev: Actor;
let counter = 0;

/** A production request waits for approval, so no job exists until a test enqueues one. */
async function pendingRequest(): Promise<string> {
  const input = submitRequestSchema.parse({ kind: "database", team: "queue", environment: "production", name: `db-${++counter}`, parameters: {} });
  const { request } = await submitRequest(dev, input);
  return request.id;
}

const jobsOf = (requestId: string) => db.select().from(jobs).where(eq(jobs.requestId, requestId));

beforeAll(async () => {
  dev = await createUser({ email: "queue-dev@example.com", teams: ["queue"] });
});

beforeEach(async () => {
  // claimJob takes any due job: each test starts from an empty queue.
  await db.delete(jobs);
});

describe("enqueueJob", () => {
  it("keeps one unfinished job per request when enqueued twice", async () => {
    const id = await pendingRequest();

    await enqueueJob(db, { requestId: id, action: "provision" });
    await enqueueJob(db, { requestId: id, action: "provision" });

    expect(await jobsOf(id)).toEqual([expect.objectContaining({ status: "queued", action: "provision", attempts: 0 })]);
  });

  it("accepts a new job once the previous one finished", async () => {
    const id = await pendingRequest();
    await enqueueJob(db, { requestId: id, action: "provision" });
    await db.update(jobs).set({ status: "failed" }).where(eq(jobs.requestId, id));

    await enqueueJob(db, { requestId: id, action: "provision" });

    expect((await jobsOf(id)).map((j) => j.status).sort()).toEqual(["failed", "queued"]);
  });

  it("writes nothing when the enqueueing transaction rolls back", async () => {
    const id = await pendingRequest();

    await db
      .transaction(async (tx) => {
        await enqueueJob(tx, { requestId: id, action: "provision" });
        throw new Error("the approval failed after the job was written");
      })
      .catch(() => {});

    expect(await jobsOf(id)).toEqual([]);
  });
});

describe("claimJob", () => {
  it("gives one job to exactly one of two concurrent claimers", async () => {
    const id = await pendingRequest();
    await enqueueJob(db, { requestId: id, action: "provision" });

    const [a, b] = await Promise.all([claimJob(db, "worker-a"), claimJob(db, "worker-b")]);

    expect([a, b].filter(Boolean)).toEqual([expect.objectContaining({ requestId: id, action: "provision", attempts: 1 })]);
    const [row] = await jobsOf(id);
    expect(row).toMatchObject({ status: "running", lockedBy: a ? "worker-a" : "worker-b" });
  });

  it("hands each of several jobs to one of many concurrent claimers, none twice", async () => {
    const ids = [await pendingRequest(), await pendingRequest(), await pendingRequest()];
    for (const id of ids) await enqueueJob(db, { requestId: id, action: "provision" });

    const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => claimJob(db, `worker-${i}`)));

    const claimed = claims.filter((c) => c !== null);
    expect(claimed.map((c) => c.requestId).sort()).toEqual([...ids].sort());
  });

  it("leaves a job whose retry time has not come", async () => {
    const id = await pendingRequest();
    await enqueueJob(db, { requestId: id, action: "provision" });
    await db.update(jobs).set({ runAt: sql`now() + interval '1 hour'` }).where(eq(jobs.requestId, id));

    expect(await claimJob(db, "worker-a")).toBeNull();
  });

  it("does not take a running job while its worker's lease holds", async () => {
    const id = await pendingRequest();
    await enqueueJob(db, { requestId: id, action: "provision" });
    await claimJob(db, "worker-a");

    expect(await claimJob(db, "worker-b")).toBeNull();
  });

  it("takes over a running job whose lease expired (its worker died), and the old worker can no longer renew it", async () => {
    const id = await pendingRequest();
    await enqueueJob(db, { requestId: id, action: "provision" });
    const first = await claimJob(db, "worker-a");
    await db.update(jobs).set({ leaseUntil: sql`now() - interval '1 second'` }).where(eq(jobs.requestId, id));

    const second = await claimJob(db, "worker-b");

    expect(second).toMatchObject({ id: first!.id, requestId: id, attempts: 2 });
    expect(await renewLease(db, first!.id, "worker-a")).toBe(false);
    expect(await renewLease(db, first!.id, "worker-b")).toBe(true);
    const [row] = await jobsOf(id);
    expect(row).toMatchObject({ status: "running", lockedBy: "worker-b" });
    expect(row.leaseUntil!.getTime()).toBeGreaterThan(Date.now());
  });
});

describe("releaseJob", () => {
  it("puts a claimed job back in the queue at once, without spending an attempt", async () => {
    const id = await pendingRequest();
    await enqueueJob(db, { requestId: id, action: "provision" });
    const job = await claimJob(db, "worker-a");

    await releaseJob(db, job!.id, "worker-a");

    expect(await jobsOf(id)).toEqual([expect.objectContaining({ status: "queued", lockedBy: null, leaseUntil: null, attempts: 0 })]);
    expect(await claimJob(db, "worker-b")).toMatchObject({ id: job!.id, attempts: 1 });
  });

  it("does not release a job another worker holds", async () => {
    const id = await pendingRequest();
    await enqueueJob(db, { requestId: id, action: "provision" });
    const job = await claimJob(db, "worker-a");

    await releaseJob(db, job!.id, "worker-b");

    expect(await jobsOf(id)).toEqual([expect.objectContaining({ status: "running", lockedBy: "worker-a" })]);
  });
});

describe("backoffMs", () => {
  const low = () => 0;
  const high = () => 1;

  it("waits longer after each failed attempt", () => {
    for (let attempt = 1; attempt < 8; attempt++) {
      expect(backoffMs(attempt + 1, low)).toBeGreaterThan(backoffMs(attempt, low));
      expect(backoffMs(attempt + 1, high)).toBeGreaterThan(backoffMs(attempt, high));
    }
  });

  it("stays between half and all of 2^attempt seconds, and never above five minutes", () => {
    for (let attempt = 1; attempt <= 40; attempt++) {
      const cap = Math.min(300_000, 1000 * 2 ** attempt);
      for (const r of [low, () => 0.5, high, Math.random]) {
        const delay = backoffMs(attempt, r);
        expect(delay).toBeGreaterThanOrEqual(cap / 2);
        expect(delay).toBeLessThanOrEqual(cap);
      }
    }
    expect(backoffMs(1, low)).toBe(1000);
    expect(backoffMs(1000, high)).toBe(300_000);
  });

  it("spreads workers that failed together (jitter)", () => {
    const delays = new Set(Array.from({ length: 20 }, () => backoffMs(5)));
    expect(delays.size).toBeGreaterThan(1);
  });
});
