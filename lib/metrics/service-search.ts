import "server-only";
import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { textArray } from "@/lib/db-sql";
import { afterCursor, nameSearch, nameSearchQuery, pageOf } from "@/lib/name-search";
import { read } from "./read";
import { doraQuerySchema } from "./schemas";
import { ownersOf, resolveScope } from "./scope";

/** The DORA service picker: `team` as the dashboard takes it, to search the services of that view. */
export const doraServiceSearchQuery = nameSearchQuery.extend({ team: doraQuerySchema.shape.team });

export type DoraServiceSuggestion = { name: string; team: string | null };

/**
 * The services the dashboard's service filter may offer for the chosen team,
 * matching what was typed: a team's Components, or with the whole organisation
 * in view every service that has sent events, including those no Component
 * owns yet ("unowned"), which the catalog's own search cannot find.
 */
export async function searchDoraServices(actor: Actor, input: z.infer<typeof doraServiceSearchQuery>): Promise<{ items: DoraServiceSuggestion[]; nextCursor: string | null }> {
  const scope = await resolveScope(actor, { team: input.team, environment: "production" });
  const services = scope.services === null ? sql`select name from dora_services` : sql`select unnest(${textArray(scope.services)}) as name`;
  const { where, rank } = nameSearch(input.q, [sql`s.name`]);
  const rows = await read<{ name: string; rank: number }>(sql`
    select x.name, x.rank from (select s.name, ${rank} as rank from (${services}) s where ${where}) x
    where ${afterCursor(input.cursor)}
    order by x.rank, x.name
    limit ${input.limit + 1}`);
  const { rows: page, nextCursor } = pageOf(rows, input.limit);
  const owners = await ownersOf(page.map((r) => r.name));
  return { items: page.map((r) => ({ name: r.name, team: owners.get(r.name) ?? null })), nextCursor };
}
