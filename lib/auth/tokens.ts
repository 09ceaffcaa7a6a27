import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { apiTokens, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { notFound } from "@/lib/errors";
import { assertCan, loadActor, type Actor } from "./actor";
import { displayPrefix, generateToken, hashToken, looksLikeToken } from "./token-format";

export type TokenSummary = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** Creates a token for a user and returns it once; only its hash is kept. */
export async function issueToken(user: { id: string; email: string }, input: { name: string; scopes: string[] }, via: "ui" | "cli") {
  const token = generateToken();
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(apiTokens)
      .values({ userId: user.id, name: input.name, tokenHash: hashToken(token), prefix: displayPrefix(token), scopes: input.scopes })
      .returning({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, scopes: apiTokens.scopes, createdAt: apiTokens.createdAt });
    await recordAudit(tx, {
      actor: via === "cli" ? null : user,
      action: "token.create",
      target: { type: "api_token", id: created.id },
      details: { name: input.name, scopes: input.scopes, owner: user.email, via },
    });
    return created;
  });
  return { token, ...row };
}

export async function createToken(actor: Actor, input: { name: string; scopes: string[] }) {
  assertCan(actor, "tokens:manage-own");
  return issueToken(actor, input, "ui");
}

export async function listTokens(actor: Actor): Promise<TokenSummary[]> {
  assertCan(actor, "tokens:manage-own");
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      scopes: apiTokens.scopes,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, actor.id))
    .orderBy(desc(apiTokens.createdAt));
}

export async function revokeToken(actor: Actor, id: string): Promise<void> {
  assertCan(actor, "tokens:manage-own");
  await db.transaction(async (tx) => {
    // Scoped by owner in the WHERE clause: someone else's token id is simply not found.
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, actor.id), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id, name: apiTokens.name });
    if (!row) throw notFound("No active token of yours has that id; it may already be revoked.");
    await recordAudit(tx, { actor, action: "token.revoke", target: { type: "api_token", id }, details: { name: row.name } });
  });
}

/** Resolves a bearer token to the acting user, or null for an unknown, malformed or revoked token. */
export async function actorFromToken(token: string): Promise<Actor | null> {
  if (!looksLikeToken(token)) return null;
  const hash = hashToken(token);
  const [row] = await db
    .select({ id: apiTokens.id, userId: apiTokens.userId, scopes: apiTokens.scopes, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hash), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  // A busy CI token would otherwise update (and lock) its row on every call.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: sql`now()` }).where(eq(apiTokens.id, row.id));
  }
  return loadActor(row.userId, row.scopes);
}

export async function findUserByEmail(email: string) {
  const [user] = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()));
  return user ?? null;
}
