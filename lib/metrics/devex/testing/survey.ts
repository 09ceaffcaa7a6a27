import { createUser } from "@/db/test/fixtures";
import type { Actor } from "@/lib/auth/actor";
import { CORE_ITEMS, RECOMMEND_KEY } from "../items";
import { submitResponse } from "../responses";
import { openRound } from "../rounds";
import { openRoundSchema, responseSchema, type OpenRoundInput } from "../schemas";

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A round open from today for two weeks. */
export async function openTestRound(admin: Actor, input: Partial<OpenRoundInput> & { teams: string[] }): Promise<string> {
  const parsed = openRoundSchema.parse({ title: "Pulse test round", opensOn: today(), closesOn: inDays(14), ...input });
  return (await openRound(admin, parsed)).id;
}

let people = 0;

/** `count` new members of a team (created if missing). */
export async function members(team: string, count: number): Promise<Actor[]> {
  return Promise.all(Array.from({ length: count }, () => createUser({ email: `person-${++people}@devex.test`, teams: [team] })));
}

/** Every 1–5 core item answered `score`, the recommendation `recommend`. */
export function answersOf(score: number, recommend: number, custom: Record<string, number> = {}): Record<string, number> {
  return { ...Object.fromEntries(CORE_ITEMS.map((i) => [i.key, i.key === RECOMMEND_KEY ? recommend : score])), ...custom };
}

export async function answer(actor: Actor, roundId: string, score: number, recommend: number, more: { comment?: string; team?: string; custom?: Record<string, number> } = {}) {
  return submitResponse(actor, responseSchema.parse({ roundId, team: more.team, answers: answersOf(score, recommend, more.custom), comment: more.comment }));
}
