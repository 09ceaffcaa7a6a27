import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { textArray } from "@/lib/db-sql";
import { afterCursor, nameSearch, pageOf, type NameSearchQuery } from "@/lib/name-search";
import { assertCan, type Actor } from "./actor";
import { can } from "./permissions";

export type TeamSuggestion = { name: string; displayName: string; members: number };

/**
 * Runway's teams (from SSO groups) whose name or display name matches what was
 * typed, best first: the team pickers of the DORA and DevEx dashboards and of
 * a survey round. Whoever may look at any team's figures or ask any team in a
 * round (managers, admins) searches every team; others only their own.
 * `members` counts the members who are not managers: the people a round asks.
 */
export async function searchTeams(actor: Actor, input: NameSearchQuery): Promise<{ items: TeamSuggestion[]; nextCursor: string | null }> {
  assertCan(actor, "portal:use");
  const everyTeam = can(actor.role, "metrics:read-org") || can(actor.role, "devex:manage");
  const visible = everyTeam ? sql`true` : sql`t.name = any(${textArray(actor.teams.map((t) => t.name))})`;
  const { where, rank } = nameSearch(input.q, [sql`t.name`, sql`t.display_name`]);
  const rows = await db.execute<TeamSuggestion & { rank: number }>(sql`
    with page as (
      select x.* from (select t.id, t.name, t.display_name, ${rank} as rank from teams t where ${visible} and ${where}) x
      where ${afterCursor(input.cursor)}
      order by x.rank, x.name
      limit ${input.limit + 1}
    )
    select p.name, p.display_name as "displayName", p.rank,
      (select count(*) from memberships m where m.team_id = p.id and m.role = 'member')::int as members
    from page p
    order by p.rank, p.name`);
  const { rows: items, nextCursor } = pageOf([...rows], input.limit);
  return { items: items.map(({ name, displayName, members }) => ({ name, displayName, members })), nextCursor };
}
