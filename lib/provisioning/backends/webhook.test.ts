import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { actorFor, seedDemoOrg } from "@/db/test/fixtures";
import { jobs, requests } from "@/db/schema";
import { getEntity } from "@/lib/catalog/entity";
import { verifySignature } from "@/lib/crypto/hmac";
import { getRequest } from "@/lib/requests/queries";
import { submitRequestSchema } from "@/lib/requests/schemas";
import { submitRequest } from "@/lib/requests/submit";
import { claimJob } from "../jobs/queue";
import { runJob } from "../run";
import { callBack, startAutomation, type Automation } from "../testing/webhook-automation";
import { completeWebhookJob } from "../webhook-callback";

const SECRET = "webhook-test-secret";
let automation: Automation;

beforeAll(async () => {
  await seedDemoOrg();
  automation = await startAutomation();
  Object.assign(process.env, {
    RUNWAY_WEBHOOK_PROVISIONER_URL: automation.url,
    RUNWAY_WEBHOOK_SECRET: SECRET,
    RUNWAY_WEBHOOK_KINDS: "namespace",
  });
});

afterAll(() => automation.close());

// Each test's namespace counts toward its team's quota (3 live namespaces), so the last test uses another team.
async function submitNamespace(name: string, email = "developer@example.com", team = "payments") {
  const actor = await actorFor(email);
  const input = submitRequestSchema.parse({ kind: "namespace", team, environment: "dev", name });
  return { actor, request: (await submitRequest(actor, input)).request };
}

const jobIdOf = async (requestId: string) => (await db.select({ id: jobs.id }).from(jobs).where(eq(jobs.requestId, requestId)))[0].id;

const callback = (jobId: number, body: unknown, secret = SECRET) => callBack(jobId, body, secret);

describe("webhook backend", () => {
  it("signs the job it hands out, waits, and completes on the automation's signed callback", async () => {
    const { actor, request } = await submitNamespace("hooked");
    const job = (await claimJob(db, "test-worker"))!;
    expect(await runJob(job, "test-worker", new AbortController().signal)).toBe("waiting");

    const delivery = automation.received.at(-1)!;
    expect(verifySignature(SECRET, delivery.body, delivery.signature ?? null)).toBe(true);
    const payload = JSON.parse(delivery.body);
    expect(payload).toMatchObject({ jobId: job.id, action: "provision", request: { id: request.id, kind: "namespace", team: "payments", name: "hooked" } });
    expect(payload.callbackUrl).toMatch(new RegExp(`/api/v1/provisioning/callbacks/${job.id}$`));
    // A waiting job is not handed to another worker before its timeout.
    expect(await claimJob(db, "other-worker")).toBeNull();

    const res = await callback(job.id, { status: "succeeded", message: "applied by tofu", outputs: { workspace: "ns-hooked" } });
    expect(res.status).toBe(200);
    const after = (await getRequest(actor, request.id))!;
    expect(after.status).toBe("ready");
    expect(after.outputs).toMatchObject({ workspace: "ns-hooked" });
    expect(after.events.map((e) => e.message)).toContain("Automation: applied by tofu");
    const [row] = await db.select({ status: jobs.status }).from(jobs).where(eq(jobs.requestId, request.id));
    expect(row.status).toBe("succeeded");
    // Ready through the automation, it is in the catalog like any other provisioned resource.
    expect(await getEntity(actor, { kind: "Resource", namespace: "default", name: "payments-hooked-ns" })).toMatchObject({
      requestId: request.id,
      document: { spec: { type: "kubernetes-namespace", owner: "group:default/payments" } },
    });
  });

  it("refuses an unsigned or wrongly signed callback and changes nothing", async () => {
    const { request } = await submitNamespace("unsigned");
    const job = (await claimJob(db, "test-worker"))!;
    await runJob(job, "test-worker", new AbortController().signal);
    const forged = await callback(job.id, { status: "succeeded" }, "guess");
    expect(forged.status).toBe(401);
    expect((await forged.json()).error.code).toBe("unauthorized");
    const [r] = await db.select({ status: requests.status }).from(requests).where(eq(requests.id, request.id));
    expect(r.status).toBe("provisioning");
  });

  it("marks the request failed with the automation's reason, and a second callback is refused", async () => {
    const { actor, request } = await submitNamespace("broken");
    await runJob((await claimJob(db, "w"))!, "w", new AbortController().signal);
    const jobId = await jobIdOf(request.id);
    await completeWebhookJob({ jobId, status: "failed", message: "quota exceeded in cluster" });
    const after = (await getRequest(actor, request.id))!;
    expect(after.status).toBe("failed");
    expect(after.events.at(-1)!.message).toContain("quota exceeded in cluster");
    const again = await callback(jobId, { status: "succeeded" });
    expect(again.status).toBe(409);
  });

  it("fails the request when the automation does not call back before the deadline", async () => {
    const { actor, request } = await submitNamespace("silent", "search-dev@example.com", "search");
    await runJob((await claimJob(db, "w"))!, "w", new AbortController().signal);
    await db.update(jobs).set({ runAt: sql`now() - interval '1 minute'` }).where(eq(jobs.requestId, request.id));
    const overdue = (await claimJob(db, "w2"))!;
    expect(overdue.previousStatus).toBe("waiting");
    expect(await runJob(overdue, "w2", new AbortController().signal)).toBe("failed");
    const after = (await getRequest(actor, request.id))!;
    expect(after.status).toBe("failed");
    expect(after.events.at(-1)!.message).toContain("did not call back before the deadline");
  });
});
