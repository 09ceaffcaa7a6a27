import crypto from "node:crypto";
import postgres from "postgres";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";

/**
 * The demo organisation has one developer per team, and a team's results show
 * from the fifth answer: four more people of the team are written straight to
 * the portal's database, as an identity provider's sign-ins would have left them.
 */
function portalDatabase() {
  const url = process.env.E2E_DEMO_DATABASE_URL;
  if (!url) throw new Error("E2E_DEMO_DATABASE_URL is not set; run through e2e/playwright.config.ts");
  return postgres(url, { max: 1, onnotice: () => {} });
}

const CORE = ["build_test_wait", "review_wait", "deploy_wait", "find_information", "understand_systems", "focus_time", "meeting_load", "platform_satisfaction"];

async function addTeamMembers(team: string, run: string, count: number): Promise<string[]> {
  const sql = portalDatabase();
  try {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const [user] = await sql`insert into users (email, name) values (${`pulse-${run}-${i}@example.test`}, ${`Pulse Person ${run}-${i}`}) returning id`;
      await sql`insert into memberships (user_id, team_id) select ${user.id}, id from teams where name = ${team}`;
      ids.push(user.id);
    }
    return ids;
  } finally {
    await sql.end();
  }
}

/** Their answers, and the round's counts and tallies recomputed from all its responses (what the portal keeps in step on every answer). */
async function answerAs(users: string[], roundTitle: string, answers: { score: number; recommend: number }[]) {
  const sql = portalDatabase();
  try {
    const [round] = await sql`select id from devex_rounds where title = ${roundTitle}`;
    await sql.begin(async (tx) => {
      for (const [i, user] of users.entries()) {
        const values = { ...Object.fromEntries(CORE.map((k) => [k, answers[i].score])), recommend: answers[i].recommend, custom_1: answers[i].score };
        await tx`insert into devex_responses (round_id, user_id, team_id, answers)
          select ${round.id}, ${user}, m.team_id, ${tx.json(values)} from memberships m where m.user_id = ${user}`;
      }
      await tx`update devex_round_teams rt set respondents = (select count(*) from devex_responses x where x.round_id = rt.round_id and x.team_id = rt.team_id) where rt.round_id = ${round.id}`;
      await tx`delete from devex_tallies where round_id = ${round.id}`;
      await tx`insert into devex_tallies (round_id, team_id, item_key, value, count)
        select x.round_id, x.team_id, a.key, a.value::smallint, count(*)::int from devex_responses x cross join jsonb_each_text(x.answers) a
        where x.round_id = ${round.id} group by 1, 2, 3, 4`;
    });
  } finally {
    await sql.end();
  }
}

async function closeRound(title: string) {
  const sql = portalDatabase();
  try {
    await sql`update devex_rounds set closes_at = now() where title = ${title}`;
  } finally {
    await sql.end();
  }
}

/** The manager's view of one team and round, through the dashboard's own filters. */
async function openTeamResults(page: Page, team: string, round: string) {
  await page.goto("/metrics/devex");
  await expect(page.getByRole("navigation", { name: "Metrics" }).getByRole("link", { name: "DevEx" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { name: "Developer experience" })).toBeVisible();
  const filters = page.getByRole("form", { name: "Filters" });
  await filters.getByLabel("Team").selectOption(team);
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/team=search/);
  await filters.getByLabel("Round").selectOption({ label: round });
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/round=/);
}

test("a developer answers a round; the manager sees the team's scores once the fifth answer is in, never anyone's answers", async ({ page, signIn, demoUserPage, saveScreenshot }) => {
  test.slow();
  const run = crypto.randomBytes(3).toString("hex");
  const title = `Pulse e2e ${run}`;
  // Asked before the round opens, so the round counts them among the people it asks.
  const others = await addTeamMembers("search", run, 4);

  const admin = await demoUserPage("Avery Admin");
  await admin.goto("/surveys");
  await admin.getByRole("link", { name: "Open a round" }).click();
  await admin.getByLabel("Title").fill(title);
  // Teams are searched as one types, and each choice becomes a chip.
  const asked = admin.getByRole("combobox", { name: "Teams asked" });
  await asked.fill("search");
  await expect(admin.getByRole("option").first()).toHaveAccessibleName(/^search Search \(demo\)/);
  await expect(admin.getByRole("option").first()).toHaveAttribute("aria-selected", "true");
  await asked.press("Enter");
  await expect(admin.getByRole("list", { name: "Chosen: Teams asked" }).getByRole("listitem")).toHaveText(["search×"]);
  await admin.getByLabel("Own question 1").fill("Our test suite is quick enough.");
  await admin.getByRole("button", { name: "Open the round" }).click();
  await expect(admin.getByRole("status")).toContainText(`${title} is open for 1 team.`);
  await expect(admin.getByRole("row").filter({ hasText: title })).toContainText("Open");

  await answerAs(others, title, [
    { score: 4, recommend: 9 },
    { score: 4, recommend: 9 },
    { score: 2, recommend: 5 },
    { score: 2, recommend: 5 },
  ]);

  const manager = await demoUserPage("Morgan Manager");
  await openTeamResults(manager, "search", title);
  const teams = manager.getByRole("table", { name: "Teams in this round" });
  await expect(teams.getByRole("row", { name: /^search/ })).toContainText("4 of 5");
  await expect(teams.getByRole("row", { name: /^search/ })).toContainText("Hidden until 5 people answer (1 more)");
  await expect(manager.getByRole("region", { name: "Satisfaction" })).toContainText("not enough answers to show");

  // Admins may look at any team: they search for it.
  await admin.goto("/metrics/devex");
  const adminFilters = admin.getByRole("form", { name: "Filters" });
  await adminFilters.getByRole("combobox", { name: "Team" }).fill("sear");
  await adminFilters.getByRole("option", { name: /^search/ }).click();
  await adminFilters.getByRole("button", { name: "Apply" }).click();
  await expect(admin).toHaveURL(/team=search/);
  await expect(admin.getByText(/^Team search,/)).toBeVisible();

  await signIn.asDemoUser("Sam Searcher");
  const prompt = page.getByRole("complementary", { name: "Pulse survey" });
  await expect(prompt).toContainText(title);
  await prompt.getByRole("link", { name: "Answer the pulse survey" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("region", { name: "Your answers are anonymous" })).toContainText("at least 5 of its people have answered");
  await expect(page.getByRole("region", { name: "Your answers are anonymous" })).toContainText("can see an individual person's answers");
  const questions = page.getByRole("main").getByRole("group");
  await expect(questions).toHaveCount(10);
  for (const question of await questions.all()) {
    if ((await question.locator("legend").innerText()).includes("recommend")) await question.getByRole("radio", { name: "10", exact: true }).check();
    else await question.getByRole("radio", { name: "Strongly agree" }).check();
  }
  await page.getByLabel("Anything else? (optional)").fill("Databases in minutes, finally.");
  await saveScreenshot("devex-survey");
  await page.getByRole("button", { name: "Send my answers" }).click();
  await expect(page.getByRole("status")).toContainText(`Thank you: your answers to ${title} are saved.`);
  await expect(page.getByRole("complementary", { name: "Pulse survey" })).toHaveCount(0);

  // Fifth answer in: 4, 4, 2, 2 and 5 make 3.4; three promoters (9, 9, 10) and two detractors (5, 5) make +20.
  await manager.reload();
  await expect(teams.getByRole("row", { name: /^search/ })).toContainText("5 of 5");
  await expect(manager.getByRole("region", { name: "Satisfaction" })).toContainText("3.4 / 5");
  await expect(manager.getByRole("region", { name: "Satisfaction" })).toContainText("60.0 % favourable");
  await expect(manager.getByRole("region", { name: "eNPS" })).toContainText("+20");
  // A chart's table is drawn when its reader opens it.
  const trend = manager.getByRole("table", { name: "Scores per dimension across rounds" });
  await expect(trend).toHaveCount(0);
  await manager.getByText("Show “Scores across rounds” as a table").click();
  await expect(trend.getByRole("row").filter({ hasText: title })).toContainText("5 (1 of 1 teams shown)");
  await manager.getByText("Show “People and teams per week” as a table").click();
  await expect(manager.getByRole("table", { name: "People and teams per week" }).getByRole("columnheader", { name: "Active people" })).toBeVisible();
  await expect(manager.getByRole("region", { name: "Comments (1)" })).toContainText("Databases in minutes, finally.");
  const main = manager.getByRole("main");
  for (const name of ["Sam Searcher", "search-dev@example.com", `Pulse Person ${run}-0`]) await expect(main).not.toContainText(name);
  await saveScreenshot("devex-survey-saved");

  // Sam changes one answer while the round is open; the team's score follows.
  await page.getByRole("link", { name: `Change my answers ${title}` }).click();
  const satisfaction = page.getByRole("group", { name: /satisfied with the platform/ });
  await expect(satisfaction.getByRole("radio", { name: "Strongly agree" })).toBeChecked();
  await satisfaction.getByRole("radio", { name: "Agree", exact: true }).check();
  await page.getByRole("button", { name: "Update my answers" }).click();
  await expect(page.getByRole("status")).toContainText("are saved");
  await manager.reload();
  await expect(manager.getByRole("region", { name: "Satisfaction" })).toContainText("3.2 / 5");

  // A manager of the team reads its results; they never get a survey of their own to fill in.
  await expect(manager.getByRole("complementary", { name: "Pulse survey" })).toHaveCount(0);
  await closeRound(title);
});

test("a developer sees the organisation-wide summary only", async ({ page, signIn, saveScreenshot }) => {
  await signIn.asDemoUser("Dana Developer");
  await page.goto("/metrics/devex");
  await expect(page.getByRole("heading", { name: "Developer experience" })).toBeVisible();
  await expect(page.getByText("the organisation-wide summary. Team results are for their managers and the platform admins.")).toBeVisible();
  await expect(page.getByRole("form", { name: "Filters" }).getByLabel("Team")).toHaveCount(0);
  await expect(page.getByRole("table", { name: "Teams in this round" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "The platform's own figures" })).toBeVisible();
  await saveScreenshot("devex-dashboard-developer");
  await page.goto("/metrics/devex?team=payments");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Developers see the organisation-wide summary");
});
