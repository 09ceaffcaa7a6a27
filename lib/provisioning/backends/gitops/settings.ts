import path from "node:path";
import { z } from "zod";
import { dataDir } from "@/db/connection";
import type { ProvisionedRequest } from "../types";
import { PermanentBackendError } from "../types";

type Environment = ProvisionedRequest["environment"];

export type GitopsSettings = {
  /** A local path or a URL the server can push to; credentials in it never leave this object (see `displayUrl`). */
  repo: string;
  /** True when RUNWAY_GITOPS_REPO is unset and Runway keeps its own bare repository in the data dir. */
  repoIsDefault: boolean;
  branch: string;
  author: { name: string; email: string };
  clusters: Record<Environment, string>;
  /** Where Argo CD finds a service's manifests (services/<service>) and at which revision. */
  servicesRepo: string;
  servicesRevision: string;
  argocdNamespace: string;
  /** Prepended to the team name in RoleBindings, matching the API server's --oidc-groups-prefix. */
  groupPrefix: string;
  /** Working clones live here, one per process (see repo.ts). */
  workRoot: string;
};

export const GITOPS_SETTINGS = [
  "RUNWAY_GITOPS_REPO",
  "RUNWAY_GITOPS_BRANCH",
  "RUNWAY_GITOPS_AUTHOR",
  "RUNWAY_GITOPS_CLUSTER_DEV",
  "RUNWAY_GITOPS_CLUSTER_STAGING",
  "RUNWAY_GITOPS_CLUSTER_PRODUCTION",
  "RUNWAY_GITOPS_SERVICES_REPO",
  "RUNWAY_GITOPS_ARGOCD_NAMESPACE",
  "RUNWAY_GITOPS_GROUP_PREFIX",
];

const segment = z.string().regex(/^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$/, "must be a lower-case name usable as a directory, such as eu-prod-1");

// `git check-ref-format --branch` in short: no spaces, no "..", no leading dash or trailing ".lock".
const branchName = z.string().regex(/^(?!-)(?!.*\.\.)(?!.*\.lock$)(?!.*\/$)[A-Za-z0-9._\/-]+$/, "must be a git branch name such as main");

/** The RUNWAY_GITOPS_* variables; lib/config.ts validates them at start-up with the rest. */
export const gitopsEnvShape = {
  RUNWAY_GITOPS_REPO: z.string().trim().optional(),
  RUNWAY_GITOPS_BRANCH: branchName.default("main"),
  RUNWAY_GITOPS_AUTHOR: z
    .string()
    .regex(/^[^<>]+ <[^<>\s]+>$/, 'must look like "Runway <runway@example.com>"')
    .default("Runway <runway@localhost>"),
  // One cluster per environment is the common layout; the directory name is the cluster's name in the repo.
  RUNWAY_GITOPS_CLUSTER_DEV: segment.default("dev"),
  RUNWAY_GITOPS_CLUSTER_STAGING: segment.default("staging"),
  RUNWAY_GITOPS_CLUSTER_PRODUCTION: segment.default("production"),
  RUNWAY_GITOPS_SERVICES_REPO: z.string().trim().optional(),
  RUNWAY_GITOPS_ARGOCD_NAMESPACE: segment.default("argocd"),
  RUNWAY_GITOPS_GROUP_PREFIX: z.string().default(""),
};

const schema = z.object(gitopsEnvShape);

/** Reads the RUNWAY_GITOPS_* settings; a wrong value is a PermanentBackendError naming the variable. */
export function gitopsSettings(env: Record<string, string | undefined> = process.env): GitopsSettings {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PermanentBackendError(`Invalid GitOps setting: ${issue.path.join(".")} ${issue.message}`);
  }
  const s = parsed.data;
  const data = env.RUNWAY_DATA_DIR ? path.resolve(env.RUNWAY_DATA_DIR) : dataDir();
  const repo = s.RUNWAY_GITOPS_REPO ? resolveLocal(s.RUNWAY_GITOPS_REPO) : path.join(data, "gitops.git");
  const [, name, email] = /^(.+) <(.+)>$/.exec(s.RUNWAY_GITOPS_AUTHOR)!;
  const servicesRepo = s.RUNWAY_GITOPS_SERVICES_REPO ? resolveLocal(s.RUNWAY_GITOPS_SERVICES_REPO) : repo;
  return {
    repo,
    repoIsDefault: !s.RUNWAY_GITOPS_REPO,
    branch: s.RUNWAY_GITOPS_BRANCH,
    author: { name, email },
    clusters: { dev: s.RUNWAY_GITOPS_CLUSTER_DEV, staging: s.RUNWAY_GITOPS_CLUSTER_STAGING, production: s.RUNWAY_GITOPS_CLUSTER_PRODUCTION },
    servicesRepo: displayUrl(servicesRepo),
    // Services kept in the GitOps repo follow its branch; a separate services repo is followed at its default branch.
    servicesRevision: servicesRepo === repo ? s.RUNWAY_GITOPS_BRANCH : "HEAD",
    argocdNamespace: s.RUNWAY_GITOPS_ARGOCD_NAMESPACE,
    groupPrefix: s.RUNWAY_GITOPS_GROUP_PREFIX,
    workRoot: path.join(data, "gitops-work"),
  };
}

/** git reads a colon before the first slash as scp-like "host:path"; anything else without "://" is a local path. */
function isLocalPath(repo: string): boolean {
  return !repo.includes("://") && !/^[^/]*:/.test(repo);
}

/** A relative local path would otherwise be read relative to the working clone, not to where Runway was started. */
function resolveLocal(repo: string): string {
  return isLocalPath(repo) ? path.resolve(repo) : repo;
}

/**
 * The repository as it may be shown and stored: without a password or token in
 * the URL, and a local path as a file:// URL (Argo CD's repoURL must be a URL).
 */
export function displayUrl(repo: string): string {
  if (isLocalPath(repo)) return `file://${path.resolve(repo)}`;
  if (!repo.includes("://")) return repo; // scp-like "git@host:org/repo.git" carries no secret
  try {
    const url = new URL(repo);
    url.password = "";
    // Over HTTP(S) a user name is often the token itself; over SSH it is the account ("git") and must stay.
    if (url.protocol === "http:" || url.protocol === "https:") url.username = "";
    return url.toString();
  } catch {
    return repo;
  }
}
