import { permissions } from "@/lib/auth/permissions";
import { tokenScopes } from "@/lib/auth/schemas";
import packageJson from "@/package.json";
import { OPERATIONS, ref, USER, type Answer, type Json, type Operation } from "./openapi-operations";
import { jsonSchema, jsonSchemas } from "./openapi-schemas";

const ERRORS = {
  400: ["ValidationFailed", "The input is not valid; `fields` says which field and why. Nothing was written."],
  401: ["Unauthorized", "No credentials, or an unknown or revoked token."],
  403: ["Forbidden", "Signed in, but the role, team or token scope does not allow this."],
  404: ["NotFound", "No such thing, or none the caller may see."],
  409: ["Conflict", "Its current state does not allow this; the message says what it is."],
  500: ["Internal", "A fault on the server; it is logged with the answer's x-request-id."],
} as const;

const PATH_NOTES: Record<string, string> = {
  id: "The request's id",
  changeId: "The change's id",
  jobId: "The job's number, as the automation received it",
  week: "The week's Monday, e.g. 2024-05-06",
};

function queryParameters(op: Operation): Json[] {
  if (!op.query) return [];
  const schema = jsonSchema(op.query);
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries((schema.properties ?? {}) as Record<string, Json>).map(([name, s]) => ({
    name,
    in: "query",
    required: required.has(name),
    schema: s,
    ...(op.notes?.[name] ? { description: op.notes[name] } : {}),
  }));
}

function who(op: Operation): string | null {
  if (!op.permission) return null;
  const roles = permissions[op.permission].join(", ");
  return `Roles: ${roles} (permission \`${op.permission}\`).`;
}

const answer = (a: Answer) => [a.status, { description: a.description, ...(a.schema ? { content: { [a.type ?? "application/json"]: { schema: a.schema } } } : {}) }];

function toOpenApi(op: Operation): Json {
  const security = op.security ?? USER;
  const signedIn = security === USER || security.some((s) => "bearerToken" in s);
  const statuses: (keyof typeof ERRORS)[] = [...new Set([...(op.errors ?? []), ...(signedIn ? [401 as const] : []), 500 as const])].sort((x, y) => x - y);
  const description = [op.description, who(op)].filter(Boolean).join("\n\n");
  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(description ? { description } : {}),
    tags: [op.tag],
    ...(op.security ? { security: op.security } : {}),
    ...(op.permission ? { "x-runway-permission": op.permission } : {}),
    parameters: [
      ...Object.entries(op.path ?? {}).map(([name, s]) => ({ name, in: "path", required: true, schema: jsonSchema(s), description: op.notes?.[name] ?? PATH_NOTES[name] })),
      ...queryParameters(op),
      ...(op.headers ?? []).map((h) => ({ name: h.name, in: "header", required: h.required ?? false, schema: { type: "string" }, description: h.description })),
    ],
    ...(op.body
      ? { requestBody: { required: op.body.required, ...(op.body.description ? { description: op.body.description } : {}), content: { [op.body.type ?? "application/json"]: { schema: op.body.schema } } } }
      : {}),
    responses: {
      ...Object.fromEntries([op.ok, ...(op.also ? [op.also] : [])].map(answer)),
      ...Object.fromEntries(statuses.map((s) => [s, { $ref: `#/components/responses/${ERRORS[s][0]}` }])),
    },
  };
}

let cached: Json | null = null;

/**
 * The OpenAPI 3.1 document of every route under app/api (Auth.js's own
 * sign-in routes aside). lib/api/openapi.test.ts fails when a route is
 * missing here, so the description keeps up with the code.
 */
export function openApiDocument(): Json {
  cached ??= {
    openapi: "3.1.0",
    info: {
      title: "Runway API",
      version: packageJson.version,
      description: [
        "Everything a person can do in Runway's UI, automation can do here. JSON in, JSON out.",
        "Automation sends `Authorization: Bearer <token>`: a token acts as the user who owns it, with that user's role and teams. Users create their tokens under Settings → API tokens, or `npm run cli -- tokens create`.",
        "Every non-2xx answer is `{\"error\": {\"code\", \"message\", \"fields\"?}}`. Lists answer `{\"items\": [...], \"nextCursor\"}` and take `limit` and `cursor`.",
      ].join("\n\n"),
    },
    security: USER,
    tags: [
      { name: "Account", description: "The caller" },
      { name: "Requests", description: "Self-service requests, their decisions and their resources" },
      { name: "Catalog", description: "Backstage-compatible software catalog" },
      { name: "DORA", description: "Deployment, change and incident events, and the four keys" },
      { name: "DevEx", description: "Developer-experience surveys and platform figures" },
      { name: "Operations", description: "Health, metrics and this document" },
    ],
    paths: Object.fromEntries(
      Object.entries(OPERATIONS).map(([path, methods]) => [path, Object.fromEntries(Object.entries(methods).map(([method, op]) => [method, toOpenApi(op)]))]),
    ),
    components: {
      schemas: jsonSchemas(),
      responses: Object.fromEntries(
        Object.values(ERRORS).map(([name, description]) => [name, { description, content: { "application/json": { schema: ref("Error") } } }]),
      ),
      securitySchemes: {
        bearerToken: {
          type: "http",
          scheme: "bearer",
          description: `An API token (\`rwy_…\`). It acts as its owner, with the owner's role and teams; some routes also need a scope on the token (${tokenScopes.join(", ")}).`,
        },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "authjs.session-token",
          description: "The browser's session after signing in (`__Secure-authjs.session-token` over HTTPS).",
        },
        metricsToken: { type: "http", scheme: "bearer", description: "RUNWAY_METRICS_TOKEN, when it is set." },
        githubSignature: {
          type: "apiKey",
          in: "header",
          name: "X-Hub-Signature-256",
          description: "`sha256=` and the HMAC-SHA256 of the raw body with RUNWAY_GITHUB_WEBHOOK_SECRET, as GitHub signs its deliveries.",
        },
        runwaySignature: {
          type: "apiKey",
          in: "header",
          name: "X-Runway-Signature",
          description: "`sha256=` and the HMAC-SHA256 of the raw body with RUNWAY_WEBHOOK_SECRET.",
        },
      },
    },
  };
  return cached;
}
