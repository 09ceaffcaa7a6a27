import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { timeProvisioning } from "./provisioning";
import { serveWorkerMetrics, type MetricsEndpoint } from "./worker-endpoint";

let endpoint: MetricsEndpoint;
beforeAll(async () => {
  endpoint = await serveWorkerMetrics(0, "127.0.0.1");
});
afterAll(() => endpoint.close());
afterEach(() => {
  delete process.env.RUNWAY_METRICS_TOKEN;
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`http://127.0.0.1:${endpoint.port}${path}`, { headers });

describe("a worker's metrics endpoint", () => {
  it("serves what the worker observed, without the database gauges the web replicas report", async () => {
    await timeProvisioning("postgres", "provision", async () => {});
    const res = await get("/metrics");
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).toContain('runway_provisioning_duration_seconds_count{backend="postgres",action="provision",outcome="succeeded"} 1');
    expect(text).not.toContain("runway_jobs");
  });

  it("wants the metrics token when one is set", async () => {
    process.env.RUNWAY_METRICS_TOKEN = "scrape-me-0123456789";
    expect((await get("/metrics")).status).toBe(401);
    expect((await get("/metrics", { authorization: "Bearer scrape-me-0123456789" })).status).toBe(200);
  });

  it("serves nothing else", async () => {
    expect((await get("/")).status).toBe(404);
  });
});
