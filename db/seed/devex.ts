import { sql } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { devexResponses, devexRoundItems, devexRounds, devexRoundTeams } from "../schema";
import { CORE_ITEMS, DEFAULT_MIN_RESPONSES, RECOMMEND_KEY } from "../../lib/metrics/devex/items";
import { seededRandom } from "./random";

type Db = PostgresJsDatabase<Record<string, unknown>>;

/*
 * Six pulse rounds, about two months apart, for the demo organisation and
 * labelled demo: flat and low before the portal, then better round after round
 * once teams self-serve. The answers come from people who are not in the
 * portal, so no demo user's name is on any of them. The rounds are replaced by
 * fresh ones once the newest is five weeks old, so the default year-long view
 * always holds all of them.
 */

const DAY = 86_400_000;
const ROUNDS = 6;
const SPACING_DAYS = 65;
/** The portal was adopted between the second and the third round. */
const ADOPTED_AT_ROUND = 2;
const STALE_AFTER_DAYS = 35;

/** Mean answer per dimension (1–5) in each round, and the mean recommendation (0–10). */
const TRAJECTORY = {
  feedback_loops: [2.5, 2.6, 3.1, 3.4, 3.7, 3.9],
  cognitive_load: [2.4, 2.4, 2.8, 3.2, 3.5, 3.7],
  flow_state: [3.0, 2.9, 3.1, 3.2, 3.3, 3.4],
  satisfaction: [2.3, 2.4, 3.2, 3.6, 3.9, 4.1],
  recommend: [5.2, 5.4, 6.6, 7.4, 8.0, 8.4],
} as const;

const TEAMS = [
  { name: "payments", asked: 9, answered: [7, 8, 8, 9, 8, 9] },
  { name: "search", asked: 7, answered: [5, 4, 6, 6, 7, 6] },
  { name: "platform", asked: 8, answered: [6, 6, 7, 7, 8, 7] },
] as const;

const ADOPTION_ITEM = "Requesting a database, namespace or environment no longer needs a ticket.";

const COMMENTS: readonly (readonly string[])[] = [
  ["A new database takes a ticket and two days. I plan my week around it.", "I never know who owns the service I am calling.", "Too many status meetings."],
  ["Waiting on the infra queue again; the sprint slipped.", "Docs are spread over three wikis.", "Reviews take days when the team is on call."],
  ["Getting a dev database from the portal took four minutes. More of this, please.", "The catalog finally tells me who owns what.", "Staging environments still expire too fast for long tests."],
  ["Namespaces on demand changed how we test branches.", "Approvals for production are quick now.", "Fewer interruptions since the on-call rota changed."],
  ["I have not filed an infra ticket this quarter.", "Ephemeral environments per pull request are great.", "Build times are the next thing to fix."],
  ["Onboarding a new hire took a day instead of a week.", "The golden paths cover almost everything we need.", "Would love self-service message queues next."],
];

/** A value of the scale near `mean`: people differ, a round's average does not move much. */
function near(r: () => number, mean: number, min: number, max: number): number {
  const spread = (r() + r() + r() - 1.5) * (max - min) * 0.35;
  return Math.min(max, Math.max(min, Math.round(mean + spread)));
}

const MONTH = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
const roundTitle = (opens: Date) => `Pulse ${MONTH.format(opens)} (demo)`;

/** Idempotent: keeps the demo rounds while they are recent, else replaces them with rounds of which the newest closed three weeks ago. */
export async function seedDemoDevex(db: Db, now = new Date()): Promise<void> {
  const [latest] = await db.execute<{ closes: string | null }>(sql`select max(closes_at)::text as closes from devex_rounds where is_demo`);
  if (latest?.closes && now.getTime() - Date.parse(latest.closes) < STALE_AFTER_DAYS * DAY) return;
  const teams = await db.execute<{ id: string; name: string }>(sql`select id, name from teams where is_demo and name in ('payments', 'search', 'platform')`);
  if (teams.length === 0) return;
  const teamId = new Map(teams.map((t) => [t.name, t.id]));
  const lastClose = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - 21 * DAY;

  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from devex_rounds where is_demo`);
    for (let k = 0; k < ROUNDS; k++) {
      const closesAt = new Date(lastClose - (ROUNDS - 1 - k) * SPACING_DAYS * DAY);
      const opensAt = new Date(closesAt.getTime() - 14 * DAY);
      const [round] = await tx
        .insert(devexRounds)
        .values({ title: roundTitle(opensAt), opensAt, closesAt, minResponses: DEFAULT_MIN_RESPONSES, isDemo: true })
        .returning({ id: devexRounds.id });
      const adopted = k >= ADOPTED_AT_ROUND;
      const items = [...CORE_ITEMS, ...(adopted ? [{ key: "custom_1", prompt: ADOPTION_ITEM, dimension: null, scaleMax: 5 as const }] : [])];
      await tx.insert(devexRoundItems).values(items.map((item, position) => ({ roundId: round.id, position, ...item })));
      const present = TEAMS.filter((t) => teamId.has(t.name));
      await tx.insert(devexRoundTeams).values(present.map((t) => ({ roundId: round.id, teamId: teamId.get(t.name)!, asked: t.asked, respondents: t.answered[k] })));

      const r = seededRandom(`runway-demo-devex:${k}`);
      const comments = [...COMMENTS[k]];
      const responses = present.flatMap((t) =>
        Array.from({ length: t.answered[k] }, () => {
          const answers: Record<string, number> = {};
          for (const item of items) {
            if (item.key === RECOMMEND_KEY) answers[item.key] = near(r, TRAJECTORY.recommend[k], 0, 10);
            else if (item.dimension) answers[item.key] = near(r, TRAJECTORY[item.dimension as keyof typeof TRAJECTORY][k], 1, 5);
            else answers[item.key] = near(r, 3 + k * 0.3, 1, 5);
          }
          const at = new Date(opensAt.getTime() + r() * 13 * DAY);
          return { roundId: round.id, userId: null, teamId: teamId.get(t.name)!, answers, comment: r() < 0.4 ? (comments.shift() ?? null) : null, submittedAt: at, updatedAt: at };
        }),
      );
      await tx.insert(devexResponses).values(responses);
      await tx.execute(sql`
        insert into devex_tallies (round_id, team_id, item_key, value, count)
        select x.round_id, x.team_id, a.key, a.value::smallint, count(*)::int
        from devex_responses x cross join jsonb_each_text(x.answers) a
        where x.round_id = ${round.id}
        group by 1, 2, 3, 4`);
    }
  });
}
