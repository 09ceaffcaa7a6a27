import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { textArray } from "@/lib/db-sql";
import { instant } from "../sql";
import { isoWeekStart, utcDate, weeksOf, type Window } from "../window";
import { refreshPlatformSummaries } from "./facts";

export const REQUEST_KINDS = ["database", "namespace", "environment"] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export type Percentiles = { p50Hours: number | null; p90Hours: number | null; count: number };

export type KindFigures = {
  kind: RequestKind | "all";
  total: number;
  /** Reached ready (and may have been decommissioned since). */
  delivered: number;
  waiting: number;
  inProgress: number;
  rejected: number;
  cancelled: number;
  failed: number;
  selfServed: number;
  timeToReady: Percentiles;
};

/**
 * One ISO week of the window. The request figures are those of the requests
 * submitted that week (as for the window's); the first-deployment figures those
 * of the developers who first signed in that week.
 */
export type PlatformWeek = {
  week: string;
  requests: number;
  selfServiceRate: number | null;
  medianReadyHours: number | null;
  p90ReadyHours: number | null;
  /** Of the week's requests decided by an approver; those still waiting have no wait yet. */
  medianApprovalHours: number | null;
  p90ApprovalHours: number | null;
  provisioningRuns: number;
  /** Failed runs of all that ended; a failed run retried to ready is one of each. */
  provisioningFailureRate: number | null;
  activeUsers: number;
  teamsUsing: number;
  newcomers: number;
  newcomersDeployed: number;
  medianFirstDeploymentDays: number | null;
};

export type PlatformFigures = {
  /** Requests submitted in the window, per kind and in all ("all" first). */
  kinds: KindFigures[];
  /**
   * Of the requests submitted in the window that have an outcome (delivered,
   * rejected or failed; not those still open or cancelled by the requester),
   * the share delivered with no person acting between submission and ready.
   */
  selfService: { rate: number | null; selfServed: number; decided: number };
  approvalWait: Percentiles & { stillWaiting: number };
  /** Provisioning runs that ended failed, of all that ended (a failed run retried to ready is one of each). */
  provisioningFailures: { rate: number | null; failed: number; runs: number };
  /** People active per ISO week of the window: on average, and in the busiest week. */
  activeUsers: { averagePerWeek: number; peakWeek: number };
  teamsUsing: { teams: number; of: number };
  /** Developers who first signed in during the window: how long until their team's first production deployment after that. */
  timeToFirstDeployment: { newcomers: number; deployed: number; p50Days: number | null; p90Days: number | null };
  weeks: PlatformWeek[];
};

/** A team filter on a uuid column; null is every team. */
export function inTeams(column: SQL, teamIds: readonly string[] | null): SQL {
  if (teamIds === null) return sql`true`;
  if (teamIds.length === 0) return sql`false`;
  return sql`${column} = any(${textArray(teamIds)}::uuid[])`;
}

const hours = (seconds: number | null) => (seconds === null ? null : seconds / 3600);
const ratio = (part: number, whole: number) => (whole ? part / whole : null);

type Counts = {
  total: number;
  delivered: number;
  waiting: number;
  inProgress: number;
  rejected: number;
  cancelled: number;
  failed: number;
  selfServed: number;
  decided: number;
  readyCount: number;
  approvals: number;
  runs: number;
  failedRuns: number;
};

type Percentiles2 = [p50: number, p90: number] | null;

type WeekRow = { week: string; total: number; selfServed: number; decided: number; ready: Percentiles2; approval: Percentiles2; runs: number; failedRuns: number; teams: number };

type FirstDeployments = { newcomers: number; deployed: number; days: Percentiles2 };

const NO_NEWCOMERS: FirstDeployments = { newcomers: 0, deployed: 0, days: null };

const inWindow = (w: Window, teamIds: string[] | null) =>
  sql`created_at >= ${instant(w.from)} and created_at < ${instant(w.to)} and ${inTeams(sql`team_id`, teamIds)}`;

/** The window's request facts counted per kind (one hashed pass), and how many teams submitted any. */
async function kindCounts(w: Window, teamIds: string[] | null): Promise<{ byKind: Map<RequestKind, Counts>; teams: number }> {
  const [rows, [{ teams }]] = await Promise.all([
    db.execute<Counts & { kind: RequestKind }>(sql`
      select kind,
        count(*)::int as total,
        count(*) filter (where outcome = 'delivered')::int as delivered,
        count(*) filter (where outcome = 'waiting')::int as waiting,
        count(*) filter (where outcome = 'in_progress')::int as "inProgress",
        count(*) filter (where outcome = 'rejected')::int as rejected,
        count(*) filter (where outcome = 'cancelled')::int as cancelled,
        count(*) filter (where outcome = 'failed')::int as failed,
        count(*) filter (where self_served)::int as "selfServed",
        count(*) filter (where outcome in ('delivered', 'rejected', 'failed'))::int as decided,
        count(ready_seconds)::int as "readyCount",
        count(approval_seconds)::int as approvals,
        coalesce(sum(provisioning_runs), 0)::int as runs,
        coalesce(sum(failed_runs), 0)::int as "failedRuns"
      from devex_request_facts
      where ${inWindow(w, teamIds)}
      group by kind`),
    db.execute<{ teams: number }>(sql`
      select count(*)::int as teams from teams t
      where ${inTeams(sql`t.id`, teamIds)}
        and exists (select 1 from devex_request_facts f where f.team_id = t.id and f.created_at >= ${instant(w.from)} and f.created_at < ${instant(w.to)})`),
  ]);
  return { byKind: new Map(rows.map((r) => [r.kind, r])), teams };
}

/** p50 and p90 of the time to ready in all and per kind, and of the wait for approval; FILTER needs no sort by kind. */
async function percentiles(w: Window, teamIds: string[] | null): Promise<{ ready: Record<RequestKind | "all", Percentiles2>; approval: Percentiles2 }> {
  const p = (column: SQL, only: SQL = sql`true`) => sql`percentile_cont(array[0.5, 0.9]) within group (order by ${column}) filter (where ${only})`;
  const [row] = await db.execute<{ all: Percentiles2; approval: Percentiles2 } & Record<RequestKind, Percentiles2>>(sql`
    select ${p(sql`ready_seconds`)} as all,
      ${sql.join(
        REQUEST_KINDS.map((k) => sql`${p(sql`ready_seconds`, sql`kind = ${k}`)} as ${sql.identifier(k)}`),
        sql`, `,
      )},
      ${p(sql`approval_seconds`)} as approval
    from devex_request_facts
    where ${inWindow(w, teamIds)} and (ready_seconds is not null or approval_seconds is not null)`);
  return { ready: row, approval: row.approval };
}

/** Every weekly request figure in one pass over the week index, which holds all the columns read (no visit to the table). */
async function weekFigures(w: Window, teamIds: string[] | null): Promise<WeekRow[]> {
  return db.execute<WeekRow>(sql`
    select to_char(week, 'YYYY-MM-DD') as week,
      count(*)::int as total,
      count(*) filter (where self_served)::int as "selfServed",
      count(*) filter (where outcome in ('delivered', 'rejected', 'failed'))::int as decided,
      percentile_cont(array[0.5, 0.9]) within group (order by ready_seconds) as ready,
      percentile_cont(array[0.5, 0.9]) within group (order by approval_seconds) as approval,
      coalesce(sum(provisioning_runs), 0)::int as runs,
      coalesce(sum(failed_runs), 0)::int as "failedRuns",
      count(distinct team_id)::int as teams
    from devex_request_facts
    where week >= ${utcDate(isoWeekStart(w.from))}::date and week < ${utcDate(w.to)}::date and ${inWindow(w, teamIds)}
    group by week`);
}

/** People who signed in or changed something (anything the audit log records) in each ISO week that overlaps the window. */
async function activeUsers(w: Window, teamIds: string[] | null): Promise<Map<string, number>> {
  const member = teamIds === null ? sql`true` : sql`user_id in (select user_id from memberships where ${inTeams(sql`team_id`, teamIds)})`;
  const rows = await db.execute<{ week: string; users: number }>(sql`
    select to_char(week, 'YYYY-MM-DD') as week, count(*)::int as users
    from devex_active_weeks
    where week >= ${utcDate(isoWeekStart(w.from))}::date and week < ${utcDate(w.to)}::date and ${member}
    group by week`);
  return new Map(rows.map((r) => [r.week, r.users]));
}

/**
 * A newcomer is a developer who first signed in during the window: managers and
 * admins do not ship, so their sign-ins would only dilute the figure. Their
 * first production deployment is the first successful one, at or after their
 * first sign-in, of a service one of their teams owns: deployment events name a
 * service, not a person, and a service's team is the Group that owns its
 * catalog Component (as for DORA, lib/metrics/scope.ts).
 */
async function timeToFirstDeployment(w: Window, teamIds: string[] | null): Promise<{ window: FirstDeployments; byWeek: Map<string, FirstDeployments> }> {
  const member = teamIds === null ? sql`true` : sql`exists (select 1 from memberships m where m.user_id = u.id and ${inTeams(sql`m.team_id`, teamIds)})`;
  // Per newcomer and service of their teams, only the first deployment after the sign-in is read (the index gives it first).
  // The rollup adds the window's row (week null) to those of the weeks of first sign-in, from the one pass.
  const rows = await db.execute<FirstDeployments & { week: string | null }>(sql`
    with team_services as (
      select t.id as team_id, e.name as service
      from teams t join catalog_entities e on e.owner_ref = 'group:default/' || lower(t.name) and lower(e.kind) = 'component'
    ), newcomers as (
      select u.id, u.first_sign_in_at, date_trunc('week', u.first_sign_in_at at time zone 'UTC') as week, min(d.deployed_at) as first_deploy
      from users u
      left join memberships m on m.user_id = u.id
      left join team_services ts on ts.team_id = m.team_id
      left join lateral (
        select d.deployed_at from dora_deployments d
        where d.environment = 'production' and d.status = 'success' and d.service = ts.service and d.deployed_at >= u.first_sign_in_at
        order by d.deployed_at limit 1
      ) d on true
      where u.role = 'developer' and u.first_sign_in_at >= ${instant(w.from)} and u.first_sign_in_at < ${instant(w.to)} and ${member}
      group by u.id, u.first_sign_in_at
    )
    select to_char(week, 'YYYY-MM-DD') as week, count(*)::int as newcomers, count(first_deploy)::int as deployed,
      percentile_cont(array[0.5, 0.9]) within group (order by extract(epoch from first_deploy - first_sign_in_at) / 86400) as days
    from newcomers
    group by rollup (week)`);
  const byWeek = new Map(rows.flatMap((r) => (r.week === null ? [] : [[r.week, r] as const])));
  // A rollup has its total row even with no newcomers at all.
  return { window: rows.find((r) => r.week === null)!, byWeek };
}

async function teamCount(teamIds: string[] | null): Promise<number> {
  if (teamIds !== null) return teamIds.length;
  const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from teams`);
  return row.n;
}

const NO_COUNTS: Counts = { total: 0, delivered: 0, waiting: 0, inProgress: 0, rejected: 0, cancelled: 0, failed: 0, selfServed: 0, decided: 0, readyCount: 0, approvals: 0, runs: 0, failedRuns: 0 };

function sumCounts(rows: Counts[]): Counts {
  const total = { ...NO_COUNTS };
  for (const r of rows) for (const key of Object.keys(total) as (keyof Counts)[]) total[key] += r[key];
  return total;
}

function figuresOf(kind: KindFigures["kind"], c: Counts, ready: Percentiles2): KindFigures {
  return {
    kind,
    total: c.total,
    delivered: c.delivered,
    waiting: c.waiting,
    inProgress: c.inProgress,
    rejected: c.rejected,
    cancelled: c.cancelled,
    failed: c.failed,
    selfServed: c.selfServed,
    timeToReady: { p50Hours: hours(ready?.[0] ?? null), p90Hours: hours(ready?.[1] ?? null), count: c.readyCount },
  };
}

/** The platform's own figures for a window and a set of teams (null: every team), from Runway's data. */
export async function platformFigures(w: Window, teamIds: string[] | null): Promise<PlatformFigures> {
  await refreshPlatformSummaries();
  const [{ byKind, teams }, pct, weekRows, active, firstDeployments, of] = await Promise.all([
    kindCounts(w, teamIds),
    percentiles(w, teamIds),
    weekFigures(w, teamIds),
    activeUsers(w, teamIds),
    timeToFirstDeployment(w, teamIds),
    teamCount(teamIds),
  ]);
  const all = sumCounts([...byKind.values()]);
  const byWeek = new Map(weekRows.map((r) => [r.week, r]));
  const weeks = weeksOf(w).map(({ start }): PlatformWeek => {
    const key = utcDate(start);
    const r = byWeek.get(key);
    const newcomers = firstDeployments.byWeek.get(key) ?? NO_NEWCOMERS;
    return {
      week: key,
      requests: r?.total ?? 0,
      selfServiceRate: r ? ratio(r.selfServed, r.decided) : null,
      medianReadyHours: hours(r?.ready?.[0] ?? null),
      p90ReadyHours: hours(r?.ready?.[1] ?? null),
      medianApprovalHours: hours(r?.approval?.[0] ?? null),
      p90ApprovalHours: hours(r?.approval?.[1] ?? null),
      provisioningRuns: r?.runs ?? 0,
      provisioningFailureRate: r ? ratio(r.failedRuns, r.runs) : null,
      activeUsers: active.get(key) ?? 0,
      teamsUsing: r?.teams ?? 0,
      newcomers: newcomers.newcomers,
      newcomersDeployed: newcomers.deployed,
      medianFirstDeploymentDays: newcomers.days?.[0] ?? null,
    };
  });
  const { newcomers, deployed, days } = firstDeployments.window;
  const perWeek = weeks.map((wk) => wk.activeUsers);
  return {
    kinds: [figuresOf("all", all, pct.ready.all), ...REQUEST_KINDS.map((k) => figuresOf(k, byKind.get(k) ?? NO_COUNTS, pct.ready[k]))],
    selfService: { rate: ratio(all.selfServed, all.decided), selfServed: all.selfServed, decided: all.decided },
    approvalWait: { p50Hours: hours(pct.approval?.[0] ?? null), p90Hours: hours(pct.approval?.[1] ?? null), count: all.approvals, stillWaiting: all.waiting },
    provisioningFailures: { rate: ratio(all.failedRuns, all.runs), failed: all.failedRuns, runs: all.runs },
    activeUsers: { averagePerWeek: perWeek.length ? perWeek.reduce((a, b) => a + b, 0) / perWeek.length : 0, peakWeek: Math.max(0, ...perWeek) },
    teamsUsing: { teams, of },
    timeToFirstDeployment: { newcomers, deployed, p50Days: days?.[0] ?? null, p90Days: days?.[1] ?? null },
    weeks,
  };
}
