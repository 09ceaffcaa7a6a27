import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { memberships, teams, users } from "../schema";
import { seedDemoMetrics } from "../../lib/metrics/demo-seed";
import { seedDemoDevex } from "../../lib/metrics/devex/demo-seed";

type Db = PostgresJsDatabase<Record<string, unknown>>;

const DEMO = "Demo organisation seeded by Runway; not real data.";

export const demoTeams = [
  { name: "payments", displayName: "Payments (demo)" },
  { name: "search", displayName: "Search (demo)" },
  { name: "platform", displayName: "Platform (demo)" },
] as const;

export const demoUsers = [
  { email: "developer@example.com", name: "Dana Developer", role: "developer", teams: [["payments", "member"]] },
  { email: "search-dev@example.com", name: "Sam Searcher", role: "developer", teams: [["search", "member"]] },
  { email: "manager@example.com", name: "Morgan Manager", role: "manager", teams: [["payments", "manager"], ["search", "manager"]] },
  { email: "admin@example.com", name: "Avery Admin", role: "admin", teams: [["platform", "member"]] },
] as const;

/** The demo organisation and its activity (DORA events, survey rounds); idempotent, so safe on every start. */
export async function seedDemo(db: Db): Promise<void> {
  await seedDemoOrganisation(db);
  await seedDemoMetrics(db);
  await seedDemoDevex(db);
}

/** Teams, users and memberships only. */
export async function seedDemoOrganisation(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    const teamIds = new Map<string, string>();
    for (const t of demoTeams) {
      const [row] = await tx
        .insert(teams)
        .values({ ...t, description: DEMO, isDemo: true })
        .onConflictDoUpdate({ target: teams.name, set: { isDemo: true } })
        .returning({ id: teams.id });
      teamIds.set(t.name, row.id);
    }
    for (const u of demoUsers) {
      const [row] = await tx
        .insert(users)
        .values({ email: u.email, name: u.name, role: u.role, isDemo: true })
        .onConflictDoUpdate({ target: users.email, set: { isDemo: true, role: u.role } })
        .returning({ id: users.id });
      for (const [team, role] of u.teams) {
        await tx
          .insert(memberships)
          .values({ userId: row.id, teamId: teamIds.get(team)!, role })
          .onConflictDoNothing();
      }
    }
  });
}
