import crypto from "node:crypto";

/** `sha256=<hex>` of the raw body: the scheme GitHub uses, so one verifier serves both directions. */
export function signBody(secret: string, body: string | Buffer): string {
  return "sha256=" + crypto.createHmac("sha256", secret).update(body).digest("hex");
}

/** Constant-time comparison, so the signature cannot be guessed byte by byte from response times. */
export function verifySignature(secret: string, body: string | Buffer, header: string | null): boolean {
  if (!header || !secret) return false;
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(header.trim());
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}
