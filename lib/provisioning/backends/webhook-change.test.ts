import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { jobs } from "@/db/schema";
import { actorFor, seedDemoOrg } from "@/db/test/fixtures";
import type { Actor } from "@/lib/auth/actor";
import { getEntity } from "@/lib/catalog/entity";
import { verifySignature } from "@/lib/crypto/hmac";
import { listChanges, requestChange } from "@/lib/requests/changes";
import { getRequest } from "@/lib/requests/queries";
import { submitRequestSchema } from "@/lib/requests/schemas";
import { submitRequest } from "@/lib/requests/submit";
import { claimJob } from "../jobs/queue";
import { runJob } from "../run";
import { callBack, startAutomation, type Automation } from "../testing/webhook-automation";

const SECRET = "webhook-change-secret";
let automation: Automation;
let developer: Actor;

beforeAll(async () => {
  await seedDemoOrg();
  developer = await actorFor("developer@example.com");
  automation = await startAutomation();
  vi.stubEnv("RUNWAY_WEBHOOK_PROVISIONER_URL", automation.url);
  vi.stubEnv("RUNWAY_WEBHOOK_SECRET", SECRET);
  vi.stubEnv("RUNWAY_WEBHOOK_KINDS", "namespace");
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await automation.close();
});

const signal = () => new AbortController().signal;

/** One worker turn: the next due job must be this request's. */
async function runNextJob(requestId: string) {
  const job = await claimJob(db, "test-worker");
  expect(job?.requestId, "this request's job is due").toBe(requestId);
  return { job: job!, outcome: await runJob(job!, "test-worker", signal()) };
}

/** A namespace the automation provisioned: handed out, then confirmed by its signed callback. */
async function readyNamespace(name: string) {
  const { request } = await submitRequest(developer, submitRequestSchema.parse({ kind: "namespace", team: "payments", environment: "dev", name }));
  const { job, outcome } = await runNextJob(request.id);
  expect(outcome).toBe("waiting");
  expect((await callBack(job.id, { status: "succeeded" }, SECRET)).status).toBe(200);
  expect((await getRequest(developer, request.id))!.status).toBe("ready");
  return request;
}

/** Asks for more pods (auto-approved in dev) and runs its job up to the hand-over. */
async function changeHandedOver(requestId: string) {
  const change = await requestChange(developer, requestId, { maxPods: 30 });
  expect(change.status).toBe("approved");
  const { job, outcome } = await runNextJob(requestId);
  expect(job.action).toBe("change");
  expect(outcome, "waiting for the automation is not a failed attempt").toBe("waiting");
  return { changeId: change.changeId, jobId: job.id };
}

describe("day-2 changes through the webhook backend", () => {
  it("hand the signed change to the automation, wait without retrying, and apply it in place on its signed callback", async () => {
    const request = await readyNamespace("hooked");
    const { changeId, jobId } = await changeHandedOver(request.id);

    const delivery = automation.received.at(-1)!;
    expect(verifySignature(SECRET, delivery.body, delivery.signature ?? null)).toBe(true);
    expect(JSON.parse(delivery.body)).toMatchObject({
      jobId,
      action: "change",
      changeId,
      request: { id: request.id, kind: "namespace", name: "hooked", parameters: { maxPods: 30 } },
      callbackUrl: expect.stringMatching(new RegExp(`/api/v1/provisioning/callbacks/${jobId}$`)),
    });
    // Parked until the callback: no other worker takes it, and the change shows as being applied.
    expect(await claimJob(db, "other-worker")).toBeNull();
    expect(await listChanges(developer, request.id)).toEqual([expect.objectContaining({ status: "applying", diff: "maxPods 20 → 30" })]);
    const before = (await getRequest(developer, request.id))!;
    expect(before.events.map((e) => e.message)).not.toContainEqual(expect.stringContaining("Retrying"));

    const forged = await callBack(jobId, { status: "succeeded" }, "guess");
    expect(forged.status).toBe(401);
    expect((await getRequest(developer, request.id))!.parameters).toMatchObject({ maxPods: 20 });
    expect((await listChanges(developer, request.id))[0].status).toBe("applying");

    const res = await callBack(jobId, { status: "succeeded", message: "quota raised by tofu", outputs: { workspace: "ns-hooked" } }, SECRET);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ready" });

    const after = (await getRequest(developer, request.id))!;
    expect(after.status).toBe("ready");
    expect(after.parameters).toMatchObject({ maxPods: 30 });
    expect(after.outputs).toMatchObject({ workspace: "ns-hooked" });
    expect(after.events.map((e) => e.message)).toEqual(expect.arrayContaining(["Automation: quota raised by tofu", "Change applied in place."]));
    expect(await listChanges(developer, request.id)).toEqual([expect.objectContaining({ status: "applied", diff: "maxPods 20 → 30", lastError: null })]);
    expect(await db.select({ status: jobs.status }).from(jobs).where(eq(jobs.id, jobId))).toEqual([{ status: "succeeded" }]);
    expect((await getEntity(developer, { kind: "Resource", namespace: "default", name: "payments-hooked-ns" }))?.requestId).toBe(request.id);

    expect((await callBack(jobId, { status: "succeeded" }, SECRET)).status, "a second callback is refused").toBe(409);
  });

  it("fail the change with the automation's reason, leaving the resource ready as it was", async () => {
    const request = await readyNamespace("refused");
    const { jobId } = await changeHandedOver(request.id);

    const res = await callBack(jobId, { status: "failed", message: "cluster quota exhausted" }, SECRET);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ready" });

    const after = (await getRequest(developer, request.id))!;
    expect(after.status).toBe("ready");
    expect(after.parameters).toMatchObject({ maxPods: 20 });
    expect(after.events.at(-1)!.message).toBe("The change could not be applied: the automation reported a failure: cluster quota exhausted");
    expect(await listChanges(developer, request.id)).toEqual([
      expect.objectContaining({ status: "failed", lastError: "the automation reported a failure: cluster quota exhausted" }),
    ]);
  });

  it("fail the change when the automation does not call back before the deadline, and let the team ask again", async () => {
    const request = await readyNamespace("silent");
    const { jobId } = await changeHandedOver(request.id);
    await db.update(jobs).set({ runAt: sql`now() - interval '1 minute'` }).where(eq(jobs.id, jobId));

    const { job, outcome } = await runNextJob(request.id);
    expect(job.previousStatus).toBe("waiting");
    expect(outcome).toBe("failed");
    expect(automation.received.filter((d) => JSON.parse(d.body).jobId === jobId), "not delivered again").toHaveLength(1);

    const after = (await getRequest(developer, request.id))!;
    expect(after.status).toBe("ready");
    expect(after.parameters).toMatchObject({ maxPods: 20 });
    expect(after.events.at(-1)!.message).toContain("did not call back before the deadline");
    expect((await listChanges(developer, request.id))[0]).toMatchObject({ status: "failed", lastError: expect.stringContaining("did not call back before the deadline") });
    expect((await callBack(jobId, { status: "succeeded" }, SECRET)).status, "a late callback is refused").toBe(409);

    expect((await requestChange(developer, request.id, { maxPods: 30 })).status).toBe("approved");
  });
});
