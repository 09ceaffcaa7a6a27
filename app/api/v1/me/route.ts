import { apiRoute } from "@/lib/api/route";

export const GET = apiRoute(async ({ actor }) => ({
  email: actor.email,
  name: actor.name,
  role: actor.role,
  teams: actor.teams.map((t) => ({ name: t.name, displayName: t.displayName, role: t.role })),
}));
