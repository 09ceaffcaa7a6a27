import path from "node:path";
import { ReadRefused } from "./address-policy";
import { cloneRepository, globToRegExp, isGlob, type Checkout } from "./git-checkout";
import { safeFetchText } from "./safe-fetch";
import { checkRepoPath, TargetError, type LocationTarget } from "./target";

/**
 * Where catalog files come from. Files are named by strings a person can
 * read in an error: a URL, "git+<repo>#<path>", or the name of a pasted file.
 */
export type CatalogSource = {
  /** The files a read starts from. */
  roots(): Promise<string[]>;
  read(file: string): Promise<string>;
  /** A Location target or placeholder path written in `from`: relative paths resolve against that file, as in Backstage. */
  resolve(target: string, from: string): Promise<string[]>;
  close(): Promise<void>;
};

const isHttp = (s: string) => /^https?:\/\//i.test(s);
const hasScheme = (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s);

/** Pasted or uploaded YAML: only absolute URLs can be followed, since the text has no place of its own. */
export function pastedSource(files: { name: string; text: string }[]): CatalogSource {
  const byName = new Map(files.map((f) => [f.name, f.text]));
  return {
    roots: async () => files.map((f) => f.name),
    async read(file) {
      const text = byName.get(file);
      return text ?? (await safeFetchText(file)).text;
    },
    async resolve(target) {
      if (isHttp(target)) return [target];
      throw new ReadRefused(`"${target}" is relative to a file, and pasted YAML has no location; register the file as a location to resolve it`);
    },
    close: async () => {},
  };
}

function urlResolve(target: string, from: string): string[] {
  if (hasScheme(target) && !isHttp(target)) throw new ReadRefused(`"${target}" cannot be followed from ${from}; register it as a location of its own`);
  return [new URL(target, from).toString()];
}

/** One file over HTTP(S), and whatever its Location entities point at. */
export function urlSource(url: string): CatalogSource {
  return {
    roots: async () => [url],
    read: async (file) => (await safeFetchText(file)).text,
    resolve: async (target, from) => urlResolve(target, from),
    close: async () => {},
  };
}

/** A git repository, cloned once per read; a glob in the target or in a Location matches files of the checkout. */
export async function gitSource(target: Extract<LocationTarget, { type: "git" }>): Promise<CatalogSource> {
  const checkout: Checkout = await cloneRepository(target.repo);
  const prefix = `git+${target.repo}#`;
  const inRepo = (file: string) => file.startsWith(prefix);
  let files: string[] | null = null;
  const expand = async (pattern: string): Promise<string[]> => {
    if (!isGlob(pattern)) return [prefix + pattern];
    files ??= await checkout.files();
    const re = globToRegExp(pattern);
    return files.filter((f) => re.test(f)).sort().map((f) => prefix + f);
  };
  return {
    async roots() {
      const found = await expand(target.path);
      if (found.length === 0) throw new ReadRefused(`no file in ${target.repo} matches ${target.path}`);
      return found;
    },
    async read(file) {
      if (isHttp(file)) return (await safeFetchText(file)).text;
      if (!inRepo(file)) throw new ReadRefused(`${file} is in another repository; register it as a location of its own`);
      return checkout.read(file.slice(prefix.length));
    },
    async resolve(t, from) {
      if (hasScheme(t) || !inRepo(from)) return urlResolve(t, from);
      const joined = path.posix.normalize(path.posix.join(path.posix.dirname(from.slice(prefix.length)), t));
      try {
        return await expand(checkRepoPath(joined));
      } catch (e) {
        if (e instanceof TargetError) throw new ReadRefused(`"${t}" in ${from} points outside the repository`);
        throw e;
      }
    },
    close: () => checkout.close(),
  };
}

export async function openSource(target: LocationTarget): Promise<CatalogSource> {
  return target.type === "url" ? urlSource(target.url) : gitSource(target);
}
