export type Role = "developer" | "manager" | "admin";

/**
 * The one permission matrix. Every domain function checks one of these before
 * it reads or writes; hiding a button is never the check.
 */
export const permissions = {
  "portal:use": ["developer", "manager", "admin"],
  "tokens:manage-own": ["developer", "manager", "admin"],
  "admin:access": ["admin"],
  "audit:read": ["admin"],
  "requests:submit": ["developer", "manager", "admin"],
  "requests:read": ["developer", "manager", "admin"],
  "requests:cancel": ["developer", "manager", "admin"],
  "requests:approve": ["admin"],
  "requests:retry": ["admin"],
  "backends:read": ["admin"],
  "quotas:read": ["developer", "manager", "admin"],
  "quotas:manage": ["admin"],
  "catalog:read": ["developer", "manager", "admin"],
  "catalog:import": ["admin"],
  "catalog:locations": ["admin"],
  "events:write": ["developer", "manager", "admin"],
  "metrics:read": ["developer", "manager", "admin"],
  "metrics:read-org": ["manager", "admin"],
  "devex:respond": ["developer", "manager", "admin"],
  "devex:read": ["developer", "manager", "admin"],
  "devex:read-teams": ["manager", "admin"],
  "devex:manage": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function can(role: Role, permission: Permission): boolean {
  return (permissions[permission] as readonly Role[]).includes(role);
}
