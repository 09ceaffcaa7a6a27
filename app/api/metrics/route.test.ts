import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { jobs, requestChanges, requests } from "@/db/schema";
import { createUser } from "@/db/test/fixtures";
import { recordIngestedEvents } from "@/lib/observability/metrics";
import { timeProvisioning } from "@/lib/observability/provisioning";
import { GET } from "./route";

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

async function scrape(authorization?: string): Promise<{ status: number; type: string | null; text: string }> {
  const res = await GET(new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }));
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

/** The value of one sample, e.g. value(text, 'runway_jobs{status="queued"}'). */
function value(text: string, sample: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(sample + " "));
  return line === undefined ? undefined : Number(line.slice(sample.length + 1));
}

beforeAll(async () => {
  const dana = await createUser({ email: "dana@example.com", teams: ["payments"] });
  const base = { kind: "database" as const, teamId: dana.teams[0].id, environment: "dev" as const, parameters: {}, requestedBy: dana.id, policyRule: "test", policyReason: "test" };
  const rows = await db
    .insert(requests)
    .values([
      { ...base, name: "waits-two-days", status: "pending_approval", createdAt: minutesAgo(48 * 60) },
      { ...base, name: "waits-an-hour", status: "pending_approval", createdAt: minutesAgo(60) },
      { ...base, name: "queued-long", status: "approved" },
      { ...base, name: "queued-later", status: "approved" },
      { ...base, name: "running", status: "provisioning" },
      { ...base, name: "broken", status: "failed" },
      { ...base, name: "ready", status: "ready" },
    ])
    .returning({ id: requests.id, name: requests.name });
  const id = (name: string) => rows.find((r) => r.name === name)!.id;
  await db.insert(jobs).values([
    { requestId: id("queued-long"), action: "provision", status: "queued", runAt: minutesAgo(10) },
    // Retrying after a backoff: queued, but not late.
    { requestId: id("queued-later"), action: "provision", status: "queued", runAt: minutesAgo(-30) },
    { requestId: id("running"), action: "provision", status: "running", lockedBy: "w1", leaseUntil: minutesAgo(-1) },
    { requestId: id("broken"), action: "provision", status: "failed", finishedAt: new Date() },
    { requestId: id("ready"), action: "provision", status: "succeeded", finishedAt: new Date() },
  ]);
  await db.insert(requestChanges).values({
    requestId: id("ready"),
    parameters: { sizeGb: 20 },
    previousParameters: { sizeGb: 10 },
    status: "pending_approval",
    policyRule: "test",
    policyReason: "test",
    requestedBy: dana.id,
    createdAt: minutesAgo(5),
  });
});

afterEach(() => {
  delete process.env.RUNWAY_METRICS_TOKEN;
});

describe("GET /api/metrics", () => {
  it("is public in the Prometheus text format when no token is configured", async () => {
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.type).toContain("text/plain");
    expect(res.text).toContain("# TYPE runway_http_request_duration_seconds histogram");
    expect(res.text).toContain("# TYPE runway_process_cpu_user_seconds_total counter");
  });

  it("asks for the bearer token once RUNWAY_METRICS_TOKEN is set", async () => {
    process.env.RUNWAY_METRICS_TOKEN = "scrape-me-0123456789";

    const none = await scrape();
    expect(none.status).toBe(401);
    expect(JSON.parse(none.text)).toMatchObject({ error: { code: "unauthorized" } });
    expect(none.text).not.toContain("runway_jobs");
    expect((await scrape("Bearer wrong-token-0123456789")).status).toBe(401);

    const granted = await scrape("Bearer scrape-me-0123456789");
    expect(granted.status).toBe(200);
    expect(granted.text).toContain("runway_jobs");
  });

  it("reports the job queue as the database holds it", async () => {
    const { text } = await scrape();
    expect(value(text, 'runway_jobs{status="queued"}')).toBe(2);
    expect(value(text, 'runway_jobs{status="running"}')).toBe(1);
    expect(value(text, 'runway_jobs{status="waiting"}')).toBe(0);
    expect(value(text, 'runway_jobs{status="failed"}')).toBe(1);
    // The oldest due job has waited ten minutes; the one retrying later does not count.
    expect(value(text, "runway_jobs_oldest_queued_age_seconds")).toBeGreaterThanOrEqual(600);
    expect(value(text, "runway_jobs_oldest_queued_age_seconds")).toBeLessThan(1200);
    expect(value(text, "runway_metrics_database_up")).toBe(1);
  });

  it("reports pending approvals and the age of the oldest", async () => {
    const { text } = await scrape();
    expect(value(text, 'runway_approvals_pending{subject="request"}')).toBe(2);
    expect(value(text, 'runway_approvals_pending{subject="change"}')).toBe(1);
    expect(value(text, 'runway_approvals_oldest_pending_age_seconds{subject="request"}')).toBeGreaterThanOrEqual(48 * 3600);
    expect(value(text, 'runway_approvals_oldest_pending_age_seconds{subject="change"}')).toBeGreaterThanOrEqual(300);
  });

  it("follows the queue as it drains", async () => {
    await db.delete(jobs);
    const { text } = await scrape();
    expect(value(text, 'runway_jobs{status="queued"}')).toBe(0);
    expect(value(text, "runway_jobs_oldest_queued_age_seconds")).toBe(0);
  });

  it("counts provisioning attempts by backend and outcome, and ingested DORA events", async () => {
    await timeProvisioning("postgres", "provision", async () => {});
    await expect(timeProvisioning("gitops", "decommission", async () => Promise.reject(new Error("push refused")))).rejects.toThrow("push refused");
    recordIngestedEvents("deployments", 3);
    recordIngestedEvents("deployments", 2);

    const { text } = await scrape();
    expect(value(text, 'runway_provisioning_duration_seconds_count{backend="postgres",action="provision",outcome="succeeded"}')).toBe(1);
    expect(value(text, 'runway_provisioning_duration_seconds_count{backend="gitops",action="decommission",outcome="failed"}')).toBe(1);
    expect(value(text, 'runway_dora_events_ingested_total{kind="deployments"}')).toBe(5);
  });
});
