import "server-only";
import { inArray, or, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { catalogLocations } from "@/db/schema";
import { parseTarget, TargetError } from "./target";

/** A push to a repository, as a forge's webhook describes it. */
export type RepositoryPush = {
  /** The repository's addresses: the clone URL, the web page. */
  urls: string[];
  /** The branch that moved; null for a tag or a deleted branch. */
  branch: string | null;
  defaultBranch: string | null;
};

/** host/path, lower-cased, without a trailing slash or ".git": one repository however a webhook or a target spells its URL. */
function repositoryKey(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  return `${u.host}${u.pathname.replace(/\/+$/, "").replace(/\.git$/i, "")}`.toLowerCase();
}

const GITHUB = "github.com/";
const GITHUB_RAW = "raw.githubusercontent.com/";

/**
 * GitHub serves a repository's files from a host of its own: a key of
 * raw.githubusercontent.com/owner/repo/<branch>/<path> (or …/refs/heads/<branch>/…)
 * is read as github.com/owner/repo/raw/<branch>/<path>, which names its branch as the web pages do.
 */
function asGithubWebKey(key: string): string {
  const raw = /^raw\.githubusercontent\.com\/([^/]+\/[^/]+)\/(?:refs\/heads\/)?(.*)$/.exec(key);
  return raw ? `${GITHUB}${raw[1]}/raw/${raw[2]}` : key;
}

/**
 * Whether a file URL in a repository's web pages (…/raw/main/catalog-info.yaml,
 * GitLab's …/-/raw/main/…) names the pushed branch; null if it names none.
 * Branch names may hold slashes, so a path can be read with more than one
 * branch; any reading counts: a needless read costs little, a missed one leaves the catalog stale.
 */
function namesBranch(rest: string, branch: string): boolean | null {
  const named = /^\/(?:-\/)?(?:blob|raw|tree)\//.exec(rest);
  if (!named) return null;
  return rest.slice(named[0].length).startsWith(`${branch.toLowerCase()}/`);
}

/**
 * Whether a push changes what a location reads. A git location is a clone of
 * the repository's default branch, so only a push to that branch does; a URL
 * into the repository's web pages that names a branch, only a push to that
 * branch; one that names none, a push to the default branch.
 */
export function pushReaches(target: string, push: RepositoryPush): boolean {
  if (!push.branch) return false;
  let parsed;
  try {
    parsed = parseTarget(target);
  } catch (e) {
    if (e instanceof TargetError) return false;
    throw e;
  }
  const onDefault = !push.defaultBranch || push.branch === push.defaultBranch;
  const keys = push.urls.flatMap((u) => repositoryKey(u) ?? []);
  const spelled = repositoryKey(parsed.type === "git" ? parsed.repo : parsed.url);
  if (!spelled) return false;
  if (parsed.type === "git") return onDefault && keys.includes(spelled);
  const key = asGithubWebKey(spelled);
  return keys.some((k) => {
    if (!key.startsWith(`${k}/`)) return false;
    return namesBranch(key.slice(k.length), push.branch!) ?? onDefault;
  });
}

/**
 * The registered locations a push changes, marked due and leased for a read
 * now (which the caller runs, after answering the webhook). Should this
 * process stop before reading them, the lease runs out and the scheduled
 * sweep reads them, since they are due.
 */
export async function claimPushedLocations(push: RepositoryPush): Promise<string[]> {
  const keys = [...new Set(push.urls.flatMap((u) => repositoryKey(u) ?? []))];
  if (!push.branch || keys.length === 0) return [];
  // A cheap first cut by substring, GitHub's file host included; pushReaches decides.
  keys.push(...keys.filter((k) => k.startsWith(GITHUB)).map((k) => GITHUB_RAW + k.slice(GITHUB.length)));
  const candidates = await db
    .select({ id: catalogLocations.id, target: catalogLocations.target })
    .from(catalogLocations)
    .where(or(...keys.map((k) => sql`strpos(lower(${catalogLocations.target}), ${k}) > 0`)));
  const ids = candidates.filter((c) => pushReaches(c.target, push)).map((c) => c.id);
  if (ids.length === 0) return [];
  const claimed = await db
    .update(catalogLocations)
    .set({ nextRefreshAt: sql`now()`, leaseUntil: sql`now() + interval '10 minutes'` })
    .where(inArray(catalogLocations.id, ids))
    .returning({ id: catalogLocations.id });
  return claimed.map((c) => c.id);
}
