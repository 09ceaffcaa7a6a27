import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/db/test/fixtures";
import type { Actor } from "@/lib/auth/actor";
import { actorFromToken, issueToken } from "@/lib/auth/tokens";
import { scrapeMetrics } from "@/lib/observability/scrape";
import deploymentStatus from "./github/fixtures/deployment_status.json";
import push from "./github/fixtures/push.json";
import { ingestGithubEvent } from "./github/ingest";
import { ingestEvents } from "./ingest";

let ci: Actor;

beforeAll(async () => {
  const owner = await createUser({ email: "ci@example.com", teams: ["payments"] });
  const { token } = await issueToken(owner, { name: "ci", scopes: ["events:write"] }, "cli");
  ci = (await actorFromToken(token))!;
});

/** runway_dora_events_ingested_total of one kind, as Prometheus reads it from /api/metrics. */
async function ingested(kind: string): Promise<number> {
  const { text } = await scrapeMetrics({ database: false });
  const line = text.split("\n").find((l) => l.startsWith(`runway_dora_events_ingested_total{kind="${kind}"} `));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

const deployment = (id: string) => ({ id, service: "payments-api", environment: "production", status: "success", deployedAt: "2024-06-01T12:00:00Z" });

describe("the ingestion counter", () => {
  it("counts the events of each stored API batch, re-sent ones included", async () => {
    const before = await ingested("deployments");
    await ingestEvents(ci, "deployments", { events: [deployment("d-1"), deployment("d-2"), deployment("d-3")] });
    expect(await ingested("deployments")).toBe(before + 3);

    await ingestEvents(ci, "deployments", deployment("d-1"));
    expect(await ingested("deployments")).toBe(before + 4);
  });

  it("counts nothing of a refused batch", async () => {
    const before = await ingested("incidents");
    await expect(ingestEvents(ci, "incidents", { events: [{ id: "i-1", service: "payments-api", openedAt: "yesterday" }] })).rejects.toMatchObject({ code: "validation_failed" });
    expect(await ingested("incidents")).toBe(before);
  });

  it("counts what GitHub deliveries store, under the events API's kinds", async () => {
    const [changes, deployments] = [await ingested("changes"), await ingested("deployments")];
    await ingestGithubEvent("push", push);
    await ingestGithubEvent("deployment_status", deploymentStatus);
    expect(await ingested("changes")).toBe(changes + push.commits.length);
    expect(await ingested("deployments")).toBe(deployments + 1);
  });
});
