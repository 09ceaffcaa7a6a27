import { afterEach, describe, expect, it, vi } from "vitest";
import { PermanentBackendError } from "./backends/types";
import { decryptSecret, encryptSecret } from "./secrets";

const requestA = "0b5c8a52-7f8e-4c1e-9a55-5f0d1c2b3a4e";
const requestB = "6d1e9f70-2a3b-4c5d-8e9f-0a1b2c3d4e5f";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("stored secrets", () => {
  it("decrypts what it encrypted, and the stored form does not contain the secret", () => {
    const stored = encryptSecret("correct horse battery staple", `${requestA}:password`);

    expect(stored).not.toContain("correct horse");
    expect(decryptSecret(stored, `${requestA}:password`)).toBe("correct horse battery staple");
  });

  it("encrypts the same secret differently each time (random nonce)", () => {
    expect(encryptSecret("same", `${requestA}:password`)).not.toBe(encryptSecret("same", `${requestA}:password`));
  });

  it("refuses a ciphertext that was tampered with", () => {
    const stored = encryptSecret("s3cret-value", `${requestA}:password`);
    const parts = stored.split(".");
    const data = Buffer.from(parts[3], "base64url");
    data[0] ^= 0x01;
    const tampered = [...parts.slice(0, 3), data.toString("base64url")].join(".");

    expect(() => decryptSecret(tampered, `${requestA}:password`)).toThrow();
  });

  it("refuses a secret copied to another request or another key", () => {
    const stored = encryptSecret("s3cret-value", `${requestA}:password`);

    expect(() => decryptSecret(stored, `${requestB}:password`)).toThrow();
    expect(() => decryptSecret(stored, `${requestA}:db:orders:password`)).toThrow();
  });

  it("cannot decrypt under another key", () => {
    const stored = encryptSecret("s3cret-value", `${requestA}:password`);
    vi.stubEnv("RUNWAY_SECRET_KEY", Buffer.alloc(32, 7).toString("base64"));

    expect(() => decryptSecret(stored, `${requestA}:password`)).toThrow();
  });

  it("names RUNWAY_SECRET_KEY when it is missing, as a failure retrying cannot fix", () => {
    vi.stubEnv("RUNWAY_SECRET_KEY", undefined);

    const attempt = () => encryptSecret("s3cret-value", `${requestA}:password`);

    expect(attempt).toThrow(PermanentBackendError);
    expect(attempt).toThrow(/RUNWAY_SECRET_KEY is not set/);
  });

  it("names RUNWAY_SECRET_KEY when it is not 32 bytes", () => {
    vi.stubEnv("RUNWAY_SECRET_KEY", Buffer.alloc(16, 1).toString("base64"));

    const attempt = () => encryptSecret("s3cret-value", `${requestA}:password`);

    expect(attempt).toThrow(PermanentBackendError);
    expect(attempt).toThrow(/RUNWAY_SECRET_KEY must be 32 bytes/);
  });

  it("accepts a key given as 64 hex digits or as base64", () => {
    const raw = Buffer.alloc(32, 42);
    vi.stubEnv("RUNWAY_SECRET_KEY", raw.toString("hex"));
    const stored = encryptSecret("s3cret-value", `${requestA}:password`);
    vi.stubEnv("RUNWAY_SECRET_KEY", raw.toString("base64"));

    expect(decryptSecret(stored, `${requestA}:password`)).toBe("s3cret-value");
  });
});
