import http from "node:http";
import https from "node:https";
import { allowedHosts, catalogLimits, fetchTimeoutMs } from "../settings";
import { assertPublicLiteral, guardedLookup, isAllowedHost, ReadRefused } from "./address-policy";

export type FetchPolicy = { maxBytes: number; timeoutMs: number; maxRedirects: number; allowedHosts: string[] };

function defaultFetchPolicy(): FetchPolicy {
  return { maxBytes: catalogLimits.maxFileBytes, timeoutMs: fetchTimeoutMs(), maxRedirects: catalogLimits.maxRedirects, allowedHosts: allowedHosts() };
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) ? 1 : 0)} MiB`;
}

/** GitHub's page for a file is HTML; its raw twin is the YAML, as Backstage's GitHub integration reads it. */
export function rawUrl(url: URL): URL {
  const m = url.hostname === "github.com" ? /^\/([^/]+)\/([^/]+)\/blob\/(.+)$/.exec(url.pathname) : null;
  return m ? new URL(`https://raw.githubusercontent.com/${m[1]}/${m[2]}/${m[3]}`) : url;
}

function get(url: URL, policy: FetchPolicy, signal: AbortSignal): Promise<http.IncomingMessage> {
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(url, {
      signal,
      headers: { accept: "application/yaml, text/yaml, application/json, text/plain;q=0.9, */*;q=0.5", "accept-encoding": "identity", "user-agent": "Runway-catalog" },
      lookup: isAllowedHost(url, policy.allowedHosts) ? undefined : guardedLookup,
      // A keep-alive socket could be reused for another host's lookup result.
      agent: false,
    });
    req.once("response", resolve);
    req.once("error", reject);
  });
}

async function readBody(res: http.IncomingMessage, url: URL, maxBytes: number): Promise<string> {
  const declared = Number(res.headers["content-length"]);
  if (declared > maxBytes) {
    res.destroy();
    throw new ReadRefused(`${url} is ${mib(declared)}; the limit is ${mib(maxBytes)} per file`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) {
      res.destroy();
      throw new ReadRefused(`${url} is larger than ${mib(maxBytes)}; the limit is ${mib(maxBytes)} per file`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Reads a text file over HTTP(S) for the catalog, refusing private and loopback
 * addresses (checked at connect time and on every redirect) unless the host is
 * allow-listed, more than `maxRedirects` redirects, bodies over `maxBytes`, and
 * anything slower than `timeoutMs` in all.
 */
export async function safeFetchText(target: string, policy: FetchPolicy = defaultFetchPolicy()): Promise<{ url: string; text: string }> {
  let url: URL;
  try {
    url = rawUrl(new URL(target));
  } catch {
    throw new ReadRefused(`"${target}" is not a URL`);
  }
  const signal = AbortSignal.timeout(policy.timeoutMs);
  try {
    for (let redirects = 0; ; redirects++) {
      if (url.protocol !== "https:" && url.protocol !== "http:") throw new ReadRefused(`only http and https URLs can be read, not ${url.protocol}`);
      if (url.username || url.password) throw new ReadRefused("URLs with credentials in them are refused; allow-list the host and use a token-free URL");
      assertPublicLiteral(url, policy.allowedHosts);
      const res = await get(url, policy, signal);
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        if (redirects >= policy.maxRedirects) throw new ReadRefused(`${target} redirects more than ${policy.maxRedirects} times`);
        url = new URL(res.headers.location, url);
        continue;
      }
      if (status < 200 || status >= 300) {
        res.resume();
        throw new ReadRefused(`${url} answered HTTP ${status}`);
      }
      return { url: url.toString(), text: await readBody(res, url, policy.maxBytes) };
    }
  } catch (e) {
    if (e instanceof ReadRefused) throw e;
    if (signal.aborted) throw new ReadRefused(`${url} did not answer within ${policy.timeoutMs / 1000} s`);
    const err = e as NodeJS.ErrnoException;
    if (err.code === "ENOTFOUND" || err.code === "EAI_AGAIN") throw new ReadRefused(`${url.hostname} could not be resolved (${err.code})`);
    if (err.cause instanceof ReadRefused) throw err.cause;
    throw new ReadRefused(`${url} could not be read: ${err.message}`);
  }
}
