import crypto from "node:crypto";
import { PermanentBackendError } from "./backends/types";

const VERSION = "v1";

/** RUNWAY_SECRET_KEY: 32 bytes, base64 or hex. */
export function secretKey(raw = process.env.RUNWAY_SECRET_KEY): Buffer {
  if (!raw) throw new PermanentBackendError("RUNWAY_SECRET_KEY is not set, so credentials cannot be stored encrypted; set it to 32 random bytes (openssl rand -base64 32).");
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64");
  if (key.length !== 32) throw new PermanentBackendError("RUNWAY_SECRET_KEY must be 32 bytes, base64- or hex-encoded.");
  return key;
}

/** AES-256-GCM with a random 96-bit nonce; the request id and key name are bound as associated data. */
export function encryptSecret(plaintext: string, aad: string, key = secretKey()): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

export function decryptSecret(ciphertext: string, aad: string, key = secretKey()): string {
  const [version, iv, tag, data] = ciphertext.split(".");
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error("Unknown secret format");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}
