import type { ProvisionedRequest } from "./backends/types";

/**
 * A database/role name for a request: readable (team and name) and unique (a
 * slice of the request id, since a name is reused after decommission and
 * "a-b"+"c" and "a"+"b-c" would otherwise collide). Only [a-z0-9_], so it is a
 * valid unquoted identifier in PostgreSQL and MySQL alike, and at most `max`
 * bytes (63 by default; the team and name are shortened, never the id's slice).
 */
export function databaseIdentifier(request: Pick<ProvisionedRequest, "id" | "team" | "name">, suffix = "", max = 63): string {
  const clean = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  const tail = `_${request.id.replace(/-/g, "").slice(0, 8)}${suffix ? `_${clean(suffix)}` : ""}`;
  const head = `rw_${clean(request.team)}_${clean(request.name)}`.slice(0, max - tail.length);
  return head + tail;
}

/** The Kubernetes namespace of a request: `<team>-<name>`, a DNS label of at most 63 characters. */
export function namespaceName(request: Pick<ProvisionedRequest, "team" | "name">): string {
  return `${request.team}-${request.name}`.slice(0, 63).replace(/-+$/, "");
}

export const IDENTIFIER = /^[a-z][a-z0-9_]{0,62}$/;
