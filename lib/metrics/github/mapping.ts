import { z } from "zod";
import type { RepositoryPush } from "@/lib/catalog/locations/push";
import { validationFailed } from "@/lib/errors";
import { fieldErrors } from "@/lib/validation";
import { commitSha } from "../schemas";

/*
 * GitHub webhook payloads → DORA events, without touching the database. Only
 * the fields read here are checked; GitHub sends many more.
 */

const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const repository = z.object({ full_name: z.string().min(1), name: z.string().min(1), default_branch: z.string().optional() });

const pushSchema = z.object({
  ref: z.string(),
  deleted: z.boolean().optional(),
  repository,
  commits: z.array(z.object({ id: commitSha, timestamp: instant })).default([]),
});

/** Only what the catalog reads of a push: a payload DORA refuses (a commit without a time) still moved the repository. */
const pushedRepositorySchema = z.object({
  ref: z.string(),
  deleted: z.boolean().optional(),
  repository: z.object({ clone_url: z.string().optional(), html_url: z.string().optional(), default_branch: z.string().optional() }),
});

const deploymentStatusSchema = z.object({
  deployment_status: z.object({ state: z.string(), created_at: instant }),
  deployment: z.object({ id: z.union([z.number(), z.string()]), sha: commitSha, environment: z.string().min(1) }),
  repository,
});

const pullRequestSchema = z.object({
  action: z.string(),
  pull_request: z.object({ merged: z.boolean().nullish(), merged_at: instant.nullish(), merge_commit_sha: commitSha.nullish() }),
  repository,
});

const issuesSchema = z.object({
  action: z.string(),
  issue: z.object({
    number: z.number(),
    created_at: instant,
    closed_at: instant.nullish(),
    state: z.string(),
    body: z.string().nullish(),
    labels: z.array(z.object({ name: z.string() })).default([]),
  }),
  repository,
});

export type Repository = z.infer<typeof repository>;

export type GithubChange = { id: string; sha: string; committedAt: Date; mergedAt?: Date };
export type GithubDeployment = { id: string; environment: string; status: "success" | "failure"; deployedAt: Date; sha: string };
export type GithubIncident = { id: string; openedAt: Date; resolvedAt: Date | null; causeSha: string | null };

export type MappedEvent =
  | { kind: "ignored"; reason: string }
  | { kind: "changes"; repository: Repository; changes: GithubChange[] }
  | { kind: "deployment"; repository: Repository; deployment: GithubDeployment }
  | { kind: "incident"; repository: Repository; incident: GithubIncident };

function read<S extends z.ZodType>(schema: S, payload: unknown, event: string): z.infer<S> {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw validationFailed(`This ${event} payload lacks what Runway reads from it.`, fieldErrors(parsed.error));
  return parsed.data;
}

const repoKey = (r: Repository) => r.full_name.toLowerCase();
/** Push and merged pull request name the same commit alike, so the two merge into one change. */
const changeId = (r: Repository, sha: string) => `github:${repoKey(r)}@${sha}`;

/** A line "root cause: <sha>" in an incident issue's body names the commit that caused it. */
export function rootCauseSha(body: string | null | undefined): string | null {
  const match = /^\s*root cause:\s*`?([0-9a-f]{7,40})\b/im.exec(body ?? "");
  return match ? match[1].toLowerCase() : null;
}

/** Which repository a push moved, and which branch (null for a tag or a deleted branch); null for a payload that does not say. */
export function pushedRepository(payload: unknown): RepositoryPush | null {
  const parsed = pushedRepositorySchema.safeParse(payload);
  if (!parsed.success) return null;
  const { ref, deleted, repository } = parsed.data;
  return {
    urls: [repository.clone_url, repository.html_url].filter((u): u is string => Boolean(u)),
    branch: !deleted && ref.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : null,
    defaultBranch: repository.default_branch ?? null,
  };
}

const ISSUE_ACTIONS = new Set(["opened", "edited", "closed", "reopened", "labeled"]);

export function mapGithubEvent(event: string, payload: unknown, options: { incidentLabel: string }): MappedEvent {
  switch (event) {
    case "push": {
      const p = read(pushSchema, payload, event);
      // Commits on other branches are not changes yet; the push that merges them lists them again.
      if (p.deleted || !p.repository.default_branch || p.ref !== `refs/heads/${p.repository.default_branch}`) {
        return { kind: "ignored", reason: `a push to ${p.ref}, not to the default branch` };
      }
      if (p.commits.length === 0) return { kind: "ignored", reason: "a push without commits" };
      return { kind: "changes", repository: p.repository, changes: p.commits.map((c) => ({ id: changeId(p.repository, c.id), sha: c.id, committedAt: c.timestamp })) };
    }
    case "pull_request": {
      const p = read(pullRequestSchema, payload, event);
      const pr = p.pull_request;
      if (p.action !== "closed" || !pr.merged || !pr.merged_at || !pr.merge_commit_sha) return { kind: "ignored", reason: "a pull request that was not merged" };
      return {
        kind: "changes",
        repository: p.repository,
        changes: [{ id: changeId(p.repository, pr.merge_commit_sha), sha: pr.merge_commit_sha, committedAt: pr.merged_at, mergedAt: pr.merged_at }],
      };
    }
    case "deployment_status": {
      const p = read(deploymentStatusSchema, payload, event);
      const state = p.deployment_status.state;
      if (state !== "success" && state !== "failure") return { kind: "ignored", reason: `a deployment status of ${state}` };
      return {
        kind: "deployment",
        repository: p.repository,
        deployment: {
          id: `github:${repoKey(p.repository)}/deployments/${p.deployment.id}`,
          environment: p.deployment.environment.trim().toLowerCase(),
          status: state,
          deployedAt: p.deployment_status.created_at,
          sha: p.deployment.sha,
        },
      };
    }
    case "issues": {
      const p = read(issuesSchema, payload, event);
      const label = options.incidentLabel.toLowerCase();
      if (!p.issue.labels.some((l) => l.name.toLowerCase() === label)) return { kind: "ignored", reason: `an issue without the label "${options.incidentLabel}"` };
      if (!ISSUE_ACTIONS.has(p.action)) return { kind: "ignored", reason: `an issue ${p.action}` };
      const closed = p.issue.state === "closed";
      return {
        kind: "incident",
        repository: p.repository,
        incident: {
          id: `github:${repoKey(p.repository)}#${p.issue.number}`,
          openedAt: p.issue.created_at,
          resolvedAt: closed ? (p.issue.closed_at ?? null) : null,
          causeSha: rootCauseSha(p.issue.body),
        },
      };
    }
    default:
      return { kind: "ignored", reason: `the ${event} event, which Runway does not read` };
  }
}
