import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/db/test/fixtures";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { loadDevexDashboard } from "./dashboard";
import { devexQuerySchema } from "./schemas";
import { answer, members, openTestRound } from "./testing/survey";

let admin: Actor;
let manager: Actor;
let developer: Actor;
let round: string;
let alpha: Actor[];
let beta: Actor[];

/**
 * alpha: five answers of 5, 4, 4, 3, 2 on every 1–5 item and 10, 9, 8, 6, 3
 * to the recommendation, added one at a time; beta: four answers of 1.
 */
const alphaScores = [5, 4, 4, 3, 2];
const alphaRecommend = [10, 9, 8, 6, 3];

beforeAll(async () => {
  admin = await createUser({ email: "admin@results.test", role: "admin", teams: ["platform"] });
  manager = await createUser({ email: "manager@results.test", role: "manager", teams: [["alpha", "manager"], ["beta", "manager"]] });
  alpha = await members("alpha", 5);
  beta = await members("beta", 4);
  developer = alpha[0];
  round = await openTestRound(admin, { title: "Spring pulse", teams: ["alpha", "beta"] });
  for (const [i, person] of beta.entries()) await answer(person, round, 1, 0, { comment: `beta comment ${i}` });
  for (let i = 0; i < 4; i++) await answer(alpha[i], round, alphaScores[i], alphaRecommend[i], { comment: i === 0 ? "CI is fast now." : undefined });
});

const query = (q: Record<string, string> = {}) => devexQuerySchema.parse(q);

describe("the anonymity threshold", () => {
  it("hides a team's results at four answers and shows them at five", async () => {
    const before = await loadDevexDashboard(manager, query({ team: "alpha" }));
    expect(before.survey.selected).toMatchObject({ title: "Spring pulse", teamsAsked: 1, teamsShown: 0, respondents: 0, enps: null });
    expect(Object.values(before.survey.selected!.dimensions)).toEqual([null, null, null, null]);
    expect(before.survey.detail).toMatchObject({ comments: [], commentCount: 0, teams: [{ team: "alpha", respondents: 4, shown: false, dimensions: null, enps: null }] });
    expect(before.survey.detail!.items.every((i) => i.distribution.every((d) => d.count === 0))).toBe(true);

    await answer(alpha[4], round, alphaScores[4], alphaRecommend[4]);

    const after = await loadDevexDashboard(manager, query({ team: "alpha" }));
    // Means 18/5; favourable (4 or 5) 3 of 5; promoters 2, detractors 2, passive 1: eNPS 0.
    const score = { mean: 3.6, favourable: 0.6, answers: 15 };
    expect(after.survey.selected).toMatchObject({
      teamsShown: 1,
      respondents: 5,
      dimensions: { feedback_loops: score, cognitive_load: { ...score, answers: 10 }, flow_state: { ...score, answers: 10 }, satisfaction: { ...score, answers: 5 } },
      enps: { score: 0, promoters: 2, passives: 1, detractors: 2, answers: 5 },
    });
    const focus = after.survey.detail!.items.find((i) => i.key === "focus_time")!;
    expect(focus.distribution).toEqual([1, 2, 3, 4, 5].map((value) => ({ value, count: { 5: 1, 4: 2, 3: 1, 2: 1 }[value] ?? 0 })));
    expect(focus.mean).toBeCloseTo(3.6);
    expect(after.survey.detail!.comments).toEqual(["CI is fast now."]);
  });

  it("leaves a team below the threshold out of every total, so subtraction reveals nothing", async () => {
    const org = await loadDevexDashboard(admin, query({ team: "*" }));
    // beta's four answers of 1 would pull the mean down; they are not in it.
    expect(org.survey.selected).toMatchObject({ teamsAsked: 2, teamsShown: 1, respondents: 5, dimensions: { flow_state: { mean: 3.6 } } });
    expect(org.survey.detail!.teams).toEqual([
      expect.objectContaining({ team: "alpha", shown: true, respondents: 5, asked: 5 }),
      { team: "beta", asked: 4, respondents: 4, shown: false, dimensions: null, enps: null },
    ]);
    expect(org.survey.detail!.comments).not.toContain("beta comment 0");

    const mine = await loadDevexDashboard(manager, query());
    expect(mine.scope).toMatchObject({ kind: "mine", label: "Your teams: alpha, beta" });
    expect(mine.survey.selected).toMatchObject({ respondents: 5, dimensions: { flow_state: { mean: 3.6 } } });
  });

  it("shows a round with a lower threshold (never below 3) at that many answers", async () => {
    const people = await members("gamma", 3);
    const small = await openTestRound(admin, { title: "Small team pulse", teams: ["gamma"], minResponses: 3 });
    for (const p of people) await answer(p, small, 4, 9);
    const view = await loadDevexDashboard(admin, query({ team: "gamma", round: small }));
    expect(view.survey.selected).toMatchObject({ minResponses: 3, teamsShown: 1, respondents: 3, dimensions: { satisfaction: { mean: 4, favourable: 1 } }, enps: { score: 100 } });
  });
});

describe("who sees what", () => {
  it("gives developers the organisation-wide summary only: no team filter, no items, teams or comments", async () => {
    const view = await loadDevexDashboard(developer, query({ round }));
    expect(view.scope).toMatchObject({ kind: "org", detail: false });
    expect(view.teamChoices).toEqual({ teams: [], search: false });
    expect(view.survey.selected).toMatchObject({ title: "Spring pulse", respondents: 5, dimensions: { feedback_loops: { mean: 3.6 } } });
    expect(view.survey.detail).toBeNull();
    await expect(loadDevexDashboard(developer, query({ team: "alpha" }))).rejects.toMatchObject({ code: "forbidden" } satisfies Partial<AppError>);
  });

  it("gives managers their own teams and admins every team, searched rather than listed", async () => {
    expect((await loadDevexDashboard(manager, query())).teamChoices).toEqual({ teams: ["alpha", "beta"], search: false });
    await expect(loadDevexDashboard(manager, query({ team: "gamma" }))).rejects.toMatchObject({ code: "forbidden" });
    expect((await loadDevexDashboard(admin, query())).teamChoices).toEqual({ teams: ["platform"], search: true });
    expect((await loadDevexDashboard(admin, query({ team: "gamma" }))).scope).toMatchObject({ kind: "team", team: "gamma" });
    await expect(loadDevexDashboard(admin, query({ team: "nobody" }))).rejects.toMatchObject({ code: "not_found" });
  });

  it("never returns who answered what", async () => {
    const view = JSON.stringify(await loadDevexDashboard(admin, query({ team: "alpha" })));
    for (const person of [...alpha, ...beta]) {
      expect(view).not.toContain(person.email);
      expect(view).not.toContain(person.id);
    }
  });
});
