import { quotaExcesses, addUsage, footprint, type Quota, type Usage } from "./quota";
import type { SubmittedRequest } from "./schemas";
import { templates } from "./templates";

export type PolicyDecision = {
  outcome: "auto_approve" | "needs_approval";
  rule: "production-needs-admin" | "over-team-quota" | "beyond-self-service" | "within-golden-path";
  reason: string;
};

/**
 * The rules, first match wins. Requests outside a template's hard limits never
 * get here: the schema refuses them at submission with the field's error.
 * 1. production → an admin decides, whatever the size;
 * 2. over the team's quota → an admin decides, told by how much;
 * 3. beyond the template's self-service limits → an admin decides;
 * 4. otherwise → auto-approved.
 */
export function evaluatePolicy(request: SubmittedRequest, teamName: string, usage: Usage, quota: Quota): PolicyDecision {
  if (request.environment === "production") {
    return { outcome: "needs_approval", rule: "production-needs-admin", reason: "Production requests always need a platform admin's approval." };
  }
  const excesses = quotaExcesses(teamName, addUsage(usage, footprint(request)), quota);
  if (excesses.length) {
    return { outcome: "needs_approval", rule: "over-team-quota", reason: `Over the team's quota: ${excesses.join("; ")}. A platform admin must approve.` };
  }
  const beyond = (templates[request.kind].beyondSelfService as (p: unknown) => string | null)(request.parameters);
  if (beyond) {
    return { outcome: "needs_approval", rule: "beyond-self-service", reason: `Beyond the golden path's self-service limits: ${beyond}. A platform admin must approve.` };
  }
  return {
    outcome: "auto_approve",
    rule: "within-golden-path",
    reason: "Auto-approved: not production, within the golden path's self-service limits and the team's quota.",
  };
}
