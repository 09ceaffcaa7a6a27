import { displayUrl } from "./settings";

/** Where an Argo CD Application takes a service's manifests from. */
export type ArgoSource = { repoURL: string; path: string; targetRevision: string };

/** Backstage location types whose target is a URL: `url`, and the older per-host ones. */
const URL_TYPES = new Set(["url", "github", "gitlab", "bitbucket", "azure/api", "gitea", "gerrit"]);

/**
 * Reads a Backstage `backstage.io/source-location` annotation as the
 * repository, revision and directory Argo CD needs. Understands the tree and
 * blob URLs of GitHub, GitLab, Bitbucket (Cloud and Server), Gitea/Forgejo and
 * Azure DevOps, the annotation Runway's own git locations write
 * ("url:git+<repository>#<directory>/"), and a plain repository URL (its root
 * at HEAD). A revision holding a slash ("tree/feature/x/…") cannot be told
 * apart from a directory in such URLs; its first segment is taken, as
 * Backstage does. Null when the annotation names nothing Argo CD can fetch (a
 * `file:` location, a directory outside the repository): the caller then
 * falls back to the configured services repository.
 */
export function argoSource(annotation: string): ArgoSource | null {
  const target = locationTarget(annotation.trim());
  if (!target) return null;
  try {
    return target.startsWith("git+") ? fromGitLocation(target.slice(4)) : fromWebUrl(new URL(target));
  } catch {
    return null; // not a URL, or a malformed %-escape
  }
}

function locationTarget(value: string): string | null {
  // Written without a location type, as people sometimes do.
  if (/^(https?:|git\+)/i.test(value)) return value;
  const colon = value.indexOf(":");
  return colon > 0 && URL_TYPES.has(value.slice(0, colon).toLowerCase()) ? value.slice(colon + 1) : null;
}

function fromGitLocation(target: string): ArgoSource | null {
  const hash = target.indexOf("#");
  const repo = new URL(hash === -1 ? target : target.slice(0, hash));
  if (!["https:", "http:", "ssh:", "file:"].includes(repo.protocol)) return null;
  return source(displayUrl(repo.toString()), hash === -1 ? "" : decodeURIComponent(target.slice(hash + 1)), "HEAD");
}

function fromWebUrl(url: URL): ArgoSource | null {
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  // Rebuilt from the host and path alone: a token in the URL must not reach a manifest.
  const origin = `${url.protocol}//${url.host}`;
  const raw = url.pathname.split("/").filter(Boolean);
  if (raw.length === 0) return null;
  const seg = raw.map(decodeURIComponent);
  const repo = (end: number) => `${origin}/${raw.slice(0, end).join("/")}`;
  const query = (name: string) => url.searchParams.get(name) ?? "";

  // Azure DevOps: /org/project/_git/repo?path=/dir&version=GBmain (GT a tag, GC a commit).
  const git = seg.indexOf("_git");
  if (git > 0 && git + 1 < seg.length) {
    const version = query("version");
    return source(repo(git + 2), query("path"), /^G[BTC]./.test(version) ? version.slice(2) : "HEAD");
  }
  // Bitbucket Server: /projects/KEY/repos/repo/browse/dir?at=refs/heads/main, cloned from /scm/key/repo.git.
  const projects = seg.indexOf("projects");
  if (projects !== -1 && seg[projects + 2] === "repos" && seg[projects + 3]) {
    const base = raw.slice(0, projects).map((s) => `/${s}`).join("");
    const dir = seg[projects + 4] === "browse" ? seg.slice(projects + 5).join("/") : "";
    const at = query("at").replace(/^refs\/(heads|tags)\//, "");
    return source(`${origin}${base}/scm/${raw[projects + 1].toLowerCase()}/${raw[projects + 3]}.git`, dir, at || "HEAD");
  }
  // The first path segment that starts a file view; the repository is what comes before it.
  const view = (repoEnd: number, revision: number, file: boolean) => {
    const rest = seg.slice(revision + 1);
    return source(repo(repoEnd), (file ? rest.slice(0, -1) : rest).join("/"), seg[revision] || "HEAD");
  };
  for (let i = 2; i < seg.length; i++) {
    // GitLab: /group/subgroup/repo/-/tree/main/dir
    if (seg[i] === "-" && (seg[i + 1] === "tree" || seg[i + 1] === "blob")) return view(i, i + 2, seg[i + 1] === "blob");
    // GitHub and GitHub Enterprise: /org/repo/tree/main/dir, /org/repo/blob/main/dir/file
    if (seg[i] === "tree" || seg[i] === "blob") return view(i, i + 1, seg[i] === "blob");
    // Gitea and Forgejo: /org/repo/src/branch/main/dir; Bitbucket Cloud: /org/repo/src/main/dir
    if (seg[i] === "src") return view(i, ["branch", "tag", "commit"].includes(seg[i + 1]) ? i + 2 : i + 1, false);
  }
  return source(repo(raw.length), "", "HEAD");
}

/** Argo CD takes a path relative to the repository's root, "." for the root itself. */
function source(repoURL: string, directory: string, targetRevision: string): ArgoSource | null {
  const parts = directory.split("/").filter((s) => s !== "" && s !== ".");
  if (parts.includes("..")) return null;
  return { repoURL, path: parts.join("/") || ".", targetRevision };
}
