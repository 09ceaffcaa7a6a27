import { z } from "zod";
import { statusFor, type ErrorCode } from "@/lib/errors";
import { locationSchema } from "@/lib/catalog/schemas";
import { changeBatchSchema, changeEventSchema, deploymentBatchSchema, deploymentEventSchema, incidentBatchSchema, incidentEventSchema } from "@/lib/metrics/schemas";
import { callbackSchema } from "@/lib/provisioning/webhook-callback";
import {
  changeDecisionSchema,
  changeRejectionSchema,
  changeRequestSchema,
  decisionSchema,
  environments,
  extendSchema,
  rejectionSchema,
  submitRequestSchema,
} from "@/lib/requests/schemas";
import { requestStatuses } from "@/lib/requests/statuses";

/*
 * The components of the OpenAPI document. Request bodies are the domain's own
 * zod schemas (the judges of every call), converted as they are, less the
 * fields a route takes from its path. Answers are built by plain DTO functions
 * with no schema of their own, so they are described here, in zod for brevity.
 */

const instant = z.iso.datetime({ offset: true });
const tier = z.enum(["elite", "high", "medium", "low"]).nullable().describe("DORA 2023 performance level; null without data");
const list = <T extends z.ZodType>(item: T, cursor: "keyset" | "none" = "keyset") =>
  z.object({
    items: z.array(item),
    nextCursor: (cursor === "keyset" ? z.string().nullable() : z.null()).describe(cursor === "keyset" ? "Pass as `cursor` for the next page; null on the last" : "Always null: the list is never paged"),
  });

const catalogLocationsRead = z.number().int().optional().describe("push only: the registered catalog locations of the pushed repository and branch, read again once this answer is sent");

const error = z.object({
  error: z.object({
    code: z.enum(Object.keys(statusFor) as [ErrorCode, ...ErrorCode[]]),
    message: z.string().describe("A sentence the caller can act on"),
    fields: z.record(z.string(), z.string()).optional().describe("validation_failed only: a message per field path, e.g. `parameters.sizeGb`"),
  }),
});

const me = z.object({
  email: z.string(),
  name: z.string(),
  role: z.enum(["developer", "manager", "admin"]),
  teams: z.array(z.object({ name: z.string(), displayName: z.string(), role: z.enum(["member", "manager"]) })),
});

const requestSummary = z.object({
  id: z.uuid(),
  kind: z.enum(["database", "namespace", "environment"]),
  team: z.string(),
  environment: z.enum(environments),
  name: z.string(),
  status: z.enum(requestStatuses),
  requestedBy: z.string().describe("The requester's email"),
  createdAt: instant,
  updatedAt: instant,
});

const requestEvent = z.object({
  at: instant,
  actor: z.string().nullable().describe("Who acted (email); null for the platform itself"),
  from: z.enum(requestStatuses).nullable(),
  to: z.enum(requestStatuses).nullable(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
});

const request = requestSummary.extend({
  parameters: z.record(z.string(), z.unknown()).describe("The template's parameters, defaults filled in"),
  policy: z.object({ rule: z.string(), reason: z.string() }).describe("Why policy auto-approved it or asked an admin"),
  decision: z.object({ by: z.string().nullable(), reason: z.string().nullable(), rule: z.string(), at: instant.nullable() }).nullable(),
  outputs: z.record(z.string(), z.unknown()).describe("What provisioning produced (host, namespace, URLs…); never secrets"),
  expiresAt: instant.nullable().describe("When an expiring environment is torn down"),
  events: z.array(requestEvent),
});

const credentials = z.object({
  name: z.string().optional().describe("The environment's database this is; absent for a database request"),
  engine: z.string(),
  host: z.string(),
  port: z.number().int(),
  database: z.string(),
  user: z.string(),
  password: z.string(),
  url: z.string(),
});

const change = z.object({
  id: z.uuid(),
  status: z.string(),
  diff: z.string().describe("What changes, e.g. `sizeGb 10 → 20`"),
  policyReason: z.string(),
  requestedBy: z.string(),
  requestedById: z.uuid(),
  decisionReason: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: instant,
});

const entity = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z.looseObject({
    name: z.string(),
    namespace: z.string().optional(),
    uid: z.uuid(),
    title: z.string().optional(),
    description: z.string().optional(),
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string()).optional().describe("`backstage.io/orphan: \"true\"` once its location no longer holds it"),
    tags: z.array(z.string()).optional(),
  }),
  spec: z.record(z.string(), z.unknown()),
  relations: z.array(
    z.object({
      type: z.string(),
      targetRef: z.string(),
      target: z.object({ kind: z.string(), namespace: z.string(), name: z.string() }),
      missing: z.literal(true).optional().describe("The target is not in the catalog"),
    }),
  ),
  relationCounts: z.record(z.string(), z.number().int()).optional().describe("How many relations of a type there are, when the list was cut short"),
});

const problem = z.object({ file: z.string(), document: z.number().int().nullable(), field: z.string().nullable(), message: z.string() });
const entityBrief = z.object({ ref: z.string(), kind: z.string(), namespace: z.string(), name: z.string(), title: z.string().nullable(), file: z.string(), document: z.number().int() });

const importResult = z.object({
  dryRun: z.boolean(),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  refused: z.number().int().describe("Documents (or whole files) refused"),
  errors: z.array(problem),
  warnings: z.array(problem),
  preview: z.object({ added: z.array(entityBrief), updated: z.array(entityBrief), truncated: z.boolean() }).describe("At most 500 of each"),
});

const location = z.object({
  id: z.uuid(),
  target: z.string(),
  createdAt: instant,
  lastReadAt: instant.nullable(),
  lastSuccessAt: instant.nullable(),
  nextRefreshAt: instant,
  entityCount: z.number().int(),
  orphanCount: z.number().int(),
  problems: z.array(problem.extend({ level: z.enum(["error", "warning"]) })),
});

const locationRefresh = importResult.extend({
  location,
  orphaned: z.number().int().describe("Entities it no longer holds, marked orphaned"),
  removed: z.number().int().describe("Orphans removed because this read still missed them"),
});

const doraKeys = z.object({
  window: z.object({ from: instant, to: instant }).describe("[from, to), UTC"),
  deploymentFrequency: z.object({
    deploymentsPerDay: z.number().nullable(),
    deployDays: z.number().int().nullable(),
    deployments: z.number().int(),
    medianDeployDaysPerWeek: z.number().nullable(),
    tier,
  }),
  leadTimeForChanges: z.object({ medianHours: z.number().nullable(), p90Hours: z.number().nullable(), changes: z.number().int(), tier }),
  changeFailureRate: z.object({ ratio: z.number().min(0).max(1).nullable(), failedDeployments: z.number().int(), deployments: z.number().int(), tier }),
  timeToRestore: z.object({ medianHours: z.number().nullable(), incidents: z.number().int(), tier }),
});

const doraScope = z.object({ label: z.string(), team: z.string().nullable(), service: z.string().nullable(), environment: z.string() });

const doraDashboard = z
  .object({
    scope: doraScope,
    current: doraKeys,
    previous: doraKeys,
    weeks: z.array(z.looseObject({ week: z.iso.date() })).describe("One row per ISO week: deployments, failures, lead times"),
    incidents: z.array(z.looseObject({ id: z.string(), service: z.string() })).describe("Resolved incidents of the window, the latest 300"),
    services: z.array(z.looseObject({ service: z.string(), team: z.string().nullable() })).describe("Per service: its four keys and tiers"),
    choices: z.object({
      myTeams: z.array(z.string()).describe("The caller's own teams"),
      wholeOrganisation: z.boolean().describe("The caller may choose the organisation and any team (searched through GET /api/v1/teams)"),
      defaultScope: z.string(),
    }),
    demo: z.boolean().describe("Some services in view have generated demo history"),
  })
  .describe("Shaped for the DORA dashboard; its inner rows may change between releases.");

const doraWeek = z.object({
  week: z.iso.date(),
  deployments: z.array(
    z.object({ id: z.string(), service: z.string(), deployedAt: instant, commits: z.number().int(), medianLeadHours: z.number().nullable(), causedIncident: z.boolean() }),
  ),
  deploymentsTotal: z.number().int().describe("All of the week's deployments; the list holds at most 100"),
  incidents: z
    .array(
      z.object({
        id: z.string(),
        service: z.string(),
        openedAt: instant,
        resolvedAt: instant.nullable(),
        hours: z.number().nullable().describe("Time to restore; null while open"),
        causeSha: z.string().nullable(),
        deploymentId: z.string().nullable().describe("The deployment that shipped the cause: the week's own when it caused it, else the first to the environment"),
        roles: z
          .array(z.enum(["caused", "opened", "resolved"]))
          .describe("caused: a deployment of the week shipped its cause; opened, resolved: in the week (resolved ones make the week's time to restore)"),
      }),
    )
    .describe("The latest 100 by opening time"),
  incidentsTotal: z.number().int(),
  timeToRestore: z.object({ incidents: z.number().int(), medianHours: z.number().nullable() }).describe("Over the incidents resolved in the week"),
});

const devexPlatformWeek = z.object({
  week: z.iso.date(),
  requests: z.number().int().describe("Submitted that week: the week's request figures are of these"),
  selfServiceRate: z.number().min(0).max(1).nullable(),
  medianReadyHours: z.number().nullable(),
  p90ReadyHours: z.number().nullable(),
  medianApprovalHours: z.number().nullable().describe("Of those decided by an approver; one still waiting has no wait yet"),
  p90ApprovalHours: z.number().nullable(),
  provisioningRuns: z.number().int(),
  provisioningFailureRate: z.number().min(0).max(1).nullable().describe("Failed runs of all that ended; a failed run retried to ready is one of each"),
  activeUsers: z.number().int(),
  teamsUsing: z.number().int(),
  newcomers: z.number().int().describe("Developers who first signed in that week"),
  newcomersDeployed: z.number().int().describe("Of those, the ones whose team has deployed to production since"),
  medianFirstDeploymentDays: z.number().nullable(),
});

const devex = z
  .object({
    window: z.object({ from: instant, to: instant }),
    scope: z.object({ label: z.string(), team: z.string().nullable() }),
    survey: z.object({
      rounds: z.array(z.looseObject({ id: z.uuid(), title: z.string(), status: z.enum(["scheduled", "open", "closed"]) })).describe("Per round: response counts, the four dimensions' scores and eNPS"),
      selected: z.looseObject({ id: z.uuid() }).nullable(),
      detail: z.looseObject({}).nullable().describe("The selected round per item and per team; a team below the round's minimum of answers shows no figure"),
    }),
    platform: z
      .looseObject({ weeks: z.array(devexPlatformWeek).describe("One row per ISO week of the window, the first and last cut to it") })
      .describe("The platform's own figures: requests per kind, self-service rate, approval wait, provisioning failures, active users, time to first deployment, weekly series"),
    demo: z.boolean(),
  })
  .describe("Shaped for the DevEx dashboard; its inner parts may change between releases.");

const eventsStored = z.object({
  received: z.number().int(),
  created: z.number().int(),
  updated: z.number().int().describe("Events whose id was already stored"),
});

/** Every named schema of the document, by its name under #/components/schemas. */
export const componentSchemas: Record<string, z.ZodType> = {
  Error: error,
  Me: me,
  TeamList: list(z.object({ name: z.string(), displayName: z.string(), members: z.number().int().describe("Members who are not managers: the people a survey round asks") })),
  RequestSubmission: submitRequestSchema,
  Decision: decisionSchema.omit({ id: true }),
  Rejection: rejectionSchema.omit({ id: true }),
  RequestSummary: requestSummary,
  RequestList: list(requestSummary),
  RequestEvent: requestEvent,
  Request: request,
  DatabaseCredentials: credentials,
  Credentials: z.union([credentials, z.object({ databases: z.array(credentials) })]).describe("A database's, or each database of an environment"),
  ChangeSubmission: changeRequestSchema.omit({ id: true }),
  ChangeDecision: changeDecisionSchema.omit({ changeId: true }),
  ChangeRejection: changeRejectionSchema.omit({ changeId: true }),
  Change: change,
  ChangeList: list(change, "none"),
  ChangeSubmitted: z.object({ changeId: z.uuid(), status: z.enum(["approved", "pending_approval"]), team: z.string(), name: z.string(), diff: z.string() }),
  ChangeDecided: z.object({ requestId: z.uuid(), status: z.enum(["approved", "rejected"]) }),
  Extension: extendSchema.omit({ id: true }),
  Extended: z.object({ expiresAt: instant }),
  Entity: entity,
  EntityList: list(entity).extend({ total: z.number().int() }),
  Suggestions: z.object({ items: z.array(z.object({ ref: z.string(), kind: z.string(), namespace: z.string(), name: z.string(), title: z.string().nullable() })) }),
  CatalogProblem: problem,
  ImportResult: importResult,
  LocationRegistration: locationSchema,
  Location: location,
  LocationList: list(location),
  LocationRefresh: locationRefresh,
  DeploymentEvent: deploymentEventSchema,
  DeploymentBatch: deploymentBatchSchema,
  ChangeEvent: changeEventSchema,
  ChangeBatch: changeBatchSchema,
  IncidentEvent: incidentEventSchema,
  IncidentBatch: incidentBatchSchema,
  EventsStored: eventsStored,
  GithubDelivery: z.union([
    z.object({ service: z.string(), stored: z.enum(["changes", "deployment", "incident"]), result: eventsStored, catalogLocations: catalogLocationsRead }),
    z.object({ ignored: z.string().describe("Why nothing was stored"), catalogLocations: catalogLocationsRead }),
  ]),
  DoraKeys: doraKeys,
  DoraMetrics: doraKeys.extend({ scope: doraScope }),
  DoraDashboard: doraDashboard,
  DoraWeek: doraWeek,
  DoraServiceList: list(z.object({ name: z.string(), team: z.string().nullable().describe("The team owning its Component; null: unowned") })),
  DevexMetrics: devex,
  ProvisioningCallback: callbackSchema.omit({ jobId: true }),
  ProvisioningCallbackResult: z.object({ status: z.enum(requestStatuses) }),
  Health: z.object({ status: z.enum(["ok", "unavailable"]), db: z.enum(["ok", "unreachable"]), reason: z.string().optional() }),
};

type JsonSchema = Record<string, unknown>;

/**
 * Leaves out what says nothing to a reader: the long regular expression zod
 * adds beside a date, time or uuid format, and the safe-integer bounds of every `int()`.
 */
function tidy(ctx: { jsonSchema: JsonSchema }): void {
  const s = ctx.jsonSchema;
  if (s.format && s.pattern) delete s.pattern;
  if (s.minimum === Number.MIN_SAFE_INTEGER) delete s.minimum;
  if (s.maximum === Number.MAX_SAFE_INTEGER) delete s.maximum;
}

/**
 * The components as JSON Schema 2020-12 (OpenAPI 3.1's dialect), as callers
 * send them (`io: "input"`: before defaults and transforms). A named schema
 * inside another becomes a `$ref`.
 */
export function jsonSchemas(): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(componentSchemas)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io: "input", uri: (id) => `#/components/schemas/${id}`, override: tidy });
  // A schema's own $schema and $id would make it a separate document with a base URI of its own.
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...rest }]) => [id, rest as JsonSchema]));
}

/** One zod schema as an inline JSON Schema (query and path parameters). */
export function jsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, { io: "input", override: tidy }) as JsonSchema;
  return rest;
}
