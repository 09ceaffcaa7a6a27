import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { read } from "./read";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { checkedWindow, deploymentDays, keysFrom, restoreTimes, summarizeDays, type DeployDay, type DoraKeys, type RestoreStats } from "./dora";
import { leadTimeBySegment, leadTimeByService } from "./lead-time";
import type { DoraQuery } from "./schemas";
import { ownersOf, resolveScope, type DoraScope } from "./scope";
import { textArray } from "@/lib/db-sql";
import { inServices, instant, isoOf } from "./sql";
import type { Tier } from "./tiers";
import { addDays, previousWindow, utcDate, weeksOf, type Window } from "./window";

export type WeekRow = {
  week: string;
  deployments: number;
  deployDays: number;
  failedDeployments: number;
  changeFailureRate: number | null;
  medianLeadHours: number | null;
  p90LeadHours: number | null;
};

export type IncidentPoint = { id: string; service: string; openedAt: string; resolvedAt: string; hours: number };

export type ServiceRow = {
  service: string;
  /** null: no catalog Component of that name has a Group as owner ("unowned"). */
  team: string | null;
  deployments: number;
  deploymentsPerDay: number | null;
  deploymentTier: Tier | null;
  medianLeadHours: number | null;
  leadTier: Tier | null;
  changeFailureRate: number | null;
  failureTier: Tier | null;
  medianRestoreHours: number | null;
  restoreTier: Tier | null;
};

export type DoraDashboard = {
  scope: { label: string; team: string | null; service: string | null; environment: string };
  current: DoraKeys;
  previous: DoraKeys;
  weeks: WeekRow[];
  incidents: IncidentPoint[];
  services: ServiceRow[];
  /**
   * The team filter's own choices: the actor's teams, and with `wholeOrganisation`
   * the organisation and any team, searched as they type (services always are).
   * `defaultScope`: what the view shows with no team chosen (admins: the organisation, others: their teams).
   */
  choices: { myTeams: string[]; wholeOrganisation: boolean; defaultScope: string };
  /** Some of the services in view have the demo generator's history. */
  demo: boolean;
};

/** The TTR chart plots one point per incident; beyond this many, the latest. */
export const MAX_INCIDENT_POINTS = 300;

const hours = (seconds: number | null) => (seconds === null ? null : seconds / 3600);

/** Everything the DORA dashboard shows for one set of filters, computed from the stored events. */
export async function loadDoraDashboard(actor: Actor, q: DoraQuery): Promise<DoraDashboard> {
  const w = checkedWindow(q);
  const scope = await resolveScope(actor, q);
  const prev = previousWindow(w);
  const weeks = weeksOf(w);
  const segments = [
    { key: "current", ...w },
    { key: "previous", ...prev },
    ...weeks.map((wk) => ({ key: utcDate(wk.start), from: wk.from, to: wk.to })),
  ];
  const deployments = windowDeployments(scope, w);
  const [{ days: inCurrent }, inPrevious, lead, restore, incidents, services, demo] = await Promise.all([
    deployments,
    deploymentDays(scope, prev),
    leadTimeBySegment(scope.environment, scope.services, segments),
    restoreTimes(scope, segments.slice(0, 2)),
    incidentPoints(scope, w),
    serviceRows(scope, w, deployments),
    read(sql`select 1 from dora_services where is_demo and ${inServices(sql`name`, scope.services)} limit 1`),
  ]);
  const current = keysFrom(w, summarizeDays(w, inCurrent), lead.get("current")!, restore.get("current")!);
  const previous = keysFrom(prev, summarizeDays(prev, inPrevious), lead.get("previous")!, restore.get("previous")!);
  const weekRows = weeks.map((wk): WeekRow => {
    const key = utcDate(wk.start);
    const end = utcDate(addDays(wk.start, 7));
    const inWeek = inCurrent.filter((d) => d.day >= key && d.day < end);
    const deployments = inWeek.reduce((n, d) => n + d.deployments, 0);
    const failed = inWeek.reduce((n, d) => n + d.failed, 0);
    const l = lead.get(key)!;
    return {
      week: key,
      deployments,
      deployDays: inWeek.length,
      failedDeployments: failed,
      changeFailureRate: deployments ? failed / deployments : null,
      medianLeadHours: l.medianHours,
      p90LeadHours: l.p90Hours,
    };
  });
  return {
    scope: { label: scope.label, team: scope.team, service: scope.service, environment: scope.environment },
    current,
    previous,
    weeks: weekRows,
    incidents,
    services,
    choices: filterChoices(actor),
    demo: demo.length > 0,
  };
}

async function incidentPoints(scope: DoraScope, w: Window): Promise<IncidentPoint[]> {
  const rows = await read<{ id: string; service: string; openedAt: string; resolvedAt: string; seconds: number }>(sql`
    select id, service, ${isoOf(sql`opened_at`)} as "openedAt", ${isoOf(sql`resolved_at`)} as "resolvedAt",
      extract(epoch from resolved_at - opened_at)::float8 as seconds
    from dora_incidents
    where resolved_at >= ${instant(w.from)} and resolved_at < ${instant(w.to)} and ${inServices(sql`service`, scope.services)}
    order by resolved_at desc, id
    limit ${MAX_INCIDENT_POINTS}`);
  return rows.map((r) => ({ id: r.id, service: r.service, openedAt: r.openedAt, resolvedAt: r.resolvedAt, hours: r.seconds / 3600 })).reverse();
}

type ServiceWeek = { service: string; week: string; deployDays: number; deployments: number; failed: number };

/**
 * The window's counted deployments, read once for both uses: per UTC day for
 * the whole view (cards, weekly chart) and per service and ISO week (the table).
 */
async function windowDeployments(scope: DoraScope, w: Window): Promise<{ days: DeployDay[]; weeks: ServiceWeek[] }> {
  const rows = await read<ServiceWeek & { service: string | null }>(sql`
    with d as materialized (
      select service, (deployed_at at time zone 'UTC')::date as day, count(*)::int as n, count(*) filter (where caused_incident)::int as f
      from dora_deployments
      where status = 'success' and environment = ${scope.environment}
        and deployed_at >= ${instant(w.from)} and deployed_at < ${instant(w.to)} and ${inServices(sql`service`, scope.services)}
      group by 1, 2
    )
    select null::text as service, to_char(day, 'YYYY-MM-DD') as week, 1 as "deployDays", sum(n)::int as deployments, sum(f)::int as failed
    from d group by day
    union all
    select service, to_char(date_trunc('week', day::timestamp), 'YYYY-MM-DD'), count(*)::int, sum(n)::int, sum(f)::int
    from d group by service, date_trunc('week', day::timestamp)`);
  const days = rows.filter((r) => r.service === null).map((r) => ({ day: r.week, deployments: r.deployments, failed: r.failed }));
  return { days: days.sort((a, b) => a.day.localeCompare(b.day)), weeks: rows.filter((r): r is ServiceWeek => r.service !== null) };
}

/** Per service of the scope that has any data in the window: its four keys, sortable by any of them. */
async function serviceRows(scope: DoraScope, w: Window, deployments: Promise<{ weeks: ServiceWeek[] }>): Promise<ServiceRow[]> {
  const [{ weeks: weekly }, lead, restore] = await Promise.all([
    deployments,
    leadTimeByService(scope.environment, scope.services, w),
    read<{ service: string; incidents: number; seconds: number | null }>(sql`
      select service, count(*)::int as incidents, percentile_cont(0.5) within group (order by extract(epoch from resolved_at - opened_at)) as seconds
      from dora_incidents
      where resolved_at >= ${instant(w.from)} and resolved_at < ${instant(w.to)} and ${inServices(sql`service`, scope.services)}
      group by service`),
  ]);
  const weekIndex = new Map(weeksOf(w).map((wk, i) => [utcDate(wk.start), i]));
  const deploys = new Map<string, { deployments: number; failed: number; deployDays: number; deployDaysPerWeek: number[] }>();
  for (const r of weekly) {
    const d = deploys.get(r.service) ?? { deployments: 0, failed: 0, deployDays: 0, deployDaysPerWeek: new Array<number>(weekIndex.size).fill(0) };
    d.deployments += r.deployments;
    d.failed += r.failed;
    d.deployDays += r.deployDays;
    d.deployDaysPerWeek[weekIndex.get(r.week)!] = r.deployDays;
    deploys.set(r.service, d);
  }
  const restoreBy = new Map<string, RestoreStats>(restore.map((r) => [r.service, { incidents: r.incidents, medianHours: hours(r.seconds) }]));
  const names = [...new Set([...deploys.keys(), ...lead.keys(), ...restoreBy.keys()])].sort();
  const owners = await ownersOf(names);
  const none = { deployments: 0, failed: 0, deployDays: 0, deployDaysPerWeek: [] };
  return names.map((service) => {
    const k = keysFrom(w, deploys.get(service) ?? none, lead.get(service) ?? { pairs: 0, medianHours: null, p90Hours: null }, restoreBy.get(service) ?? { incidents: 0, medianHours: null });
    return {
      service,
      team: owners.get(service) ?? null,
      deployments: k.deploymentFrequency.deployments,
      deploymentsPerDay: k.deploymentFrequency.deploymentsPerDay,
      deploymentTier: k.deploymentFrequency.tier,
      medianLeadHours: k.leadTimeForChanges.medianHours,
      leadTier: k.leadTimeForChanges.tier,
      changeFailureRate: k.changeFailureRate.ratio,
      failureTier: k.changeFailureRate.tier,
      medianRestoreHours: k.timeToRestore.medianHours,
      restoreTier: k.timeToRestore.tier,
    };
  });
}

/** Lists that grow with the organisation (every team, every service) are never sent: the filters search them. */
function filterChoices(actor: Actor): DoraDashboard["choices"] {
  return {
    myTeams: actor.teams.map((t) => t.name),
    wholeOrganisation: can(actor.role, "metrics:read-org"),
    defaultScope: actor.role === "admin" ? "Whole organisation" : "My teams",
  };
}

/**
 * Why an incident is behind a week: a deployment of the week shipped its cause
 * (change failure rate), it was opened in the week, or it was resolved in the
 * week (time to restore). One incident can have several.
 */
export const WEEK_INCIDENT_ROLES = ["caused", "opened", "resolved"] as const;
export type WeekIncidentRole = (typeof WEEK_INCIDENT_ROLES)[number];

export type WeekIncident = {
  id: string;
  service: string;
  openedAt: string;
  resolvedAt: string | null;
  /** resolvedAt − openedAt; null while open. */
  hours: number | null;
  causeSha: string | null;
  /** The deployment that shipped the cause: the week's own for "caused", else the first in the environment; null if none did. */
  deploymentId: string | null;
  roles: WeekIncidentRole[];
};

export type WeekDetail = {
  week: string;
  deployments: { id: string; service: string; deployedAt: string; commits: number; medianLeadHours: number | null; causedIncident: boolean }[];
  deploymentsTotal: number;
  incidents: WeekIncident[];
  incidentsTotal: number;
  /** The week's time to restore: over every incident resolved in it, as the four keys count them. */
  timeToRestore: RestoreStats;
};

export const WEEK_DETAIL_LIMIT = 100;

/** The deployments behind one week of the charts, the incidents they caused, and the incidents opened or resolved in it. */
export async function loadWeekDetail(actor: Actor, q: DoraQuery, week: string): Promise<WeekDetail> {
  const w = checkedWindow(q);
  const scope = await resolveScope(actor, q);
  const start = new Date(`${week}T00:00:00Z`);
  const from = start < w.from ? w.from : start;
  const end = addDays(start, 7);
  const to = end > w.to ? w.to : end;
  const inWeek = sql`d.status = 'success' and d.environment = ${scope.environment} and d.deployed_at >= ${instant(from)} and d.deployed_at < ${instant(to)} and ${inServices(sql`d.service`, scope.services)}`;
  const between = (column: SQL) => sql`${column} >= ${instant(from)} and ${column} < ${instant(to)}`;
  const [deployments, [{ total }], incidents, restore] = await Promise.all([
    read<{ id: string; service: string; deployedAt: string; commits: number; causedIncident: boolean }>(sql`
      select d.id, d.service, ${isoOf(sql`d.deployed_at`)} as "deployedAt", d.commit_count as commits, d.caused_incident as "causedIncident"
      from dora_deployments d where ${inWeek}
      order by d.deployed_at desc, d.id limit ${WEEK_DETAIL_LIMIT}`),
    read<{ total: number }>(sql`select count(*)::int as total from dora_deployments d where ${inWeek}`),
    // Each incident once with all its roles; "caused" names the week's earliest deployment that shipped the cause.
    read<Omit<WeekIncident, "roles"> & Record<WeekIncidentRole, boolean> & { total: number }>(sql`
      with caused as (
        select distinct on (i.id) i.id, d.id as deployment_id
        from dora_deployments d
        join dora_deployment_commits dc on dc.deployment_id = d.id
        join dora_incidents i on i.service = dc.service and i.cause_sha = dc.sha
        where ${inWeek} and d.caused_incident
        order by i.id, d.deployed_at, d.id
      )
      select i.id, i.service, ${isoOf(sql`i.opened_at`)} as "openedAt", ${isoOf(sql`i.resolved_at`)} as "resolvedAt",
        extract(epoch from i.resolved_at - i.opened_at)::float8 / 3600 as hours, i.cause_sha as "causeSha",
        coalesce(c.deployment_id, first.id) as "deploymentId",
        c.id is not null as caused, ${between(sql`i.opened_at`)} as opened, coalesce(${between(sql`i.resolved_at`)}, false) as resolved,
        count(*) over ()::int as total
      from dora_incidents i
      left join caused c on c.id = i.id
      left join lateral (
        select d.id from dora_deployment_commits dc join dora_deployments d on d.id = dc.deployment_id
        where c.id is null and dc.service = i.service and dc.sha = i.cause_sha and d.status = 'success' and d.environment = ${scope.environment}
        order by d.deployed_at, d.id limit 1
      ) first on true
      where c.id is not null or (${inServices(sql`i.service`, scope.services)} and (${between(sql`i.opened_at`)} or ${between(sql`i.resolved_at`)}))
      order by i.opened_at desc, i.id
      limit ${WEEK_DETAIL_LIMIT}`),
    restoreTimes(scope, [{ key: week, from, to }]),
  ]);
  const ids = deployments.map((d) => d.id);
  const leads = ids.length
    ? await read<{ id: string; seconds: number }>(sql`
        select deployment_id as id, percentile_cont(0.5) within group (order by lead_seconds) as seconds
        from dora_lead_times
        where environment = ${scope.environment} and deployed_at >= ${instant(from)} and deployed_at < ${instant(to)}
          and deployment_id = any(${textArray(ids)})
        group by deployment_id`)
    : [];
  const leadBy = new Map(leads.map((l) => [l.id, l.seconds / 3600]));
  return {
    week,
    deployments: deployments.map((d) => ({ ...d, medianLeadHours: leadBy.get(d.id) ?? null })),
    deploymentsTotal: total,
    incidents: incidents.map((r) => {
      const { caused: _c, opened: _o, resolved: _r, total: _t, ...incident } = r;
      return { ...incident, roles: WEEK_INCIDENT_ROLES.filter((role) => r[role]) };
    }),
    incidentsTotal: incidents[0]?.total ?? 0,
    timeToRestore: restore.get(week)!,
  };
}
