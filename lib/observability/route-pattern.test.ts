import { describe, expect, it } from "vitest";
import { routePattern } from "./route-pattern";

describe("routePattern", () => {
  it("names each dynamic segment by its param", () => {
    expect(routePattern("/api/v1/requests/4b1e/changes/9c2f/approve", { id: "4b1e", changeId: "9c2f" })).toBe("/api/v1/requests/[id]/changes/[changeId]/approve");
  });

  it("leaves a static route alone", () => {
    expect(routePattern("/api/v1/me", {})).toBe("/api/v1/me");
  });

  it("does not mistake a static segment for a value spelled the same", () => {
    expect(routePattern("/api/v1/catalog/entities/catalog/default/catalog", { kind: "catalog", namespace: "default", name: "catalog" })).toBe(
      "/api/v1/catalog/entities/[kind]/[namespace]/[name]",
    );
  });

  it("matches encoded values", () => {
    expect(routePattern("/api/v1/catalog/entities/component/default/my%20svc", { kind: "component", namespace: "default", name: "my svc" })).toBe(
      "/api/v1/catalog/entities/[kind]/[namespace]/[name]",
    );
  });
});
