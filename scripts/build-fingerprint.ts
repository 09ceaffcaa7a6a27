import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const roots = ["app", "components", "lib", "db", "public", "proxy.ts", "instrumentation.ts", "next.config.mjs", "tailwind.config.ts", "postcss.config.mjs", "package.json", "tsconfig.json"];

function walk(p: string, out: string[]) {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    return;
  }
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(p).sort()) if (!name.endsWith(".test.ts")) walk(path.join(p, name), out);
  } else {
    out.push(`${p}:${stat.size}:${stat.mtimeMs}`);
  }
}

/** Cheap identity of the sources a build came from, so `npm start` rebuilds only when they changed. */
export function sourceFingerprint(cwd = process.cwd()): string {
  const entries: string[] = [];
  for (const r of roots) walk(path.join(cwd, r), entries);
  return crypto.createHash("sha256").update(entries.join("\n")).digest("hex");
}

export const fingerprintFile = (cwd = process.cwd()) => path.join(cwd, ".next", "runway-source.sha256");

export function buildIsCurrent(cwd = process.cwd()): boolean {
  try {
    return fs.existsSync(path.join(cwd, ".next", "BUILD_ID")) && fs.readFileSync(fingerprintFile(cwd), "utf8") === sourceFingerprint(cwd);
  } catch {
    return false;
  }
}
