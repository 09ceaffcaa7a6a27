import { beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { auditLog, requestEvents, requests, users } from "@/db/schema";
import { createUser } from "@/db/test/fixtures";
import type { Actor } from "@/lib/auth/actor";
import type { RequestStatus } from "@/lib/requests/state-machine";
import { component } from "@/lib/metrics/testing/catalog";
import { deploy } from "@/lib/metrics/testing/events";
import { loadDevexDashboard } from "./dashboard";
import { devexQuerySchema } from "./schemas";

let admin: Actor;
let dev: Actor;
let newcomer: Actor;
let lateNewcomer: Actor;
let newManager: Actor;
let waitingId: string;
let counter = 0;

type Step = [at: string, to: RequestStatus, by?: Actor];

/**
 * A request and its history as the portal writes them: the submission by its
 * requester, then each change of status (with an actor only when a person made it).
 */
async function history(team: Actor["teams"][number], kind: "database" | "namespace" | "environment", submittedAt: string, steps: Step[]): Promise<string> {
  const status = steps.at(-1)?.[1] ?? "submitted";
  const [row] = await db
    .insert(requests)
    .values({ kind, teamId: team.id, environment: "dev", name: `r-${++counter}`, parameters: {}, status, requestedBy: dev.id, policyRule: "test", policyReason: "test", createdAt: new Date(submittedAt) })
    .returning({ id: requests.id });
  await db.insert(requestEvents).values({ requestId: row.id, at: new Date(submittedAt), actorId: dev.id, toStatus: "submitted", message: "Submitted." });
  let from: RequestStatus = "submitted";
  for (const [at, to, by] of steps) {
    await db.insert(requestEvents).values({ requestId: row.id, at: new Date(at), actorId: by?.id ?? null, fromStatus: from, toStatus: to, message: to });
    from = to;
  }
  return row.id;
}

const window = devexQuerySchema.parse({ team: "alpha", from: "2024-05-01", to: "2024-05-15" });

beforeAll(async () => {
  admin = await createUser({ email: "admin@platform.test", role: "admin", teams: ["platform"] });
  dev = await createUser({ email: "dev@platform.test", teams: ["alpha"] });
  newcomer = await createUser({ email: "new@platform.test", teams: ["alpha"] });
  lateNewcomer = await createUser({ email: "late@platform.test", teams: ["alpha"] });
  newManager = await createUser({ email: "lead@platform.test", role: "manager", teams: [["alpha", "manager"]] });
  const other = await createUser({ email: "other@platform.test", teams: ["beta"] });
  const alpha = dev.teams[0];

  // A: self-service from submission to ready in 10 minutes.
  await history(alpha, "database", "2024-05-06T10:00:00Z", [["2024-05-06T10:00:00Z", "auto_approved"], ["2024-05-06T10:01:00Z", "provisioning"], ["2024-05-06T10:10:00Z", "ready"]]);
  // B: approved by an admin after 2 h, ready 2 h 30 min after submission.
  await history(alpha, "database", "2024-05-06T11:00:00Z", [
    ["2024-05-06T11:00:00Z", "pending_approval"],
    ["2024-05-06T13:00:00Z", "approved", admin],
    ["2024-05-06T13:01:00Z", "provisioning"],
    ["2024-05-06T13:30:00Z", "ready"],
  ]);
  // C: failed, retried by an admin, ready 70 min after submission; decommissioned since.
  await history(alpha, "namespace", "2024-05-07T09:00:00Z", [
    ["2024-05-07T09:00:00Z", "auto_approved"],
    ["2024-05-07T09:01:00Z", "provisioning"],
    ["2024-05-07T09:05:00Z", "failed"],
    ["2024-05-07T10:00:00Z", "provisioning", admin],
    ["2024-05-07T10:10:00Z", "ready"],
    ["2024-05-09T10:00:00Z", "decommissioning", dev],
    ["2024-05-09T10:01:00Z", "decommissioned"],
  ]);
  // D: still waiting for approval.
  waitingId = await history(alpha, "environment", "2024-05-08T09:00:00Z", [["2024-05-08T09:00:00Z", "pending_approval"]]);
  // E: rejected after 4 h.
  await history(alpha, "database", "2024-05-08T10:00:00Z", [["2024-05-08T10:00:00Z", "pending_approval"], ["2024-05-08T14:00:00Z", "rejected", admin]]);
  // F: failed and left so.
  await history(alpha, "namespace", "2024-05-09T09:00:00Z", [["2024-05-09T09:00:00Z", "auto_approved"], ["2024-05-09T09:01:00Z", "provisioning"], ["2024-05-09T09:02:00Z", "failed"]]);
  // G: cancelled by the requester before provisioning.
  await history(alpha, "database", "2024-05-09T10:00:00Z", [["2024-05-09T10:00:00Z", "auto_approved"], ["2024-05-09T10:00:30Z", "cancelled", dev]]);
  // H, the next week: approved after 6 h, failed, retried by an admin, ready 8 h after submission.
  await history(alpha, "database", "2024-05-13T09:00:00Z", [
    ["2024-05-13T09:00:00Z", "pending_approval"],
    ["2024-05-13T15:00:00Z", "approved", admin],
    ["2024-05-13T15:01:00Z", "provisioning"],
    ["2024-05-13T15:05:00Z", "failed"],
    ["2024-05-13T16:00:00Z", "provisioning", admin],
    ["2024-05-13T17:00:00Z", "ready"],
  ]);
  // Outside the window, and another team's: neither counts for alpha in May.
  await history(alpha, "database", "2024-04-20T10:00:00Z", [["2024-04-20T10:00:00Z", "auto_approved"], ["2024-04-20T10:01:00Z", "provisioning"], ["2024-04-20T10:02:00Z", "ready"]]);
  await history(other.teams[0], "database", "2024-05-06T10:00:00Z", [["2024-05-06T10:00:00Z", "pending_approval"]]);

  // Newcomers: one signs in on 2 May and alpha-api reaches production 2.5 days later; the other signs in after it.
  // alpha's new manager signs in on 1 May and is no newcomer: only developers count.
  await db.update(users).set({ firstSignInAt: new Date("2024-05-02T00:00:00Z") }).where(eq(users.id, newcomer.id));
  await db.update(users).set({ firstSignInAt: new Date("2024-05-01T00:00:00Z") }).where(eq(users.id, newManager.id));
  await db.update(users).set({ firstSignInAt: new Date("2024-05-10T00:00:00Z") }).where(eq(users.id, lateNewcomer.id));
  await db.update(users).set({ firstSignInAt: new Date("2024-03-01T00:00:00Z") }).where(eq(users.id, dev.id));
  await component("alpha-api", "alpha");
  await deploy("alpha-api", "2024-05-04T12:00:00Z");
  await deploy("alpha-api", "2024-05-03T12:00:00Z", [], { environment: "staging" });
  await deploy("alpha-api", "2024-05-11T12:00:00Z", [], { environment: "staging" });
  await deploy("alpha-api", "2024-05-12T12:00:00Z", [], { status: "failure" });

  // Active people: the newcomer in the week of 29 April; both developers in the week of 6 May; someone else's team never.
  const signIn = (who: Actor, at: string) => ({ actorId: who.id, actorEmail: who.email, action: "auth.sign_in", at: new Date(at) });
  await db.insert(auditLog).values([signIn(newcomer, "2024-05-02T00:00:00Z"), signIn(newcomer, "2024-05-07T08:00:00Z"), signIn(dev, "2024-05-06T08:00:00Z"), signIn(other, "2024-05-06T08:00:00Z")]);
});

const hours = (h: number) => expect.closeTo(h, 6);

describe("the platform's own figures", () => {
  it("match figures computed by hand: outcomes, self-service, waits, failures", async () => {
    const { platform } = await loadDevexDashboard(admin, window);
    expect(platform.kinds).toEqual([
      // Ready after 10, 70, 150 and 480 min; in databases 10, 150 and 480.
      { kind: "all", total: 8, delivered: 4, waiting: 1, inProgress: 0, rejected: 1, cancelled: 1, failed: 1, selfServed: 1, timeToReady: { p50Hours: hours(110 / 60), p90Hours: hours(381 / 60), count: 4 } },
      { kind: "database", total: 5, delivered: 3, waiting: 0, inProgress: 0, rejected: 1, cancelled: 1, failed: 0, selfServed: 1, timeToReady: { p50Hours: hours(150 / 60), p90Hours: hours(414 / 60), count: 3 } },
      { kind: "namespace", total: 2, delivered: 1, waiting: 0, inProgress: 0, rejected: 0, cancelled: 0, failed: 1, selfServed: 0, timeToReady: { p50Hours: hours(70 / 60), p90Hours: hours(70 / 60), count: 1 } },
      { kind: "environment", total: 1, delivered: 0, waiting: 1, inProgress: 0, rejected: 0, cancelled: 0, failed: 0, selfServed: 0, timeToReady: { p50Hours: null, p90Hours: null, count: 0 } },
    ]);
    // Only A went to ready with no one acting; B and H needed an approval, C and H a retry. D (open) and G (cancelled) have no outcome to judge.
    expect(platform.selfService).toEqual({ rate: 1 / 6, selfServed: 1, decided: 6 });
    // B, E and H waited 2, 4 and 6 h.
    expect(platform.approvalWait).toEqual({ p50Hours: hours(4), p90Hours: hours(5.6), count: 3, stillWaiting: 1 });
    // Runs: A, B, F once, C and H twice; C's, H's first and F's failed.
    expect(platform.provisioningFailures).toEqual({ rate: 3 / 7, failed: 3, runs: 7 });
    expect(platform.teamsUsing).toEqual({ teams: 1, of: 1 });
  });

  it("count active people per week and the time new developers took to their team's first production deployment, not new managers", async () => {
    const { platform } = await loadDevexDashboard(admin, window);
    expect(platform.activeUsers).toEqual({ averagePerWeek: 1, peakWeek: 2 });
    expect(platform.weeks.map((w) => [w.week, w.activeUsers, w.requests])).toEqual([
      ["2024-04-29", 1, 0],
      ["2024-05-06", 2, 7],
      ["2024-05-13", 0, 1],
    ]);
    expect(platform.weeks[1]).toMatchObject({ selfServiceRate: 1 / 5, medianReadyHours: hours(70 / 60), teamsUsing: 1 });
    expect(platform.timeToFirstDeployment).toEqual({ newcomers: 2, deployed: 1, p50Days: 2.5, p90Days: 2.5 });
  });

  it("trend per week: waits and failures of the requests submitted that week, first deployments of the developers new that week", async () => {
    const { platform } = await loadDevexDashboard(admin, window);
    const trend = platform.weeks.map(({ week, p90ReadyHours, medianApprovalHours, p90ApprovalHours, provisioningRuns, provisioningFailureRate, newcomers, newcomersDeployed, medianFirstDeploymentDays }) => ({
      week,
      p90ReadyHours,
      medianApprovalHours,
      p90ApprovalHours,
      provisioningRuns,
      provisioningFailureRate,
      newcomers,
      newcomersDeployed,
      medianFirstDeploymentDays,
    }));
    const none = { p90ReadyHours: null, medianApprovalHours: null, p90ApprovalHours: null, provisioningRuns: 0, provisioningFailureRate: null };
    expect(trend).toEqual([
      // The newcomer of 2 May saw alpha-api in production 2.5 days later.
      { week: "2024-04-29", ...none, newcomers: 1, newcomersDeployed: 1, medianFirstDeploymentDays: 2.5 },
      // Ready after 10, 70 and 150 min; B and E waited 2 and 4 h, D still waits and has no wait yet;
      // C's failed run and its retry are two runs, F's one more failed. The developer new on 10 May has seen no production deployment since.
      {
        week: "2024-05-06",
        p90ReadyHours: hours(134 / 60),
        medianApprovalHours: hours(3),
        p90ApprovalHours: hours(3.8),
        provisioningRuns: 5,
        provisioningFailureRate: 2 / 5,
        newcomers: 1,
        newcomersDeployed: 0,
        medianFirstDeploymentDays: null,
      },
      // H alone: approved after 6 h, ready after 8 h, one of its two runs failed.
      { week: "2024-05-13", p90ReadyHours: hours(8), medianApprovalHours: hours(6), p90ApprovalHours: hours(6), provisioningRuns: 2, provisioningFailureRate: 1 / 2, newcomers: 0, newcomersDeployed: 0, medianFirstDeploymentDays: null },
    ]);
    expect(platform.weeks[2]).toMatchObject({ requests: 1, selfServiceRate: 0, medianReadyHours: hours(8) });
  });

  it("count every team for the organisation", async () => {
    const { platform } = await loadDevexDashboard(admin, { ...window, team: "*" });
    expect(platform.kinds[0]).toMatchObject({ total: 9, waiting: 2 });
    expect(platform.teamsUsing.teams).toBe(2);
    expect(platform.activeUsers.peakWeek).toBe(3);
  });

  it("are zeros and no data for a window with no requests, not an error", async () => {
    const { platform } = await loadDevexDashboard(admin, devexQuerySchema.parse({ team: "alpha", from: "2023-01-02", to: "2023-01-16" }));
    expect(platform.kinds.map((k) => [k.kind, k.total, k.timeToReady.p50Hours])).toEqual([
      ["all", 0, null],
      ["database", 0, null],
      ["namespace", 0, null],
      ["environment", 0, null],
    ]);
    expect(platform.selfService).toEqual({ rate: null, selfServed: 0, decided: 0 });
    expect(platform.approvalWait).toEqual({ p50Hours: null, p90Hours: null, count: 0, stillWaiting: 0 });
    expect(platform.teamsUsing).toEqual({ teams: 0, of: 1 });
  });

  it("follow a request that changes after they were first read", async () => {
    await loadDevexDashboard(admin, window);
    const at = (iso: string) => new Date(iso);
    await db.insert(requestEvents).values([
      { requestId: waitingId, at: at("2024-05-08T15:00:00Z"), actorId: admin.id, fromStatus: "pending_approval", toStatus: "approved", message: "approved" },
      { requestId: waitingId, at: at("2024-05-08T15:01:00Z"), fromStatus: "approved", toStatus: "provisioning", message: "provisioning" },
      { requestId: waitingId, at: at("2024-05-08T16:00:00Z"), fromStatus: "provisioning", toStatus: "ready", message: "ready" },
    ]);
    await db.update(requests).set({ status: "ready" }).where(eq(requests.id, waitingId));
    const { platform } = await loadDevexDashboard(admin, window);
    expect(platform.kinds[0]).toMatchObject({ total: 8, delivered: 5, waiting: 0 });
    // D waited 6 h: 2, 4, 6 and 6 h now.
    expect(platform.approvalWait).toMatchObject({ count: 4, stillWaiting: 0, p50Hours: hours(5) });
    expect(platform.weeks[1]).toMatchObject({ medianApprovalHours: hours(4), p90ApprovalHours: hours(5.6), provisioningRuns: 6 });
    const [{ n }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from devex_request_facts`);
    expect(n).toBe(10);
  });
});
