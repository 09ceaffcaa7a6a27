import dns from "node:dns";
import net from "node:net";

/** A read the catalog will not make: the message says why and how to allow it. */
export class ReadRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReadRefused";
  }
}

const blocked = new net.BlockList();
for (const [address, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  blocked.addSubnet(address, prefix, "ipv4");
}
for (const [address, prefix] of [
  ["::", 128],
  ["::1", 128],
  // NAT64 would smuggle a private IPv4 address through; IPv4-mapped addresses are checked against the IPv4 ranges by BlockList itself.
  ["64:ff9b::", 96],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  blocked.addSubnet(address, prefix, "ipv6");
}

/** Loopback, private, link-local (cloud metadata), carrier-grade NAT, multicast and reserved ranges. */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** Whether RUNWAY_CATALOG_ALLOWED_HOSTS lets this host (and port) be reached even on a private address. */
export function isAllowedHost(url: URL, allowed: string[]): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const port = url.port;
  return allowed.some((entry) => {
    const [pattern, entryPort] = entry.startsWith("[") ? [entry.slice(1, entry.indexOf("]")), entry.split("]:")[1]] : entry.split(":");
    if (entryPort && entryPort !== port) return false;
    if (pattern.startsWith("*.")) return host.endsWith(pattern.slice(1));
    return host === pattern;
  });
}

function refusal(host: string, address: string): ReadRefused {
  return new ReadRefused(
    `${host} resolves to ${address}, a private or loopback address; add it to RUNWAY_CATALOG_ALLOWED_HOSTS if the catalog may read it`,
  );
}

/**
 * A `lookup` for http(s).request that refuses private addresses at connect
 * time, so a DNS answer that changes between a check and the connection
 * (rebinding) cannot reach an internal service.
 */
export const guardedLookup: net.LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "", 4);
    const list = addresses as dns.LookupAddress[];
    const bad = list.find((a) => isPrivateAddress(a.address));
    if (bad) return callback(refusal(hostname, bad.address) as NodeJS.ErrnoException, "", 4);
    if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    callback(null, list[0].address, list[0].family);
  });
};

/** For hosts reached by another program (git): every address the name has must be public. */
export async function assertPublicHost(url: URL, allowed: string[]): Promise<void> {
  if (isAllowedHost(url, allowed)) return;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = net.isIP(host) ? [{ address: host }] : await dns.promises.lookup(host, { all: true });
  const bad = addresses.find((a) => isPrivateAddress(a.address));
  if (bad) throw refusal(host, bad.address);
}

/** An IP literal in a URL never goes through lookup, so it is checked here. */
export function assertPublicLiteral(url: URL, allowed: string[]): void {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host) && !isAllowedHost(url, allowed) && isPrivateAddress(host)) throw refusal(host, host);
}
