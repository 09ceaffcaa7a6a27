import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { createUser } from "@/db/test/fixtures";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { computeDoraKeys } from "../dora";
import { doraQuerySchema } from "../schemas";
import { component } from "../testing/catalog";
import deploymentStatus from "./fixtures/deployment_status.json";
import issues from "./fixtures/issues.json";
import pullRequest from "./fixtures/pull_request.json";
import push from "./fixtures/push.json";
import { ingestGithubEvent } from "./ingest";
import { mapGithubEvent, rootCauseSha } from "./mapping";

const options = { incidentLabel: "incident" };
const C1 = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
const C2 = "2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e";
const MERGE = "3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f";

/** A recorded payload with some fields changed, the way one delivery differs from another. */
function variant<T>(payload: T, change: (copy: T) => void): T {
  const copy = structuredClone(payload);
  change(copy);
  return copy;
}

const closedIssue = variant(issues, (p) => {
  p.action = "closed";
  Object.assign(p.issue, { state: "closed", closed_at: "2024-06-02T08:30:00Z" });
});

describe("mapping GitHub's payloads", () => {
  it("turns a push to the default branch into one change per commit, with the commit's own time", () => {
    expect(mapGithubEvent("push", push, options)).toEqual({
      kind: "changes",
      repository: expect.objectContaining({ full_name: "octo-org/checkout" }),
      changes: [
        { id: `github:octo-org/checkout@${C1}`, sha: C1, committedAt: new Date("2024-06-01T12:00:00Z") },
        { id: `github:octo-org/checkout@${C2}`, sha: C2, committedAt: new Date("2024-06-01T14:00:00Z") },
      ],
    });
  });

  it("ignores pushes to other branches and tags", () => {
    expect(mapGithubEvent("push", variant(push, (p) => (p.ref = "refs/heads/feature")), options).kind).toBe("ignored");
    expect(mapGithubEvent("push", variant(push, (p) => (p.ref = "refs/tags/v1.0.0")), options).kind).toBe("ignored");
  });

  it("turns a merged pull request into its merge commit, with mergedAt", () => {
    expect(mapGithubEvent("pull_request", pullRequest, options)).toMatchObject({
      kind: "changes",
      changes: [{ id: `github:octo-org/checkout@${MERGE}`, sha: MERGE, committedAt: new Date("2024-06-01T18:00:00Z"), mergedAt: new Date("2024-06-01T18:00:00Z") }],
    });
    const unmerged = variant(pullRequest, (p) => Object.assign(p.pull_request, { merged: false, merged_at: null }));
    expect(mapGithubEvent("pull_request", unmerged, options).kind).toBe("ignored");
  });

  it("turns a successful or failed deployment status into a deployment, and ignores the states in between", () => {
    expect(mapGithubEvent("deployment_status", deploymentStatus, options)).toMatchObject({
      kind: "deployment",
      deployment: { id: "github:octo-org/checkout/deployments/145988746", environment: "production", status: "success", deployedAt: new Date("2024-06-02T00:00:00Z"), sha: MERGE },
    });
    const failed = variant(deploymentStatus, (p) => (p.deployment_status.state = "failure"));
    expect(mapGithubEvent("deployment_status", failed, options)).toMatchObject({ deployment: { status: "failure" } });
    const pending = variant(deploymentStatus, (p) => (p.deployment_status.state = "in_progress"));
    expect(mapGithubEvent("deployment_status", pending, options).kind).toBe("ignored");
  });

  it("turns an issue with the incident label into an incident, its root cause read from the body", () => {
    expect(mapGithubEvent("issues", issues, options)).toMatchObject({
      kind: "incident",
      incident: { id: "github:octo-org/checkout#77", openedAt: new Date("2024-06-02T06:00:00Z"), resolvedAt: null, causeSha: "2b3c4d5e" },
    });
    expect(mapGithubEvent("issues", closedIssue, options)).toMatchObject({ incident: { resolvedAt: new Date("2024-06-02T08:30:00Z") } });
    expect(mapGithubEvent("issues", variant(issues, (p) => (p.issue.labels = [])), options).kind).toBe("ignored");
    expect(mapGithubEvent("issues", issues, { incidentLabel: "sev1" }).kind).toBe("ignored");
  });

  it("reads a root cause line however it is written", () => {
    expect(rootCauseSha("Root Cause: 2B3C4D5E6F")).toBe("2b3c4d5e6f");
    expect(rootCauseSha("details\n  root cause: `abcdef1` (the retry)")).toBe("abcdef1");
    expect(rootCauseSha("the root cause is unknown")).toBeNull();
    expect(rootCauseSha(null)).toBeNull();
  });

  it("ignores events it does not read and refuses payloads missing what it reads", () => {
    expect(mapGithubEvent("star", { action: "created" }, options)).toEqual({ kind: "ignored", reason: "the star event, which Runway does not read" });
    expect(() => mapGithubEvent("deployment_status", { deployment_status: { state: "success" } }, options)).toThrow(AppError);
    expect(() => mapGithubEvent("push", variant(push, (p) => (p.commits[0].timestamp = "yesterday")), options)).toThrow(/push payload/);
  });
});

describe("storing GitHub deliveries", () => {
  let admin: Actor;
  const keys = (service: string, from: string, to: string) => computeDoraKeys(admin, doraQuerySchema.parse({ service, from, to }));

  beforeAll(async () => {
    admin = await createUser({ email: "gh-admin@example.com", role: "admin" });
  });

  it("links pushes, merges, deployments and incidents of a repository into the four keys", async () => {
    expect(await ingestGithubEvent("push", push)).toMatchObject({ service: "checkout", stored: "changes", result: { created: 2 } });
    expect(await ingestGithubEvent("pull_request", pullRequest)).toMatchObject({ stored: "changes", result: { created: 1 } });
    expect(await ingestGithubEvent("deployment_status", deploymentStatus)).toMatchObject({ stored: "deployment", result: { created: 1 } });
    expect(await ingestGithubEvent("issues", issues)).toMatchObject({ stored: "incident", result: { created: 1 } });
    expect(await ingestGithubEvent("issues", closedIssue)).toMatchObject({ stored: "incident", result: { created: 0, updated: 1 } });

    // The deployment shipped every pushed commit up to the merge: 12 h, 10 h and 6 h.
    const k = await keys("checkout", "2024-06-01", "2024-06-03");
    expect(k.leadTimeForChanges).toEqual({ medianHours: 10, p90Hours: 11.6, changes: 3, tier: "elite" });
    // The issue's short SHA is the second pushed commit, which that deployment shipped.
    expect(k.changeFailureRate).toMatchObject({ ratio: 1, failedDeployments: 1, deployments: 1 });
    expect(k.timeToRestore).toEqual({ medianHours: 2.5, incidents: 1, tier: "high" });
  });

  it("gives the next deployment only the commits pushed since the previous one", async () => {
    const c3 = "4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70";
    await ingestGithubEvent("push", variant(push, (p) => (p.commits = [{ ...p.commits[0], id: c3, timestamp: "2024-06-03T10:00:00Z" }])));
    const next = variant(deploymentStatus, (p) => {
      p.deployment.id = 145988747;
      p.deployment.sha = c3;
      p.deployment_status.created_at = "2024-06-03T12:00:00Z";
    });
    await ingestGithubEvent("deployment_status", next);
    const rows = await db.execute<{ sha: string }>(sql`select sha from dora_deployment_commits where deployment_id = 'github:octo-org/checkout/deployments/145988747'`);
    expect(rows.map((r) => r.sha)).toEqual([c3]);
    expect((await keys("checkout", "2024-06-03", "2024-06-04")).leadTimeForChanges.medianHours).toBe(2);
  });

  it("files a repository under the catalog Component that names it in github.com/project-slug", async () => {
    await component("storefront", "payments", { "github.com/project-slug": "Octo-Org/web-shop" });
    const webShop = variant(push, (p) => Object.assign(p.repository, { name: "web-shop", full_name: "octo-org/web-shop" }));
    expect(await ingestGithubEvent("push", webShop)).toMatchObject({ service: "storefront", stored: "changes" });
  });

  it("ignores a re-delivery's duplicates: the same push twice is still two changes", async () => {
    const again = await ingestGithubEvent("push", push);
    expect(again).toMatchObject({ result: { created: 0, updated: 2 } });
    const [{ n }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from dora_changes where service = 'checkout' and sha in (${C1}, ${C2})`);
    expect(n).toBe(2);
  });
});
