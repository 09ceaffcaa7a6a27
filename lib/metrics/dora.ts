import "server-only";
import { sql } from "drizzle-orm";
import type { Actor } from "@/lib/auth/actor";
import { validationFailed } from "@/lib/errors";
import { leadTimeBySegment, type LeadStats, type Segment } from "./lead-time";
import { read, unionAll } from "./read";
import type { DoraQuery } from "./schemas";
import { resolveScope, type DoraScope } from "./scope";
import { inServices, instant } from "./sql";
import { changeFailureRateTier, deploymentFrequencyTier, leadTimeTier, timeToRestoreTier, type Tier } from "./tiers";
import { isoWeekStart, MAX_WINDOW_DAYS, median, utcDate, weeksOf, windowDays, windowOf, type Window } from "./window";

/** The answer of GET /api/v1/metrics/dora (shared/API.md), with the counts behind each figure. */
export type DoraKeys = {
  window: { from: string; to: string };
  deploymentFrequency: { deploymentsPerDay: number | null; deployDays: number | null; deployments: number; medianDeployDaysPerWeek: number | null; tier: Tier | null };
  leadTimeForChanges: { medianHours: number | null; p90Hours: number | null; changes: number; tier: Tier | null };
  changeFailureRate: { ratio: number | null; failedDeployments: number; deployments: number; tier: Tier | null };
  timeToRestore: { medianHours: number | null; incidents: number; tier: Tier | null };
};

/** One UTC day with at least one counted deployment. */
export type DeployDay = { day: string; deployments: number; failed: number };
export type RestoreStats = { incidents: number; medianHours: number | null };

const round = (n: number | null, digits: number) => (n === null ? null : Number(n.toFixed(digits)));

/**
 * Counted deployments (successful, to the scope's environment) per UTC day.
 * `failed` counts those that caused an incident: an incident of the service
 * names one of the deployment's commits as its cause.
 */
export async function deploymentDays(scope: DoraScope, w: Window): Promise<DeployDay[]> {
  return read<DeployDay>(sql`
    select to_char(day, 'YYYY-MM-DD') as day, deployments, failed from (
      select (deployed_at at time zone 'UTC')::date as day, count(*)::int as deployments, count(*) filter (where caused_incident)::int as failed
      from dora_deployments
      where status = 'success' and environment = ${scope.environment}
        and deployed_at >= ${instant(w.from)} and deployed_at < ${instant(w.to)} and ${inServices(sql`service`, scope.services)}
      group by 1
    ) d
    order by 1`);
}

/** Median hours from opened to resolved, over the incidents resolved in each segment. */
export async function restoreTimes(scope: DoraScope, segments: Segment[]): Promise<Map<string, RestoreStats>> {
  const rows = await read<{ key: string; incidents: number; seconds: number | null }>(
    unionAll(
      segments.map(
        (s) => sql`
          select ${s.key}::text as key, count(*)::int as incidents, percentile_cont(0.5) within group (order by extract(epoch from resolved_at - opened_at)) as seconds
          from dora_incidents
          where resolved_at >= ${instant(s.from)} and resolved_at < ${instant(s.to)} and ${inServices(sql`service`, scope.services)}`,
      ),
    ),
  );
  return new Map(rows.map((r) => [r.key, { incidents: r.incidents, medianHours: r.seconds === null ? null : r.seconds / 3600 }]));
}

/** Deployment days per ISO week of the window (weeks without one count as 0). */
export function deployDaysPerWeek(w: Window, days: string[]): number[] {
  const perWeek = new Map<string, number>();
  for (const d of days) {
    const week = utcDate(isoWeekStart(new Date(d)));
    perWeek.set(week, (perWeek.get(week) ?? 0) + 1);
  }
  return weeksOf(w).map((week) => perWeek.get(utcDate(week.start)) ?? 0);
}

/** What the deployment frequency and change failure rate of a window are made of. */
export type DeploySummary = { deployments: number; failed: number; deployDays: number; deployDaysPerWeek: number[] };

export function summarizeDays(w: Window, days: DeployDay[]): DeploySummary {
  return {
    deployments: days.reduce((n, d) => n + d.deployments, 0),
    failed: days.reduce((n, d) => n + d.failed, 0),
    deployDays: days.length,
    deployDaysPerWeek: deployDaysPerWeek(w, days.map((d) => d.day)),
  };
}

/** The four keys of one window from their ingredients; a key without data is null with tier null, never a made-up number. */
export function keysFrom(w: Window, d: DeploySummary, lead: LeadStats, restore: RestoreStats): DoraKeys {
  const perDay = d.deployments ? d.deployments / windowDays(w) : null;
  const weekMedian = d.deployments ? median(d.deployDaysPerWeek) : null;
  const ratio = d.deployments ? d.failed / d.deployments : null;
  return {
    window: { from: w.from.toISOString(), to: w.to.toISOString() },
    deploymentFrequency: {
      deploymentsPerDay: round(perDay, 3),
      deployDays: d.deployments ? d.deployDays : null,
      deployments: d.deployments,
      medianDeployDaysPerWeek: weekMedian,
      tier: weekMedian === null ? null : deploymentFrequencyTier(weekMedian, d.deployments, windowDays(w)),
    },
    leadTimeForChanges: {
      medianHours: round(lead.medianHours, 2),
      p90Hours: round(lead.p90Hours, 2),
      changes: lead.pairs,
      tier: lead.medianHours === null ? null : leadTimeTier(lead.medianHours),
    },
    changeFailureRate: { ratio: round(ratio, 4), failedDeployments: d.failed, deployments: d.deployments, tier: ratio === null ? null : changeFailureRateTier(ratio) },
    timeToRestore: {
      medianHours: round(restore.medianHours, 2),
      incidents: restore.incidents,
      tier: restore.medianHours === null ? null : timeToRestoreTier(restore.medianHours),
    },
  };
}

export async function doraKeys(scope: DoraScope, w: Window): Promise<DoraKeys> {
  const segment = [{ key: "window", ...w }];
  const [days, lead, restore] = await Promise.all([
    deploymentDays(scope, w),
    leadTimeBySegment(scope.environment, scope.services, segment),
    restoreTimes(scope, segment),
  ]);
  return keysFrom(w, summarizeDays(w, days), lead.get("window")!, restore.get("window")!);
}

export function checkedWindow(q: Pick<DoraQuery, "from" | "to">): Window {
  const w = windowOf(q);
  if (w.from >= w.to) throw validationFailed("The window is empty: from must be before to.", { from: "must be before to" });
  if (windowDays(w) > MAX_WINDOW_DAYS) throw validationFailed(`The window may span at most ${MAX_WINDOW_DAYS} days.`, { from: `must be at most ${MAX_WINDOW_DAYS} days before to` });
  return w;
}

/** The four keys for a team, a service or the whole organisation, as the actor may see them. */
export async function computeDoraKeys(actor: Actor, q: DoraQuery): Promise<DoraKeys & { scope: { label: string; team: string | null; service: string | null; environment: string } }> {
  const w = checkedWindow(q);
  const scope = await resolveScope(actor, q);
  const keys = await doraKeys(scope, w);
  return { ...keys, scope: { label: scope.label, team: scope.team, service: scope.service, environment: scope.environment } };
}
