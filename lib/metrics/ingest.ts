import "server-only";
import type { z } from "zod";
import { db } from "@/db/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { forbidden, validationFailed } from "@/lib/errors";
import { recordIngestedEvents } from "@/lib/observability/metrics";
import { fieldErrors } from "@/lib/validation";
import { changeBatchSchema, deploymentBatchSchema, incidentBatchSchema, type EventKind } from "./schemas";
import { writeChanges, writeDeployments, writeIncidents, type WriteResult } from "./store";

const EVENTS_SCOPE = "events:write";

/** One event, or `{events: [...]}`; field errors name the event as `events.<index>.<field>`, or the bare field for a single event. */
function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const single = !(body && typeof body === "object" && !Array.isArray(body) && "events" in body);
  const parsed = schema.safeParse(single ? { events: [body] } : body);
  if (parsed.success) return parsed.data;
  const fields = fieldErrors(parsed.error);
  const named = single ? Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.replace(/^events\.0\.?/, "") || "_", v])) : fields;
  throw validationFailed(single ? "The event is not valid." : "Some events are not valid; none was stored.", named);
}

function storeBatch(kind: EventKind, body: unknown): Promise<WriteResult> {
  switch (kind) {
    case "deployments": {
      const { events } = parse(deploymentBatchSchema, body);
      return db.transaction((tx) => writeDeployments(tx, events, "api"));
    }
    case "changes": {
      const { events } = parse(changeBatchSchema, body);
      return db.transaction((tx) => writeChanges(tx, events, "api"));
    }
    case "incidents": {
      const { events } = parse(incidentBatchSchema, body);
      return db.transaction((tx) => writeIncidents(tx, events, "api"));
    }
  }
}

/**
 * Stores a batch of DORA events of one kind in one transaction: all of it or
 * none. Idempotent on each event's id: re-sending updates, never duplicates.
 */
export async function ingestEvents(actor: Actor, kind: EventKind, body: unknown): Promise<WriteResult> {
  assertCan(actor, "events:write");
  if (!actor.tokenScopes?.includes(EVENTS_SCOPE)) {
    throw forbidden(`Sending events needs an API token with the ${EVENTS_SCOPE} scope (Settings → API tokens, or: npm run cli -- tokens create --scope ${EVENTS_SCOPE}).`);
  }
  const result = await storeBatch(kind, body);
  recordIngestedEvents(kind, result.received);
  return result;
}
