import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { actorFor, seedDemoOrg } from "@/db/test/fixtures";
import { db } from "@/db/client";
import { auditLog, jobs, requests } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { decommissionRequest, retryRequest } from "@/lib/requests/decisions";
import { getRequest } from "@/lib/requests/queries";
import { submitRequestSchema } from "@/lib/requests/schemas";
import { submitRequest } from "@/lib/requests/submit";
import { revealCredentials, type DatabaseCredentials } from "../credentials";
import { claimJob } from "../jobs/queue";
import { databaseIdentifier } from "../naming";
import { runJob } from "../run";
import { dropProvisioned, pgAdminUrl, pgUrl, roleHasPassword, serverObjects, unreachableAdminUrl } from "../testing/postgres-server";

let developer: Actor;
let searchDev: Actor;
let admin: Actor;
const created: string[] = [];

beforeAll(async () => {
  await seedDemoOrg();
  [developer, searchDev, admin] = await Promise.all(["developer@example.com", "search-dev@example.com", "admin@example.com"].map(actorFor));
});

beforeEach(() => {
  vi.stubEnv("RUNWAY_PG_ADMIN_URL", pgAdminUrl);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await dropProvisioned(created);
});

async function submitDatabase(actor: Actor, team: string, name: string, parameters: Record<string, unknown> = {}) {
  const { request } = await submitRequest(actor, submitRequestSchema.parse({ kind: "database", team, environment: "dev", name, parameters }));
  created.push(databaseIdentifier(request));
  return request;
}

/** One worker turn: claim the next due job (it must be this request's) and run it. */
async function runNextJob(requestId: string) {
  const job = await claimJob(db, "test-worker");
  expect(job, "a due job").not.toBeNull();
  expect(job!.requestId).toBe(requestId);
  return runJob(job!, "test-worker", new AbortController().signal);
}

async function statusOf(id: string) {
  const [row] = await db.select({ status: requests.status }).from(requests).where(eq(requests.id, id));
  return row.status;
}

async function provisionedDatabase(actor: Actor, team: string, name: string, parameters: Record<string, unknown> = {}) {
  const request = await submitDatabase(actor, team, name, parameters);
  expect(await runNextJob(request.id)).toBe("succeeded");
  return request;
}

// Each test creates real roles and databases; a busy shared server can take seconds for that.
describe("postgres backend, end to end", { timeout: 30_000 }, () => {
  it("writes the provisioning job with the auto-approved submission", async () => {
    const request = await submitDatabase(developer, "payments", "ledger");

    expect(request.status).toBe("auto_approved");
    expect(await db.select({ action: jobs.action, status: jobs.status }).from(jobs).where(eq(jobs.requestId, request.id))).toEqual([{ action: "provision", status: "queued" }]);

    expect(await runNextJob(request.id)).toBe("succeeded");
  });

  it("provisions a database whose revealed credentials log in and can create a table", async () => {
    const request = await submitDatabase(developer, "payments", "orders", { extensions: ["citext"] });

    expect(await runNextJob(request.id)).toBe("succeeded");

    const detail = (await getRequest(developer, request.id))!;
    const identifier = databaseIdentifier(request);
    expect(detail.status).toBe("ready");
    expect(detail.outputs).toMatchObject({ engine: "postgres", host: expect.any(String), port: expect.any(Number), database: identifier, user: identifier });
    expect(detail.events.map((e) => e.message)).toEqual(
      expect.arrayContaining([
        "Provisioning started (attempt 1).",
        `Created role ${identifier} (connection limit 20)`,
        `Created database ${identifier}`,
        "Installed extensions citext",
        "Ready.",
      ]),
    );
    expect(await serverObjects(identifier)).toEqual({ roles: 1, databases: 1 });

    const creds = (await revealCredentials(developer, request.id)) as DatabaseCredentials;
    expect(creds).toMatchObject({ engine: "postgres", database: identifier, user: identifier, password: expect.stringMatching(/^[\w-]{43}$/) });
    // The password is only ever in the reveal, never in what the request page or API returns.
    expect(Object.keys(detail.outputs).join(" ")).not.toMatch(/password|secret/i);
    expect(JSON.stringify(detail)).not.toContain(creds.password);
    expect(await roleHasPassword(identifier, creds.password)).toBe(true);

    const asOwner = postgres(pgUrl(creds.user, creds.password, creds.database), { max: 1, onnotice: () => {} });
    try {
      await asOwner`create table orders (id serial primary key, email citext not null)`;
      await asOwner`insert into orders (email) values ('Someone@Example.com')`;
      expect(await asOwner`select count(*)::int as n from orders where email = 'someone@example.com'`).toEqual([{ n: 1 }]);
    } finally {
      await asOwner.end({ timeout: 5 });
    }
  });

  it("keeps one team's role out of another team's database", async () => {
    const ours = await provisionedDatabase(developer, "payments", "billing");
    const theirs = await provisionedDatabase(searchDev, "search", "index");
    const creds = (await revealCredentials(developer, ours.id)) as DatabaseCredentials;

    const intruder = postgres(pgUrl(creds.user, creds.password, databaseIdentifier(theirs)), { max: 1, onnotice: () => {} });
    try {
      await expect(intruder`select 1`).rejects.toThrow(/permission denied for database/);
    } finally {
      await intruder.end({ timeout: 5 });
    }
  });

  it("shows the password to the owning team only, and audits each reveal", async () => {
    const request = await provisionedDatabase(developer, "payments", "audited");

    await revealCredentials(developer, request.id);

    await expect(revealCredentials(searchDev, request.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(revealCredentials(admin, request.id)).rejects.toMatchObject({ code: "forbidden" });
    const reads = await db
      .select({ actor: auditLog.actorEmail })
      .from(auditLog)
      .where(and(eq(auditLog.action, "request.credentials.read"), eq(auditLog.targetId, request.id)));
    expect(reads).toEqual([{ actor: "developer@example.com" }]);
  });

  it("decommissions: closes open connections, then drops the role and the database", async () => {
    const request = await provisionedDatabase(developer, "payments", "shortlived");
    const identifier = databaseIdentifier(request);
    const creds = (await revealCredentials(developer, request.id)) as DatabaseCredentials;
    const openSession = postgres(pgUrl(creds.user, creds.password, creds.database), { max: 1, onnotice: () => {} });
    await openSession`select 1`;

    try {
      const after = await decommissionRequest(developer, request.id);
      expect(after.status).toBe("decommissioning");
      expect(await runNextJob(request.id)).toBe("succeeded");
    } finally {
      await openSession.end({ timeout: 1 }).catch(() => {});
    }

    const detail = (await getRequest(developer, request.id))!;
    expect(detail.status).toBe("decommissioned");
    expect(detail.events.at(-1)!.message).toBe("Decommissioned: everything it created is gone.");
    expect(await serverObjects(identifier)).toEqual({ roles: 0, databases: 0 });
  });

  describe("when the target server is down", () => {
    it("retries with backoff, fails after the last attempt with the error, and an admin's retry succeeds once it is back", async () => {
      vi.stubEnv("RUNWAY_PG_ADMIN_URL", await unreachableAdminUrl());
      vi.stubEnv("RUNWAY_JOB_MAX_ATTEMPTS", "2");
      const request = await submitDatabase(developer, "payments", "flaky");

      expect(await runNextJob(request.id)).toBe("retrying");

      const [job] = await db.select().from(jobs).where(eq(jobs.requestId, request.id));
      expect(job).toMatchObject({ status: "queued", attempts: 1, lockedBy: null, lastError: expect.stringContaining("ECONNREFUSED") });
      expect(job.runAt.getTime()).toBeGreaterThan(Date.now());
      let detail = (await getRequest(developer, request.id))!;
      expect(detail.status).toBe("provisioning");
      expect(detail.events.at(-1)!.message).toMatch(/^Attempt 1 failed: .*ECONNREFUSED.*\. Retrying in \d+ s\.$/);
      expect(await claimJob(db, "test-worker")).toBeNull();

      // Skip the wait rather than sleep through it.
      await db.update(jobs).set({ runAt: sql`now()` }).where(eq(jobs.id, job.id));
      expect(await runNextJob(request.id)).toBe("failed");

      detail = (await getRequest(developer, request.id))!;
      expect(detail.status).toBe("failed");
      expect(detail.events.at(-1)).toMatchObject({ from: "provisioning", to: "failed", message: expect.stringMatching(/^Failed after 2 attempt\(s\): .*ECONNREFUSED/) });
      expect(await db.select({ status: jobs.status }).from(jobs).where(eq(jobs.requestId, request.id))).toEqual([{ status: "failed" }]);

      await expect(retryRequest(developer, request.id)).rejects.toMatchObject({ code: "forbidden" });
      const retried = await retryRequest(admin, request.id);
      expect(retried.status).toBe("provisioning");
      expect(retried.events.at(-1)).toMatchObject({ actor: "admin@example.com", message: "Retry requested by Avery Admin." });
      expect((await db.select({ status: jobs.status }).from(jobs).where(eq(jobs.requestId, request.id)).orderBy(jobs.id)).map((j) => j.status)).toEqual(["failed", "queued"]);

      vi.stubEnv("RUNWAY_PG_ADMIN_URL", pgAdminUrl);
      expect(await runNextJob(request.id)).toBe("succeeded");

      expect(await statusOf(request.id)).toBe("ready");
      expect(await serverObjects(databaseIdentifier(request))).toEqual({ roles: 1, databases: 1 });
      const creds = (await revealCredentials(developer, request.id)) as DatabaseCredentials;
      expect(await roleHasPassword(creds.user, creds.password)).toBe(true);
    });
  });
});
