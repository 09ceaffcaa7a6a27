import { sql, type SQL } from "drizzle-orm";
import { bigint, boolean, check, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { teams, users } from "./auth";
import { requestKindEnum, requests } from "./requests";

/** A pulse survey round: who it asks (its teams), when, and how many answers a team needs before its results are shown. */
export const devexRounds = pgTable(
  "devex_rounds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    opensAt: timestamp("opens_at", { withTimezone: true }).notNull(),
    closesAt: timestamp("closes_at", { withTimezone: true }).notNull(),
    /** The anonymity threshold: a team's results stay hidden below this many respondents. */
    minResponses: smallint("min_responses").notNull().default(5),
    /** Written by the demo seed: shown as demo data. */
    isDemo: boolean("is_demo").notNull().default(false),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("devex_rounds_closes_idx").on(t.closesAt),
    check("devex_rounds_min_responses_check", sql`${t.minResponses} >= 3`),
    check("devex_rounds_dates_check", sql`${t.closesAt} > ${t.opensAt}`),
  ],
);

/**
 * The questions of one round, copied from the core set when it opens (plus the
 * admin's own), so a later change of wording never changes what a past answer meant.
 * `dimension` is null for an admin's item: it has a distribution, not a place in a dimension score.
 */
export const devexRoundItems = pgTable(
  "devex_round_items",
  {
    roundId: uuid("round_id").notNull().references(() => devexRounds.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    position: smallint("position").notNull(),
    prompt: text("prompt").notNull(),
    dimension: text("dimension"),
    /** 5: a 1–5 agreement scale; 10: the 0–10 recommendation scale. */
    scaleMax: smallint("scale_max").notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.key] })],
);

/** The teams a round asks, how many people it asked there, and how many have answered (kept in step with devex_responses). */
export const devexRoundTeams = pgTable(
  "devex_round_teams",
  {
    roundId: uuid("round_id").notNull().references(() => devexRounds.id, { onDelete: "cascade" }),
    teamId: uuid("team_id").notNull().references(() => teams.id, { onDelete: "cascade" }),
    /** The team's members when the round opened: what participation is measured against. */
    asked: integer("asked").notNull().default(0),
    respondents: integer("respondents").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.teamId] }), index("devex_round_teams_team_idx").on(t.teamId, t.roundId)],
);

/**
 * One person's answers to one round, counted for the team they answered for.
 * Who answered is kept only so they can change their answers and are asked
 * once; no screen or API shows another person's row.
 */
export const devexResponses = pgTable(
  "devex_responses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    roundId: uuid("round_id").notNull().references(() => devexRounds.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    teamId: uuid("team_id").notNull().references(() => teams.id, { onDelete: "cascade" }),
    /** Item key → the value chosen; an item left out was skipped. */
    answers: jsonb("answers").$type<Record<string, number>>().notNull(),
    comment: text("comment"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("devex_responses_one_per_person").on(t.roundId, t.userId),
    index("devex_responses_round_team_idx").on(t.roundId, t.teamId),
    // The comments list reads the few responses with a comment, not every response of a round.
    index("devex_responses_comments_idx").on(t.roundId, t.teamId).where(sql`${t.comment} is not null`),
  ],
);

/**
 * How many people of a team gave each value to each item of a round: what the
 * dashboard reads instead of every response. Written in the transaction that
 * writes the response, so the two never disagree.
 */
export const devexTallies = pgTable(
  "devex_tallies",
  {
    roundId: uuid("round_id").notNull().references(() => devexRounds.id, { onDelete: "cascade" }),
    teamId: uuid("team_id").notNull().references(() => teams.id, { onDelete: "cascade" }),
    itemKey: text("item_key").notNull(),
    value: smallint("value").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.teamId, t.itemKey, t.value] })],
);

/**
 * Per request, what the platform figures need from its events: a summary the
 * dashboard reads instead of joining every event of every request. Brought up
 * to date from request_events before each read (lib/metrics/devex/facts.ts).
 */
export const devexRequestFacts = pgTable(
  "devex_request_facts",
  {
    requestId: uuid("request_id").primaryKey().references(() => requests.id, { onDelete: "cascade" }),
    teamId: uuid("team_id").notNull(),
    kind: requestKindEnum("kind").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    /** delivered (ready at least once), waiting (for approval), in_progress, rejected, cancelled or failed. */
    outcome: text("outcome").notNull(),
    /** Delivered with no person acting on it between submission and ready. */
    selfServed: boolean("self_served").notNull(),
    readySeconds: doublePrecision("ready_seconds"),
    approvalSeconds: doublePrecision("approval_seconds"),
    provisioningRuns: smallint("provisioning_runs").notNull(),
    failedRuns: smallint("failed_runs").notNull(),
    /** The ISO week (its Monday, UTC) of the submission. */
    week: date("week", { mode: "string" })
      .notNull()
      .generatedAlwaysAs((): SQL => sql`(date_trunc('week', created_at at time zone 'UTC'))::date`),
  },
  (t) => [
    index("devex_request_facts_created_idx").on(t.createdAt),
    index("devex_request_facts_team_idx").on(t.teamId, t.createdAt),
    // The weekly series read this index alone, in week order, each week's times to ready already sorted.
    index("devex_request_facts_week_idx").on(t.week, t.readySeconds, t.createdAt, t.teamId, t.selfServed, t.outcome, t.approvalSeconds, t.provisioningRuns, t.failedRuns),
  ],
);

/** The ISO weeks (Mondays, UTC) in which a person did anything the audit log records: active people per week. */
export const devexActiveWeeks = pgTable(
  "devex_active_weeks",
  {
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    week: date("week", { mode: "string" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.week] }), index("devex_active_weeks_week_idx").on(t.week, t.userId)],
);

/**
 * How far a summary has read its append-only source: 1 is devex_request_facts
 * from request_events, 2 devex_active_weeks from audit_log. Rows up to
 * `safeEventId` are all read; those up to `seenEventId` were read if they were
 * committed when read, and the transactions that might still have been writing
 * them all had ids below `seenXmax`.
 */
export const devexFactsState = pgTable("devex_facts_state", {
  id: smallint("id").primaryKey(),
  safeEventId: bigint("safe_event_id", { mode: "number" }).notNull(),
  seenEventId: bigint("seen_event_id", { mode: "number" }).notNull(),
  seenXmax: bigint("seen_xmax", { mode: "number" }).notNull(),
  refreshedAt: timestamp("refreshed_at", { withTimezone: true }).notNull(),
});
