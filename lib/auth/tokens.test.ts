import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createUser } from "@/db/test/fixtures";
import { db } from "@/db/client";
import { apiTokens, auditLog } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { actorFromToken, createToken, listTokens, revokeToken } from "./tokens";

describe("API tokens", () => {
  it("acts as the token's owner, with their role and teams", async () => {
    const owner = await createUser({ email: "kim@example.com", name: "Kim", role: "manager", teams: [["payments", "manager"], "search"] });
    const { token } = await createToken(owner, { name: "ci", scopes: ["events:write"] });

    const actor = await actorFromToken(token);

    expect(actor).toMatchObject({ id: owner.id, email: "kim@example.com", role: "manager", tokenScopes: ["events:write"] });
    expect(actor!.teams.map((t) => [t.name, t.role])).toEqual([["payments", "manager"], ["search", "member"]]);
  });

  it("stores only a hash of the token", async () => {
    const owner = await createUser({ email: "hash@example.com" });
    const { id, token } = await createToken(owner, { name: "deploys", scopes: [] });

    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));

    expect(JSON.stringify(row)).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(token.slice(10));
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(token.startsWith(row.prefix)).toBe(true);
  });

  it("no longer authenticates a revoked token", async () => {
    const owner = await createUser({ email: "rev@example.com" });
    const { id, token } = await createToken(owner, { name: "old", scopes: [] });

    await revokeToken(owner, id);

    expect(await actorFromToken(token)).toBeNull();
    expect((await listTokens(owner)).find((t) => t.id === id)?.revokedAt).toBeInstanceOf(Date);
  });

  it("answers null for unknown and malformed tokens", async () => {
    expect(await actorFromToken("rwy_" + "A".repeat(43))).toBeNull();
    expect(await actorFromToken("not-a-token")).toBeNull();
    expect(await actorFromToken("")).toBeNull();
  });

  it("does not let a user revoke someone else's token", async () => {
    const owner = await createUser({ email: "owner@example.com" });
    const other = await createUser({ email: "other@example.com", role: "admin" });
    const { id, token } = await createToken(owner, { name: "mine", scopes: [] });

    const attempt = revokeToken(other, id);

    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "not_found" });
    expect(await actorFromToken(token)).not.toBeNull();
  });

  it("lists a user's own tokens only", async () => {
    const a = await createUser({ email: "list-a@example.com" });
    const b = await createUser({ email: "list-b@example.com" });
    await createToken(a, { name: "a-token", scopes: [] });
    await createToken(b, { name: "b-token", scopes: [] });

    expect((await listTokens(a)).map((t) => t.name)).toEqual(["a-token"]);
  });

  it("writes the creation and the revocation to the audit log, without the token", async () => {
    const owner = await createUser({ email: "audit@example.com" });
    const { id, token } = await createToken(owner, { name: "audited", scopes: [] });
    await revokeToken(owner, id);

    const rows = await db.select().from(auditLog).where(eq(auditLog.targetId, id)).orderBy(auditLog.id);

    expect(rows.map((r) => [r.action, r.actorEmail, r.targetType])).toEqual([
      ["token.create", "audit@example.com", "api_token"],
      ["token.revoke", "audit@example.com", "api_token"],
    ]);
    expect(JSON.stringify(rows)).not.toContain(token);
  });
});
