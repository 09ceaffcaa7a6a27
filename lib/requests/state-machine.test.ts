import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createUser } from "@/db/test/fixtures";
import { db } from "@/db/client";
import { requestEvents, requests } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { approveRequest } from "./decisions";
import { submitRequestSchema } from "./schemas";
import { assertTransition, canTransition, LIVE_STATUSES, transitions, type RequestStatus } from "./state-machine";
import { submitRequest } from "./submit";
import { applyTransition } from "./transition";

const legal: [RequestStatus, RequestStatus][] = [
  ["submitted", "auto_approved"],
  ["submitted", "pending_approval"],
  ["pending_approval", "approved"],
  ["pending_approval", "rejected"],
  ["pending_approval", "cancelled"],
  ["auto_approved", "provisioning"],
  ["auto_approved", "cancelled"],
  ["approved", "provisioning"],
  ["approved", "cancelled"],
  ["provisioning", "ready"],
  ["provisioning", "failed"],
  ["ready", "decommissioning"],
  ["decommissioning", "decommissioned"],
  ["decommissioning", "failed"],
  ["failed", "provisioning"],
  ["failed", "decommissioning"],
];

const illegal: [RequestStatus, RequestStatus, string][] = [
  ["rejected", "approved", "This request is rejected; it cannot become approved."],
  ["ready", "cancelled", "This request is ready; it cannot become cancelled."],
  ["cancelled", "approved", "This request is cancelled; it cannot become approved."],
  ["approved", "rejected", "This request is approved; it cannot become rejected."],
  ["auto_approved", "approved", "This request is auto-approved; it cannot become approved."],
  ["pending_approval", "provisioning", "This request is waiting for approval; it cannot become being provisioned."],
  ["provisioning", "cancelled", "This request is being provisioned; it cannot become cancelled."],
  ["submitted", "approved", "This request is submitted; it cannot become approved."],
  ["decommissioned", "provisioning", "This request is decommissioned; it cannot become being provisioned."],
  ["ready", "ready", "This request is ready; it cannot become ready."],
];

describe("request state machine", () => {
  it.each(legal)("allows %s → %s", (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each(illegal)("refuses %s → %s with a conflict", (from, to, message) => {
    expect(canTransition(from, to)).toBe(false);
    let thrown: unknown;
    try {
      assertTransition(from, to);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ code: "conflict", status: 409, message });
  });

  it("allows nothing but the listed transitions", () => {
    const all = Object.keys(transitions) as RequestStatus[];
    const allowed = all.flatMap((from) => all.filter((to) => canTransition(from, to)).map((to) => [from, to]));
    expect(allowed.sort()).toEqual([...legal].sort());
  });

  it("ends a request only by rejection, cancellation or decommissioning", () => {
    expect(LIVE_STATUSES).not.toContain("rejected");
    expect(LIVE_STATUSES).not.toContain("cancelled");
    expect(LIVE_STATUSES).not.toContain("decommissioned");
    expect(LIVE_STATUSES).toEqual(expect.arrayContaining(["pending_approval", "approved", "provisioning", "ready", "failed", "decommissioning"]));
  });
});

describe("applyTransition", () => {
  async function pendingRequest(email: string) {
    const requester = await createUser({ email, teams: ["payments"] });
    const input = submitRequestSchema.parse({ kind: "database", team: "payments", environment: "production", name: email.split("@")[0], parameters: {} });
    const { request } = await submitRequest(requester, input);
    return request;
  }

  it("moves the request and records who did it in the timeline", async () => {
    const admin = await createUser({ email: "move-admin@example.com", role: "admin" });
    const request = await pendingRequest("moving@example.com");

    await db.transaction((tx) =>
      applyTransition(tx, { request, to: "rejected", actor: admin, message: "Not this quarter.", details: { reason: "budget" }, set: { decisionReason: "budget" } }),
    );

    const [row] = await db.select().from(requests).where(eq(requests.id, request.id));
    const events = await db.select().from(requestEvents).where(eq(requestEvents.requestId, request.id)).orderBy(requestEvents.id);
    expect(row).toMatchObject({ status: "rejected", decisionReason: "budget" });
    expect(events.at(-1)).toMatchObject({
      fromStatus: "pending_approval",
      toStatus: "rejected",
      actorEmail: "move-admin@example.com",
      message: "Not this quarter.",
      details: { reason: "budget" },
    });
  });

  it("refuses an illegal move before writing anything", async () => {
    const request = await pendingRequest("illegal@example.com");

    const attempt = db.transaction((tx) => applyTransition(tx, { request, to: "ready", actor: null, message: "skip ahead" }));

    await expect(attempt).rejects.toMatchObject({ code: "conflict" });
    const [row] = await db.select({ status: requests.status }).from(requests).where(eq(requests.id, request.id));
    expect(row.status).toBe("pending_approval");
  });

  it("refuses when the status changed since it was read, leaving the other change in place", async () => {
    const admin = await createUser({ email: "stale-admin@example.com", role: "admin" });
    const stale = await pendingRequest("stale@example.com");
    await approveRequest(admin, stale.id, "fine");
    const eventsBefore = await db.select().from(requestEvents).where(eq(requestEvents.requestId, stale.id));

    // `stale` still says pending_approval, from which a rejection would be legal.
    const attempt = db.transaction((tx) => applyTransition(tx, { request: stale, to: "rejected", actor: admin, message: "too late" }));

    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("changed by someone else") });
    const [row] = await db.select({ status: requests.status }).from(requests).where(eq(requests.id, stale.id));
    const eventsAfter = await db.select().from(requestEvents).where(eq(requestEvents.requestId, stale.id));
    expect(row.status).toBe("approved");
    expect(eventsAfter).toHaveLength(eventsBefore.length);
  });
});
