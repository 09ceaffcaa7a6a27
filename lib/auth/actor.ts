import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { memberships, teams, users } from "@/db/schema";
import { forbidden } from "@/lib/errors";
import { can, type Permission, type Role } from "./permissions";

/** Who is asking. Always built from the session or a token on the server, never from input. */
export type Actor = {
  id: string;
  email: string;
  name: string;
  role: Role;
  teams: { id: string; name: string; displayName: string; role: "member" | "manager" }[];
  /** Scopes of the API token in use; null for a browser session. */
  tokenScopes: string[] | null;
};

export async function loadActor(userId: string, tokenScopes: string[] | null = null): Promise<Actor | null> {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return null;
  const rows = await db
    .select({ id: teams.id, name: teams.name, displayName: teams.displayName, role: memberships.role })
    .from(memberships)
    .innerJoin(teams, eq(teams.id, memberships.teamId))
    .where(eq(memberships.userId, userId))
    .orderBy(teams.name);
  return { ...user, teams: rows, tokenScopes };
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) {
    throw forbidden(`Your role (${actor.role}) does not allow this: it needs "${permission}".`);
  }
}
