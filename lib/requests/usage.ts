import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { teamQuotas } from "@/db/schema";
import { DEFAULT_QUOTA, type Quota, type Usage } from "./quota";

type Tx = Pick<Database, "select" | "execute">;

/**
 * The team's live footprint, summed in SQL the same way `footprint()` counts
 * one request, so that a team with thousands of requests costs one query.
 */
export async function teamUsage(tx: Tx, teamId: string): Promise<Usage> {
  const rows = await tx.execute<{ databases: string; namespaces: string; cpu: string; memory: string; environments: string }>(sql`
    select
      count(*) filter (where kind = 'database')
        + coalesce(sum(jsonb_array_length(coalesce(parameters->'databases', '[]'::jsonb))) filter (where kind = 'environment'), 0) as databases,
      count(*) filter (where kind in ('namespace', 'environment')) as namespaces,
      coalesce(sum(round(coalesce(case when kind = 'namespace' then parameters->>'cpuLimit' else parameters->'namespace'->>'cpuLimit' end, '0')::numeric * 1000))
        filter (where kind in ('namespace', 'environment')), 0) as cpu,
      coalesce(sum(round(coalesce(case when kind = 'namespace' then parameters->>'memoryLimitGi' else parameters->'namespace'->>'memoryLimitGi' end, '0')::numeric * 1024))
        filter (where kind in ('namespace', 'environment')), 0) as memory,
      count(*) filter (where kind = 'environment') as environments
    from requests
    where team_id = ${teamId} and status not in ('rejected', 'cancelled', 'decommissioned')
  `);
  const r = rows[0];
  return {
    databases: Number(r.databases),
    namespaces: Number(r.namespaces),
    namespaceCpuMillis: Number(r.cpu),
    namespaceMemoryMib: Number(r.memory),
    environments: Number(r.environments),
  };
}

export async function teamQuota(tx: Tx, teamId: string): Promise<Quota> {
  const [row] = await tx
    .select({
      maxDatabases: teamQuotas.maxDatabases,
      maxNamespaces: teamQuotas.maxNamespaces,
      maxNamespaceCpuMillis: teamQuotas.maxNamespaceCpuMillis,
      maxNamespaceMemoryMib: teamQuotas.maxNamespaceMemoryMib,
      maxEnvironments: teamQuotas.maxEnvironments,
    })
    .from(teamQuotas)
    .where(eq(teamQuotas.teamId, teamId));
  return row ?? DEFAULT_QUOTA;
}
