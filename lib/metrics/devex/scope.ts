import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { forbidden, notFound } from "@/lib/errors";
import { ORG_SCOPE } from "../schemas";

/**
 * Whose results a view covers. `teamIds` null is every team. `detail` says
 * whether the view may go below the organisation-wide summary (per-item
 * distributions, per-team rows, comments): managers and admins only.
 */
export type DevexScope = {
  kind: "org" | "mine" | "team";
  label: string;
  /** The `team` filter this scope answers to: `*`, a team name, or null for "my teams". */
  team: string | null;
  teamIds: string[] | null;
  detail: boolean;
};

/**
 * Developers see the organisation-wide summary; managers that and their own
 * teams; admins every team. Without a choice a manager sees their teams, everyone else the organisation.
 */
export async function resolveDevexScope(actor: Actor, team: string | undefined): Promise<DevexScope> {
  assertCan(actor, "devex:read");
  const detail = can(actor.role, "devex:read-teams");
  const org: DevexScope = { kind: "org", label: "Whole organisation", team: ORG_SCOPE, teamIds: null, detail };
  if (team === ORG_SCOPE) return org;
  if (!detail) {
    if (team) throw forbidden("Developers see the organisation-wide summary; the results of a team are for its managers and the platform admins.");
    return org;
  }
  if (!team) {
    if (actor.role === "admin" || actor.teams.length === 0) return org;
    return { kind: "mine", label: `Your teams: ${actor.teams.map((t) => t.name).join(", ")}`, team: null, teamIds: actor.teams.map((t) => t.id), detail };
  }
  const mine = actor.teams.find((t) => t.name.toLowerCase() === team.toLowerCase());
  if (mine) return { kind: "team", label: `Team ${mine.name}`, team: mine.name, teamIds: [mine.id], detail };
  if (actor.role !== "admin") throw forbidden(`Managers see the results of their own teams; you are not in ${team}.`);
  const [row] = await db.execute<{ id: string; name: string }>(sql`select id, name from teams where lower(name) = ${team.toLowerCase()}`);
  if (!row) throw notFound(`No team is named ${team}.`);
  return { kind: "team", label: `Team ${row.name}`, team: row.name, teamIds: [row.id], detail };
}
