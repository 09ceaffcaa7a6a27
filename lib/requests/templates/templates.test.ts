import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { fieldErrors, formDataToObject } from "@/lib/validation";
import { submitRequestSchema } from "../schemas";
import { databaseParameters } from "./database";
import { environmentParameters } from "./environment";
import { namespaceParameters } from "./namespace";

/** The field errors a person would see; none when the input is accepted. */
function errorsOf(schema: z.ZodType, input: unknown): Record<string, string> {
  const parsed = schema.safeParse(input);
  return parsed.success ? {} : fieldErrors(parsed.error);
}

function submit(input: Record<string, unknown>) {
  return submitRequestSchema.safeParse({ team: "payments", environment: "dev", ...input });
}

function form(entries: [string, string][]): FormData {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
}

describe("request names", () => {
  it.each(["abc", "orders", "orders-db-2", "a".repeat(40)])("accepts the DNS label %s", (name) => {
    const parsed = submit({ kind: "database", name });
    expect(parsed.success).toBe(true);
  });

  it.each([
    ["too short", "ab"],
    ["too long", "a".repeat(41)],
    ["starting with a digit", "1orders"],
    ["ending with a dash", "orders-"],
    ["upper case", "Orders"],
    ["an underscore", "orders_db"],
    ["a dot", "orders.db"],
    ["empty", ""],
  ])("refuses a name %s", (_why, name) => {
    const parsed = submit({ kind: "database", name });
    expect(parsed.success).toBe(false);
    expect(fieldErrors(parsed.error!)).toEqual({ name: expect.stringContaining("3–40 lower-case letters") });
  });

  it("trims the spaces a form field may carry", () => {
    expect(submit({ kind: "namespace", name: "  checkout  " }).data?.name).toBe("checkout");
  });

  it("names the field of an unknown kind and environment", () => {
    const parsed = submitRequestSchema.safeParse({ kind: "vm", team: "payments", environment: "dev", name: "box" });
    expect(fieldErrors(parsed.error!)).toEqual({ kind: "kind must be database, namespace or environment" });
    expect(errorsOf(submitRequestSchema, { kind: "database", team: "payments", environment: "qa", name: "orders" })).toEqual({
      environment: "Choose dev, staging or production",
    });
  });
});

describe("database template", () => {
  it("fills in the golden path's defaults: newest postgres, small, 5 GB, backups on", () => {
    expect(databaseParameters.parse({})).toEqual({ engine: "postgres", version: "17", size: "small", sizeGb: 5, backups: true, extensions: [] });
    expect(databaseParameters.parse({ engine: "mysql" }).version).toBe("11");
  });

  it.each([
    ["postgres", "15"],
    ["postgres", "16"],
    ["postgres", "17"],
    ["mysql", "10.11"],
    ["mysql", "11"],
  ])("accepts %s %s", (engine, version) => {
    expect(errorsOf(databaseParameters, { engine, version })).toEqual({});
  });

  it.each([
    ["postgres", "14", "postgres versions: 15, 16, 17"],
    ["postgres", "11", "postgres versions: 15, 16, 17"],
    ["mysql", "16", "mysql versions: 10.11, 11"],
  ])("refuses %s %s and lists the versions there are", (engine, version, message) => {
    expect(errorsOf(databaseParameters, { engine, version })).toEqual({ version: message });
  });

  it("refuses an engine it does not offer", () => {
    expect(errorsOf(databaseParameters, { engine: "oracle" })).toEqual({ engine: "Choose postgres or mysql" });
  });

  it.each([
    [0, "must be at least 1"],
    [101, "must be at most 100"],
    [2.5, "Use a whole number of GB"],
    ["lots", "Enter the storage in GB"],
  ])("refuses %s GB", (sizeGb, message) => {
    expect(errorsOf(databaseParameters, { size: "large", sizeGb })).toEqual({ sizeGb: message });
  });

  it.each([
    ["small", 10, 11],
    ["medium", 50, 51],
    ["large", 100, 101],
  ] as const)("lets a %s database hold %i GB and no more", (size, fits, tooMuch) => {
    expect(errorsOf(databaseParameters, { size, sizeGb: fits })).toEqual({});
    expect(errorsOf(databaseParameters, { size, sizeGb: tooMuch })).toHaveProperty("sizeGb");
  });

  it("says which size to choose when the storage does not fit", () => {
    expect(errorsOf(databaseParameters, { size: "small", sizeGb: 20 })).toEqual({ sizeGb: "a small database holds at most 10 GB; choose a larger size" });
  });

  it("accepts postgres extensions from the allow-list only", () => {
    expect(databaseParameters.parse({ extensions: ["pg_trgm", "uuid-ossp", "citext"] }).extensions).toEqual(["pg_trgm", "uuid-ossp", "citext"]);
    expect(errorsOf(databaseParameters, { extensions: ["pg_trgm", "timescaledb"] })).toEqual({
      "extensions.1": expect.stringMatching(/^Allowed extensions: pg_trgm, .*unaccent$/),
    });
  });

  it("refuses extensions for mysql", () => {
    expect(errorsOf(databaseParameters, { engine: "mysql", extensions: ["citext"] })).toEqual({ extensions: "extensions are for postgres only" });
  });

  it("lets a non-production database go without backups, but forces them on in production", () => {
    const dev = submit({ kind: "database", name: "scratch", parameters: { backups: false } });
    const prod = submit({ kind: "database", name: "orders", environment: "production", parameters: { backups: false } });
    expect(dev.data?.parameters).toMatchObject({ backups: false });
    expect(prod.data?.parameters).toMatchObject({ backups: true });
  });

  it("reports a bad parameter under its full path", () => {
    const parsed = submit({ kind: "database", name: "orders", parameters: { size: "large", sizeGb: 500 } });
    expect(fieldErrors(parsed.error!)).toEqual({ "parameters.sizeGb": "must be at most 100" });
  });
});

describe("the service a database or namespace is for", () => {
  it.each([
    ["database", databaseParameters],
    ["namespace", namespaceParameters],
  ] as const)("a %s may name a catalog component, or none", (_kind, schema) => {
    expect(schema.parse({ service: " checkout-api " })).toMatchObject({ service: "checkout-api" });
    expect(schema.parse({})).not.toHaveProperty("service");
    expect(schema.parse({ service: "" }).service).toBeUndefined();
    expect(errorsOf(schema, { service: "Checkout_API" })).toEqual({ service: "must be a catalog component name such as checkout-api" });
  });

  it("is reported under its full path, and read from a form field", () => {
    const parsed = submit({ kind: "namespace", name: "batch", parameters: { service: "x" } });
    expect(fieldErrors(parsed.error!)).toEqual({ "parameters.service": "must be a catalog component name such as checkout-api" });
    const fromForm = formDataToObject(form([["kind", "database"], ["team", "payments"], ["environment", "dev"], ["name", "orders"], ["parameters.service", "checkout"]]));
    expect(submitRequestSchema.parse(fromForm).parameters).toMatchObject({ service: "checkout" });
  });

  it("is not a field of an environment's parts: the environment names its services", () => {
    const parsed = submit({ kind: "environment", name: "preview", parameters: { namespace: { service: "checkout" }, databases: [{ name: "main", service: "checkout" }] } });
    expect(parsed.data?.parameters).toMatchObject({ namespace: expect.not.objectContaining({ service: expect.anything() }), databases: [expect.not.objectContaining({ service: expect.anything() })] });
  });
});

describe("namespace template", () => {
  it("fills in the defaults and always denies traffic by default", () => {
    expect(namespaceParameters.parse({ defaultDeny: false })).toEqual({
      cpuRequest: 0.5,
      cpuLimit: 2,
      memoryRequestGi: 1,
      memoryLimitGi: 4,
      maxPods: 20,
      ingressFrom: [],
      defaultDeny: true,
    });
  });

  it("keeps requests within limits", () => {
    expect(errorsOf(namespaceParameters, { cpuRequest: 3, cpuLimit: 2, memoryRequestGi: 8, memoryLimitGi: 4 })).toEqual({
      cpuRequest: "must not exceed the CPU limit",
      memoryRequestGi: "must not exceed the memory limit",
    });
    expect(errorsOf(namespaceParameters, { cpuRequest: 2, cpuLimit: 2, memoryRequestGi: 4, memoryLimitGi: 4 })).toEqual({});
  });

  it.each([0.1, 0.3, 1.7, 32])("accepts %s cores", (cpuLimit) => {
    expect(errorsOf(namespaceParameters, { cpuRequest: 0.1, cpuLimit })).toEqual({});
  });

  it.each([
    [0.15, "use steps of 0.1 cores"],
    [1.25, "use steps of 0.1 cores"],
    [0.05, "must be at least 0.1 cores"],
    [33, "must be at most 32 cores"],
  ])("refuses a CPU limit of %s cores", (cpuLimit, message) => {
    expect(errorsOf(namespaceParameters, { cpuRequest: 0.1, cpuLimit })).toMatchObject({ cpuLimit: message });
  });

  it.each([
    [1, null],
    [200, null],
    [0, "must be at least 1"],
    [201, "must be at most 200"],
    [2.5, "use a whole number"],
  ])("with %s pods answers %s", (maxPods, message) => {
    expect(errorsOf(namespaceParameters, { maxPods })).toEqual(message ? { maxPods: message } : {});
  });

  it("allows ingress from DNS-label namespaces only", () => {
    expect(namespaceParameters.parse({ ingressFrom: ["payments-api", "search"] }).ingressFrom).toEqual(["payments-api", "search"]);
    expect(errorsOf(namespaceParameters, { ingressFrom: ["payments-api", "Bad_Name"] })).toEqual({
      "ingressFrom.1": "each namespace must be a DNS label such as payments-api",
    });
  });
});

describe("environment template", () => {
  const env = (environment: string, parameters: Record<string, unknown> = {}) => submit({ kind: "environment", name: "preview-42", environment, parameters });

  it("lives 24 hours by default outside production, and forever in production", () => {
    expect(env("dev").data?.parameters).toMatchObject({ ttlHours: 24 });
    expect(env("staging", { ttlHours: 72 }).data?.parameters).toMatchObject({ ttlHours: 72 });
    const prod = env("production", { ttlHours: 12 });
    expect(prod.success).toBe(true);
    expect((prod.data!.parameters as { ttlHours?: number }).ttlHours).toBeUndefined();
  });

  it.each([
    [1, null],
    [168, null],
    [0, "must be at least 1 hour"],
    [169, "must be at most 168 hours (7 days)"],
    [1.5, "use whole hours"],
  ])("with a time to live of %s hours answers %s", (ttlHours, message) => {
    expect(errorsOf(environmentParameters, { ttlHours })).toEqual(message ? { ttlHours: message } : {});
  });

  it("backs up every database of a production environment", () => {
    const prod = env("production", { databases: [{ name: "orders", backups: false }, { name: "ledger", backups: false }] });
    expect(prod.data!.parameters).toMatchObject({ databases: [{ backups: true }, { backups: true }] });
  });

  it("refuses two databases with the same name, pointing at the second", () => {
    expect(errorsOf(environmentParameters, { databases: [{ name: "orders" }, { name: "ledger" }, { name: "orders" }] })).toEqual({
      "databases.2.name": "each database of an environment needs its own name",
    });
  });

  it("takes at most five databases", () => {
    const names = ["one", "two", "three", "four", "five", "six"];
    expect(errorsOf(environmentParameters, { databases: names.slice(0, 5).map((name) => ({ name })) })).toEqual({});
    expect(errorsOf(environmentParameters, { databases: names.map((name) => ({ name })) })).toEqual({ databases: "at most 5 databases" });
  });

  it("judges each database and its namespace by their own templates", () => {
    expect(errorsOf(environmentParameters, { namespace: { cpuRequest: 0.1, cpuLimit: 0.25 }, databases: [{ name: "orders", engine: "mysql", extensions: ["citext"] }] })).toEqual({
      "namespace.cpuLimit": "use steps of 0.1 cores",
      "databases.0.extensions": "extensions are for postgres only",
    });
  });
});

describe("form input", () => {
  it("parses a database form (strings, a checked box, a checkbox group) like the same request in JSON", () => {
    const fromForm = formDataToObject(
      form([
        ["kind", "database"],
        ["team", "payments"],
        ["environment", "staging"],
        ["name", "orders"],
        ["parameters.engine", "postgres"],
        ["parameters.version", "16"],
        ["parameters.size", "medium"],
        ["parameters.sizeGb", "20"],
        ["parameters.backups", "on"],
        ["parameters.extensions", "pg_trgm"],
        ["parameters.extensions", "citext"],
      ]),
    );
    const fromJson = {
      kind: "database",
      team: "payments",
      environment: "staging",
      name: "orders",
      parameters: { engine: "postgres", version: "16", size: "medium", sizeGb: 20, backups: true, extensions: ["pg_trgm", "citext"] },
    };

    expect(submitRequestSchema.parse(fromForm)).toEqual(submitRequestSchema.parse(fromJson));
  });

  it("reads a comma-separated text field as a list", () => {
    expect(databaseParameters.parse({ extensions: "pg_trgm, citext" }).extensions).toEqual(["pg_trgm", "citext"]);
    expect(namespaceParameters.parse({ ingressFrom: "payments-api, search ," }).ingressFrom).toEqual(["payments-api", "search"]);
  });

  it("parses a namespace form like JSON", () => {
    const fromForm = formDataToObject(
      form([
        ["parameters.cpuRequest", "0.3"],
        ["parameters.cpuLimit", "1.5"],
        ["parameters.memoryRequestGi", "0.5"],
        ["parameters.memoryLimitGi", "2"],
        ["parameters.maxPods", "30"],
        ["parameters.ingressFrom", "payments-api,search"],
      ]),
    );
    expect(namespaceParameters.parse(fromForm.parameters)).toEqual(
      namespaceParameters.parse({ cpuRequest: 0.3, cpuLimit: 1.5, memoryRequestGi: 0.5, memoryLimitGi: 2, maxPods: 30, ingressFrom: ["payments-api", "search"] }),
    );
  });

  it("parses an environment form with numbered database fields like JSON", () => {
    const fromForm = formDataToObject(
      form([
        ["kind", "environment"],
        ["team", "payments"],
        ["environment", "dev"],
        ["name", "preview-42"],
        ["parameters.ttlHours", "48"],
        ["parameters.namespace.cpuLimit", "1"],
        ["parameters.databases.0.name", "orders"],
        ["parameters.databases.0.sizeGb", "3"],
        ["parameters.databases.1.name", "ledger"],
        ["parameters.databases.1.engine", "mysql"],
        ["parameters.services", "checkout-api, search-api"],
      ]),
    );
    const fromJson = {
      kind: "environment",
      team: "payments",
      environment: "dev",
      name: "preview-42",
      parameters: {
        ttlHours: 48,
        namespace: { cpuLimit: 1 },
        databases: [{ name: "orders", sizeGb: 3 }, { name: "ledger", engine: "mysql" }],
        services: ["checkout-api", "search-api"],
      },
    };

    expect(submitRequestSchema.parse(fromForm)).toEqual(submitRequestSchema.parse(fromJson));
  });

  it("reports a form's bad field under the name the form gave it", () => {
    const fromForm = formDataToObject(form([["kind", "database"], ["team", "payments"], ["environment", "dev"], ["name", "orders"], ["parameters.sizeGb", "0"]]));
    expect(errorsOf(submitRequestSchema, fromForm)).toEqual({ "parameters.sizeGb": "must be at least 1" });
  });
});
