import crypto from "node:crypto";
import postgres from "postgres";
import { afterAll, inject } from "vitest";
import { closeDb } from "../client";
import { migrateDatabase } from "../migrate";

/**
 * Importing this module gives the importing test file a fresh, migrated
 * database of its own and points DATABASE_URL (read by db/client.ts on first
 * use) at it; the database is dropped after the file. Test files that do not
 * import it never touch PostgreSQL.
 */
const serverUrl = inject("testServerUrl");
const name = `runway_t_${crypto.randomBytes(6).toString("hex")}`;

function adminQuery(statement: string): Promise<unknown> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  return admin.unsafe(statement).finally(() => admin.end({ timeout: 5 }));
}

function databaseUrl(database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

await adminQuery(`create database "${name}"`);
export const testDatabaseUrl = databaseUrl(name);
await migrateDatabase(testDatabaseUrl);
process.env.DATABASE_URL = testDatabaseUrl;
// The postgres provisioning backend creates its roles and databases on the same test server, as the embedded default does.
process.env.RUNWAY_PG_ADMIN_URL ??= serverUrl;

afterAll(async () => {
  await closeDb();
  await adminQuery(`drop database if exists "${name}" with (force)`);
});
