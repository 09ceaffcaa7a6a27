import "server-only";
import { and, eq, notInArray, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { memberships, teams, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { MappedAccess } from "./claims";

/**
 * Called on every SSO sign-in: the identity provider is the source of truth
 * for name, role and teams, so they are rewritten each time, and teams the
 * user left lose the membership.
 */
export async function upsertUserFromSignIn(input: { email: string; name: string } & MappedAccess): Promise<{ id: string }> {
  const email = input.email.trim().toLowerCase();
  return db.transaction(async (tx) => {
    const now = new Date();
    const [user] = await tx
      .insert(users)
      .values({ email, name: input.name, role: input.role, firstSignInAt: now, lastSignInAt: now })
      .onConflictDoUpdate({
        target: users.email,
        set: { name: input.name, role: input.role, lastSignInAt: now, firstSignInAt: sql`coalesce(${users.firstSignInAt}, now())` },
      })
      .returning({ id: users.id });

    const teamIds: string[] = [];
    for (const team of input.teams) {
      const [row] = await tx
        .insert(teams)
        .values(team)
        .onConflictDoUpdate({ target: teams.name, set: { name: sql`excluded.name` } })
        .returning({ id: teams.id });
      teamIds.push(row.id);
    }
    const membershipRole = input.role === "manager" ? "manager" : "member";
    if (teamIds.length) {
      await tx
        .insert(memberships)
        .values(teamIds.map((teamId) => ({ userId: user.id, teamId, role: membershipRole as "member" | "manager" })))
        .onConflictDoUpdate({ target: [memberships.userId, memberships.teamId], set: { role: membershipRole } });
    }
    await tx
      .delete(memberships)
      .where(teamIds.length ? and(eq(memberships.userId, user.id), notInArray(memberships.teamId, teamIds)) : eq(memberships.userId, user.id));
    await recordAudit(tx, {
      actor: { id: user.id, email },
      action: "auth.sign_in",
      target: { type: "user", id: user.id },
      details: { method: "oidc", role: input.role, teams: input.teams.map((t) => t.name) },
    });
    return user;
  });
}

/** Demo mode only: the seeded demo users are the only ones that can sign in without a password. */
export async function signInDemoUser(email: string): Promise<{ id: string; email: string; name: string } | null> {
  const [user] = await db
    .update(users)
    .set({ lastSignInAt: new Date(), firstSignInAt: sql`coalesce(${users.firstSignInAt}, now())` })
    .where(and(eq(users.email, email.trim().toLowerCase()), eq(users.isDemo, true)))
    .returning({ id: users.id, email: users.email, name: users.name });
  if (!user) return null;
  await recordAudit(db, { actor: user, action: "auth.sign_in", target: { type: "user", id: user.id }, details: { method: "demo" } });
  return user;
}

export async function listDemoUsers() {
  const rows = await db
    .select({ email: users.email, name: users.name, role: users.role, team: teams.name })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(teams, eq(teams.id, memberships.teamId))
    .where(eq(users.isDemo, true))
    .orderBy(users.email, teams.name);
  const byEmail = new Map<string, { email: string; name: string; role: string; teams: string[] }>();
  for (const r of rows) {
    const u = byEmail.get(r.email) ?? { email: r.email, name: r.name, role: r.role, teams: [] };
    if (r.team) u.teams.push(r.team);
    byEmail.set(r.email, u);
  }
  return [...byEmail.values()];
}

