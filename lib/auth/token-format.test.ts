import { describe, expect, it } from "vitest";
import { displayPrefix, generateToken, hashToken, looksLikeToken } from "./token-format";

describe("API token format", () => {
  it("generates distinct rwy_-prefixed tokens that pass the format check", () => {
    const a = generateToken();
    const b = generateToken();
    expect(a).toMatch(/^rwy_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(looksLikeToken(a)).toBe(true);
  });

  it("hashes a token to a stable SHA-256 hex digest that does not contain it", () => {
    const token = generateToken();
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toBe(hashToken(generateToken()));
    expect(hashToken(token)).not.toContain(token.slice(4));
  });

  it("rejects values that cannot be tokens", () => {
    expect(looksLikeToken("")).toBe(false);
    expect(looksLikeToken("rwy_short")).toBe(false);
    expect(looksLikeToken("ghp_" + "a".repeat(43))).toBe(false);
    expect(looksLikeToken("rwy_" + "a".repeat(200))).toBe(false);
  });

  it("shows only the first characters as the display prefix", () => {
    const token = generateToken();
    expect(displayPrefix(token)).toBe(token.slice(0, 10));
  });
});
