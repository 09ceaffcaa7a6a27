import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { requestSecrets } from "@/db/schema";
import { decryptSecret, encryptSecret, secretKey } from "./secrets";

/**
 * Re-encrypts every stored secret under a new RUNWAY_SECRET_KEY in one
 * transaction: either all of them move to the new key or none does, so a
 * failure half-way never leaves secrets readable by neither key.
 */
export async function rotateSecretKey(currentKey: string, newKey: string): Promise<number> {
  const from = secretKey(currentKey);
  const to = secretKey(newKey);
  return db.transaction(async (tx) => {
    const rows = await tx.select().from(requestSecrets).for("update");
    for (const row of rows) {
      const aad = `${row.requestId}:${row.key}`;
      const plaintext = decryptSecret(row.ciphertext, aad, from);
      await tx
        .update(requestSecrets)
        .set({ ciphertext: encryptSecret(plaintext, aad, to) })
        .where(and(eq(requestSecrets.requestId, row.requestId), eq(requestSecrets.key, row.key)));
    }
    return rows.length;
  });
}
