import crypto from "node:crypto";

const PREFIX = "rwy_";

/** 32 random bytes; the `rwy_` prefix lets secret scanners recognise a leaked token. */
export function generateToken(): string {
  return PREFIX + crypto.randomBytes(32).toString("base64url");
}

/**
 * Tokens carry 256 bits of entropy, so one unsalted SHA-256 is enough to make
 * the stored hash useless to a thief while keeping look-up a single index hit.
 */
export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

export function looksLikeToken(value: string): boolean {
  return value.startsWith(PREFIX) && value.length >= PREFIX.length + 43 && value.length <= 100;
}

export function displayPrefix(token: string): string {
  return token.slice(0, PREFIX.length + 6);
}
