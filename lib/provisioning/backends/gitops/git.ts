import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export class GitError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly output: string,
  ) {
    super(message);
    this.name = "GitError";
  }
}

export type GitOptions = {
  cwd?: string;
  signal?: AbortSignal;
  author?: { name: string; email: string };
};

/** A token in "https://user:token@host/…" must not reach a log line or a request's timeline. */
export function redact(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, "$1");
}

/**
 * Runs the system git with an argument list (never a shell string, so no
 * request value is ever parsed by a shell), in the C locale so that messages
 * can be recognised, and never interactively: a credential prompt would hang
 * a worker forever, so git fails instead.
 */
export async function git(args: string[], options: GitOptions = {}): Promise<string> {
  const identity = options.author
    ? {
        GIT_AUTHOR_NAME: options.author.name,
        GIT_AUTHOR_EMAIL: options.author.email,
        GIT_COMMITTER_NAME: options.author.name,
        GIT_COMMITTER_EMAIL: options.author.email,
      }
    : {};
  try {
    // A signing key set up for a person on this machine must not sign (or prompt for) Runway's commits.
    const { stdout } = await run("git", ["-c", "commit.gpgsign=false", ...args], {
      cwd: options.cwd,
      signal: options.signal,
      // A hung network call (a firewall that drops packets) must end so the job can be retried.
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
      env: {
        ...process.env,
        ...identity,
        LC_ALL: "C",
        GIT_TERMINAL_PROMPT: "0",
        GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? "ssh -o BatchMode=yes",
      },
    });
    return stdout;
  } catch (error) {
    const e = error as Error & { code?: number | string; stdout?: string; stderr?: string };
    if (e.name === "AbortError") throw error;
    const output = redact(`${e.stderr ?? ""}${e.stdout ?? ""}`.trim());
    const exitCode = typeof e.code === "number" ? e.code : null;
    const detail = output.split("\n").find((line) => /fatal|error|rejected/i.test(line)) ?? output.split("\n")[0] ?? e.message;
    throw new GitError(`git ${args[0]} failed: ${detail || redact(e.message)}`, exitCode, output);
  }
}
