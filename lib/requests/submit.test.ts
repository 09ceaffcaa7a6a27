import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createUser } from "@/db/test/fixtures";
import { db } from "@/db/client";
import { auditLog, requests, teamQuotas } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { importCatalog } from "@/lib/catalog/import";
import { AppError } from "@/lib/errors";
import { cancelRequest, rejectRequest } from "./decisions";
import { submitRequestSchema } from "./schemas";
import { getRequest } from "./queries";
import { submitRequest } from "./submit";

function input(team: string, name: string, extra: Record<string, unknown> = {}) {
  return submitRequestSchema.parse({ kind: "database", team, environment: "dev", name, parameters: {}, ...extra });
}

async function rowsOf(teamId: string) {
  return db.select().from(requests).where(eq(requests.teamId, teamId));
}

describe("submitRequest", () => {
  it("stores the request with the policy's verdict, its timeline and an audit row", async () => {
    const dev = await createUser({ email: "first@example.com", name: "First Dev", teams: ["alpha"] });

    const { request, created } = await submitRequest(dev, input("alpha", "orders"));

    expect(created).toBe(true);
    expect(request).toMatchObject({
      kind: "database",
      team: "alpha",
      environment: "dev",
      name: "orders",
      status: "auto_approved",
      requestedBy: "first@example.com",
      policy: { rule: "within-golden-path" },
      parameters: { engine: "postgres", version: "17", size: "small", sizeGb: 5, backups: true },
    });
    expect(request.events.map((e) => [e.from, e.to, e.actor])).toEqual([
      [null, "submitted", "first@example.com"],
      ["submitted", "auto_approved", null],
    ]);
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.action, "request.submit"), eq(auditLog.targetId, request.id)));
    expect(audit).toEqual([expect.objectContaining({ actorEmail: "first@example.com", details: expect.objectContaining({ status: "auto_approved", rule: "within-golden-path" }) })]);
  });

  it("answers with exactly what the request page reads back, for auto-approved and pending requests", async () => {
    const dev = await createUser({ email: "answer@example.com", name: "Answer Dev", teams: ["answers"] });

    for (const environment of ["dev", "production"] as const) {
      const { request } = await submitRequest(dev, input("answers", `answer-${environment}`, { environment }));

      expect(request).toEqual(await getRequest(dev, request.id));
    }
  });

  it("refuses a team the requester is not a member of, and writes nothing", async () => {
    const dev = await createUser({ email: "outsider@example.com", teams: ["beta"] });
    const other = await createUser({ email: "insider@example.com", teams: ["gamma"] });

    const attempt = submitRequest(dev, input("gamma", "orders"));

    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "forbidden", message: expect.stringContaining("you can request for beta") });
    expect(await rowsOf(other.teams[0].id)).toHaveLength(0);
  });

  describe("idempotency", () => {
    it("answers a retry with the same key with the first request", async () => {
      const dev = await createUser({ email: "retry@example.com", teams: ["delta"] });

      const first = await submitRequest(dev, input("delta", "orders", { idempotencyKey: "key-0001-retry" }));
      const again = await submitRequest(dev, input("delta", "orders", { idempotencyKey: "key-0001-retry" }));

      expect(first.created).toBe(true);
      expect(again.created).toBe(false);
      expect(again.request.id).toBe(first.request.id);
      expect(again.request.status).toBe(first.request.status);
      expect(await rowsOf(dev.teams[0].id)).toHaveLength(1);
    });

    it("answers the first request even when the retry's body differs", async () => {
      const dev = await createUser({ email: "retry-diff@example.com", teams: ["epsilon"] });

      const first = await submitRequest(dev, input("epsilon", "orders", { idempotencyKey: "key-0002-diff" }));
      const again = await submitRequest(dev, input("epsilon", "ledger", { idempotencyKey: "key-0002-diff" }));

      expect(again).toMatchObject({ created: false, request: { id: first.request.id, name: "orders" } });
      expect(await rowsOf(dev.teams[0].id)).toHaveLength(1);
    });

    it("creates one request for ten concurrent submissions with the same key", async () => {
      const dev = await createUser({ email: "burst@example.com", teams: ["zeta"] });

      const results = await Promise.all(Array.from({ length: 10 }, () => submitRequest(dev, input("zeta", "orders", { idempotencyKey: "key-0003-burst" }))));

      expect(new Set(results.map((r) => r.request.id)).size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(await rowsOf(dev.teams[0].id)).toHaveLength(1);
    });

    it("keeps keys per requester: another person's same key is a new request", async () => {
      const a = await createUser({ email: "key-a@example.com", teams: ["eta"] });
      const b = await createUser({ email: "key-b@example.com", teams: ["eta"] });

      const first = await submitRequest(a, input("eta", "orders", { idempotencyKey: "key-0004-shared" }));
      const second = await submitRequest(b, input("eta", "ledger", { idempotencyKey: "key-0004-shared" }));

      expect(second.created).toBe(true);
      expect(second.request.id).not.toBe(first.request.id);
    });
  });

  describe("quota under concurrency", () => {
    it("gives the last database slot to exactly one of several concurrent submissions", async () => {
      const dev = await createUser({ email: "race@example.com", teams: ["theta"] });
      const teamId = dev.teams[0].id;
      await db.insert(teamQuotas).values({ teamId, maxDatabases: 3, maxNamespaces: 3, maxNamespaceCpuMillis: 16_000, maxNamespaceMemoryMib: 32_768, maxEnvironments: 2 });
      await submitRequest(dev, input("theta", "existing-1"));
      await submitRequest(dev, input("theta", "existing-2"));

      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => submitRequest(dev, input("theta", `racer-${i}`))));

      const statuses = results.map((r) => r.request.status);
      expect(statuses.filter((s) => s === "auto_approved")).toHaveLength(1);
      expect(statuses.filter((s) => s === "pending_approval")).toHaveLength(5);
      for (const r of results.filter((r) => r.request.status === "pending_approval")) {
        expect(r.request.policy).toMatchObject({ rule: "over-team-quota", reason: expect.stringMatching(/theta would have \d+ live databases against a quota of 3 \(\d+ over\)/) });
      }
    });
  });

  describe("names", () => {
    async function team(email: string, name: string): Promise<Actor> {
      return createUser({ email, teams: [name] });
    }

    it("refuses a second live request of the same kind and name, naming the field", async () => {
      const dev = await team("dup@example.com", "iota");
      await submitRequest(dev, input("iota", "orders"));

      const attempt = submitRequest(dev, input("iota", "orders", { environment: "staging" }));

      await expect(attempt).rejects.toBeInstanceOf(AppError);
      await expect(attempt).rejects.toMatchObject({ code: "conflict", fields: { name: "is already used by a live request of this team" } });
      expect(await rowsOf(dev.teams[0].id)).toHaveLength(1);
    });

    it("lets the same name be used for another kind and by another team", async () => {
      const dev = await team("shared-name@example.com", "kappa");
      const other = await team("shared-name-2@example.com", "lambda");
      await submitRequest(dev, input("kappa", "orders"));

      await expect(submitRequest(dev, input("kappa", "orders", { kind: "namespace" }))).resolves.toMatchObject({ created: true });
      await expect(submitRequest(other, input("lambda", "orders"))).resolves.toMatchObject({ created: true });
    });

    it("frees the name once the first request is cancelled or rejected", async () => {
      const dev = await team("free@example.com", "mu");
      const admin = await createUser({ email: "free-admin@example.com", role: "admin" });
      const first = await submitRequest(dev, input("mu", "orders"));
      await cancelRequest(dev, first.request.id);

      const second = await submitRequest(dev, input("mu", "orders", { environment: "production" }));
      await rejectRequest(admin, second.request.id, "use staging first");
      const third = await submitRequest(dev, input("mu", "orders"));

      expect(second.created).toBe(true);
      expect(third).toMatchObject({ created: true, request: { status: "auto_approved" } });
    });

    it("lets exactly one of several concurrent submissions of one name through", async () => {
      const dev = await team("name-race@example.com", "nu");

      const results = await Promise.allSettled(Array.from({ length: 5 }, () => submitRequest(dev, input("nu", "orders"))));

      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      for (const r of results.filter((r) => r.status === "rejected")) {
        expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "conflict", fields: { name: expect.any(String) } });
      }
    });
  });

  describe("the service of a database or namespace", () => {
    it("must be a Component in the catalog: an unknown name is refused on its field, and nothing is written", async () => {
      const admin = await createUser({ email: "service-admin@example.com", role: "admin" });
      await importCatalog(admin, {
        files: [{ name: "c.yaml", text: "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: ledger}\nspec: {type: service, lifecycle: production, owner: books}\n" }],
        dryRun: false,
      });
      const dev = await createUser({ email: "books@example.com", teams: ["books"] });

      for (const kind of ["database", "namespace"] as const) {
        const attempt = submitRequest(dev, input("books", "ledger", { kind, parameters: { service: "nowhere" } }));
        await expect(attempt).rejects.toMatchObject({
          status: 400,
          code: "validation_failed",
          message: expect.stringMatching(new RegExp(`^"nowhere" is not in the catalog: the service a ${kind} is for must be a Component in the catalog`)),
          fields: { "parameters.service": '"nowhere" is not in the catalog; choose a catalog Component' },
        });
      }
      expect(await rowsOf(dev.teams[0].id)).toEqual([]);

      const { request } = await submitRequest(dev, input("books", "ledger", { parameters: { service: "ledger" } }));
      expect(request).toMatchObject({ kind: "database", status: "auto_approved", parameters: { service: "ledger" } });
      const { request: none } = await submitRequest(dev, input("books", "scratch", { kind: "namespace" }));
      expect(none.parameters).not.toHaveProperty("service");
    });
  });

  describe("an environment's services", () => {
    const environment = (team: string, name: string, services: string[]) =>
      submitRequestSchema.parse({ kind: "environment", team, environment: "dev", name, parameters: { services, ttlHours: 4 } });

    it("must be Components in the catalog: an unknown name is refused on its field, and nothing is written", async () => {
      const admin = await createUser({ email: "catalog-admin@example.com", role: "admin" });
      await importCatalog(admin, {
        files: [{ name: "c.yaml", text: "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: Checkout}\nspec: {type: service, lifecycle: production, owner: previews}\n" }],
        dryRun: false,
      });
      const dev = await createUser({ email: "envs@example.com", teams: ["previews"] });

      const attempt = submitRequest(dev, environment("previews", "preview", ["checkout", "nowhere"]));

      await expect(attempt).rejects.toBeInstanceOf(AppError);
      await expect(attempt).rejects.toMatchObject({
        status: 400,
        code: "validation_failed",
        message: expect.stringMatching(/^"nowhere" is not in the catalog: each service of an environment must be a Component in the catalog/),
        fields: { "parameters.services.1": '"nowhere" is not in the catalog; each service must be a catalog Component' },
      });
      expect(await rowsOf(dev.teams[0].id)).toEqual([]);
      expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "request.submit"), eq(auditLog.actorEmail, "envs@example.com")))).toEqual([]);

      // The catalog's "Checkout" is "checkout": names compare case-insensitively, as the catalog's do.
      const { request, created } = await submitRequest(dev, environment("previews", "preview", ["checkout"]));
      expect(created).toBe(true);
      expect(request).toMatchObject({ kind: "environment", status: "auto_approved", parameters: { services: ["checkout"] } });
    });
  });
});
