import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createUser } from "@/db/test/fixtures";
import { db } from "@/db/client";
import { auditLog, requests } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { addUsage, DEFAULT_QUOTA, emptyUsage, footprint, quotaExcesses } from "./quota";
import { teamQuotaView, updateTeamQuota } from "./quotas";
import { submitRequestSchema } from "./schemas";
import type { RequestStatus } from "./state-machine";
import { teamQuota, teamUsage } from "./usage";

function parsed(kind: string, parameters: Record<string, unknown> = {}) {
  return submitRequestSchema.parse({ kind, team: "any", environment: "dev", name: "any", parameters });
}

describe("footprint", () => {
  it("counts a database as one database", () => {
    expect(footprint(parsed("database", { size: "medium", sizeGb: 40 }))).toEqual({ ...emptyUsage(), databases: 1 });
  });

  it("counts a namespace's limits, not its requests, in millicores and MiB", () => {
    expect(footprint(parsed("namespace", { cpuRequest: 0.5, cpuLimit: 1.7, memoryRequestGi: 0.25, memoryLimitGi: 1.5 }))).toEqual({
      ...emptyUsage(),
      namespaces: 1,
      namespaceCpuMillis: 1700,
      namespaceMemoryMib: 1536,
    });
  });

  it("counts an environment as an environment, its namespace and each of its databases", () => {
    const env = parsed("environment", { namespace: { cpuLimit: 3, memoryLimitGi: 6 }, databases: [{ name: "orders" }, { name: "ledger" }, { name: "search" }] });
    expect(footprint(env)).toEqual({ databases: 3, namespaces: 1, namespaceCpuMillis: 3000, namespaceMemoryMib: 6144, environments: 1 });
  });

  it("adds up usages field by field", () => {
    const a = { databases: 1, namespaces: 2, namespaceCpuMillis: 300, namespaceMemoryMib: 512, environments: 1 };
    expect(addUsage(a, a)).toEqual({ databases: 2, namespaces: 4, namespaceCpuMillis: 600, namespaceMemoryMib: 1024, environments: 2 });
  });

  it("says nothing when the team stays within its quota, even at the limit", () => {
    const atLimit = { databases: 5, namespaces: 3, namespaceCpuMillis: 16_000, namespaceMemoryMib: 32 * 1024, environments: 2 };
    expect(quotaExcesses("payments", atLimit, DEFAULT_QUOTA)).toEqual([]);
  });

  it("says by how much each limit is exceeded", () => {
    const over = { databases: 7, namespaces: 3, namespaceCpuMillis: 16_300, namespaceMemoryMib: 32 * 1024 + 512, environments: 2 };
    expect(quotaExcesses("payments", over, DEFAULT_QUOTA)).toEqual([
      "payments would have 7 live databases against a quota of 5 (2 over)",
      "payments would have 16.3 cores of namespace CPU against a quota of 16 cores (0.3 cores over)",
      "payments would have 32.5 GiB of namespace memory against a quota of 32 GiB (0.5 GiB over)",
    ]);
  });
});

describe("teamUsage", () => {
  let counter = 0;

  async function insert(actor: Actor, teamId: string, kind: string, status: RequestStatus, parameters: Record<string, unknown> = {}) {
    const input = parsed(kind, parameters);
    await db.insert(requests).values({
      kind: input.kind,
      teamId,
      environment: "dev",
      name: `${kind}-${++counter}`,
      parameters: input.parameters as Record<string, unknown>,
      status,
      requestedBy: actor.id,
      policyRule: "within-golden-path",
      policyReason: "test",
    });
    return input;
  }

  it("answers what the team's live requests would sum to one by one, ignoring ended requests", async () => {
    const actor = await createUser({ email: "usage@example.com", teams: ["usage-team"] });
    const teamId = actor.teams[0].id;
    const live: Parameters<typeof footprint>[0][] = [];
    const add = async (kind: string, status: RequestStatus, parameters?: Record<string, unknown>) => {
      const input = await insert(actor, teamId, kind, status, parameters);
      if (!["rejected", "cancelled", "decommissioned"].includes(status)) live.push(input);
    };

    await add("database", "auto_approved");
    await add("database", "pending_approval", { engine: "mysql" });
    await add("database", "ready", { size: "large", sizeGb: 90 });
    await add("namespace", "approved", { cpuRequest: 0.1, cpuLimit: 0.3, memoryRequestGi: 0.25, memoryLimitGi: 0.3 });
    await add("namespace", "provisioning", { cpuLimit: 1.7, memoryLimitGi: 1.37 });
    await add("namespace", "failed");
    await add("environment", "ready", { namespace: { cpuLimit: 2.9, memoryLimitGi: 5.5 }, databases: [{ name: "orders" }, { name: "ledger" }] });
    await add("environment", "decommissioning", { databases: [{ name: "one" }, { name: "two" }, { name: "three" }, { name: "four" }, { name: "five" }] });
    await add("environment", "pending_approval");
    // Ended requests free their share of the quota.
    await add("database", "rejected");
    await add("database", "cancelled");
    await add("namespace", "decommissioned", { cpuLimit: 30, memoryLimitGi: 100 });
    await add("environment", "cancelled", { databases: [{ name: "gone" }] });
    await add("environment", "rejected", { namespace: { cpuLimit: 8 } });

    const expected = live.map(footprint).reduce(addUsage, emptyUsage());

    expect(await teamUsage(db, teamId)).toEqual(expected);
    expect(expected).toMatchObject({ databases: 10, namespaces: 6, environments: 3 });
  });

  it("counts nothing for a team without requests, and only the team's own", async () => {
    const busy = await createUser({ email: "busy@example.com", teams: ["busy-team"] });
    const idle = await createUser({ email: "idle@example.com", teams: ["idle-team"] });
    await insert(busy, busy.teams[0].id, "database", "ready");

    expect(await teamUsage(db, idle.teams[0].id)).toEqual(emptyUsage());
    expect((await teamUsage(db, busy.teams[0].id)).databases).toBe(1);
  });
});

describe("team quotas", () => {
  it("uses the default quota until an admin sets one, and audits the change", async () => {
    const admin = await createUser({ email: "quota-admin@example.com", role: "admin" });
    const member = await createUser({ email: "quota-member@example.com", teams: ["quota-team"] });
    const teamId = member.teams[0].id;
    expect(await teamQuota(db, teamId)).toEqual(DEFAULT_QUOTA);

    const view = await updateTeamQuota(admin, { team: "quota-team", maxDatabases: 8, maxNamespaces: 4, maxNamespaceCpu: 12.5, maxNamespaceMemoryGi: 24, maxEnvironments: 1 });

    const quota = { maxDatabases: 8, maxNamespaces: 4, maxNamespaceCpuMillis: 12_500, maxNamespaceMemoryMib: 24 * 1024, maxEnvironments: 1 };
    expect(view).toMatchObject({ team: "quota-team", custom: true, quota });
    expect(await teamQuota(db, teamId)).toEqual(quota);
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, "quota.update"));
    expect(audit).toMatchObject({ actorEmail: "quota-admin@example.com", targetId: "quota-team", details: { before: DEFAULT_QUOTA, after: quota } });
  });

  it("lets only admins change a quota, and members see only their own team's", async () => {
    const manager = await createUser({ email: "quota-manager@example.com", role: "manager", teams: [["mine", "manager"]] });
    await createUser({ email: "quota-other@example.com", teams: ["theirs"] });

    await expect(
      updateTeamQuota(manager, { team: "mine", maxDatabases: 99, maxNamespaces: 99, maxNamespaceCpu: 99, maxNamespaceMemoryGi: 99, maxEnvironments: 99 }),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect((await teamQuotaView(manager, "mine")).custom).toBe(false);
    await expect(teamQuotaView(manager, "theirs")).rejects.toMatchObject({ code: "not_found" });
  });
});
