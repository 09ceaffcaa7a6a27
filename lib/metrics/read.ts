import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";

/**
 * A read of the metrics views. JIT is off for it: these queries read index
 * ranges in milliseconds, but at a million deployments their estimated cost
 * crosses PostgreSQL's JIT thresholds and compiling them took seconds.
 */
export async function read<T extends Record<string, unknown>>(query: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return [...(await tx.execute(query))] as T[];
  });
}

/**
 * One query per segment, joined by UNION ALL: each branch has its bounds as
 * constants, so it reads exactly its index range (a join against a list of
 * bounds leaves the planner guessing).
 */
export function unionAll(branches: SQL[]): SQL {
  return sql.join(
    branches.map((b) => sql`(${b})`),
    sql` union all `,
  );
}
