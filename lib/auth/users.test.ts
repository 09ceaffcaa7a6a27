import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { actorFor, createUser, seedDemoOrg } from "@/db/test/fixtures";
import { db } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import { signInDemoUser, upsertUserFromSignIn } from "./users";

describe("upsertUserFromSignIn", () => {
  it("creates the user, their teams and memberships on first sign-in", async () => {
    const { id } = await upsertUserFromSignIn({
      email: "New.Person@Example.com",
      name: "New Person",
      role: "manager",
      teams: [{ name: "payments", displayName: "Payments" }, { name: "search", displayName: "/search" }],
    });

    const actor = await actorFor("new.person@example.com");

    expect(actor).toMatchObject({ id, name: "New Person", role: "manager" });
    expect(actor.teams.map((t) => [t.name, t.displayName, t.role])).toEqual([
      ["payments", "Payments", "manager"],
      ["search", "/search", "manager"],
    ]);
  });

  it("follows the identity provider on the next sign-in: new role, new teams, old membership gone", async () => {
    await upsertUserFromSignIn({ email: "mover@example.com", name: "Mover", role: "developer", teams: [{ name: "payments", displayName: "Payments" }] });
    const { id } = await upsertUserFromSignIn({
      email: "mover@example.com",
      name: "Mover Renamed",
      role: "admin",
      teams: [{ name: "platform", displayName: "Platform" }],
    });

    const actor = await actorFor("mover@example.com");

    expect(actor).toMatchObject({ id, name: "Mover Renamed", role: "admin" });
    expect(actor.teams.map((t) => t.name)).toEqual(["platform"]);
  });

  it("removes every membership when the provider sends no groups", async () => {
    await upsertUserFromSignIn({ email: "leaver@example.com", name: "Leaver", role: "developer", teams: [{ name: "search", displayName: "Search" }] });
    await upsertUserFromSignIn({ email: "leaver@example.com", name: "Leaver", role: "developer", teams: [] });

    expect((await actorFor("leaver@example.com")).teams).toEqual([]);
  });

  it("records each sign-in in the audit log", async () => {
    const { id } = await upsertUserFromSignIn({ email: "audited@example.com", name: "A", role: "developer", teams: [] });

    const rows = await db.select().from(auditLog).where(eq(auditLog.actorId, id));

    expect(rows.map((r) => [r.action, r.details])).toEqual([["auth.sign_in", { method: "oidc", role: "developer", teams: [] }]]);
  });
});

describe("signInDemoUser", () => {
  it("signs in a seeded demo user", async () => {
    await seedDemoOrg();

    const user = await signInDemoUser("Developer@Example.com");

    expect(user).toMatchObject({ email: "developer@example.com", name: "Dana Developer" });
    const [row] = await db.select({ lastSignInAt: users.lastSignInAt }).from(users).where(eq(users.email, "developer@example.com"));
    expect(row.lastSignInAt).toBeInstanceOf(Date);
  });

  it("refuses a real user and an unknown email", async () => {
    await createUser({ email: "real@example.com", role: "admin" });

    expect(await signInDemoUser("real@example.com")).toBeNull();
    expect(await signInDemoUser("nobody@example.com")).toBeNull();
  });
});
