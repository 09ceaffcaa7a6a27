import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { memberships, teams, users } from "../schema";
import { collectEntities, describeProblem } from "../../lib/catalog/collect";
import { pastedSource } from "../../lib/catalog/locations/sources";
import { applyPlan, lockCatalog, planWrite } from "../../lib/catalog/store";
import { DEMO_CATALOG_YAML, seedDemoMetrics } from "./dora";
import { seedDemoDevex } from "./devex";

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

/** The demo organisation, its services' catalog Components and its activity (DORA events, survey rounds); idempotent, so safe on every start. */
export async function seedDemo(db: Db): Promise<void> {
  await seedDemoOrganisation(db);
  await seedDemoCatalog(db);
  await seedDemoMetrics(db);
  await seedDemoDevex(db);
}

/** The demo teams and people as catalog Groups and Users, so the Components' owners and the teams' members resolve. */
const DEMO_PEOPLE_YAML = [
  ...demoTeams.map(
    (t) => `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: ${t.name}
  description: ${DEMO}
  tags: [demo]
  labels:
    runway.dev/demo: "true"
spec:
  type: team
  profile:
    displayName: ${t.displayName}
  children: []
`,
  ),
  ...demoUsers.map(
    (u) => `apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: ${u.email.split("@")[0]}
  title: ${u.name}
  tags: [demo]
  labels:
    runway.dev/demo: "true"
spec:
  profile:
    displayName: ${u.name}
    email: ${u.email}
  memberOf: [${u.teams.map(([team]) => team).join(", ")}]
`,
  ),
].join("---\n");

/**
 * The demo services' Components, owned by the demo teams' Groups: DORA finds a
 * team's services through them. Read and written as an import is; only the
 * missing ones are added, so a Component someone has imported or edited since
 * (or a location provides) stays as it is.
 */
export async function seedDemoCatalog(db: Db): Promise<void> {
  const text = [DEMO_CATALOG_YAML, DEMO_PEOPLE_YAML].join("---\n");
  const { entities, problems } = await collectEntities(pastedSource([{ name: "demo catalog", text }]), { followLocations: false });
  const errors = problems.filter((p) => p.level === "error");
  if (errors.length) throw new Error(`The demo catalog is not valid: ${errors.map(describeProblem).join("; ")}`);
  const writer = { source: "import" } as const;
  await db.transaction(async (tx) => {
    await lockCatalog(tx);
    const plan = await planWrite(tx, entities, writer);
    await applyPlan(tx, { ...plan, updated: [] }, writer);
  });
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
