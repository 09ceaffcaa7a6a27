import { describe, expect, it } from "vitest";
import { metricsAllowed } from "./auth";

describe("metricsAllowed", () => {
  it("lets anyone scrape when no token is configured", () => {
    expect(metricsAllowed(null, undefined)).toBe(true);
    expect(metricsAllowed(null, "")).toBe(true);
  });

  it("wants exactly the configured bearer token once one is set", () => {
    expect(metricsAllowed("Bearer s3cret-token", "s3cret-token")).toBe(true);
    expect(metricsAllowed("bearer s3cret-token", "s3cret-token")).toBe(true);
    expect(metricsAllowed(null, "s3cret-token")).toBe(false);
    expect(metricsAllowed("Bearer s3cret-tokenX", "s3cret-token")).toBe(false);
    expect(metricsAllowed("Basic s3cret-token", "s3cret-token")).toBe(false);
    expect(metricsAllowed("Bearer ", "s3cret-token")).toBe(false);
  });
});
