import { randomUUID } from "node:crypto";

// What a load balancer or tracing proxy may send (a UUID, a trace id); anything else is replaced, never echoed.
const ACCEPTED = /^[A-Za-z0-9._:-]{8,128}$/;

/** The caller's x-request-id when it is a plausible id, else a new one: it ties a user's report to the log line. */
export function requestIdOf(request: Request): string {
  const sent = request.headers.get("x-request-id");
  return sent && ACCEPTED.test(sent) ? sent : randomUUID();
}
