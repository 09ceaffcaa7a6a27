import { describe, expect, it } from "vitest";
import { ConfigError, isDemoMode, parseConfig } from "./config";

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
