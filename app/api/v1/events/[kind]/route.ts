import { apiRoute, readJson } from "@/lib/api/route";
import { notFound, validationFailed } from "@/lib/errors";
import { ingestEvents } from "@/lib/metrics/ingest";
import { eventKinds, type EventKind } from "@/lib/metrics/schemas";
import { z } from "zod";

/** Next.js's proxy buffers at most this much of a body and silently cuts the rest. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** POST /api/v1/events/{deployments|changes|incidents}: one event or {"events": [...]} of up to 5,000. */
export const POST = apiRoute<{ kind: string }>(async ({ request, actor, params }) => {
  if (!(eventKinds as readonly string[]).includes(params.kind)) throw notFound(`No event kind "${params.kind}"; use ${eventKinds.join(", ")}.`);
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw validationFailed("The body is over 10 MB; split the batch.");
  const body = await readJson(request, z.unknown());
  return ingestEvents(actor, params.kind as EventKind, body);
});
