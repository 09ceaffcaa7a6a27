import { describe, expect, it } from "vitest";
import { mapClaimsToAccess, teamNameFromGroup } from "./claims";

const mapping = { groupsClaim: "groups", adminGroups: ["platform-admins"], managerGroups: ["eng-managers"] };

describe("mapClaimsToAccess", () => {
  it("makes a member of an admin group an admin, even when also in a manager group", () => {
    const access = mapClaimsToAccess({ groups: ["eng-managers", "platform-admins", "payments"] }, mapping);
    expect(access.role).toBe("admin");
  });

  it("makes a member of a manager group a manager", () => {
    expect(mapClaimsToAccess({ groups: ["payments", "eng-managers"] }, mapping).role).toBe("manager");
  });

  it("makes everyone else a developer", () => {
    expect(mapClaimsToAccess({ groups: ["payments"] }, mapping).role).toBe("developer");
  });

  it("matches Keycloak group paths against configured names", () => {
    const access = mapClaimsToAccess({ groups: ["/platform-admins", "/payments"] }, mapping);
    expect(access.role).toBe("admin");
    expect(access.teams).toContainEqual({ name: "payments", displayName: "payments" });
  });

  it("turns every group into a team with a URL-safe name and keeps the provider's label", () => {
    const access = mapClaimsToAccess({ groups: ["Payments Team", "/search", "payments-team"] }, mapping);
    expect(access.teams).toEqual([
      { name: "payments-team", displayName: "Payments Team" },
      { name: "search", displayName: "search" },
    ]);
  });

  it("accepts a comma-separated string of groups", () => {
    const access = mapClaimsToAccess({ groups: "payments, eng-managers" }, mapping);
    expect(access.role).toBe("manager");
    expect(access.teams.map((t) => t.name)).toEqual(["payments", "eng-managers"]);
  });

  it("gives a user without the claim the developer role and no teams", () => {
    expect(mapClaimsToAccess({ email: "a@example.com" }, mapping)).toEqual({ role: "developer", teams: [] });
  });

  it("ignores values that are not group names", () => {
    expect(mapClaimsToAccess({ groups: [42, "", null, "search"] }, mapping).teams).toEqual([{ name: "search", displayName: "search" }]);
  });

  it("reads the claim name it is configured with", () => {
    const custom = { ...mapping, groupsClaim: "roles" };
    expect(mapClaimsToAccess({ groups: ["platform-admins"], roles: ["search"] }, custom)).toEqual({
      role: "developer",
      teams: [{ name: "search", displayName: "search" }],
    });
  });

  it("matches configured groups written as paths or labels", () => {
    const labelled = { ...mapping, adminGroups: ["/Platform Admins"] };
    expect(mapClaimsToAccess({ groups: ["platform-admins"] }, labelled).role).toBe("admin");
  });
});

describe("teamNameFromGroup", () => {
  it("lower-cases, strips leading slashes and replaces other characters with dashes", () => {
    expect(teamNameFromGroup("/Org/Payments Team!")).toBe("org-payments-team");
  });

  it("stays within the 63 characters of a DNS label", () => {
    expect(teamNameFromGroup("x".repeat(100))).toHaveLength(63);
  });
});
