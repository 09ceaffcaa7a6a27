import type { Role } from "./permissions";

export type AccessMapping = {
  groupsClaim: string;
  adminGroups: string[];
  managerGroups: string[];
};

export type MappedAccess = { role: Role; teams: { name: string; displayName: string }[] };

/**
 * Turns an identity provider's group (Keycloak "/payments", Entra "Payments Team",
 * Okta "payments") into a team name that is safe in URLs, labels and manifests.
 */
export function teamNameFromGroup(group: string): string {
  return group
    .trim()
    .toLowerCase()
    .replace(/^\/+/, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63);
}

function groupsFrom(claims: Record<string, unknown>, claim: string): string[] {
  const raw = claims[claim];
  if (Array.isArray(raw)) return raw.filter((g): g is string => typeof g === "string" && g.trim() !== "");
  // Some providers send a single group as a string, or a comma-separated list.
  if (typeof raw === "string") return raw.split(",").map((g) => g.trim()).filter(Boolean);
  return [];
}

/**
 * Admin beats manager beats developer. Group names are compared both as sent
 * and as team names, so "/platform-admins" in Keycloak matches RUNWAY_ADMIN_GROUPS=platform-admins.
 */
export function mapClaimsToAccess(claims: Record<string, unknown>, mapping: AccessMapping): MappedAccess {
  const groups = groupsFrom(claims, mapping.groupsClaim);
  const matches = (configured: string[]) => {
    const wanted = new Set(configured.flatMap((g) => [g, teamNameFromGroup(g)]));
    return groups.some((g) => wanted.has(g) || wanted.has(teamNameFromGroup(g)));
  };
  const role: Role = matches(mapping.adminGroups) ? "admin" : matches(mapping.managerGroups) ? "manager" : "developer";
  const seen = new Map<string, string>();
  for (const g of groups) {
    const name = teamNameFromGroup(g);
    if (name && !seen.has(name)) seen.set(name, g.replace(/^\/+/, ""));
  }
  return { role, teams: [...seen].map(([name, displayName]) => ({ name, displayName })) };
}
