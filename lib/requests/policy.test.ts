import { describe, expect, it } from "vitest";
import { evaluatePolicy, type PolicyDecision } from "./policy";
import { DEFAULT_QUOTA, emptyUsage, type Quota, type Usage } from "./quota";
import { submitRequestSchema } from "./schemas";

const roomy: Quota = { maxDatabases: 100, maxNamespaces: 100, maxNamespaceCpuMillis: 1_000_000, maxNamespaceMemoryMib: 1_000_000, maxEnvironments: 100 };

function request(kind: string, environment: string, parameters: Record<string, unknown> = {}) {
  return submitRequestSchema.parse({ kind, team: "payments", environment, name: "orders", parameters });
}

type Case = {
  name: string;
  kind: string;
  environment: string;
  parameters?: Record<string, unknown>;
  usage?: Partial<Usage>;
  quota?: Quota;
  rule: PolicyDecision["rule"];
  reason: string | RegExp;
};

const cases: Case[] = [
  {
    name: "a small production database",
    kind: "database",
    environment: "production",
    rule: "production-needs-admin",
    reason: "Production requests always need a platform admin's approval.",
  },
  {
    name: "a production namespace that also breaks the quota and self-service",
    kind: "namespace",
    environment: "production",
    parameters: { cpuLimit: 32, cpuRequest: 1 },
    usage: { namespaces: 3 },
    rule: "production-needs-admin",
    reason: "Production requests always need a platform admin's approval.",
  },
  {
    name: "a dev database when the team has used every database slot",
    kind: "database",
    environment: "dev",
    usage: { databases: 5 },
    rule: "over-team-quota",
    reason: "Over the team's quota: payments would have 6 live databases against a quota of 5 (1 over). A platform admin must approve.",
  },
  {
    name: "a namespace beyond the team's CPU",
    kind: "namespace",
    environment: "staging",
    parameters: { cpuLimit: 2 },
    usage: { namespaces: 1, namespaceCpuMillis: 15_500 },
    rule: "over-team-quota",
    reason: "Over the team's quota: payments would have 17.5 cores of namespace CPU against a quota of 16 cores (1.5 cores over). A platform admin must approve.",
  },
  {
    name: "a namespace beyond the team's memory",
    kind: "namespace",
    environment: "dev",
    parameters: { memoryLimitGi: 4 },
    usage: { namespaces: 1, namespaceMemoryMib: 30 * 1024 },
    rule: "over-team-quota",
    reason: /payments would have 34 GiB of namespace memory against a quota of 32 GiB \(2 GiB over\)/,
  },
  {
    name: "an environment that breaks several limits at once, each told",
    kind: "environment",
    environment: "dev",
    parameters: { databases: [{ name: "orders" }, { name: "ledger" }] },
    usage: { databases: 4, namespaces: 3, environments: 2 },
    rule: "over-team-quota",
    reason:
      "Over the team's quota: payments would have 6 live databases against a quota of 5 (1 over); payments would have 4 live namespaces against a quota of 3 (1 over); payments would have 3 live environments against a quota of 2 (1 over). A platform admin must approve.",
  },
  {
    name: "a large database when the team is also over quota (the quota rule comes first)",
    kind: "database",
    environment: "dev",
    parameters: { size: "large" },
    usage: { databases: 5 },
    rule: "over-team-quota",
    reason: /6 live databases against a quota of 5 \(1 over\)/,
  },
  {
    name: "a large database",
    kind: "database",
    environment: "dev",
    parameters: { size: "large", sizeGb: 80 },
    rule: "beyond-self-service",
    reason: "Beyond the golden path's self-service limits: a large database is beyond self-service (small or medium). A platform admin must approve.",
  },
  {
    name: "a namespace with a CPU limit above 4 cores",
    kind: "namespace",
    environment: "dev",
    parameters: { cpuLimit: 6 },
    quota: roomy,
    rule: "beyond-self-service",
    reason: /a CPU limit of 6 cores is beyond the self-service 4/,
  },
  {
    name: "a namespace with more than 8 GiB of memory",
    kind: "namespace",
    environment: "dev",
    parameters: { memoryLimitGi: 12 },
    quota: roomy,
    rule: "beyond-self-service",
    reason: /a memory limit of 12 GiB is beyond the self-service 8 GiB/,
  },
  {
    name: "a namespace with more than 50 pods",
    kind: "namespace",
    environment: "staging",
    parameters: { maxPods: 60 },
    rule: "beyond-self-service",
    reason: /60 pods is beyond the self-service 50/,
  },
  {
    name: "an environment with three databases",
    kind: "environment",
    environment: "dev",
    parameters: { databases: [{ name: "one" }, { name: "two" }, { name: "three" }] },
    quota: roomy,
    rule: "beyond-self-service",
    reason: /3 databases is beyond the self-service 2/,
  },
  {
    name: "an environment living a week",
    kind: "environment",
    environment: "dev",
    parameters: { ttlHours: 168 },
    rule: "beyond-self-service",
    reason: /a time to live of 168 hours is beyond the self-service 72/,
  },
  {
    name: "an environment with a large database",
    kind: "environment",
    environment: "dev",
    parameters: { databases: [{ name: "orders", size: "large" }] },
    rule: "beyond-self-service",
    reason: /database orders: a large database is beyond self-service/,
  },
  {
    name: "an environment with a namespace beyond self-service",
    kind: "environment",
    environment: "staging",
    parameters: { namespace: { maxPods: 100 } },
    rule: "beyond-self-service",
    reason: /100 pods is beyond the self-service 50/,
  },
  {
    name: "a small dev database",
    kind: "database",
    environment: "dev",
    rule: "within-golden-path",
    reason: "Auto-approved: not production, within the golden path's self-service limits and the team's quota.",
  },
  {
    name: "a medium staging database that takes the team's last slot",
    kind: "database",
    environment: "staging",
    parameters: { size: "medium", sizeGb: 50 },
    usage: { databases: 4 },
    rule: "within-golden-path",
    reason: /^Auto-approved/,
  },
  {
    name: "a namespace at the self-service limits",
    kind: "namespace",
    environment: "dev",
    parameters: { cpuLimit: 4, memoryLimitGi: 8, maxPods: 50 },
    rule: "within-golden-path",
    reason: /^Auto-approved/,
  },
  {
    name: "a three-day environment with two databases",
    kind: "environment",
    environment: "dev",
    parameters: { ttlHours: 72, databases: [{ name: "orders" }, { name: "ledger", engine: "mysql" }] },
    rule: "within-golden-path",
    reason: /^Auto-approved/,
  },
];

describe("evaluatePolicy", () => {
  it.each(cases)("$name → $rule", (c) => {
    const decision = evaluatePolicy(request(c.kind, c.environment, c.parameters), "payments", { ...emptyUsage(), ...c.usage }, c.quota ?? DEFAULT_QUOTA);

    expect(decision.rule).toBe(c.rule);
    expect(decision.outcome).toBe(c.rule === "within-golden-path" ? "auto_approve" : "needs_approval");
    if (typeof c.reason === "string") expect(decision.reason).toBe(c.reason);
    else expect(decision.reason).toMatch(c.reason);
  });

  it("counts an environment's databases against the database quota", () => {
    const env = request("environment", "dev", { databases: [{ name: "orders" }, { name: "ledger" }] });
    const quota = { ...DEFAULT_QUOTA, maxDatabases: 3 };

    expect(evaluatePolicy(env, "payments", { ...emptyUsage(), databases: 1 }, quota).rule).toBe("within-golden-path");
    expect(evaluatePolicy(env, "payments", { ...emptyUsage(), databases: 2 }, quota).reason).toMatch(/4 live databases against a quota of 3 \(1 over\)/);
  });

  it("sends everything to an admin for a team whose quota is zero", () => {
    const zero: Quota = { maxDatabases: 0, maxNamespaces: 0, maxNamespaceCpuMillis: 0, maxNamespaceMemoryMib: 0, maxEnvironments: 0 };

    expect(evaluatePolicy(request("database", "dev"), "payments", emptyUsage(), zero).rule).toBe("over-team-quota");
    expect(evaluatePolicy(request("namespace", "dev"), "payments", emptyUsage(), zero).rule).toBe("over-team-quota");
  });
});
