import "server-only";
import { asc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { teamQuotas, teams } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { notFound } from "@/lib/errors";
import type { Quota, Usage } from "./quota";
import type { quotaSchema } from "./schemas";
import { teamQuota, teamUsage } from "./usage";
import type { z } from "zod";

export type TeamQuotaView = { team: string; displayName: string; quota: Quota; usage: Usage; custom: boolean };

export async function teamQuotaView(actor: Actor, teamName: string): Promise<TeamQuotaView> {
  assertCan(actor, "quotas:read");
  const [team] = await db.select({ id: teams.id, name: teams.name, displayName: teams.displayName }).from(teams).where(eq(teams.name, teamName));
  if (!team || (actor.role !== "admin" && !actor.teams.some((t) => t.id === team.id))) throw notFound(`There is no team "${teamName}" you can see.`);
  const [custom] = await db.select({ teamId: teamQuotas.teamId }).from(teamQuotas).where(eq(teamQuotas.teamId, team.id));
  return { team: team.name, displayName: team.displayName, quota: await teamQuota(db, team.id), usage: await teamUsage(db, team.id), custom: Boolean(custom) };
}

export async function listTeamQuotas(actor: Actor): Promise<TeamQuotaView[]> {
  assertCan(actor, "quotas:manage");
  const all = await db.select({ name: teams.name }).from(teams).orderBy(asc(teams.name));
  return Promise.all(all.map((t) => teamQuotaView(actor, t.name)));
}

export async function updateTeamQuota(actor: Actor, input: z.infer<typeof quotaSchema>): Promise<TeamQuotaView> {
  assertCan(actor, "quotas:manage");
  const [team] = await db.select({ id: teams.id }).from(teams).where(eq(teams.name, input.team));
  if (!team) throw notFound(`There is no team "${input.team}".`);
  const values: Quota = {
    maxDatabases: input.maxDatabases,
    maxNamespaces: input.maxNamespaces,
    maxNamespaceCpuMillis: Math.round(input.maxNamespaceCpu * 1000),
    maxNamespaceMemoryMib: Math.round(input.maxNamespaceMemoryGi * 1024),
    maxEnvironments: input.maxEnvironments,
  };
  await db.transaction(async (tx) => {
    const before = await teamQuota(tx, team.id);
    await tx
      .insert(teamQuotas)
      .values({ teamId: team.id, ...values, updatedBy: actor.id })
      .onConflictDoUpdate({ target: teamQuotas.teamId, set: { ...values, updatedBy: actor.id, updatedAt: new Date() } });
    await recordAudit(tx, { actor, action: "quota.update", target: { type: "team", id: input.team }, details: { before, after: values } });
  });
  return teamQuotaView(actor, input.team);
}
