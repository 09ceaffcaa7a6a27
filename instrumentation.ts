export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  await import("./lib/startup");
  // `next build` loads this file too; only a serving process should take jobs.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startInProcessWorker } = await import("./lib/provisioning/in-process");
  startInProcessWorker();
}
