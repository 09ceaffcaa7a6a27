import { z } from "zod";
import { DAY_MS, MAX_WINDOW_DAYS } from "./window";

export const MAX_BATCH_EVENTS = 5000;
export const MAX_COMMITS_PER_DEPLOYMENT = 10_000;
/** Keeps one request's transaction to seconds, whatever the mix of events. */
export const MAX_COMMITS_PER_BATCH = 100_000;

const eventId = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");

/** A catalog Component name, as Backstage writes them. */
export const serviceName = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(63, "must be at most 63 characters")
  .regex(/^[A-Za-z0-9]+([-_.][A-Za-z0-9]+)*$/, "must be a catalog name: letters and digits, separated by - _ or .");

export const commitSha = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{4,64}$/, "must be a hexadecimal commit SHA");

const instant = z.iso
  .datetime({ offset: true, message: "must be an ISO-8601 instant with a time zone, e.g. 2024-05-06T14:30:00Z" })
  .transform((s) => new Date(s));

export const deploymentEventSchema = z.object({
  id: eventId,
  service: serviceName,
  environment: z.string().trim().toLowerCase().min(1, "must not be empty").max(63, "must be at most 63 characters"),
  status: z.enum(["success", "failure"], "must be success or failure"),
  deployedAt: instant,
  commitShas: z
    .array(commitSha)
    .max(MAX_COMMITS_PER_DEPLOYMENT, `must list at most ${MAX_COMMITS_PER_DEPLOYMENT} commits`)
    .default([])
    .transform((shas) => [...new Set(shas)]),
});

export const changeEventSchema = z.object({
  id: eventId,
  service: serviceName,
  sha: commitSha,
  committedAt: instant,
  mergedAt: instant.optional(),
});

export const incidentEventSchema = z
  .object({
    id: eventId,
    service: serviceName,
    openedAt: instant,
    resolvedAt: instant.nullish(),
    causeSha: commitSha.nullish(),
  })
  .refine((e) => !e.resolvedAt || e.resolvedAt >= e.openedAt, { path: ["resolvedAt"], message: "must not be before openedAt" });

export type DeploymentEvent = z.infer<typeof deploymentEventSchema>;
export type ChangeEvent = z.infer<typeof changeEventSchema>;
export type IncidentEvent = z.infer<typeof incidentEventSchema>;

export const eventKinds = ["deployments", "changes", "incidents"] as const;
export type EventKind = (typeof eventKinds)[number];

const batch = <S extends z.ZodType>(event: S) =>
  z.object({
    events: z.array(event).min(1, "must hold at least one event").max(MAX_BATCH_EVENTS, `must hold at most ${MAX_BATCH_EVENTS} events; split the batch`),
  });

export const deploymentBatchSchema = batch(deploymentEventSchema).refine(
  (b) => b.events.reduce((n, e) => n + e.commitShas.length, 0) <= MAX_COMMITS_PER_BATCH,
  { path: ["events"], message: `must list at most ${MAX_COMMITS_PER_BATCH} commits in all; split the batch` },
);
export const changeBatchSchema = batch(changeEventSchema);
export const incidentBatchSchema = batch(incidentEventSchema);

/** `2024-05-06` (midnight UTC) or an instant with a time zone. */
export const windowBound = z.union([z.iso.date(), z.iso.datetime({ offset: true })], "must be a date (2024-05-06) or an ISO-8601 instant with a time zone").transform((s) => new Date(s));

const teamParam = z.string().trim().min(1).max(100);

/** A window [from, to) of the dashboards' filters: `to` after `from`, and at most MAX_WINDOW_DAYS long. */
export function checkWindow(q: { from?: Date; to?: Date }, ctx: z.RefinementCtx): void {
  if (!q.from || !q.to) return;
  if (q.from >= q.to) ctx.addIssue({ code: "custom", path: ["to"], message: "must be after from" });
  else if (q.to.getTime() - q.from.getTime() > MAX_WINDOW_DAYS * DAY_MS) ctx.addIssue({ code: "custom", path: ["to"], message: `the window may span at most ${MAX_WINDOW_DAYS} days` });
}

/** The filters of the DORA API and dashboard; `team` is a Group name, or `*` for the whole organisation. */
export const doraQuerySchema = z
  .object({
    team: teamParam.optional(),
    service: serviceName.optional(),
    environment: z.string().trim().toLowerCase().min(1).max(63).default("production"),
    from: windowBound.optional(),
    to: windowBound.optional(),
  })
  .superRefine(checkWindow);

export type DoraQuery = z.infer<typeof doraQuerySchema>;

export const ORG_SCOPE = "*";

/** An ISO week, named by its Monday. */
export const isoWeekParam = z.iso.date("must be a date").refine((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1, "must be a Monday");
