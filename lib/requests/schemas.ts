import { z } from "zod";
import { requestStatuses } from "./statuses";
import { resourceName } from "./templates/common";
import { databaseParameters } from "./templates/database";
import { environmentParameters } from "./templates/environment";
import { namespaceParameters } from "./templates/namespace";

export const environments = ["dev", "staging", "production"] as const;
export type Environment = (typeof environments)[number];

const common = {
  team: z.string({ error: "Choose a team" }).trim().min(1, "Choose a team"),
  environment: z.enum(environments, { error: "Choose dev, staging or production" }),
  name: resourceName,
  idempotencyKey: z.string().trim().min(8, "must be 8 to 200 characters (a UUID is a good key)").max(200, "must be 8 to 200 characters (a UUID is a good key)").optional(),
};

/**
 * One schema for the forms and the API. Hard limits fail here, so a request
 * outside the golden path is refused before anything is written.
 */
export const submitRequestSchema = z
  .discriminatedUnion(
    "kind",
    [
      z.object({ kind: z.literal("database"), ...common, parameters: databaseParameters.prefault({}) }),
      z.object({ kind: z.literal("namespace"), ...common, parameters: namespaceParameters.prefault({}) }),
      z.object({ kind: z.literal("environment"), ...common, parameters: environmentParameters.prefault({}) }),
    ],
    { error: "kind must be database, namespace or environment" },
  )
  .transform((r) => {
    // Production data is always backed up, and production environments never expire.
    if (r.kind === "database" && r.environment === "production") r.parameters.backups = true;
    if (r.kind === "environment") {
      if (r.environment === "production") {
        r.parameters.ttlHours = undefined;
        for (const d of r.parameters.databases) d.backups = true;
      } else {
        r.parameters.ttlHours ??= 24;
      }
    }
    return r;
  });

export type SubmitRequestInput = z.input<typeof submitRequestSchema>;
export type SubmittedRequest = z.output<typeof submitRequestSchema>;

export const decisionSchema = z.object({
  id: z.uuid("Not a request id"),
  reason: z.string().trim().max(2000, "Keep the reason under 2,000 characters").optional().default(""),
});

export const rejectionSchema = decisionSchema.extend({
  reason: z.string({ error: "Say why the request is rejected" }).trim().min(3, "Say why the request is rejected (the requester will read it)").max(2000, "Keep the reason under 2,000 characters"),
});

export const requestIdSchema = z.object({ id: z.uuid("Not a request id") });

export const quotaSchema = z.object({
  team: z.string().trim().min(1),
  maxDatabases: z.coerce.number().int("whole number").min(0, "must be 0 or more").max(1000, "must be at most 1000"),
  maxNamespaces: z.coerce.number().int("whole number").min(0, "must be 0 or more").max(1000, "must be at most 1000"),
  maxNamespaceCpu: z.coerce.number().min(0, "must be 0 or more").max(10000, "must be at most 10000 cores"),
  maxNamespaceMemoryGi: z.coerce.number().min(0, "must be 0 or more").max(100000, "must be at most 100000 GiB"),
  maxEnvironments: z.coerce.number().int("whole number").min(0, "must be 0 or more").max(1000, "must be at most 1000"),
});


/** Query string of the request lists (API and pages); `status` may be a comma-separated list. */
export const listRequestsQuery = z.object({
  status: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",").map((s) => s.trim()).filter(Boolean) : undefined))
    .pipe(z.array(z.enum(requestStatuses, { error: `status must be one of ${requestStatuses.join(", ")}` })).optional()),
  team: z.string().trim().min(1).optional(),
  kind: z.enum(["database", "namespace", "environment"], { error: "kind must be database, namespace or environment" }).optional(),
  environment: z.enum(environments, { error: "environment must be dev, staging or production" }).optional(),
  limit: z.coerce.number({ error: "limit must be a number" }).int("limit must be a whole number").min(1, "limit must be 1–100").max(100, "limit must be 1–100").optional(),
  cursor: z.string().optional(),
});

/** What a day-2 change may touch; everything else about a live resource stays as provisioned. */
export const changeableFields = {
  database: ["size", "sizeGb"],
  namespace: ["cpuRequest", "cpuLimit", "memoryRequestGi", "memoryLimitGi", "maxPods", "ingressFrom"],
} as const;

export const changeRequestSchema = z.object({
  id: z.uuid("Not a request id"),
  parameters: z.record(z.string(), z.unknown(), { error: "parameters must be an object" }),
});

export const changeDecisionSchema = z.object({
  changeId: z.uuid("Not a change id"),
  reason: z.string().trim().max(2000, "Keep the reason under 2,000 characters").optional().default(""),
});

export const changeRejectionSchema = changeDecisionSchema.extend({
  reason: z.string({ error: "Say why the change is rejected" }).trim().min(3, "Say why the change is rejected (the requester will read it)").max(2000),
});

export const extendSchema = z.object({
  id: z.uuid("Not a request id"),
  hours: z.coerce.number({ error: "Enter the hours to add" }).int("use whole hours").min(1, "must be at least 1 hour").max(168, "must be at most 168 hours"),
});
