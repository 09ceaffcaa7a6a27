import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { devexRoundItems, devexRounds, devexRoundTeams } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { validationFailed } from "@/lib/errors";
import { textArray } from "@/lib/db-sql";
import { isoOf } from "../sql";
import { addDays } from "../window";
import { CORE_ITEMS } from "./items";
import type { OpenRound } from "./schemas";

export type RoundStatus = "scheduled" | "open" | "closed";

/** What every view of a round names it by: the list, the survey form, the results. */
export type RoundHeading = {
  id: string;
  title: string;
  opensAt: string;
  closesAt: string;
  status: RoundStatus;
  minResponses: number;
};

export type RoundListItem = RoundHeading & {
  teams: number;
  respondents: number;
  isDemo: boolean;
};

export const roundStatus = (opensAt: Date, closesAt: Date, now = new Date()): RoundStatus => (now < opensAt ? "scheduled" : now < closesAt ? "open" : "closed");

/**
 * Opens a round for the chosen teams: it runs from the start of the opening
 * day to the end of the closing day (UTC), with the core questions and the admin's own.
 */
export async function openRound(actor: Actor, input: OpenRound, now = new Date()): Promise<{ id: string }> {
  assertCan(actor, "devex:manage");
  const opensAt = new Date(`${input.opensOn}T00:00:00Z`);
  const closesAt = addDays(new Date(`${input.closesOn}T00:00:00Z`), 1);
  if (closesAt <= now) throw validationFailed("A round must close in the future.", { closesOn: "must be today or later" });
  const names = [...new Set(input.teams.map((t) => t.toLowerCase()))];
  const teams = await db.execute<{ id: string; name: string; asked: number }>(sql`
    select id, name, (select count(*) from memberships m where m.team_id = teams.id and m.role = 'member')::int as asked
    from teams where lower(name) = any(${textArray(names)})`);
  if (teams.length !== names.length) {
    const known = new Set(teams.map((t) => t.name.toLowerCase()));
    throw validationFailed("Some teams do not exist.", { teams: `unknown: ${names.filter((n) => !known.has(n)).join(", ")}` });
  }
  return db.transaction(async (tx) => {
    const [round] = await tx
      .insert(devexRounds)
      .values({ title: input.title, opensAt, closesAt, minResponses: input.minResponses, createdBy: actor.id })
      .returning({ id: devexRounds.id });
    const items = [
      ...CORE_ITEMS,
      ...input.customItems.map((prompt, i) => ({ key: `custom_${i + 1}`, prompt, dimension: null, scaleMax: 5 as const })),
    ];
    await tx.insert(devexRoundItems).values(items.map((item, position) => ({ roundId: round.id, position, ...item })));
    await tx.insert(devexRoundTeams).values(teams.map((t) => ({ roundId: round.id, teamId: t.id, asked: t.asked })));
    await recordAudit(tx, {
      actor,
      action: "devex.round_open",
      target: { type: "devex_round", id: round.id },
      details: { title: input.title, opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString(), teams: teams.map((t) => t.name), minResponses: input.minResponses },
    });
    return round;
  });
}

/** Every round, newest first, with how many teams it asks and how many people answered: the admins' overview. */
export async function listRounds(actor: Actor, now = new Date()): Promise<RoundListItem[]> {
  assertCan(actor, "devex:manage");
  const rows = await db.execute<{ id: string; title: string; opensAt: string; closesAt: string; minResponses: number; teams: number; respondents: number; isDemo: boolean }>(sql`
    select r.id, r.title, ${isoOf(sql`r.opens_at`)} as "opensAt", ${isoOf(sql`r.closes_at`)} as "closesAt", r.min_responses as "minResponses", r.is_demo as "isDemo",
      count(rt.team_id)::int as teams, coalesce(sum(rt.respondents), 0)::int as respondents
    from devex_rounds r left join devex_round_teams rt on rt.round_id = r.id
    group by r.id
    order by r.opens_at desc, r.id
    limit 200`);
  return rows.map((r) => ({ ...r, status: roundStatus(new Date(r.opensAt), new Date(r.closesAt), now) }));
}
