import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { actorFor, seedDemoOrg } from "@/db/test/fixtures";
import { requestSecrets } from "@/db/schema";
import { submitRequestSchema } from "@/lib/requests/schemas";
import { submitRequest } from "@/lib/requests/submit";
import { decryptSecret, encryptSecret, secretKey } from "./secrets";
import { rotateSecretKey } from "./secrets-rotation";

const key = () => crypto.randomBytes(32).toString("base64");

describe("rotating RUNWAY_SECRET_KEY", () => {
  it("re-encrypts every stored secret so that only the new key opens it", async () => {
    await seedDemoOrg();
    const actor = await actorFor("developer@example.com");
    const { request } = await submitRequest(actor, submitRequestSchema.parse({ kind: "database", team: "payments", environment: "production", name: "rotated", parameters: {} }));
    const oldKey = key();
    const newKey = key();
    await db.insert(requestSecrets).values([
      { requestId: request.id, key: "password", ciphertext: encryptSecret("s3cret-one", `${request.id}:password`, secretKey(oldKey)) },
      { requestId: request.id, key: "db:main:password", ciphertext: encryptSecret("s3cret-two", `${request.id}:db:main:password`, secretKey(oldKey)) },
    ]);

    expect(await rotateSecretKey(oldKey, newKey)).toBe(2);

    const rows = await db.select().from(requestSecrets);
    const open = (k: string) => rows.map((r) => decryptSecret(r.ciphertext, `${r.requestId}:${r.key}`, secretKey(k))).sort();
    expect(open(newKey)).toEqual(["s3cret-one", "s3cret-two"]);
    expect(() => open(oldKey)).toThrow();
  });

  it("changes nothing when the current key is wrong", async () => {
    const before = await db.select().from(requestSecrets);
    await expect(rotateSecretKey(key(), key())).rejects.toThrow();
    expect(await db.select().from(requestSecrets)).toEqual(before);
  });
});
