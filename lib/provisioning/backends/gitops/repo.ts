import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PermanentBackendError } from "../types";
import { GitError, git } from "./git";
import { displayUrl, type GitopsSettings } from "./settings";

/** Pushes lost to someone else's push before giving up; each loss means another commit landed meanwhile. */
export const MAX_PUSH_ATTEMPTS = 5;

export type SyncResult = {
  /** The newest commit that touched the directory (its creation, or its removal), or null if it never existed. */
  commit: string | null;
  /** Whether this call made a commit; false on a retry that found the work already done. */
  committed: boolean;
};

/** Sees the directory as the branch holds it before it is replaced, and throws to leave it alone. */
export type Guard = (current: Map<string, string>) => void;

const RACE = /non-fast-forward|fetch first|stale info|cannot lock ref|failed to update ref|incorrect old value/i;
const REFUSED = /authentication failed|permission denied|could not read username|access denied|denied to|\bdeclined\b|protected branch|repository not found|does not appear to be a git repository/i;

/**
 * A working clone of the GitOps repository, owned by this process.
 *
 * Concurrency: within a process an async mutex serialises operations on the
 * clone. Across processes (several workers, the web server) each process has
 * its own clone, named after host and pid, and nothing is locked: the remote's
 * atomic ref update decides, and the loser of a push race replays its change
 * on the new tip. A lock file was rejected because a worker killed while
 * holding it would stop every other worker until someone removed it by hand,
 * and it would not cover workers on other machines anyway.
 *
 * Replaying means: fetch, reset to the remote branch, render the directory
 * again, commit. This is a rebase of our one commit that can never conflict:
 * the directory belongs to Runway, so if someone edited it meanwhile, Runway's
 * rendering wins, and everything outside it is theirs, untouched.
 */
export class GitopsRepo {
  readonly workDir: string;

  constructor(
    readonly settings: GitopsSettings,
    readonly signal?: AbortSignal,
  ) {
    this.workDir = path.join(repoRoot(settings), `${os.hostname()}-${process.pid}`);
  }

  /**
   * Makes `dir` hold exactly `files` (or removes it when `files` is null),
   * commits if that changed anything, and pushes. Safe to repeat after a crash
   * at any point: an unpushed commit is simply made again on the current tip.
   */
  sync(dir: string, files: Map<string, string> | null, message: string, guard?: Guard): Promise<SyncResult> {
    return exclusive(this.workDir, async () => {
      await pruneDeadClones(this.settings);
      for (let attempt = 1; ; attempt++) {
        await this.prepare();
        const committed = await this.apply(dir, files, message, guard);
        if (await this.push()) return { commit: await this.lastCommit(dir), committed };
        if (attempt === MAX_PUSH_ATTEMPTS) {
          throw new Error(`The GitOps repository's branch ${this.settings.branch} kept moving: ${MAX_PUSH_ATTEMPTS} pushes lost to other commits`);
        }
      }
    });
  }

  /** Brings the clone to the remote branch's tip, discarding anything left by an earlier, interrupted attempt. */
  async prepare(): Promise<void> {
    const { repo, branch } = this.settings;
    if (this.settings.repoIsDefault) await ensureBareRepo(repo, branch);
    await fs.mkdir(this.workDir, { recursive: true });
    await this.git("init", "-q");
    // Left by a git killed mid-command (a timeout); only this process uses this clone, and it holds the mutex.
    await fs.rm(path.join(this.workDir, ".git", "index.lock"), { force: true });
    // `config` rather than `remote add`: idempotent, and it follows a changed RUNWAY_GITOPS_REPO.
    await this.git("config", "remote.origin.url", repo);
    await this.git("config", "remote.origin.fetch", `+refs/heads/${branch}:${this.remoteRef}`);
    const tip = await this.remote(() => this.git("ls-remote", "--heads", "origin", `refs/heads/${branch}`));
    if (tip.trim()) {
      await this.remote(() => this.git("fetch", "-q", "--no-tags", "origin"));
      await this.git("checkout", "-q", "-f", "-B", branch, this.remoteRef);
    } else {
      // An empty repository, or a branch that does not exist yet: the first push creates it.
      await this.git("symbolic-ref", "HEAD", `refs/heads/${branch}`);
      await this.git("update-ref", "-d", `refs/heads/${branch}`);
      await this.git("update-ref", "-d", this.remoteRef);
      await this.git("read-tree", "--empty");
    }
    await this.git("clean", "-q", "-ffdx");
  }

  /** Writes the directory and commits; false when the branch already holds exactly this content. */
  async apply(dir: string, files: Map<string, string> | null, message: string, guard?: Guard): Promise<boolean> {
    const target = path.join(this.workDir, dir);
    guard?.(await readFiles(target));
    await fs.rm(target, { recursive: true, force: true });
    if (files) {
      await fs.mkdir(target, { recursive: true });
      for (const [name, content] of files) {
        if (name.includes("/") || name.startsWith(".")) throw new Error(`Refusing to write ${name} outside ${dir}`);
        await fs.writeFile(path.join(target, name), content);
      }
    }
    // The clone was reset before, so everything staged here is this change.
    await this.git("add", "-A");
    try {
      await this.git("diff", "--cached", "--quiet");
      return false;
    } catch (error) {
      if (!(error instanceof GitError && error.exitCode === 1)) throw error;
    }
    await this.git("commit", "-q", "-m", message);
    return true;
  }

  /** True once the remote holds our commit (or there was nothing to push); false when someone else pushed first. */
  async push(): Promise<boolean> {
    const head = await this.revParse("HEAD");
    if (!head) return true;
    const remote = await this.revParse(this.remoteRef);
    if (remote === head) return true;
    try {
      await this.remote(() => this.git("push", "-q", "origin", `HEAD:refs/heads/${this.settings.branch}`));
      return true;
    } catch (error) {
      if (error instanceof GitError && RACE.test(error.output)) return false;
      throw error;
    }
  }

  async lastCommit(dir: string): Promise<string | null> {
    if (!(await this.revParse("HEAD"))) return null;
    return (await this.git("log", "-1", "--format=%H", "--", dir)).trim() || null;
  }

  /** Reachable, and whether the branch exists yet; read-only apart from creating the default local repository. */
  async health(): Promise<{ ok: boolean; detail: string }> {
    const { repo, branch } = this.settings;
    const where = displayUrl(repo);
    try {
      if (this.settings.repoIsDefault) await ensureBareRepo(repo, branch);
      const tip = await git(["ls-remote", "--heads", repo, `refs/heads/${branch}`], { signal: this.signal });
      return {
        ok: true,
        detail: tip.trim() ? `${where} is reachable, branch ${branch} exists` : `${where} is reachable; branch ${branch} will be created by the first push`,
      };
    } catch (error) {
      return { ok: false, detail: `Cannot reach ${where}: ${(error as Error).message}` };
    }
  }

  private get remoteRef(): string {
    return `refs/remotes/origin/${this.settings.branch}`;
  }

  private git(...args: string[]): Promise<string> {
    return git(args, { cwd: this.workDir, signal: this.signal, author: this.settings.author });
  }

  private async revParse(ref: string): Promise<string | null> {
    try {
      return (await this.git("rev-parse", "-q", "--verify", `${ref}^{commit}`)).trim();
    } catch {
      return null;
    }
  }

  /** A refused login or push will not pass by retrying; an unreachable server may. */
  private async remote(op: () => Promise<string>): Promise<string> {
    try {
      return await op();
    } catch (error) {
      if (error instanceof GitError && !RACE.test(error.output) && REFUSED.test(error.output)) {
        throw new PermanentBackendError(`The GitOps repository ${displayUrl(this.settings.repo)} refused Runway: ${error.message}`);
      }
      throw error;
    }
  }
}

async function readFiles(dir: string): Promise<Map<string, string>> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  return new Map(await Promise.all(names.map(async (name) => [name, await fs.readFile(path.join(dir, name), "utf8").catch(() => "")] as const)));
}

/** Clones of one repository and branch share a parent, so clones of other repositories (or tests) never meet. */
function repoRoot(settings: GitopsSettings): string {
  const key = createHash("sha256").update(`${settings.repo}\n${settings.branch}`).digest("hex").slice(0, 12);
  return path.join(settings.workRoot, key);
}

/** The demo's repository: a bare repo in the data dir, so that the embedded setup provisions for real. */
async function ensureBareRepo(repo: string, branch: string): Promise<void> {
  try {
    await fs.access(path.join(repo, "HEAD"));
  } catch {
    await fs.mkdir(repo, { recursive: true });
    // Re-running init on an existing repository is harmless, so two processes racing here both succeed.
    await git(["init", "-q", "--bare", `--initial-branch=${branch}`, repo]);
  }
}

const pruned = new Set<string>();

/** Clones left by processes of this host that have exited: their unpushed work is redone by the job's retry. */
async function pruneDeadClones(settings: GitopsSettings): Promise<void> {
  const root = repoRoot(settings);
  if (pruned.has(root)) return;
  pruned.add(root);
  const prefix = `${os.hostname()}-`;
  const entries = await fs.readdir(root).catch(() => [] as string[]);
  for (const entry of entries) {
    const pid = Number(entry.slice(prefix.length));
    if (!entry.startsWith(prefix) || !Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
    await fs.rm(path.join(root, entry), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const queues = new Map<string, Promise<unknown>>();

/** Runs `fn` after every earlier call with the same key has finished, whether it succeeded or not. */
function exclusive<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const result = previous.then(fn, fn);
  const settled = result.catch(() => undefined);
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return result;
}
