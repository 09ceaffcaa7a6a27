import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { apiTokens, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { notFound } from "@/lib/errors";
import { assertCan, type Actor } from "./actor";
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
  // One round trip for token, user and teams: every API call starts here.
  const rows = await db.execute<{ id: string; token_id: string; last_used_at: Date | null; scopes: string[]; email: string; name: string; role: Actor["role"]; teams: Actor["teams"] }>(sql`
    select u.id, t.id as token_id, t.last_used_at, t.scopes, u.email, u.name, u.role,
      coalesce((select json_agg(json_build_object('id', tm.id, 'name', tm.name, 'displayName', tm.display_name, 'role', m.role) order by tm.name)
        from memberships m join teams tm on tm.id = m.team_id where m.user_id = u.id), '[]') as teams
    from api_tokens t join users u on u.id = t.user_id
    where t.token_hash = ${hashToken(token)} and t.revoked_at is null`);
  const row = rows[0];
  if (!row) return null;
  // A busy CI token would otherwise update (and lock) its row on every call.
  if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: sql`now()` }).where(eq(apiTokens.id, row.token_id));
  }
  return { id: row.id, email: row.email, name: row.name, role: row.role, teams: row.teams, tokenScopes: row.scopes };
}

export async function findUserByEmail(email: string) {
  const [user] = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()));
  return user ?? null;
}
