import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { createUser } from "@/db/test/fixtures";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { CORE_ITEMS } from "./items";
import { getSurvey, openRoundsFor, submitResponse } from "./responses";
import { listRounds } from "./rounds";
import { openRoundSchema, responseSchema } from "./schemas";
import { answer, answersOf, members, openTestRound } from "./testing/survey";

let admin: Actor;
let manager: Actor;

beforeAll(async () => {
  admin = await createUser({ email: "admin@devex.test", role: "admin", teams: ["platform"] });
  manager = await createUser({ email: "manager@devex.test", role: "manager", teams: [["web", "manager"]] });
});

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a refusal");
    },
    (e: AppError) => ({ code: e.code, message: e.message, fields: e.fields }),
  );

async function tallies(roundId: string): Promise<Record<string, number>> {
  const rows = await db.execute<{ key: string; count: number }>(sql`
    select item_key || '=' || value as key, count from devex_tallies where round_id = ${roundId} and item_key in ('focus_time', 'recommend')`);
  return Object.fromEntries(rows.map((r) => [r.key, r.count]));
}

describe("answering a round", () => {
  it("keeps one response per person: answering again changes it instead of adding one", async () => {
    const [dev] = await members("web", 1);
    const round = await openTestRound(admin, { teams: ["web"] });
    expect(await openRoundsFor(dev)).toEqual([expect.objectContaining({ id: round, answered: false })]);

    expect(await answer(dev, round, 2, 3, { comment: "Builds are slow." })).toMatchObject({ created: true });
    expect(await answer(dev, round, 4, 9)).toMatchObject({ created: false });

    const [{ responses, respondents }] = await db.execute<{ responses: number; respondents: number }>(sql`
      select (select count(*) from devex_responses where round_id = ${round})::int as responses,
        (select respondents from devex_round_teams where round_id = ${round}) as respondents`);
    expect({ responses, respondents }).toEqual({ responses: 1, respondents: 1 });
    // Only the latest answers count; the first ones left the tallies.
    expect(await tallies(round)).toEqual({ "focus_time=4": 1, "recommend=9": 1 });
    const survey = await getSurvey(dev, round);
    expect(survey.mine).toMatchObject({ team: "web", answers: answersOf(4, 9), comment: null });
    expect(await openRoundsFor(dev)).toEqual([expect.objectContaining({ id: round, answered: true })]);
  });

  it("two people answering at once are both counted", async () => {
    const people = await members("api", 6);
    const round = await openTestRound(admin, { teams: ["api"] });
    await Promise.all(people.map((p, i) => answer(p, round, 1 + (i % 5), i)));
    const [{ respondents }] = await db.execute<{ respondents: number }>(sql`select respondents from devex_round_teams where round_id = ${round}`);
    const [{ answers }] = await db.execute<{ answers: number }>(sql`
      select sum(count)::int as answers from devex_tallies where round_id = ${round} and item_key = 'recommend'`);
    expect({ respondents, answers }).toEqual({ respondents: 6, answers: 6 });
  });

  it("asks a person in two of the round's teams which one they answer for, and moves their answers when they switch", async () => {
    const both = await createUser({ email: "both@devex.test", teams: ["red", "blue"] });
    const round = await openTestRound(admin, { teams: ["red", "blue"] });
    expect((await getSurvey(both, round)).teams).toEqual(["blue", "red"]);
    expect(await failure(answer(both, round, 3, 7))).toMatchObject({ code: "validation_failed", fields: { team: "Choose the team you answer for" } });

    await answer(both, round, 3, 7, { team: "red" });
    await answer(both, round, 3, 7, { team: "blue" });
    const rows = await db.execute<{ team: string; respondents: number; answers: number }>(sql`
      select t.name as team, rt.respondents,
        coalesce((select sum(count) from devex_tallies x where x.round_id = rt.round_id and x.team_id = rt.team_id and x.item_key = 'recommend'), 0)::int as answers
      from devex_round_teams rt join teams t on t.id = rt.team_id where rt.round_id = ${round} order by t.name`);
    expect(rows).toEqual([
      { team: "blue", respondents: 1, answers: 1 },
      { team: "red", respondents: 0, answers: 0 },
    ]);
  });

  it("refuses a closed round, a round that does not ask the person, and a team's manager", async () => {
    const [dev] = await members("closed", 1);
    const [outsider] = await members("elsewhere", 1);
    const round = await openTestRound(admin, { teams: ["closed", "web"] });
    const input = responseSchema.parse({ roundId: round, answers: answersOf(3, 5) });

    const afterClose = new Date(Date.now() + 30 * 86_400_000);
    expect(await failure(submitResponse(dev, input, afterClose))).toMatchObject({ code: "conflict", message: "This round has closed; its answers can no longer change." });
    expect(await failure(submitResponse(outsider, input))).toMatchObject({ code: "forbidden" });
    // Managers read their teams' results; they do not add to them.
    expect(await failure(submitResponse(manager, input))).toMatchObject({ code: "forbidden" });
    expect(await openRoundsFor(manager)).toEqual([]);
  });

  it("wants every question answered on its own scale, and knows only the round's questions", async () => {
    const [dev] = await members("strict", 1);
    const round = await openTestRound(admin, { teams: ["strict"], customItems: ["Our on-call is sustainable."] });
    const survey = await getSurvey(dev, round);
    expect(survey.items.map((i) => i.key)).toEqual([...CORE_ITEMS.map((i) => i.key), "custom_1"]);

    const { focus_time: _skipped, ...partial } = answersOf(3, 5, { custom_1: 4 });
    const refused = await failure(submitResponse(dev, responseSchema.parse({ roundId: round, answers: { ...partial, recommend: 11, invented: 3 } })));
    expect(refused).toMatchObject({
      code: "validation_failed",
      fields: { "answers.focus_time": "Choose an answer", "answers.recommend": "must be 0 to 10", "answers.invented": "is not a question of this round" },
    });
    await answer(dev, round, 3, 5, { custom: { custom_1: 4 } });
  });
});

describe("opening a round", () => {
  it("is for admins, with a threshold of at least 3 and at most five questions of their own", async () => {
    expect(openRoundSchema.safeParse({ title: "Q3 pulse", opensOn: "2030-01-01", closesOn: "2030-01-14", teams: "web", minResponses: "2" }).error?.issues[0]).toMatchObject({
      path: ["minResponses"],
    });
    expect(openRoundSchema.safeParse({ title: "Q3 pulse", opensOn: "2030-01-01", closesOn: "2030-01-14", teams: "web", customItems: ["a", "b", "c", "d", "e", "f"] }).success).toBe(false);
    expect(openRoundSchema.parse({ title: "Q3 pulse", opensOn: "2030-01-01", closesOn: "2030-01-14", teams: "web" })).toMatchObject({ teams: ["web"], minResponses: 5, customItems: [] });

    const [dev] = await members("web", 1);
    expect(await failure(openTestRound(dev, { teams: ["web"] }))).toMatchObject({ code: "forbidden" });
    expect(await failure(openTestRound(admin, { teams: ["web", "no-such-team"] }))).toMatchObject({ code: "validation_failed", fields: { teams: "unknown: no-such-team" } });

    const round = await openTestRound(admin, { title: "Listed round", teams: ["web"], minResponses: 3 });
    expect((await listRounds(admin)).find((r) => r.id === round)).toMatchObject({ title: "Listed round", status: "open", minResponses: 3, teams: 1 });
  });
});
