import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Backstage's example catalog (Apache-2.0, see its NOTICE), copied into the repository for tests. */
export const EXAMPLES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/backstage-catalog");

/** Every entity file of the examples (the *.oas.yaml files are API definitions that entities point at). */
export function exampleFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith(".yaml") && !e.name.endsWith(".oas.yaml")) out.push(path.relative(EXAMPLES_DIR, full));
    }
  };
  walk(EXAMPLES_DIR);
  return out.sort();
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=Runway tests", "-c", "user.email=tests@runway.invalid", "-c", "commit.gpgsign=false", ...args], { cwd, stdio: "pipe" });

/** A throwaway git repository holding a copy of the examples, as a team's repository would. */
export function exampleRepository(): { dir: string; commit(message: string): void; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "runway-catalog-repo-"));
  fs.cpSync(EXAMPLES_DIR, dir, { recursive: true });
  for (const f of fs.readdirSync(dir, { recursive: true }) as string[]) fs.chmodSync(path.join(dir, f), fs.statSync(path.join(dir, f)).isDirectory() ? 0o755 : 0o644);
  git(dir, "init", "--quiet", "--initial-branch=main");
  const commit = (message: string) => {
    git(dir, "add", "--all");
    git(dir, "commit", "--quiet", "--allow-empty", "-m", message);
  };
  commit("Backstage examples");
  return { dir, commit, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
