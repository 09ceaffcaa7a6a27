import type { RequestDetail, RequestSummary } from "./queries";

/** The public shape of API.md; internal ids (team, user) stay inside. */
export function requestToApi(r: RequestDetail) {
  return {
    id: r.id,
    kind: r.kind,
    team: r.team,
    environment: r.environment,
    name: r.name,
    parameters: r.parameters,
    status: r.status,
    requestedBy: r.requestedBy,
    policy: r.policy,
    decision: r.decision,
    outputs: r.outputs,
    expiresAt: r.expiresAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    events: r.events,
  };
}

export function requestSummaryToApi(r: RequestSummary) {
  const { requestedByName: _name, ...rest } = r;
  return rest;
}
