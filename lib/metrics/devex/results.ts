import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { textArray } from "@/lib/db-sql";
import { instant, isoOf } from "../sql";
import type { Window } from "../window";
import { dimensionScore, distributionOf, enpsOf, meanOf, type DimensionScore, type Distribution, type Enps, type Sums } from "./aggregate";
import { DIMENSIONS, RECOMMEND_KEY, scaleValues, type DimensionKey } from "./items";
import { inTeams } from "./platform";
import { roundStatus, type RoundHeading } from "./rounds";

/**
 * The anonymity rule, in one place: a team's answers to a round count only
 * when at least the round's threshold of its people answered. Every total
 * below is summed over such teams alone, so no total, minus the teams shown
 * beside it, gives away a smaller team's answers.
 */
const shown = sql`rt.respondents >= r.min_responses`;

export type RoundResult = RoundHeading & {
  isDemo: boolean;
  /** Teams of the scope the round asked, and those with enough answers to show. */
  teamsAsked: number;
  teamsShown: number;
  /** People who answered, in the teams shown. */
  respondents: number;
  dimensions: Record<DimensionKey, DimensionScore | null>;
  enps: Enps | null;
};

export type ItemResult = { key: string; prompt: string; dimension: string | null; scaleMax: number; mean: number | null; distribution: Distribution };

export type TeamResult = {
  team: string;
  /** Its members when the round opened. */
  asked: number;
  respondents: number;
  /** False: fewer people answered than the threshold; no figure of the team is given. */
  shown: boolean;
  dimensions: Record<DimensionKey, DimensionScore | null> | null;
  enps: Enps | null;
};

export type RoundDetail = { items: ItemResult[]; teams: TeamResult[]; comments: string[]; commentCount: number };

export const MAX_COMMENTS = 100;

type RoundRow = Omit<RoundResult, "status" | "teamsAsked" | "teamsShown" | "respondents" | "dimensions" | "enps">;

/** Rounds that have opened, overlap the window and asked at least one team of the scope, oldest first; `shown`: some of those teams have results. */
export async function roundsInScope(w: Window, teamIds: string[] | null): Promise<(RoundRow & { shown: boolean })[]> {
  return db.execute<RoundRow & { shown: boolean }>(sql`
    select r.id, r.title, ${isoOf(sql`r.opens_at`)} as "opensAt", ${isoOf(sql`r.closes_at`)} as "closesAt",
      r.min_responses as "minResponses", r.is_demo as "isDemo",
      exists (select 1 from devex_round_teams rt where rt.round_id = r.id and ${inTeams(sql`rt.team_id`, teamIds)} and ${shown}) as shown
    from devex_rounds r
    where r.opens_at <= now() and r.opens_at < ${instant(w.to)} and r.closes_at > ${instant(w.from)}
      and exists (select 1 from devex_round_teams rt where rt.round_id = r.id and ${inTeams(sql`rt.team_id`, teamIds)})
    order by r.closes_at, r.id`);
}

type SumsRow = Sums & { roundId: string; dimension: string };

/**
 * Per round and dimension (the recommendation counts as one), the answers of
 * the scope's teams that are shown. The tallies of the teams shown are added
 * up per item and value first: for the whole organisation that is some 700
 * rows out of 50,000 to match with their items, instead of all of them.
 */
async function dimensionSums(roundIds: string[], teamIds: string[] | null, groupByTeam: boolean) {
  const team = groupByTeam ? sql`t.team_id` : sql`null::uuid`;
  return db.execute<SumsRow & { teamId: string | null }>(sql`
    with shown_tallies as (
      select t.round_id, ${team} as team_id, t.item_key, t.value, sum(t.count) as count
      from devex_tallies t
      join devex_round_teams rt on rt.round_id = t.round_id and rt.team_id = t.team_id
      join devex_rounds r on r.id = t.round_id
      where t.round_id = any(${textArray(roundIds)}::uuid[]) and ${inTeams(sql`t.team_id`, teamIds)} and ${shown}
      group by 1, 2, 3, 4
    )
    select t.round_id as "roundId", t.team_id as "teamId", i.dimension,
      sum(t.count)::int as answers,
      sum(t.value * t.count)::int as total,
      coalesce(sum(t.count) filter (where i.scale_max = 5 and t.value >= 4), 0)::int as favourable,
      coalesce(sum(t.count) filter (where i.scale_max = 10 and t.value >= 9), 0)::int as promoters,
      coalesce(sum(t.count) filter (where i.scale_max = 10 and t.value <= 6), 0)::int as detractors
    from shown_tallies t
    join devex_round_items i on i.round_id = t.round_id and i.key = t.item_key
    where i.dimension is not null
    group by 1, 2, 3`);
}

function scoresOf(rows: SumsRow[]): { dimensions: Record<DimensionKey, DimensionScore | null>; enps: Enps | null } {
  const by = new Map(rows.map((r) => [r.dimension, r]));
  return {
    dimensions: Object.fromEntries(DIMENSIONS.map((d) => [d.key, dimensionScore(by.get(d.key))])) as Record<DimensionKey, DimensionScore | null>,
    enps: enpsOf(by.get("recommend")),
  };
}

/** Each round's scores for the scope: the trend across rounds. */
export async function roundResults(rounds: (RoundRow & { shown?: boolean })[], teamIds: string[] | null, now = new Date()): Promise<RoundResult[]> {
  if (rounds.length === 0) return [];
  const ids = rounds.map((r) => r.id);
  const [counts, sums] = await Promise.all([
    db.execute<{ roundId: string; asked: number; shown: number; respondents: number }>(sql`
      select rt.round_id as "roundId", count(*)::int as asked, count(*) filter (where ${shown})::int as shown,
        coalesce(sum(rt.respondents) filter (where ${shown}), 0)::int as respondents
      from devex_round_teams rt join devex_rounds r on r.id = rt.round_id
      where rt.round_id = any(${textArray(ids)}::uuid[]) and ${inTeams(sql`rt.team_id`, teamIds)}
      group by 1`),
    dimensionSums(ids, teamIds, false),
  ]);
  return rounds.map(({ shown: _, ...round }) => {
    const c = counts.find((x) => x.roundId === round.id);
    return {
      ...round,
      status: roundStatus(new Date(round.opensAt), new Date(round.closesAt), now),
      teamsAsked: c?.asked ?? 0,
      teamsShown: c?.shown ?? 0,
      respondents: c?.respondents ?? 0,
      ...scoresOf(sums.filter((s) => s.roundId === round.id)),
    };
  });
}

/** What a manager or an admin reads below the summary for one round: items, teams and comments, never a person's answers. */
export async function roundDetail(roundId: string, teamIds: string[] | null): Promise<RoundDetail> {
  const scope = inTeams(sql`rt.team_id`, teamIds);
  const [items, tallies, teams, teamSums, comments] = await Promise.all([
    db.execute<{ key: string; prompt: string; dimension: string | null; scaleMax: number }>(sql`
      select key, prompt, dimension, scale_max as "scaleMax" from devex_round_items where round_id = ${roundId} order by position`),
    db.execute<{ itemKey: string; value: number; count: number }>(sql`
      select t.item_key as "itemKey", t.value, sum(t.count)::int as count
      from devex_tallies t
      join devex_round_teams rt on rt.round_id = t.round_id and rt.team_id = t.team_id
      join devex_rounds r on r.id = t.round_id
      where t.round_id = ${roundId} and ${scope} and ${shown}
      group by 1, 2`),
    db.execute<{ teamId: string; team: string; asked: number; respondents: number; shown: boolean }>(sql`
      select rt.team_id as "teamId", tm.name as team, rt.asked, rt.respondents, ${shown} as shown
      from devex_round_teams rt join devex_rounds r on r.id = rt.round_id join teams tm on tm.id = rt.team_id
      where rt.round_id = ${roundId} and ${scope}
      order by tm.name`),
    dimensionSums([roundId], teamIds, true),
    // Shuffled by a hash of the response id: neither the order of answering nor a name comes with a comment.
    db.execute<{ comment: string; total: number }>(sql`
      select x.comment, count(*) over ()::int as total
      from devex_responses x
      join devex_round_teams rt on rt.round_id = x.round_id and rt.team_id = x.team_id
      join devex_rounds r on r.id = x.round_id
      where x.round_id = ${roundId} and x.comment is not null and ${scope} and ${shown}
      order by md5(x.id::text)
      limit ${MAX_COMMENTS}`),
  ]);
  return {
    items: items.map((item) => {
      const counts = new Map(tallies.filter((t) => t.itemKey === item.key).map((t) => [t.value, t.count]));
      const distribution = distributionOf(scaleValues(item.scaleMax), counts);
      return { ...item, mean: item.key === RECOMMEND_KEY ? null : meanOf(distribution), distribution };
    }),
    teams: teams.map((t) => {
      const scores = t.shown ? scoresOf(teamSums.filter((s) => s.teamId === t.teamId)) : null;
      return { team: t.team, asked: t.asked, respondents: t.respondents, shown: t.shown, dimensions: scores?.dimensions ?? null, enps: scores?.enps ?? null };
    }),
    comments: comments.map((c) => c.comment),
    commentCount: comments[0]?.total ?? 0,
  };
}
