import { sql } from "drizzle-orm";
import { bigserial, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { requests } from "./requests";

/** `change`: apply an approved day-2 change in place. */
export const jobActionEnum = pgEnum("job_action", ["provision", "decommission", "change"]);
/** `waiting`: handed to an external automation (webhook backend), until its signed callback or a timeout. */
export const jobStatusEnum = pgEnum("job_status", ["queued", "running", "waiting", "succeeded", "failed"]);

/**
 * Durable provisioning jobs. A row is written in the same transaction as the
 * approval, decommission or expiry that causes it; workers claim rows with
 * FOR UPDATE SKIP LOCKED and hold them by a lease that a dead worker lets lapse.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    requestId: uuid("request_id").notNull().references(() => requests.id, { onDelete: "cascade" }),
    action: jobActionEnum("action").notNull(),
    changeId: uuid("change_id"),
    status: jobStatusEnum("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(5),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    lockedBy: text("locked_by"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    // At most one unfinished job per request: a double click or a retry cannot start two provisionings.
    uniqueIndex("jobs_one_active_per_request").on(t.requestId).where(sql`${t.status} in ('queued', 'running', 'waiting')`),
    index("jobs_claim_idx").on(t.status, t.runAt),
  ],
);

/** Encrypted (AES-256-GCM) secrets a backend produced, such as a database password. */
export const requestSecrets = pgTable(
  "request_secrets",
  {
    requestId: uuid("request_id").notNull().references(() => requests.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    ciphertext: text("ciphertext").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.key] })],
);
