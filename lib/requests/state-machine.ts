import { conflict } from "@/lib/errors";
import type { RequestStatus } from "./statuses";

export type { RequestStatus };

/**
 * The lifecycle of DESIGN.md. The provisioner plugs in by moving approved
 * requests to `provisioning`; nothing else may skip a step.
 */
export const transitions: Record<RequestStatus, readonly RequestStatus[]> = {
  submitted: ["auto_approved", "pending_approval"],
  pending_approval: ["approved", "rejected", "cancelled"],
  auto_approved: ["provisioning", "cancelled"],
  approved: ["provisioning", "cancelled"],
  provisioning: ["ready", "failed"],
  ready: ["decommissioning"],
  decommissioning: ["decommissioned", "failed"],
  // A failed request is retried by an admin (back to provisioning) or torn down.
  failed: ["provisioning", "decommissioning"],
  rejected: [],
  decommissioned: [],
  cancelled: [],
};

export const LIVE_STATUSES: RequestStatus[] = (Object.keys(transitions) as RequestStatus[]).filter(
  (s) => !["rejected", "cancelled", "decommissioned"].includes(s),
);

export function canTransition(from: RequestStatus, to: RequestStatus): boolean {
  return transitions[from].includes(to);
}

const describe: Partial<Record<RequestStatus, string>> = {
  pending_approval: "waiting for approval",
  auto_approved: "auto-approved",
  approved: "approved",
  rejected: "rejected",
  cancelled: "cancelled",
  provisioning: "being provisioned",
  ready: "ready",
  failed: "failed",
  decommissioning: "being decommissioned",
  decommissioned: "decommissioned",
};

export function assertTransition(from: RequestStatus, to: RequestStatus): void {
  if (!canTransition(from, to)) {
    throw conflict(`This request is ${describe[from] ?? from}; it cannot become ${describe[to] ?? to}.`);
  }
}

export const statusLabel = (s: RequestStatus) => (describe[s] ?? s).replace(/^./, (c) => c.toUpperCase());
