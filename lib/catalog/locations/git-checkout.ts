import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { git } from "@/lib/provisioning/backends/gitops/git";
import { allowedHosts, catalogLimits, fetchTimeoutMs } from "../settings";
import { assertPublicHost, ReadRefused } from "./address-policy";

export type Checkout = { dir: string; files(): Promise<string[]>; read(relative: string): Promise<string>; close(): Promise<void> };

/** `*` within a path segment, `**` across segments, `?` one character. */
export function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      re += glob[i + 2] === "/" ? "(?:.*/)?" : ".*";
      i += glob[i + 2] === "/" ? 2 : 1;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

export const isGlob = (p: string) => /[*?]/.test(p);

async function walk(root: string, limit: number): Promise<string[]> {
  const out: string[] = [];
  const queue = [""];
  while (queue.length && out.length < limit) {
    const rel = queue.shift()!;
    for (const entry of await fs.readdir(path.join(root, rel), { withFileTypes: true })) {
      if (entry.name === ".git") continue;
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) queue.push(child);
      else if (entry.isFile()) out.push(child);
    }
  }
  return out;
}

/**
 * A shallow clone of the repository's default branch in a temporary folder.
 * Remote hosts must have public addresses unless allow-listed (git resolves
 * the name again itself, so this check is made just before the clone).
 */
export async function cloneRepository(repo: string): Promise<Checkout> {
  const url = new URL(repo);
  if (url.protocol !== "file:") await assertPublicHost(url, allowedHosts());
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "runway-catalog-"));
  const close = () => fs.rm(dir, { recursive: true, force: true });
  try {
    await git(["clone", "--depth", "1", "--no-tags", "--single-branch", "--quiet", "--", repo, dir], {
      signal: AbortSignal.timeout(fetchTimeoutMs()),
    });
  } catch (e) {
    await close();
    throw new ReadRefused(`${repo} could not be cloned: ${e instanceof Error ? e.message : String(e)}`);
  }
  const root = await fs.realpath(dir);
  return {
    dir,
    files: () => walk(root, catalogLimits.maxFilesPerLocation * 10),
    async read(relative) {
      const full = await fs.realpath(path.join(root, relative)).catch(() => {
        throw new ReadRefused(`${relative} is not in the repository`);
      });
      // A symbolic link in the repository must not lead the catalog to files outside it.
      if (!full.startsWith(root + path.sep)) throw new ReadRefused(`${relative} points outside the repository`);
      const stat = await fs.stat(full);
      if (stat.size > catalogLimits.maxFileBytes) throw new ReadRefused(`${relative} is ${(stat.size / 1024 / 1024).toFixed(1)} MiB; the limit is 1 MiB per file`);
      return fs.readFile(full, "utf8");
    },
    close,
  };
}
