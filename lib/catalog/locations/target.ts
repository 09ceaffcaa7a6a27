/** A location as registered: one file over HTTP(S), or a path or glob in a git repository. */
export type LocationTarget = { type: "url"; url: string } | { type: "git"; repo: string; path: string };

export class TargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TargetError";
  }
}

const GIT_PROTOCOLS = new Set(["file:", "https:", "http:", "ssh:"]);
const HINT = 'use https://host/path/catalog-info.yaml, or git+<repository URL>#<path or glob>, such as git+https://git.example.com/team/repo.git#catalog-info.yaml';

/** A path inside a repository: relative, no "..", so that a glob or a Location cannot climb out of the checkout. */
export function checkRepoPath(path: string): string {
  const clean = path.replace(/^\.\//, "");
  if (!clean || clean.startsWith("/") || clean.startsWith("-") || clean.split("/").some((s) => s === "..")) {
    throw new TargetError(`"${path}" must be a path inside the repository, without ".." and not starting with "/" or "-"`);
  }
  return clean;
}

export function parseTarget(raw: string): LocationTarget {
  const text = raw.trim();
  if (!text) throw new TargetError(`Enter a location: ${HINT}`);
  if (text.length > 2000) throw new TargetError("A location is at most 2,000 characters");
  if (text.startsWith("git+")) {
    const hash = text.indexOf("#");
    const repo = hash === -1 ? text.slice(4) : text.slice(4, hash);
    const path = checkRepoPath(hash === -1 ? "catalog-info.yaml" : decodeURIComponent(text.slice(hash + 1)));
    let url: URL;
    try {
      url = new URL(repo);
    } catch {
      throw new TargetError(`"${repo}" is not a repository URL git can clone; ${HINT}`);
    }
    if (!GIT_PROTOCOLS.has(url.protocol)) throw new TargetError(`git repositories are read over file, https, http or ssh, not ${url.protocol}`);
    if (url.protocol !== "ssh:" && url.password) throw new TargetError("Put no credentials in the repository URL; Runway would store and show them");
    return { type: "git", repo: url.toString(), path };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TargetError(`"${text}" is not a URL; ${HINT}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new TargetError(`"${text}" is neither an http(s) URL nor a git+ repository; ${HINT}`);
  if (url.username || url.password) throw new TargetError("Put no credentials in the URL; Runway would store and show them");
  return { type: "url", url: url.toString() };
}

export function formatTarget(t: LocationTarget): string {
  return t.type === "url" ? t.url : `git+${t.repo}#${t.path}`;
}
