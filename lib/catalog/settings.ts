import { config } from "@/lib/config";

/** The catalog's limits and schedule; RUNWAY_CATALOG_* variables (docs/configuration.md) override the defaults. */

const MiB = 1024 * 1024;

export const catalogLimits = {
  /** Per fetched file and per YAML document, as the issue fixes it. */
  maxFileBytes: MiB,
  /** A pasted or posted import may hold many files' worth of documents. */
  maxImportBytes: 16 * MiB,
  maxRedirects: 3,
  /** Files one location may reach through its Location entities; a cycle or a runaway glob stops here. */
  maxFilesPerLocation: 2000,
  /** Backstage files rarely use YAML aliases; many of them are an expansion attack. */
  maxAliasCount: 100,
};

/** One fetch or one git clone. */
export function fetchTimeoutMs(): number {
  return config().RUNWAY_CATALOG_FETCH_TIMEOUT_MS ?? 10_000;
}

export function refreshIntervalMs(): number {
  return (config().RUNWAY_CATALOG_REFRESH_MINUTES ?? 15) * 60_000;
}

/**
 * Hosts that may be private or loopback addresses (an internal Git server):
 * `git.corp`, `git.corp:8443` or `*.corp`, comma-separated.
 */
export function allowedHosts(): string[] {
  return (config().RUNWAY_CATALOG_ALLOWED_HOSTS ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
}
