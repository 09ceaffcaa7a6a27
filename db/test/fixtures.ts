import "./database";
import { eq } from "drizzle-orm";
import { db } from "../client";
import { memberships, teams, users } from "../schema";
import { seedDemoOrganisation } from "../seed/demo";
import { loadActor, type Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/permissions";

/** The demo organisation of db/seed/demo.ts (developer@, search-dev@, manager@, admin@example.com). */
export async function seedDemoOrg(): Promise<void> {
  await seedDemoOrganisation(db);
}

type NewUser = {
  email: string;
  name?: string;
  role?: Role;
  /** Team names; a missing team is created. */
  teams?: (string | [team: string, role: "member" | "manager"])[];
  isDemo?: boolean;
};

/** A user with teams, written straight to the tables (no sign-in, no audit rows), returned as the actor the app would see. */
export async function createUser(input: NewUser): Promise<Actor> {
  const [user] = await db
    .insert(users)
    .values({ email: input.email, name: input.name ?? input.email.split("@")[0], role: input.role ?? "developer", isDemo: input.isDemo ?? false })
    .returning({ id: users.id });
  for (const entry of input.teams ?? []) {
    const [team, role] = typeof entry === "string" ? [entry, "member" as const] : entry;
    const [row] = await db
      .insert(teams)
      .values({ name: team, displayName: team })
      .onConflictDoUpdate({ target: teams.name, set: { name: team } })
      .returning({ id: teams.id });
    await db.insert(memberships).values({ userId: user.id, teamId: row.id, role });
  }
  return (await loadActor(user.id))!;
}

/** The actor of an existing user, e.g. a seeded demo user. */
export async function actorFor(email: string): Promise<Actor> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!user) throw new Error(`No user ${email} in the test database; seed it first.`);
  return (await loadActor(user.id))!;
}
