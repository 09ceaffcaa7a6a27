import { sql } from "drizzle-orm";
import { boolean, date, doublePrecision, index, integer, pgEnum, pgTable, primaryKey, smallint, text, timestamp } from "drizzle-orm/pg-core";

export const doraDeploymentStatusEnum = pgEnum("dora_deployment_status", ["success", "failure"]);
/** Where an event came from: the events API, the GitHub webhook, or the labelled demo generator. */
export const doraSourceEnum = pgEnum("dora_event_source", ["api", "github", "demo"]);

const received = {
  source: doraSourceEnum("source").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

const succeeded = sql`status = 'success'`;

/** Every service name an event has named; a service is a catalog Component of that name, when there is one. */
export const doraServices = pgTable("dora_services", {
  name: text("name").primaryKey(),
  /** First named by the demo generator: its figures are labelled as demo data. */
  isDemo: boolean("is_demo").notNull().default(false),
  firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull().defaultNow(),
});

export const doraDeployments = pgTable(
  "dora_deployments",
  {
    /** The sender's id: re-sending it updates the deployment. */
    id: text("id").primaryKey(),
    service: text("service").notNull(),
    environment: text("environment").notNull(),
    status: doraDeploymentStatusEnum("status").notNull(),
    deployedAt: timestamp("deployed_at", { withTimezone: true }).notNull(),
    commitCount: integer("commit_count").notNull().default(0),
    /** Derived on ingest: an incident's cause is among this deployment's commits. */
    causedIncident: boolean("caused_incident").notNull().default(false),
    ...received,
  },
  (t) => [
    // Only successful deployments count. The trailing columns let the dashboards read these indexes alone, without the table.
    index("dora_deployments_env_time_idx").on(t.environment, t.deployedAt, t.service, t.causedIncident).where(succeeded),
    index("dora_deployments_env_service_time_idx").on(t.environment, t.service, t.deployedAt, t.causedIncident).where(succeeded),
  ],
);

/** The commits a deployment shipped. `service` is the deployment's, copied so commits are found by (service, sha). */
export const doraDeploymentCommits = pgTable(
  "dora_deployment_commits",
  {
    deploymentId: text("deployment_id").notNull().references(() => doraDeployments.id, { onDelete: "cascade" }),
    service: text("service").notNull(),
    sha: text("sha").notNull(),
  },
  (t) => [primaryKey({ columns: [t.deploymentId, t.sha] }), index("dora_deployment_commits_sha_idx").on(t.service, t.sha, t.deploymentId)],
);

export const doraChanges = pgTable(
  "dora_changes",
  {
    id: text("id").primaryKey(),
    service: text("service").notNull(),
    sha: text("sha").notNull(),
    committedAt: timestamp("committed_at", { withTimezone: true }).notNull(),
    mergedAt: timestamp("merged_at", { withTimezone: true }),
    ...received,
  },
  (t) => [index("dora_changes_sha_idx").on(t.service, t.sha, t.committedAt), index("dora_changes_service_time_idx").on(t.service, t.committedAt)],
);

export const doraIncidents = pgTable(
  "dora_incidents",
  {
    id: text("id").primaryKey(),
    service: text("service").notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    causeSha: text("cause_sha"),
    ...received,
  },
  (t) => [
    index("dora_incidents_resolved_idx").on(t.resolvedAt, t.service, t.openedAt).where(sql`resolved_at is not null`),
    index("dora_incidents_service_resolved_idx").on(t.service, t.resolvedAt, t.openedAt).where(sql`resolved_at is not null`),
    index("dora_incidents_cause_idx").on(t.service, t.causeSha).where(sql`cause_sha is not null`),
  ],
);

/**
 * Derived on ingest, one row per commit and environment: the commit's first
 * successful deployment there and its lead time (kept only when positive).
 * `bucket` is a logarithmic bucket of the lead time (lib/metrics/lead-buckets.ts)
 * that lets medians be found without sorting every row of a window.
 */
export const doraLeadTimes = pgTable(
  "dora_lead_times",
  {
    environment: text("environment").notNull(),
    service: text("service").notNull(),
    sha: text("sha").notNull(),
    deploymentId: text("deployment_id").notNull(),
    deployedAt: timestamp("deployed_at", { withTimezone: true }).notNull(),
    leadSeconds: doublePrecision("lead_seconds").notNull(),
    bucket: smallint("bucket").notNull(),
  },
  (t) => [
    // (service, sha) first: a new event names commits, and their rows are found by it in every environment.
    primaryKey({ columns: [t.service, t.sha, t.environment] }),
    index("dora_lead_times_bucket_idx").on(t.environment, t.bucket, t.deployedAt, t.leadSeconds),
    index("dora_lead_times_service_idx").on(t.environment, t.service, t.deployedAt, t.bucket, t.leadSeconds),
    index("dora_lead_times_time_idx").on(t.environment, t.deployedAt, t.bucket, t.leadSeconds, t.deploymentId),
  ],
);

/** Per UTC day, environment and bucket, how many lead times the whole organisation has; kept in step with dora_lead_times on ingest. */
export const doraLeadTimeDaily = pgTable(
  "dora_lead_time_daily",
  {
    environment: text("environment").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    bucket: smallint("bucket").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.environment, t.day, t.bucket] })],
);
