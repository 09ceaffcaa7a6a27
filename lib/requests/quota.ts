import type { SubmittedRequest } from "./schemas";

export type Quota = {
  maxDatabases: number;
  maxNamespaces: number;
  maxNamespaceCpuMillis: number;
  maxNamespaceMemoryMib: number;
  maxEnvironments: number;
};

export type Usage = { databases: number; namespaces: number; namespaceCpuMillis: number; namespaceMemoryMib: number; environments: number };

export const DEFAULT_QUOTA: Quota = {
  maxDatabases: 5,
  maxNamespaces: 3,
  maxNamespaceCpuMillis: 16_000,
  maxNamespaceMemoryMib: 32 * 1024,
  maxEnvironments: 2,
};

export const emptyUsage = (): Usage => ({ databases: 0, namespaces: 0, namespaceCpuMillis: 0, namespaceMemoryMib: 0, environments: 0 });

type Countable = Pick<SubmittedRequest, "kind"> & { parameters: Record<string, unknown> };

/**
 * What one request takes from its team's quota. An environment counts as a
 * namespace plus its databases, because that is what it will create.
 */
export function footprint(r: Countable): Usage {
  const u = emptyUsage();
  const ns = (p: Record<string, unknown>) => {
    u.namespaces += 1;
    u.namespaceCpuMillis += Math.round(Number(p.cpuLimit ?? 0) * 1000);
    u.namespaceMemoryMib += Math.round(Number(p.memoryLimitGi ?? 0) * 1024);
  };
  if (r.kind === "database") u.databases += 1;
  if (r.kind === "namespace") ns(r.parameters);
  if (r.kind === "environment") {
    u.environments += 1;
    ns((r.parameters.namespace ?? {}) as Record<string, unknown>);
    u.databases += Array.isArray(r.parameters.databases) ? r.parameters.databases.length : 0;
  }
  return u;
}

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    databases: a.databases + b.databases,
    namespaces: a.namespaces + b.namespaces,
    namespaceCpuMillis: a.namespaceCpuMillis + b.namespaceCpuMillis,
    namespaceMemoryMib: a.namespaceMemoryMib + b.namespaceMemoryMib,
    environments: a.environments + b.environments,
  };
}

const fmtCpu = (m: number) => {
  const cores = +(m / 1000).toFixed(1);
  return `${cores} core${cores === 1 ? "" : "s"}`;
};
const fmtMem = (m: number) => `${+(m / 1024).toFixed(2)} GiB`;

/** Every limit the request would break, each as a sentence saying by how much. */
export function quotaExcesses(team: string, after: Usage, quota: Quota): string[] {
  const out: string[] = [];
  const check = (used: number, max: number, what: string, fmt: (n: number) => string = String) => {
    if (used > max) out.push(`${team} would have ${fmt(used)} ${what} against a quota of ${fmt(max)} (${fmt(used - max)} over)`);
  };
  check(after.databases, quota.maxDatabases, "live databases");
  check(after.namespaces, quota.maxNamespaces, "live namespaces");
  check(after.namespaceCpuMillis, quota.maxNamespaceCpuMillis, "of namespace CPU", fmtCpu);
  check(after.namespaceMemoryMib, quota.maxNamespaceMemoryMib, "of namespace memory", fmtMem);
  check(after.environments, quota.maxEnvironments, "live environments");
  return out;
}
