import { afterEach, describe, expect, it } from "vitest";
import { actorFor, seedDemoOrg } from "@/db/test/fixtures";
import { AppError } from "@/lib/errors";
import { submitRequestSchema } from "@/lib/requests/schemas";
import { submitRequest } from "@/lib/requests/submit";
import { backendFor, missingBackends } from ".";

const saved = process.env.RUNWAY_MYSQL_ADMIN_URL;
afterEach(() => {
  if (saved === undefined) delete process.env.RUNWAY_MYSQL_ADMIN_URL;
  else process.env.RUNWAY_MYSQL_ADMIN_URL = saved;
});

describe("backend routing", () => {
  it("sends each kind to its backend", () => {
    expect(backendFor({ kind: "database", parameters: { engine: "postgres" } })?.id).toBe("postgres");
    expect(backendFor({ kind: "database", parameters: { engine: "mysql" } })?.id).toBe("mysql");
    expect(backendFor({ kind: "namespace", parameters: {} })?.id).toBe("gitops");
    expect(backendFor({ kind: "environment", parameters: {} })?.id).toBe("environment");
  });

  it("refuses a MySQL request at submission, saying no MySQL backend is configured, and writes nothing", async () => {
    delete process.env.RUNWAY_MYSQL_ADMIN_URL;
    expect(missingBackends({ kind: "environment", parameters: { databases: [{ name: "a", engine: "postgres" }, { name: "b", engine: "mysql" }] } })).toEqual({
      "parameters.databases.1.engine": expect.stringContaining("RUNWAY_MYSQL_ADMIN_URL"),
    });
    await seedDemoOrg();
    const actor = await actorFor("developer@example.com");
    const input = submitRequestSchema.parse({ kind: "database", team: "payments", environment: "dev", name: "maria", parameters: { engine: "mysql" } });
    const error = await submitRequest(actor, input).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("validation_failed");
    expect(error.fields["parameters.engine"]).toMatch(/no MariaDB \/ MySQL backend is configured here \(RUNWAY_MYSQL_ADMIN_URL\)/);
  });
});
