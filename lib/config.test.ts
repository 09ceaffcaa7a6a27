import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError, configVariables, isDemoMode, parseConfig } from "./config";

const secret = "s".repeat(32);
const issuer = "https://sso.example.com/realms/acme";

function configError(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected a ConfigError");
}

describe("parseConfig", () => {
  it("starts in demo mode with no settings at all", () => {
    expect(isDemoMode(parseConfig({}))).toBe(true);
  });

  it("names AUTH_OIDC_CLIENT_ID when an issuer is set without it", () => {
    const error = configError({ AUTH_OIDC_ISSUER: issuer, AUTH_OIDC_CLIENT_SECRET: "x", AUTH_SECRET: secret });
    expect(error.message).toContain("AUTH_OIDC_CLIENT_ID");
  });

  it("names AUTH_OIDC_ISSUER when a client id is set without an issuer", () => {
    const error = configError({ AUTH_OIDC_CLIENT_ID: "runway" });
    expect(error.message).toContain("AUTH_OIDC_ISSUER");
  });

  it("names AUTH_SECRET when DATABASE_URL is set without it", () => {
    const error = configError({ DATABASE_URL: "postgres://runway@db.internal:5432/runway" });
    expect(error.message).toContain("AUTH_SECRET");
  });

  it("names the variable whose value is malformed", () => {
    expect(configError({ DATABASE_URL: "mysql://db/runway", AUTH_SECRET: secret }).message).toContain("DATABASE_URL");
    expect(configError({ AUTH_SECRET: "short" }).message).toContain("AUTH_SECRET");
  });

  it("turns demo mode off when an issuer is configured", () => {
    const cfg = parseConfig({ AUTH_OIDC_ISSUER: issuer, AUTH_OIDC_CLIENT_ID: "runway", AUTH_OIDC_CLIENT_SECRET: "x", AUTH_SECRET: secret });
    expect(isDemoMode(cfg)).toBe(false);
  });

  it("reads comma-separated group lists", () => {
    const cfg = parseConfig({ RUNWAY_ADMIN_GROUPS: "platform-admins, /sre ,", RUNWAY_MANAGER_GROUPS: "" });
    expect(cfg.RUNWAY_ADMIN_GROUPS).toEqual(["platform-admins", "/sre"]);
    expect(cfg.RUNWAY_MANAGER_GROUPS).toEqual([]);
  });
});

describe("configuration reference", () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

  function documented(): string[] {
    const doc = fs.readFileSync(path.join(root, "docs/configuration.md"), "utf8");
    const tables = doc.split("## Variables of the test and benchmark scripts")[0];
    return [...tables.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1]).sort();
  }

  function sourceFiles(dir: string): string[] {
    return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === "test" || e.name === "testing" || e.name === "fixtures" ? [] : sourceFiles(rel);
      return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [rel] : [];
    });
  }

  it("documents exactly the variables lib/config.ts validates", () => {
    expect(documented()).toEqual(configVariables);
  });

  it("validates every variable the portal's code reads", () => {
    // Set by Next.js or git, never by an operator.
    const notOurs = new Set(["NEXT_RUNTIME", "NEXT_PHASE", "GIT_SSH_COMMAND"]);
    const read = new Set<string>();
    for (const file of [...sourceFiles("app"), ...sourceFiles("lib"), ...sourceFiles("db"), "proxy.ts", "instrumentation.ts", "scripts/start.ts", "scripts/worker.ts", "scripts/cli.ts"]) {
      const text = fs.readFileSync(path.join(root, file), "utf8");
      for (const m of text.matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)) read.add(m[1]);
      for (const m of text.matchAll(/\benv\[["']([A-Z][A-Z0-9_]+)["']\]/g)) read.add(m[1]);
    }
    const unvalidated = [...read].filter((v) => !notOurs.has(v) && !configVariables.includes(v)).sort();
    expect(unvalidated).toEqual([]);
  });

  it("requires the shared secrets once DATABASE_URL is set, naming the first missing one", () => {
    const base = { DATABASE_URL: "postgres://db.internal/runway", AUTH_SECRET: secret };
    expect(configError(base).message).toBe("Invalid configuration: RUNWAY_SECRET_KEY is required when DATABASE_URL is set");
    const key = Buffer.alloc(32, 7).toString("base64");
    expect(configError({ ...base, RUNWAY_SECRET_KEY: key }).message).toContain("NEXT_SERVER_ACTIONS_ENCRYPTION_KEY");
    expect(configError({ ...base, RUNWAY_SECRET_KEY: "short", NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: key }).message).toContain("RUNWAY_SECRET_KEY must be 32 bytes");
    expect(parseConfig({ ...base, RUNWAY_SECRET_KEY: key, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: key }).DATABASE_URL).toBe(base.DATABASE_URL);
  });

  it("names a malformed provisioning setting", () => {
    expect(configError({ RUNWAY_MYSQL_ADMIN_URL: "root@localhost" }).message).toContain("RUNWAY_MYSQL_ADMIN_URL must be a mysql:// or mariadb:// URL");
    expect(configError({ RUNWAY_WEBHOOK_PROVISIONER_URL: "https://tofu.internal/jobs" }).message).toContain("RUNWAY_WEBHOOK_SECRET is required");
    expect(configError({ RUNWAY_GITOPS_BRANCH: "bad..branch" }).message).toContain("RUNWAY_GITOPS_BRANCH");
  });
});
