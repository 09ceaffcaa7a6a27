import "server-only";
import os from "node:os";
import { db } from "@/db/client";
import { refreshDueLocations } from "@/lib/catalog/locations/sweep";
import { registerMissingRequestResources } from "@/lib/catalog/request-resources";
import { log } from "@/lib/log";
import { expireEnvironments } from "./expiry";
import { claimJob, releaseJob, type ClaimedJob } from "./jobs/queue";
import { runJob } from "./run";

export type WorkerOptions = { concurrency?: number; pollMs?: number; expiryEveryMs?: number };

/**
 * Claims and runs provisioning jobs until stopped. Several workers (in-process
 * in each web replica, or `npm run worker`) share one queue safely.
 */
export class Worker {
  readonly id = `${os.hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  private stopping = false;
  private readonly running = new Map<number, { job: ClaimedJob; abort: AbortController; done: Promise<unknown> }>();
  private loops: Promise<void>[] = [];
  private expiryTimer?: NodeJS.Timeout;
  private backfill: Promise<void> = Promise.resolve();

  constructor(private readonly opts: WorkerOptions = {}) {}

  start(): void {
    const n = this.opts.concurrency ?? Number(process.env.RUNWAY_WORKER_CONCURRENCY ?? 2);
    this.loops = Array.from({ length: n }, () => this.loop());
    const every = this.opts.expiryEveryMs ?? 60_000;
    this.expiryTimer = setInterval(() => {
      expireEnvironments().catch((e) => log("warn", "environment expiry sweep failed", { error: String(e) }));
      void refreshDueLocations();
    }, every);
    // Requests that became ready before provisioned resources were registered in the catalog get their entry now.
    this.backfill = registerMissingRequestResources({ stopped: () => this.stopping })
      .then((found) => {
        if (found) log("info", "registered ready requests missing from the catalog", { worker: this.id, requests: found });
      })
      .catch((e) => log("warn", "registering ready requests in the catalog failed", { worker: this.id, error: String(e) }));
    log("info", "worker started", { worker: this.id, concurrency: n });
  }

  private async loop(): Promise<void> {
    const pollMs = this.opts.pollMs ?? 500;
    while (!this.stopping) {
      let job: ClaimedJob | null = null;
      try {
        job = await claimJob(db, this.id);
      } catch (e) {
        log("warn", "claiming a job failed", { error: e instanceof Error ? e.message : String(e) });
      }
      if (!job) {
        await new Promise((r) => setTimeout(r, pollMs));
        continue;
      }
      const abort = new AbortController();
      const done = runJob(job, this.id, abort.signal).catch((e) => log("error", "job runner crashed", { jobId: job.id, error: String(e) }));
      this.running.set(job.id, { job, abort, done });
      await done;
      this.running.delete(job.id);
    }
  }

  /**
   * Graceful shutdown: stop claiming, give running jobs until the deadline to
   * finish, then release what is left so another worker takes it at once.
   */
  async stop(deadlineMs = 20_000): Promise<void> {
    this.stopping = true;
    clearInterval(this.expiryTimer);
    const all = Promise.all([...this.running.values()].map((r) => r.done));
    const timedOut = await Promise.race([all.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), deadlineMs))]);
    if (timedOut) {
      for (const r of this.running.values()) {
        r.abort.abort();
        await releaseJob(db, r.job.id, this.id).catch(() => {});
      }
    }
    await Promise.race([Promise.all([...this.loops, this.backfill]), new Promise((r) => setTimeout(r, 1000))]);
    log("info", "worker stopped", { worker: this.id, released: timedOut ? this.running.size : 0 });
  }
}
