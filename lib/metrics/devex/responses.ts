import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { conflict, forbidden, notFound, validationFailed } from "@/lib/errors";
import { textArray } from "@/lib/db-sql";
import { isoOf } from "../sql";
import type { Tx } from "../store";
import { scaleValues, type SurveyItem } from "./items";
import { roundStatus, type RoundHeading } from "./rounds";
import type { SubmittedResponse } from "./schemas";

export type OpenRoundForMe = { id: string; title: string; closesAt: string; answered: boolean };

/**
 * The rounds open now that ask one of the actor's teams. Only members answer:
 * a team's managers read its results rather than add to them.
 */
export async function openRoundsFor(actor: Actor): Promise<OpenRoundForMe[]> {
  assertCan(actor, "devex:respond");
  return db.execute<OpenRoundForMe>(sql`
    select r.id, r.title, ${isoOf(sql`r.closes_at`)} as "closesAt",
      exists (select 1 from devex_responses x where x.round_id = r.id and x.user_id = ${actor.id}) as answered
    from devex_rounds r
    where r.closes_at > now() and r.opens_at <= now()
      and exists (
        select 1 from devex_round_teams rt join memberships m on m.team_id = rt.team_id
        where rt.round_id = r.id and m.user_id = ${actor.id} and m.role = 'member')
    order by r.closes_at, r.id`);
}

export type Survey = RoundHeading & {
  items: SurveyItem[];
  /** The round's teams the actor answers for; more than one means they choose. */
  teams: string[];
  mine: { team: string; answers: Record<string, number>; comment: string | null; updatedAt: string } | null;
};

type RoundRow = { id: string; title: string; opensAt: string; closesAt: string; minResponses: number };

async function loadRound(tx: Tx, roundId: string): Promise<RoundRow | null> {
  const [round] = await tx.execute<RoundRow>(sql`
    select id, title, ${isoOf(sql`opens_at`)} as "opensAt", ${isoOf(sql`closes_at`)} as "closesAt", min_responses as "minResponses"
    from devex_rounds where id = ${roundId}`);
  return round ?? null;
}

async function eligibleTeams(tx: Tx, actor: Actor, roundId: string): Promise<{ id: string; name: string }[]> {
  return tx.execute<{ id: string; name: string }>(sql`
    select t.id, t.name from devex_round_teams rt
    join memberships m on m.team_id = rt.team_id and m.user_id = ${actor.id} and m.role = 'member'
    join teams t on t.id = rt.team_id
    where rt.round_id = ${roundId}
    order by t.name`);
}

async function loadItems(tx: Tx, roundId: string): Promise<SurveyItem[]> {
  return tx.execute<SurveyItem>(sql`
    select key, prompt, dimension, scale_max as "scaleMax" from devex_round_items where round_id = ${roundId} order by position`);
}

/** A round as the person answering it sees it, with their own earlier answers to change. */
export async function getSurvey(actor: Actor, roundId: string): Promise<Survey> {
  assertCan(actor, "devex:respond");
  const round = await loadRound(db, roundId);
  if (!round) throw notFound("There is no such survey round.");
  const teams = await eligibleTeams(db, actor, roundId);
  if (teams.length === 0) throw forbidden("This round does not ask any team you are a member of.");
  const [items, [mine]] = await Promise.all([
    loadItems(db, roundId),
    db.execute<{ team: string; answers: Record<string, number>; comment: string | null; updatedAt: string }>(sql`
      select t.name as team, x.answers, x.comment, ${isoOf(sql`x.updated_at`)} as "updatedAt"
      from devex_responses x join teams t on t.id = x.team_id
      where x.round_id = ${roundId} and x.user_id = ${actor.id}`),
  ]);
  return {
    ...round,
    status: roundStatus(new Date(round.opensAt), new Date(round.closesAt)),
    items,
    teams: teams.map((t) => t.name),
    mine: mine ?? null,
  };
}

/** Every item answered with a value of its scale; field errors name the item. */
function checkAnswers(items: SurveyItem[], answers: Record<string, number>): Record<string, number> {
  const fields: Record<string, string> = {};
  for (const item of items) {
    const value = answers[item.key];
    if (value === undefined) fields[`answers.${item.key}`] = "Choose an answer";
    else if (!scaleValues(item.scaleMax).includes(value)) fields[`answers.${item.key}`] = `must be ${item.scaleMax === 10 ? "0 to 10" : "1 to 5"}`;
  }
  const known = new Set(items.map((i) => i.key));
  for (const key of Object.keys(answers)) if (!known.has(key)) fields[`answers.${key}`] = "is not a question of this round";
  if (Object.keys(fields).length) throw validationFailed("Please answer every question.", fields);
  return Object.fromEntries(items.map((i) => [i.key, answers[i.key]]));
}

type Change = { teamId: string; itemKey: string; value: number; delta: number };

/** Moves a person's answers out of and into the team tallies; the caller holds the teams' locks. */
async function applyTallies(tx: Tx, roundId: string, changes: Change[]): Promise<void> {
  const net = new Map<string, Change>();
  for (const c of changes) {
    const key = `${c.teamId}/${c.itemKey}/${c.value}`;
    const seen = net.get(key);
    net.set(key, seen ? { ...seen, delta: seen.delta + c.delta } : c);
  }
  const rows = [...net.values()].filter((c) => c.delta !== 0);
  if (rows.length === 0) return;
  const values = sql.join(rows.map((c) => sql`(${roundId}::uuid, ${c.teamId}::uuid, ${c.itemKey}, ${c.value}::smallint, ${c.delta}::int)`), sql`, `);
  await tx.execute(sql`
    insert into devex_tallies (round_id, team_id, item_key, value, count) values ${values}
    on conflict (round_id, team_id, item_key, value) do update set count = devex_tallies.count + excluded.count`);
  const teams = [...new Set(rows.map((c) => c.teamId))];
  await tx.execute(sql`delete from devex_tallies where round_id = ${roundId} and team_id = any(${textArray(teams)}::uuid[]) and count = 0`);
}

/**
 * One response per person and round, which they may change until the round
 * closes. The response, the team's respondent count and its tallies are
 * written together, so the results always match the responses.
 */
export async function submitResponse(actor: Actor, input: SubmittedResponse, now = new Date()): Promise<{ created: boolean; closesAt: string }> {
  assertCan(actor, "devex:respond");
  return db.transaction(async (tx) => {
    const round = await loadRound(tx, input.roundId);
    if (!round) throw notFound("There is no such survey round.");
    const status = roundStatus(new Date(round.opensAt), new Date(round.closesAt), now);
    if (status === "scheduled") throw conflict("This round has not opened yet.");
    if (status === "closed") throw conflict("This round has closed; its answers can no longer change.");
    const teams = await eligibleTeams(tx, actor, round.id);
    if (teams.length === 0) throw forbidden("This round does not ask any team you are a member of.");
    const team = input.team ? teams.find((t) => t.name.toLowerCase() === input.team!.toLowerCase()) : teams.length === 1 ? teams[0] : undefined;
    if (!team) {
      throw validationFailed("Choose the team you answer for.", { team: input.team ? `must be one of ${teams.map((t) => t.name).join(", ")}` : "Choose the team you answer for" });
    }
    const answers = checkAnswers(await loadItems(tx, round.id), input.answers);

    const [previous] = await tx.execute<{ id: string; teamId: string; answers: Record<string, number> }>(sql`
      select id, team_id as "teamId", answers from devex_responses where round_id = ${round.id} and user_id = ${actor.id} for update`);
    // Concurrent answers of one team take turns on the team's row, so its tallies are never written twice at once.
    const teamIds = [...new Set([team.id, previous?.teamId].filter((t): t is string => Boolean(t)))].sort();
    for (const teamId of teamIds) await tx.execute(sql`select 1 from devex_round_teams where round_id = ${round.id} and team_id = ${teamId} for update`);

    if (previous) {
      await tx.execute(sql`
        update devex_responses set team_id = ${team.id}, answers = ${JSON.stringify(answers)}::jsonb, comment = ${input.comment}, updated_at = now()
        where id = ${previous.id}`);
    } else {
      const inserted = await tx.execute(sql`
        insert into devex_responses (round_id, user_id, team_id, answers, comment)
        values (${round.id}, ${actor.id}, ${team.id}, ${JSON.stringify(answers)}::jsonb, ${input.comment})
        on conflict (round_id, user_id) do nothing
        returning id`);
      // A second submission racing the first (a double click): the first one stands.
      if (inserted.length === 0) throw conflict("Your answers were just saved from another window; reload to change them.");
    }
    if (previous?.teamId !== team.id) {
      await tx.execute(sql`update devex_round_teams set respondents = respondents + 1 where round_id = ${round.id} and team_id = ${team.id}`);
      if (previous) await tx.execute(sql`update devex_round_teams set respondents = respondents - 1 where round_id = ${round.id} and team_id = ${previous.teamId}`);
    }
    const changes: Change[] = Object.entries(answers).map(([itemKey, value]) => ({ teamId: team.id, itemKey, value, delta: 1 }));
    if (previous) for (const [itemKey, value] of Object.entries(previous.answers)) changes.push({ teamId: previous.teamId, itemKey, value, delta: -1 });
    await applyTallies(tx, round.id, changes);
    return { created: !previous, closesAt: round.closesAt };
  });
}
