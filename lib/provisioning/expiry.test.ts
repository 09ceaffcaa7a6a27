import { beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { createUser } from "@/db/test/fixtures";
import { db } from "@/db/client";
import { jobs, requestEvents, requests } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import type { RequestStatus } from "@/lib/requests/state-machine";
import { expireEnvironments } from "./expiry";

let owner: Actor;

beforeAll(async () => {
  owner = await createUser({ email: "env-owner@example.com", teams: ["preview"] });
});

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000);

/** A request as the worker leaves it, written straight to the table. */
async function existing(kind: "environment" | "database", name: string, status: RequestStatus, expiresAt: Date | null): Promise<string> {
  const [row] = await db
    .insert(requests)
    .values({
      kind,
      teamId: owner.teams[0].id,
      environment: "dev",
      name,
      parameters: kind === "environment" ? { ttlHours: 24 } : {},
      status,
      requestedBy: owner.id,
      policyRule: "within-golden-path",
      policyReason: "Auto-approved.",
      expiresAt,
    })
    .returning({ id: requests.id });
  return row.id;
}

const statusOf = async (id: string) => (await db.select({ status: requests.status }).from(requests).where(eq(requests.id, id)))[0].status;
const jobsOf = (id: string) => db.select({ action: jobs.action, status: jobs.status }).from(jobs).where(eq(jobs.requestId, id));

describe("expireEnvironments", () => {
  it("starts tearing down a ready environment whose time to live ran out, with its decommission job", async () => {
    const expired = await existing("environment", "pr-101", "ready", hoursFromNow(-1));
    const alive = await existing("environment", "pr-102", "ready", hoursFromNow(5));
    const stillProvisioning = await existing("environment", "pr-103", "provisioning", hoursFromNow(-1));
    const database = await existing("database", "orders", "ready", hoursFromNow(-1));

    expect(await expireEnvironments()).toBe(1);

    expect(await statusOf(expired)).toBe("decommissioning");
    expect(await jobsOf(expired)).toEqual([{ action: "decommission", status: "queued" }]);
    const events = await db.select().from(requestEvents).where(eq(requestEvents.requestId, expired)).orderBy(asc(requestEvents.id));
    expect(events.at(-1)).toMatchObject({ fromStatus: "ready", toStatus: "decommissioning", actorId: null, message: "Its time to live ran out; tearing it down." });

    for (const id of [alive, stillProvisioning, database]) {
      expect(await jobsOf(id)).toEqual([]);
    }
    expect(await statusOf(alive)).toBe("ready");
    expect(await statusOf(stillProvisioning)).toBe("provisioning");
    expect(await statusOf(database)).toBe("ready");
  });

  it("does nothing on the next sweep", async () => {
    expect(await expireEnvironments()).toBe(0);
  });
});
