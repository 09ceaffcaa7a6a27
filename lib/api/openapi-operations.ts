import { z } from "zod";
import type { Permission } from "@/lib/auth/permissions";
import { listEntitiesQuery, listLocationsQuery, locationIdSchema, suggestQuery } from "@/lib/catalog/schemas";
import { devexQuerySchema } from "@/lib/metrics/devex/schemas";
import { doraQuerySchema, eventKinds, isoWeekParam } from "@/lib/metrics/schemas";
import { doraServiceSearchQuery } from "@/lib/metrics/service-search";
import { nameSearchQuery } from "@/lib/name-search";
import { callbackSchema } from "@/lib/provisioning/webhook-callback";
import { listRequestsQuery, requestIdSchema } from "@/lib/requests/schemas";
import { requestStatuses } from "@/lib/requests/statuses";

export type Json = Record<string, unknown>;
export type Security = Record<string, string[]>[];

/** A signed-in person: an API token (`Authorization: Bearer`) or the browser's session cookie. */
export const USER: Security = [{ bearerToken: [] }, { sessionCookie: [] }];
const PUBLIC: Security = [];

export type Answer = { status: number; description: string; schema?: Json; type?: string };

export type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  tag: "Account" | "Requests" | "Catalog" | "DORA" | "DevEx" | "Operations";
  /** The permission the domain function checks; the roles that hold it come from lib/auth/permissions.ts. */
  permission?: Permission;
  security?: Security;
  path?: Record<string, z.ZodType>;
  query?: z.ZodType;
  /** Notes on path and query parameters, by name, where the schema alone does not say enough. */
  notes?: Record<string, string>;
  headers?: { name: string; description: string; required?: boolean }[];
  body?: { schema: Json; required: boolean; type?: string; description?: string };
  ok: Answer;
  /** A second success or failure answer of its own shape (202 ignored, 503 unavailable). */
  also?: Answer;
  /** Statuses beyond 401 (every signed-in route) and 500. */
  errors?: (400 | 401 | 403 | 404 | 409)[];
};

export const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const jsonBody = (name: string, required = true) => ({ schema: ref(name), required });

const requestId = { id: requestIdSchema.shape.id };
const TEAM_OR_ORG = "A team (catalog Group) name, or `*` for the whole organisation (managers and admins)";
const NAME_SEARCH = {
  q: "What was typed: the exact name first, then names that start with it, contain it, or (from 3 characters) are spelled close to it; empty lists all",
  limit: "1–100, default 50",
  cursor: "`nextCursor` of the previous page",
};
const WINDOW = { from: "Start of the window, included (UTC); default 90 days before `to`", to: "End of the window, excluded (UTC); default the end of today" };

/** Every route under app/api and what it takes and answers; the routes say how they do it. */
export const OPERATIONS: Record<string, Partial<Record<"get" | "post" | "delete", Operation>>> = {
  "/api/health": {
    get: {
      operationId: "health",
      summary: "Whether the portal and its database answer",
      tag: "Operations",
      security: PUBLIC,
      ok: { status: 200, description: "Up, database reachable", schema: ref("Health") },
      also: { status: 503, description: "The database is unreachable or does not answer within 2 s", schema: ref("Health") },
    },
  },
  "/api/metrics": {
    get: {
      operationId: "scrapeMetrics",
      summary: "Prometheus metrics of this process and the job queue",
      description: "Public unless RUNWAY_METRICS_TOKEN is set; then it needs that token as a bearer token.",
      tag: "Operations",
      security: [{ metricsToken: [] }, {}],
      ok: { status: 200, description: "Prometheus text exposition format", schema: { type: "string" }, type: "text/plain" },
      errors: [401],
    },
  },
  "/api/webhooks/github": {
    post: {
      operationId: "githubWebhook",
      summary: "GitHub's webhook: pushes, merged pull requests, deployment statuses and incident issues become DORA events; a push also re-reads the repository's catalog locations",
      tag: "DORA",
      security: [{ githubSignature: [] }],
      headers: [
        { name: "X-GitHub-Event", description: "push, pull_request, deployment_status or issues; other events are answered 202 and ignored", required: true },
        { name: "X-GitHub-Delivery", description: "GitHub's delivery id, logged" },
      ],
      body: { schema: { type: "object", description: "GitHub's payload of that event, as it sends it" }, required: true },
      ok: { status: 200, description: "Stored", schema: ref("GithubDelivery") },
      also: { status: 202, description: "An event or action Runway does not read: ignored, with the reason", schema: ref("GithubDelivery") },
      errors: [400, 401],
    },
  },
  "/api/v1/openapi.json": {
    get: {
      operationId: "openApiDocument",
      summary: "This description of the API",
      tag: "Operations",
      security: PUBLIC,
      ok: { status: 200, description: "OpenAPI 3.1 document", schema: { type: "object" } },
    },
  },
  "/api/v1/me": {
    get: { operationId: "me", summary: "Who the caller is: role and teams", tag: "Account", ok: { status: 200, description: "The caller", schema: ref("Me") } },
  },
  "/api/v1/teams": {
    get: {
      operationId: "searchTeams",
      summary: "Typeahead: Runway's teams by name or display name, best match first",
      description: "Managers and admins search every team; developers their own.",
      tag: "Account",
      permission: "portal:use",
      query: nameSearchQuery,
      notes: NAME_SEARCH,
      ok: { status: 200, description: "One page", schema: ref("TeamList") },
      errors: [400],
    },
  },
  "/api/v1/requests": {
    get: {
      operationId: "listRequests",
      summary: "The requests of the caller's teams (admins: all), newest first",
      tag: "Requests",
      permission: "requests:read",
      query: listRequestsQuery,
      notes: { status: `Comma-separated: ${requestStatuses.join(", ")}`, limit: "1–100, default 50", cursor: "`nextCursor` of the previous page" },
      ok: { status: 200, description: "One page", schema: ref("RequestList") },
      errors: [400],
    },
    post: {
      operationId: "submitRequest",
      summary: "Submit a request for a database, a namespace or an environment",
      description: "Policy decides at once: auto-approved requests start provisioning, others wait for an admin.",
      tag: "Requests",
      permission: "requests:submit",
      headers: [{ name: "Idempotency-Key", description: "8–200 characters; a retried POST with the same key answers the first request instead of making a second" }],
      body: jsonBody("RequestSubmission"),
      ok: { status: 201, description: "Submitted", schema: ref("Request") },
      errors: [400, 403],
    },
  },
  "/api/v1/requests/{id}": {
    get: {
      operationId: "getRequest",
      summary: "One request with its decision, outputs and timeline",
      tag: "Requests",
      permission: "requests:read",
      path: requestId,
      ok: { status: 200, description: "The request", schema: ref("Request") },
      errors: [404],
    },
  },
  "/api/v1/requests/{id}/approve": {
    post: {
      operationId: "approveRequest",
      summary: "Approve a request waiting for approval (not one's own)",
      tag: "Requests",
      permission: "requests:approve",
      path: requestId,
      body: jsonBody("Decision", false),
      ok: { status: 200, description: "The updated request", schema: ref("Request") },
      errors: [400, 403, 404, 409],
    },
  },
  "/api/v1/requests/{id}/reject": {
    post: {
      operationId: "rejectRequest",
      summary: "Reject a request waiting for approval, saying why",
      tag: "Requests",
      permission: "requests:approve",
      path: requestId,
      body: jsonBody("Rejection"),
      ok: { status: 200, description: "The updated request", schema: ref("Request") },
      errors: [400, 403, 404, 409],
    },
  },
  "/api/v1/requests/{id}/cancel": {
    post: {
      operationId: "cancelRequest",
      summary: "Cancel a request of one's team before it is provisioned",
      tag: "Requests",
      permission: "requests:cancel",
      path: requestId,
      ok: { status: 200, description: "The updated request", schema: ref("Request") },
      errors: [403, 404, 409],
    },
  },
  "/api/v1/requests/{id}/decommission": {
    post: {
      operationId: "decommissionRequest",
      summary: "Tear down a ready resource of one's team",
      tag: "Requests",
      permission: "requests:cancel",
      path: requestId,
      ok: { status: 202, description: "Teardown started; follow it on GET /api/v1/requests/{id}", schema: ref("Request") },
      errors: [403, 404, 409],
    },
  },
  "/api/v1/requests/{id}/retry": {
    post: {
      operationId: "retryRequest",
      summary: "Retry a failed request",
      tag: "Requests",
      permission: "requests:retry",
      path: requestId,
      ok: { status: 202, description: "Provisioning queued again", schema: ref("Request") },
      errors: [403, 404, 409],
    },
  },
  "/api/v1/requests/{id}/credentials": {
    get: {
      operationId: "revealCredentials",
      summary: "Connection details of a ready database (the owning team only; audited)",
      tag: "Requests",
      permission: "requests:read",
      path: requestId,
      ok: { status: 200, description: "Credentials; never cached", schema: ref("Credentials") },
      errors: [403, 404, 409],
    },
  },
  "/api/v1/requests/{id}/changes": {
    get: {
      operationId: "listChanges",
      summary: "The size or quota changes of a resource, oldest first",
      tag: "Requests",
      permission: "requests:read",
      path: requestId,
      ok: { status: 200, description: "Every change", schema: ref("ChangeList") },
    },
    post: {
      operationId: "requestChange",
      summary: "Change a ready database's size or a namespace's quota; the same policy as a new request decides",
      tag: "Requests",
      permission: "requests:cancel",
      path: requestId,
      body: jsonBody("ChangeSubmission"),
      ok: { status: 201, description: "Change requested, approved or waiting for an admin", schema: ref("ChangeSubmitted") },
      errors: [400, 403, 404, 409],
    },
  },
  "/api/v1/requests/{id}/changes/{changeId}/approve": {
    post: {
      operationId: "approveChange",
      summary: "Approve a change waiting for approval (not one's own)",
      tag: "Requests",
      permission: "requests:approve",
      path: { ...requestId, changeId: z.uuid() },
      body: jsonBody("ChangeDecision", false),
      ok: { status: 200, description: "Approved; the change is applied in the background", schema: ref("ChangeDecided") },
      errors: [400, 403, 404, 409],
    },
  },
  "/api/v1/requests/{id}/changes/{changeId}/reject": {
    post: {
      operationId: "rejectChange",
      summary: "Reject a change waiting for approval, saying why",
      tag: "Requests",
      permission: "requests:approve",
      path: { ...requestId, changeId: z.uuid() },
      body: jsonBody("ChangeRejection"),
      ok: { status: 200, description: "Rejected", schema: ref("ChangeDecided") },
      errors: [400, 403, 404, 409],
    },
  },
  "/api/v1/requests/{id}/extend": {
    post: {
      operationId: "extendEnvironment",
      summary: "Extend a ready environment's time to live (its team once, admins without limit)",
      tag: "Requests",
      permission: "requests:cancel",
      path: requestId,
      body: jsonBody("Extension"),
      ok: { status: 200, description: "The new end of its life", schema: ref("Extended") },
      errors: [400, 403, 404, 409],
    },
  },
  "/api/v1/provisioning/callbacks/{jobId}": {
    post: {
      operationId: "provisioningCallback",
      summary: "The webhook backend's automation reports how a job ended",
      tag: "Requests",
      security: [{ runwaySignature: [] }],
      path: { jobId: callbackSchema.shape.jobId },
      body: jsonBody("ProvisioningCallback"),
      ok: { status: 200, description: "The request's new status", schema: ref("ProvisioningCallbackResult") },
      errors: [400, 401, 404, 409],
    },
  },
  "/api/v1/catalog/entities": {
    get: {
      operationId: "listEntities",
      summary: "Catalog entities in Backstage's shape, filtered and searched",
      tag: "Catalog",
      permission: "catalog:read",
      query: listEntitiesQuery,
      notes: {
        q: "Words of the name, title, tags or description; name matches first",
        owner: "An entity reference, e.g. group:default/payments",
        rel: "`relationType:entityRef`: entities with that relation to that entity, e.g. memberOf:group:default/team-a",
        mine: "Only what the caller's teams own",
        limit: "1–100, default 50",
        cursor: "`nextCursor` of the previous page",
      },
      ok: { status: 200, description: "One page, and how many match in all", schema: ref("EntityList") },
      errors: [400],
    },
  },
  "/api/v1/catalog/entities/{kind}/{namespace}/{name}": {
    get: {
      operationId: "getEntity",
      summary: "One entity with its relations",
      tag: "Catalog",
      permission: "catalog:read",
      path: { kind: z.string(), namespace: z.string(), name: z.string() },
      notes: { kind: "The entity's kind, in any case, e.g. component", namespace: "Its namespace, e.g. default", name: "Its name" },
      ok: { status: 200, description: "The entity", schema: ref("Entity") },
      errors: [404],
    },
  },
  "/api/v1/catalog/suggest": {
    get: {
      operationId: "suggestEntities",
      summary: "Typeahead: entities whose name starts with, then contains, what was typed",
      tag: "Catalog",
      permission: "catalog:read",
      query: suggestQuery,
      ok: { status: 200, description: "At most 20", schema: ref("Suggestions") },
      errors: [400],
    },
  },
  "/api/v1/catalog/import": {
    post: {
      operationId: "importCatalog",
      summary: "Import Backstage catalog-info.yaml documents",
      description: "The valid documents are written in one transaction; each bad one is reported and skipped. At most 16 MiB.",
      tag: "Catalog",
      permission: "catalog:import",
      query: z.object({ dryRun: z.enum(["true", "1", "false", "0"]).optional(), file: z.string().max(300).optional() }),
      notes: { dryRun: "Preview what would be added, changed or refused without writing", file: "The body's name in error messages" },
      body: { schema: { type: "string" }, required: true, type: "application/yaml", description: "One or more YAML documents separated by ---" },
      ok: { status: 200, description: "What was (or would be) added, updated and refused", schema: ref("ImportResult") },
      errors: [400, 403],
    },
  },
  "/api/v1/catalog/locations": {
    get: {
      operationId: "listLocations",
      summary: "Registered catalog locations and how their last read went",
      tag: "Catalog",
      permission: "catalog:read",
      query: listLocationsQuery,
      notes: { limit: "1–100, default 50", cursor: "`nextCursor` of the previous page" },
      ok: { status: 200, description: "One page of locations, by target", schema: ref("LocationList") },
      errors: [400],
    },
    post: {
      operationId: "registerLocation",
      summary: "Register a catalog-info.yaml URL or git repository; it is read now and on a schedule",
      tag: "Catalog",
      permission: "catalog:locations",
      body: jsonBody("LocationRegistration"),
      ok: { status: 201, description: "Registered, with what the first read found", schema: ref("LocationRefresh") },
      errors: [400, 403, 409],
    },
  },
  "/api/v1/catalog/locations/{id}": {
    delete: {
      operationId: "deleteLocation",
      summary: "Remove a location and the entities it provided",
      tag: "Catalog",
      permission: "catalog:locations",
      path: { id: locationIdSchema.shape.id },
      notes: { id: "The location's id" },
      ok: { status: 204, description: "Removed" },
      errors: [403, 404],
    },
  },
  "/api/v1/catalog/locations/{id}/refresh": {
    post: {
      operationId: "refreshLocation",
      summary: "Read a location again now, e.g. from a push webhook",
      tag: "Catalog",
      permission: "catalog:locations",
      path: { id: locationIdSchema.shape.id },
      notes: { id: "The location's id" },
      ok: { status: 200, description: "What the read found; its entities are searchable already", schema: ref("LocationRefresh") },
      errors: [403, 404],
    },
  },
  "/api/v1/events/{kind}": {
    post: {
      operationId: "ingestEvents",
      summary: "Send DORA deployments, changes or incidents",
      description:
        "One event, or `{events: [...]}` of up to 5,000 events of the path's kind, stored all or none. Idempotent on each event's `id`: re-sending updates the event. Needs an API token with the `events:write` scope.",
      tag: "DORA",
      permission: "events:write",
      security: [{ bearerToken: ["events:write"] }],
      path: { kind: z.enum(eventKinds) },
      notes: { kind: "Which events the body holds" },
      body: {
        schema: { anyOf: ["DeploymentEvent", "DeploymentBatch", "ChangeEvent", "ChangeBatch", "IncidentEvent", "IncidentBatch"].map(ref) },
        required: true,
        description: "deployments: a DeploymentEvent or DeploymentBatch; changes: a ChangeEvent or ChangeBatch; incidents: an IncidentEvent or IncidentBatch. At most 10 MB.",
      },
      ok: { status: 200, description: "Stored", schema: ref("EventsStored") },
      errors: [400, 403, 404],
    },
  },
  "/api/v1/metrics/dora": {
    get: {
      operationId: "computeDoraKeys",
      summary: "The four DORA keys of a team, a service or the organisation for a window",
      description: "A key without data is null with tier null, never a made-up number.",
      tag: "DORA",
      permission: "metrics:read",
      query: doraQuerySchema,
      notes: { team: TEAM_OR_ORG, service: "A catalog Component name", environment: "The environment whose deployments count", ...WINDOW },
      ok: { status: 200, description: "The four keys and the counts behind them", schema: ref("DoraMetrics") },
      errors: [400, 403, 404],
    },
  },
  "/api/v1/metrics/dora/dashboard": {
    get: {
      operationId: "loadDoraDashboard",
      summary: "Everything the DORA dashboard shows for one set of filters",
      tag: "DORA",
      permission: "metrics:read",
      query: doraQuerySchema,
      notes: { team: TEAM_OR_ORG, ...WINDOW },
      ok: { status: 200, description: "Both windows' keys, weekly series, incidents and services", schema: ref("DoraDashboard") },
      errors: [400, 403, 404],
    },
  },
  "/api/v1/metrics/dora/services": {
    get: {
      operationId: "searchDoraServices",
      summary: "Typeahead: the services the DORA filter offers for a team, best match first",
      description: "A team's Components; with the whole organisation in view, every service that has sent events, unowned ones included.",
      tag: "DORA",
      permission: "metrics:read",
      query: doraServiceSearchQuery,
      notes: { team: `${TEAM_OR_ORG}; default: as the dashboard (admins the organisation, others their teams)`, ...NAME_SEARCH },
      ok: { status: 200, description: "One page", schema: ref("DoraServiceList") },
      errors: [400, 403, 404],
    },
  },
  "/api/v1/metrics/dora/weeks/{week}": {
    get: {
      operationId: "loadWeekDetail",
      summary: "The deployments of one ISO week, the incidents they caused, and the incidents opened or resolved in it",
      tag: "DORA",
      permission: "metrics:read",
      path: { week: isoWeekParam },
      query: doraQuerySchema,
      notes: { team: TEAM_OR_ORG, ...WINDOW },
      ok: { status: 200, description: "The week", schema: ref("DoraWeek") },
      errors: [400, 403, 404],
    },
  },
  "/api/v1/metrics/devex": {
    get: {
      operationId: "devexMetrics",
      summary: "Survey scores and the platform's own self-service figures",
      tag: "DevEx",
      permission: "devex:read-teams",
      query: devexQuerySchema,
      notes: { team: TEAM_OR_ORG, round: "A survey round's id; default the latest with results", ...WINDOW },
      ok: { status: 200, description: "The figures", schema: ref("DevexMetrics") },
      errors: [400, 403, 404],
    },
  },
};
