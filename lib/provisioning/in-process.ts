import "server-only";
import { log } from "@/lib/log";
import { Worker } from "./worker";

/**
 * The web process runs a worker too, so `npm start` alone provisions. Set
 * RUNWAY_IN_PROCESS_WORKER=0 on web replicas when dedicated workers
 * (`npm run worker`) do the job.
 */
export function startInProcessWorker(): void {
  if (process.env.RUNWAY_IN_PROCESS_WORKER === "0") return;
  const holder = globalThis as { __runwayWorker?: Worker };
  if (holder.__runwayWorker) return;
  const worker = new Worker();
  holder.__runwayWorker = worker;
  worker.start();
  process.once("SIGTERM", () => {
    worker.stop().catch((e) => log("warn", "worker stop failed", { error: String(e) }));
  });
}
