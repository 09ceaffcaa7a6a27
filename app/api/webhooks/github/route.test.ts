import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { createUser } from "@/db/test/fixtures";
import { listLocations, registerLocation } from "@/lib/catalog/locations/manage";
import { listEntities } from "@/lib/catalog/queries";
import { exampleRepository } from "@/lib/catalog/testing/fixtures";
import { signBody, verifySignature } from "@/lib/crypto/hmac";
import push from "@/lib/metrics/github/fixtures/push.json";
import { POST } from "./route";

// Next runs `after()` tasks once the response is sent, inside a request it serves; here they wait until the test runs them.
const afterResponse = vi.hoisted(() => [] as (() => unknown)[]);
vi.mock("next/server", async (original) => ({ ...(await original<typeof import("next/server")>()), after: (task: () => unknown) => void afterResponse.push(task) }));

async function runAfterResponse() {
  for (const task of afterResponse.splice(0)) await task();
}

const SECRET = "webhook-test-secret";

beforeAll(() => {
  process.env.RUNWAY_GITHUB_WEBHOOK_SECRET = SECRET;
});

afterAll(() => {
  delete process.env.RUNWAY_GITHUB_WEBHOOK_SECRET;
});

async function deliver(event: string | null, body: string, signature: string | null = signBody(SECRET, body)) {
  const headers: Record<string, string> = { "content-type": "application/json", "x-github-delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958" };
  if (event) headers["x-github-event"] = event;
  if (signature) headers["x-hub-signature-256"] = signature;
  const res = await POST(new Request("http://localhost/api/webhooks/github", { method: "POST", headers, body }));
  return { status: res.status, body: await res.json() };
}

const changes = async () => (await db.execute<{ n: number }>(sql`select count(*)::int as n from dora_changes`))[0].n;

describe("POST /api/webhooks/github", () => {
  it("checks signatures as GitHub documents them", () => {
    // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation
    const documented = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
    expect(signBody("It's a Secret to Everybody", "Hello, World!")).toBe(documented);
    expect(verifySignature("It's a Secret to Everybody", "Hello, World!", documented)).toBe(true);
    expect(verifySignature("It's a Secret to Everybody", "Hello, World?", documented)).toBe(false);
  });

  it("refuses a delivery with a wrong, missing or foreign signature, and stores nothing", async () => {
    const body = JSON.stringify(push);
    for (const signature of [signBody("another secret", body), null, "sha256=00", signBody(SECRET, body).replace("sha256=", "sha1=")]) {
      expect(await deliver("push", body, signature)).toEqual({ status: 401, body: { error: { code: "unauthorized", message: expect.stringContaining("X-Hub-Signature-256") } } });
    }
    expect(await changes()).toBe(0);
  });

  it("refuses everything while no secret is configured", async () => {
    delete process.env.RUNWAY_GITHUB_WEBHOOK_SECRET;
    try {
      expect((await deliver("push", JSON.stringify(push), signBody("", JSON.stringify(push)))).status).toBe(401);
    } finally {
      process.env.RUNWAY_GITHUB_WEBHOOK_SECRET = SECRET;
    }
  });

  it("stores a signed push and answers what it stored", async () => {
    expect(await deliver("push", JSON.stringify(push))).toEqual({
      status: 200,
      body: { service: "checkout", stored: "changes", result: { received: 2, created: 2, updated: 0 }, catalogLocations: 0 },
    });
    expect(await changes()).toBe(2);
  });

  it("answers 202 for events it does not read, and 400 for malformed ones", async () => {
    expect(await deliver("ping", JSON.stringify({ zen: "Design for failure.", hook_id: 1 }))).toEqual({ status: 202, body: { ignored: "the ping event, which Runway does not read" } });
    expect(await deliver("push", "Hello, World!")).toMatchObject({ status: 400, body: { error: { code: "validation_failed", message: expect.stringContaining("JSON") } } });
    expect(await deliver("deployment_status", JSON.stringify({ deployment_status: { state: "success" } }))).toMatchObject({ status: 400, body: { error: { code: "validation_failed" } } });
    expect(await deliver(null, JSON.stringify(push))).toMatchObject({ status: 400, body: { error: { message: "Missing X-GitHub-Event header." } } });
  });
});

describe("a push to a repository registered as a catalog location", () => {
  let repo: ReturnType<typeof exampleRepository>;
  let target: string;

  beforeAll(async () => {
    repo = exampleRepository();
    target = `git+file://${repo.dir}#components/petstore-component.yaml`;
    const admin = await createUser({ email: "catalog-admin@example.com", role: "admin" });
    await registerLocation(admin, { target });
  });

  afterAll(() => repo.remove());

  /** The recorded push, as if the repository lived where the test keeps it (same clone URL spelling: ".git" suffix, any case). */
  const pushTo = (clone: string, ref = "refs/heads/main") => JSON.stringify({ ...push, ref, repository: { ...push.repository, clone_url: clone } });

  it("re-reads the location after answering, and its new entity is then searchable", async () => {
    const developer = await createUser({ email: "catalog-reader@example.com" });
    const file = path.join(repo.dir, "components/petstore-component.yaml");
    fs.appendFileSync(file, "---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: pushed-service\nspec:\n  type: service\n  lifecycle: production\n  owner: team-c\n");
    repo.commit("Add pushed-service");
    const readBefore = (await listLocations(developer)).items[0].lastReadAt!;

    const answer = await deliver("push", pushTo(`file://${repo.dir.toUpperCase()}.git`));
    expect(answer).toMatchObject({ status: 200, body: { stored: "changes", catalogLocations: 1 } });
    // The answer did not wait for the read.
    expect((await listEntities(developer, { q: "pushed-service" })).items).toEqual([]);

    await runAfterResponse();
    expect((await listEntities(developer, { q: "pushed-service" })).items.map((e) => e.name)).toEqual(["pushed-service"]);
    const [location] = (await listLocations(developer)).items;
    expect(location).toMatchObject({ target, entityCount: 2 });
    expect(location.lastReadAt!.getTime()).toBeGreaterThan(readBefore.getTime());
  });

  it("leaves it alone for a push to another branch, a tag, or another repository", async () => {
    expect((await deliver("push", pushTo(`file://${repo.dir}`, "refs/heads/feature"))).body).toMatchObject({ catalogLocations: 0 });
    expect((await deliver("push", pushTo(`file://${repo.dir}`, "refs/tags/v1.0.0"))).body).toMatchObject({ catalogLocations: 0 });
    expect((await deliver("push", pushTo(`file://${repo.dir}-fork`))).body).toMatchObject({ catalogLocations: 0 });
    expect((await deliver("push", JSON.stringify(push))).body).toMatchObject({ catalogLocations: 0 });
    expect(afterResponse).toEqual([]);
  });
});
