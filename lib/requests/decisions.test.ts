import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { actorFor, createUser, seedDemoOrg } from "@/db/test/fixtures";
import { db } from "@/db/client";
import { auditLog, requestChanges, requestEvents, requests, teamQuotas } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { fieldErrors } from "@/lib/validation";
import { approveRequest, cancelRequest, decommissionRequest, rejectRequest } from "./decisions";
import { approvalQueue, getRequest } from "./queries";
import { decisionSchema, rejectionSchema, submitRequestSchema } from "./schemas";
import type { RequestStatus } from "./state-machine";
import { submitRequest } from "./submit";

let developer: Actor;
let searchDev: Actor;
let manager: Actor;
let admin: Actor;
let secondAdmin: Actor;
let counter = 0;

beforeAll(async () => {
  await seedDemoOrg();
  developer = await actorFor("developer@example.com");
  searchDev = await actorFor("search-dev@example.com");
  manager = await actorFor("manager@example.com");
  admin = await actorFor("admin@example.com");
  secondAdmin = await createUser({ email: "second-admin@example.com", name: "Second Admin", role: "admin", teams: ["platform"] });
  // Every pending request holds a slot; these tests are about decisions, not the quota.
  const roomy = { maxDatabases: 1000, maxNamespaces: 1000, maxNamespaceCpuMillis: 1_000_000, maxNamespaceMemoryMib: 1_000_000, maxEnvironments: 1000 };
  await db.insert(teamQuotas).values([...developer.teams, ...searchDev.teams, ...admin.teams].map((t) => ({ teamId: t.id, ...roomy })));
});

/** A production database: policy always sends it to an admin. */
async function pending(by: Actor = developer, team = by.teams[0].name) {
  const input = submitRequestSchema.parse({ kind: "database", team, environment: "production", name: `orders-${++counter}`, parameters: {} });
  const { request } = await submitRequest(by, input);
  expect(request.status).toBe("pending_approval");
  return request;
}

async function autoApproved(by: Actor = developer) {
  const input = submitRequestSchema.parse({ kind: "database", team: by.teams[0].name, environment: "dev", name: `scratch-${++counter}`, parameters: {} });
  const { request } = await submitRequest(by, input);
  expect(request.status).toBe("auto_approved");
  return request;
}

async function statusOf(id: string): Promise<RequestStatus> {
  const [row] = await db.select({ status: requests.status }).from(requests).where(eq(requests.id, id));
  return row.status;
}

async function setStatus(id: string, status: RequestStatus): Promise<void> {
  await db.update(requests).set({ status }).where(eq(requests.id, id));
}

describe("approving", () => {
  it("approves a pending request and records who decided and why", async () => {
    const request = await pending();

    const approved = await approveRequest(admin, request.id, "Capacity checked");

    expect(approved.status).toBe("approved");
    expect(approved.decision).toMatchObject({ by: "admin@example.com", reason: "Capacity checked", rule: "production-needs-admin", at: expect.any(Date) });
  });

  it("writes the timeline and the audit log", async () => {
    const request = await pending();
    await approveRequest(admin, request.id, "ok");

    const detail = (await getRequest(developer, request.id))!;
    const audit = await db.select().from(auditLog).where(eq(auditLog.targetId, request.id)).orderBy(auditLog.id);

    expect(detail.events.map((e) => [e.from, e.to, e.actor])).toEqual([
      [null, "submitted", "developer@example.com"],
      ["submitted", "pending_approval", null],
      ["pending_approval", "approved", "admin@example.com"],
    ]);
    expect(detail.events[1].message).toBe("Production requests always need a platform admin's approval.");
    expect(detail.events[2].message).toBe("Approved by Avery Admin: ok");
    expect(audit.map((a) => [a.action, a.actorEmail, a.targetType])).toEqual([
      ["request.submit", "developer@example.com", "request"],
      ["request.approve", "admin@example.com", "request"],
    ]);
  });

  it("approves without a reason", async () => {
    const request = await pending();

    const approved = await approveRequest(admin, request.id);

    expect(approved.decision).toMatchObject({ by: "admin@example.com", reason: null });
    expect(approved.events.at(-1)?.message).toBe("Approved by Avery Admin.");
  });

  it("does not let an admin approve their own request", async () => {
    const own = await pending(admin, "platform");

    const attempt = approveRequest(admin, own.id, "mine");

    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "forbidden", message: expect.stringContaining("your own request") });
    expect(await statusOf(own.id)).toBe("pending_approval");
    await expect(approveRequest(secondAdmin, own.id)).resolves.toMatchObject({ status: "approved", decision: { by: "second-admin@example.com" } });
  });

  it.each(["developer", "manager"])("does not let a %s approve or reject", async (role) => {
    const decider = role === "developer" ? developer : manager;
    const request = await pending(searchDev);

    await expect(approveRequest(decider, request.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(rejectRequest(decider, request.id, "no thanks")).rejects.toMatchObject({ code: "forbidden" });
    expect(await statusOf(request.id)).toBe("pending_approval");
  });

  it("refuses to approve what is not waiting for approval", async () => {
    const auto = await autoApproved();
    const done = await pending();
    await approveRequest(admin, done.id);

    await expect(approveRequest(admin, auto.id)).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("no longer waiting for approval") });
    await expect(approveRequest(secondAdmin, done.id)).rejects.toMatchObject({ code: "conflict" });
    await expect(rejectRequest(secondAdmin, done.id, "changed my mind")).rejects.toMatchObject({ code: "conflict" });
    expect(await statusOf(done.id)).toBe("approved");
  });

  it("answers not found for an unknown request", async () => {
    await expect(approveRequest(admin, crypto.randomUUID())).rejects.toMatchObject({ code: "not_found" });
  });

  it("lets exactly one of two admins deciding at once win", async () => {
    const request = await pending();

    const results = await Promise.allSettled([approveRequest(admin, request.id, "first"), approveRequest(secondAdmin, request.id, "second")]);

    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toBeInstanceOf(AppError);
    expect(lost[0].reason).toMatchObject({ code: "conflict" });
    const approvals = await db
      .select()
      .from(requestEvents)
      .where(and(eq(requestEvents.requestId, request.id), eq(requestEvents.toStatus, "approved")));
    expect(approvals).toHaveLength(1);
  });

  it("lets exactly one of an approval and a rejection at once win", async () => {
    const request = await pending();

    const results = await Promise.allSettled([approveRequest(admin, request.id), rejectRequest(secondAdmin, request.id, "too big")]);

    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(["approved", "rejected"]).toContain(await statusOf(request.id));
    const decisions = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, request.id), inArray(auditLog.action, ["request.approve", "request.reject"])));
    expect(decisions).toHaveLength(1);
  });
});

describe("rejecting", () => {
  it("needs a reason the requester can read", () => {
    const id = crypto.randomUUID();
    expect(fieldErrors(rejectionSchema.safeParse({ id }).error!)).toEqual({ reason: "Say why the request is rejected" });
    expect(fieldErrors(rejectionSchema.safeParse({ id, reason: "  " }).error!)).toEqual({ reason: expect.stringContaining("Say why the request is rejected") });
    expect(rejectionSchema.parse({ id, reason: " Use a medium size " })).toEqual({ id, reason: "Use a medium size" });
    expect(decisionSchema.parse({ id })).toEqual({ id, reason: "" });
    expect(fieldErrors(decisionSchema.safeParse({ id: "not-an-id" }).error!)).toEqual({ id: "Not a request id" });
  });

  it("rejects a pending request and records the reason", async () => {
    const request = await pending();

    const rejected = await rejectRequest(admin, request.id, "Production databases start in staging");

    expect(rejected.status).toBe("rejected");
    expect(rejected.decision).toMatchObject({ by: "admin@example.com", reason: "Production databases start in staging" });
    expect(rejected.events.at(-1)).toMatchObject({ from: "pending_approval", to: "rejected", actor: "admin@example.com", details: { reason: "Production databases start in staging" } });
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.targetId, request.id), eq(auditLog.action, "request.reject")));
    expect(audit).toMatchObject({ actorEmail: "admin@example.com", details: expect.objectContaining({ reason: "Production databases start in staging" }) });
  });
});

describe("cancelling", () => {
  it("lets a member of the owning team cancel a pending request, even one they did not submit", async () => {
    const request = await pending(developer, "payments");

    const cancelled = await cancelRequest(manager, request.id);

    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.events.at(-1)).toMatchObject({ from: "pending_approval", to: "cancelled", actor: "manager@example.com" });
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.targetId, request.id), eq(auditLog.action, "request.cancel")));
    expect(audit.actorEmail).toBe("manager@example.com");
  });

  it("lets the requester cancel an approved or auto-approved request", async () => {
    const approved = await pending();
    await approveRequest(admin, approved.id);
    const auto = await autoApproved();

    await expect(cancelRequest(developer, approved.id)).resolves.toMatchObject({ status: "cancelled" });
    await expect(cancelRequest(developer, auto.id)).resolves.toMatchObject({ status: "cancelled" });
  });

  it("tells another team's developer that there is no such request", async () => {
    const request = await pending(developer);

    const attempt = cancelRequest(searchDev, request.id);

    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "not_found" });
    expect(await statusOf(request.id)).toBe("pending_approval");
  });

  it("does not let an admin outside the team cancel", async () => {
    const request = await pending(developer);

    await expect(cancelRequest(admin, request.id)).rejects.toMatchObject({ code: "forbidden" });
    expect(await statusOf(request.id)).toBe("pending_approval");
  });

  it.each(["provisioning", "ready", "failed", "decommissioning", "rejected", "cancelled"] as const)("refuses once the request is %s", async (status) => {
    const request = await autoApproved();
    await setStatus(request.id, status);

    const attempt = cancelRequest(developer, request.id);

    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "conflict" });
    expect(await statusOf(request.id)).toBe(status);
  });
});

describe("approval queue", () => {
  it("shows admins the pending requests oldest first, each once across pages", async () => {
    const requester = await createUser({ email: "queued@example.com", teams: ["queue-team"] });
    // Three requests within one millisecond (PostgreSQL keeps microseconds) and one already decided.
    const rows = [
      ["queued-b", "pending_approval", "2001-02-03T04:05:06.123400Z"],
      ["queued-a", "pending_approval", "2001-02-03T04:05:06.123100Z"],
      ["queued-c", "pending_approval", "2001-02-03T04:05:06.123700Z"],
      ["decided", "approved", "2001-02-03T04:05:06.123500Z"],
    ] as const;
    await db.insert(requests).values(
      rows.map(([name, status, at]) => ({
        kind: "database" as const,
        teamId: requester.teams[0].id,
        environment: "production" as const,
        name,
        parameters: {},
        status,
        requestedBy: requester.id,
        policyRule: "production-needs-admin",
        policyReason: "inserted by the test",
        createdAt: sql`${at}::timestamptz`,
      })),
    );

    const seen: string[] = [];
    let page = await approvalQueue(admin, { team: "queue-team", limit: 1 });
    const total = page.total;
    for (;;) {
      seen.push(...page.items.map((i) => i.name));
      if (!page.nextCursor || seen.length > rows.length) break;
      page = await approvalQueue(admin, { team: "queue-team", limit: 1, cursor: page.nextCursor });
    }

    expect(total).toBe(3);
    expect(seen).toEqual(["queued-a", "queued-b", "queued-c"]);
  });

  it("is for admins only", async () => {
    await expect(approvalQueue(manager, {})).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("decommissioning a resource with a change open", () => {
  /** A ready resource with one change in `status`; the resource's own provisioning is not what is tested here. */
  async function readyWithChange(status: "pending_approval" | "applying") {
    const request = await pending();
    await db.update(requests).set({ status: "ready" }).where(eq(requests.id, request.id));
    const [change] = await db
      .insert(requestChanges)
      .values({ requestId: request.id, parameters: { ...request.parameters, size: "medium" }, previousParameters: request.parameters, status, policyRule: "production-needs-admin", policyReason: "test", requestedBy: developer.id })
      .returning({ id: requestChanges.id });
    return { request, changeId: change.id };
  }

  it("cancels a change still waiting for approval: the resource is going away", async () => {
    const { request, changeId } = await readyWithChange("pending_approval");

    expect((await decommissionRequest(developer, request.id)).status).toBe("decommissioning");

    const [change] = await db.select().from(requestChanges).where(eq(requestChanges.id, changeId));
    expect(change).toMatchObject({ status: "cancelled", decisionReason: "The resource is being decommissioned." });
  });

  it("refuses while a change is being applied, and changes nothing", async () => {
    const { request } = await readyWithChange("applying");

    await expect(decommissionRequest(developer, request.id)).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("once the change has finished") });

    expect((await getRequest(developer, request.id))!.status).toBe("ready");
  });
});
