import { createHash, timingSafeEqual } from "node:crypto";

const digest = (s: string) => createHash("sha256").update(s).digest();

/**
 * Whether a scrape may read the metrics: anyone when RUNWAY_METRICS_TOKEN is
 * unset (a cluster-internal endpoint), else only `Authorization: Bearer <token>`.
 */
export function metricsAllowed(authorization: string | null | undefined, token = process.env.RUNWAY_METRICS_TOKEN): boolean {
  if (!token) return true;
  const sent = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  // Compared as digests: equal lengths, and no timing hint about the token.
  return sent !== undefined && timingSafeEqual(digest(sent), digest(token));
}
