import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import { buildIsCurrent, fingerprintFile, sourceFingerprint } from "./build-fingerprint";

/** Builds the app unless the last build came from the same sources. */
export function ensureBuild(): void {
  if (buildIsCurrent()) return;
  const before = sourceFingerprint();
  console.log("Building the portal (first start, or the sources changed)…");
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const res = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (res.status !== 0) process.exit(res.status ?? 1);
  fs.writeFileSync(fingerprintFile(), before);
}

if (import.meta.url === `file://${process.argv[1]}`) ensureBuild();
