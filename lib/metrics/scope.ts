import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { forbidden, notFound } from "@/lib/errors";
import { ORG_SCOPE, type DoraQuery } from "./schemas";
import { textArray } from "@/lib/db-sql";

/**
 * Which services a view covers. A service is the catalog Component of that
 * name; its team is the Group that owns it (the Component's spec.owner), in
 * the default namespace, whose name is one of Runway's team names.
 */
export type DoraScope = {
  label: string;
  team: string | null;
  service: string | null;
  /** null: every service, owned or not. */
  services: string[] | null;
  environment: string;
};

/** The catalog's key of the Group a team name stands for, as lib/catalog stores owner references. */
const groupRef = (team: string) => `group:default/${team.toLowerCase()}`;

/** The team that owns each service, or null for a service no Component (or no Group) owns: "unowned". */
export async function ownersOf(services: string[]): Promise<Map<string, string | null>> {
  if (services.length === 0) return new Map();
  const rows = await db.execute<{ service: string; owner: string | null }>(sql`
    select s.service, (
      select e.owner_ref from catalog_entities e
      where e.name = s.service and lower(e.kind) = 'component'
      order by e.namespace <> 'default', e.namespace
      limit 1
    ) as owner
    from unnest(${textArray(services)}) as s(service)`);
  return new Map(rows.map((r) => [r.service, r.owner?.startsWith("group:") ? r.owner.slice(r.owner.indexOf("/") + 1) : null]));
}

/** The Components the teams own, by name. */
export async function servicesOwnedBy(teams: string[]): Promise<string[]> {
  if (teams.length === 0) return [];
  const rows = await db.execute<{ name: string }>(sql`
    select distinct e.name from catalog_entities e
    where e.owner_ref = any(${textArray(teams.map(groupRef))}) and lower(e.kind) = 'component'
    order by e.name`);
  return rows.map((r) => r.name);
}

async function teamExists(team: string): Promise<boolean> {
  const rows = await db.execute(sql`
    select 1 from teams where lower(name) = ${team.toLowerCase()}
    union all
    select 1 from catalog_entities where ref = ${groupRef(team)}
    limit 1`);
  return rows.length > 0;
}

const isMember = (actor: Actor, team: string | null) => team !== null && actor.teams.some((t) => t.name.toLowerCase() === team.toLowerCase());

/**
 * Admins and managers may look at any team, service or the whole organisation;
 * developers at their own teams and the services those teams own. Without a
 * choice: admins see the organisation, everyone else their own teams.
 */
export async function resolveScope(actor: Actor, q: Pick<DoraQuery, "team" | "service" | "environment">): Promise<DoraScope> {
  assertCan(actor, "metrics:read");
  const wide = can(actor.role, "metrics:read-org");
  const base = { environment: q.environment, team: null, service: null };
  if (q.service) {
    if (!wide) {
      const owner = (await ownersOf([q.service])).get(q.service) ?? null;
      if (!isMember(actor, owner)) throw forbidden(`You can see the DORA metrics of your own teams' services; ${q.service} is not owned by one of your teams.`);
    }
    return { ...base, label: `Service ${q.service}`, team: q.team && q.team !== ORG_SCOPE ? q.team : null, service: q.service, services: [q.service] };
  }
  if (q.team === ORG_SCOPE || (!q.team && actor.role === "admin")) {
    if (!wide) throw forbidden("Only managers and admins can see the whole organisation's DORA metrics; choose one of your teams.");
    return { ...base, label: "Whole organisation", services: null };
  }
  if (q.team) {
    if (!wide && !isMember(actor, q.team)) throw forbidden(`You can see the DORA metrics of your own teams; you are not in ${q.team}.`);
    const [exists, services] = await Promise.all([teamExists(q.team), servicesOwnedBy([q.team])]);
    if (!exists) throw notFound(`No team (catalog Group) is named ${q.team}.`);
    return { ...base, label: `Team ${q.team}`, team: q.team, services };
  }
  const mine = actor.teams.map((t) => t.name);
  return { ...base, label: mine.length ? `Your teams: ${mine.join(", ")}` : "Your teams (you are in none)", services: await servicesOwnedBy(mine) };
}
