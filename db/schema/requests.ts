import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { requestStatuses } from "../../lib/requests/statuses";
import { teams, users } from "./auth";

export const requestKindEnum = pgEnum("request_kind", ["database", "namespace", "environment"]);
export const environmentEnum = pgEnum("deploy_environment", ["dev", "staging", "production"]);
export const requestStatusEnum = pgEnum("request_status", requestStatuses);

/** A request is "live" until it ends; only live requests hold a name and count toward quota. */
export const ENDED_STATUSES = ["rejected", "cancelled", "decommissioned"] as const;

export const requests = pgTable(
  "requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: requestKindEnum("kind").notNull(),
    teamId: uuid("team_id").notNull().references(() => teams.id),
    environment: environmentEnum("environment").notNull(),
    name: text("name").notNull(),
    parameters: jsonb("parameters").$type<Record<string, unknown>>().notNull(),
    status: requestStatusEnum("status").notNull(),
    requestedBy: uuid("requested_by").notNull().references(() => users.id),
    /** The policy rule that decided at submission, and its sentence. */
    policyRule: text("policy_rule").notNull(),
    policyReason: text("policy_reason").notNull(),
    decidedBy: uuid("decided_by").references(() => users.id),
    decisionReason: text("decision_reason"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    outputs: jsonb("outputs").$type<Record<string, unknown>>().notNull().default({}),
    /** Set by the requester's client; a retried submission with the same key returns the first request. */
    idempotencyKey: text("idempotency_key"),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("requests_live_name_key")
      .on(t.teamId, t.kind, t.name)
      .where(sql`${t.status} not in ('rejected', 'cancelled', 'decommissioned')`),
    uniqueIndex("requests_idempotency_key").on(t.requestedBy, t.idempotencyKey),
    index("requests_status_created_idx").on(t.status, t.createdAt, t.id),
    index("requests_team_created_idx").on(t.teamId, t.createdAt, t.id),
  ],
);

export const requestEvents = pgTable(
  "request_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    requestId: uuid("request_id").notNull().references(() => requests.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    actorEmail: text("actor_email"),
    fromStatus: requestStatusEnum("from_status"),
    toStatus: requestStatusEnum("to_status"),
    message: text("message").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("request_events_request_idx").on(t.requestId, t.id)],
);

/** Per-team limits on live resources; a team without a row uses DEFAULT_QUOTA from lib/requests/quota.ts. */
export const teamQuotas = pgTable("team_quotas", {
  teamId: uuid("team_id").primaryKey().references(() => teams.id, { onDelete: "cascade" }),
  maxDatabases: integer("max_databases").notNull(),
  maxNamespaces: integer("max_namespaces").notNull(),
  maxNamespaceCpuMillis: integer("max_namespace_cpu_millis").notNull(),
  maxNamespaceMemoryMib: integer("max_namespace_memory_mib").notNull(),
  maxEnvironments: integer("max_environments").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
});

export const changeStatusEnum = pgEnum("change_status", ["pending_approval", "approved", "applying", "applied", "rejected", "failed", "cancelled"]);

/**
 * Day-2 changes to a ready resource (a database's size, a namespace's quota):
 * judged by the same policy as a new request, then applied in place by
 * re-running the backend's idempotent "ensure" with the new parameters.
 */
export const requestChanges = pgTable(
  "request_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id").notNull().references(() => requests.id, { onDelete: "cascade" }),
    parameters: jsonb("parameters").$type<Record<string, unknown>>().notNull(),
    previousParameters: jsonb("previous_parameters").$type<Record<string, unknown>>().notNull(),
    status: changeStatusEnum("status").notNull(),
    policyRule: text("policy_rule").notNull(),
    policyReason: text("policy_reason").notNull(),
    requestedBy: uuid("requested_by").notNull().references(() => users.id),
    decidedBy: uuid("decided_by").references(() => users.id),
    decisionReason: text("decision_reason"),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One open change at a time per resource, so two changes never race to apply.
    uniqueIndex("request_changes_one_open").on(t.requestId).where(sql`${t.status} in ('pending_approval', 'approved', 'applying')`),
    index("request_changes_status_idx").on(t.status, t.createdAt),
  ],
);
