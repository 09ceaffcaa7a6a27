import crypto from "node:crypto";
import net from "node:net";
import postgres from "postgres";
import { inject } from "vitest";

/**
 * The test server itself acts as the "real PostgreSQL" the postgres backend
 * provisions on: its admin URL can create roles and databases, and the
 * provisioned ones never collide with the per-file Runway databases (rw_ prefix).
 */
export const pgAdminUrl = inject("testServerUrl");

export function pgUrl(user: string, password: string, database: string): string {
  const url = new URL(pgAdminUrl);
  url.username = user;
  url.password = password;
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(pgAdminUrl, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** How many roles and databases carry this name on the server. */
export function serverObjects(identifier: string): Promise<{ roles: number; databases: number }> {
  return withAdmin(async (sql) => {
    const [{ roles, databases }] = await sql<{ roles: number; databases: number }[]>`
      select (select count(*)::int from pg_roles where rolname = ${identifier}) as roles,
             (select count(*)::int from pg_database where datname = ${identifier}) as databases`;
    return { roles, databases };
  });
}

/**
 * Whether the role's stored SCRAM verifier was made from this password. A
 * server with trust authentication (CI) lets any password log in, so a
 * successful login alone would not prove the revealed password is the real one.
 */
export function roleHasPassword(role: string, password: string): Promise<boolean> {
  return withAdmin(async (sql) => {
    const [row] = await sql<{ rolpassword: string | null }[]>`select rolpassword from pg_authid where rolname = ${role}`;
    const match = /^SCRAM-SHA-256\$(\d+):([^$]+)\$([^:]+):(.+)$/.exec(row?.rolpassword ?? "");
    if (!match) throw new Error(`Role ${role} has no SCRAM-SHA-256 password (${row ? "other format" : "no such role"})`);
    const [, iterations, salt, storedKey, serverKey] = match;
    const salted = crypto.pbkdf2Sync(password, Buffer.from(salt, "base64"), Number(iterations), 32, "sha256");
    const hmac = (key: Buffer, text: string) => crypto.createHmac("sha256", key).update(text).digest();
    const clientKey = hmac(salted, "Client Key");
    return crypto.createHash("sha256").update(clientKey).digest("base64") === storedKey && hmac(salted, "Server Key").toString("base64") === serverKey;
  });
}

/** Leaves the shared server as it was, whatever a test left behind. */
export function dropProvisioned(identifiers: string[]): Promise<void> {
  return withAdmin(async (sql) => {
    for (const name of identifiers) {
      await sql.unsafe(`drop database if exists "${name}" with (force)`);
      await sql.unsafe(`drop role if exists "${name}"`);
    }
  });
}

/** A URL on the test server's host at a port where nothing listens: the "target server is down" case. */
export async function unreachableAdminUrl(): Promise<string> {
  const port = await new Promise<number>((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
  const url = new URL(pgAdminUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return url.toString();
}
