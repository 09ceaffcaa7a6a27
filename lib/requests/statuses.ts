/** The lifecycle's statuses (DESIGN.md): one list for the database enum, the API's filters and the state machine. */
export const requestStatuses = [
  "submitted",
  "auto_approved",
  "pending_approval",
  "approved",
  "rejected",
  "provisioning",
  "ready",
  "decommissioning",
  "decommissioned",
  "failed",
  "cancelled",
] as const;

export type RequestStatus = (typeof requestStatuses)[number];
