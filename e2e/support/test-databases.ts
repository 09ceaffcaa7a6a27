import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { ensureEmbeddedServer, type EmbeddedServer } from "../../db/embedded";
import { urlFor } from "../../db/connection";

export type TestDatabases = {
  /** The server's superuser URL, for the portal to provision databases on. */
  adminUrl: string;
  /** Creates an empty database and returns its URL. */
  create(label: string): Promise<string>;
  /** Drops what create() made, and removes the embedded server if there is one. */
  close(): Promise<void>;
};

/**
 * Drops the databases and roles that a portal's requests provisioned on this
 * server, so a shared server (TEST_DATABASE_URL) does not collect them run
 * after run. They are found by the request id that every such name ends with
 * (lib/provisioning/naming.ts), which also catches a provisioning cut short.
 */
async function dropProvisioned(admin: postgres.Sql, adminUrl: string, database: string): Promise<void> {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const portal = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const ids = await portal<{ id: string }[]>`select id::text from requests`.finally(() => portal.end({ timeout: 5 }));
  const tails = ids.map(({ id }) => `_${id.replace(/-/g, "").slice(0, 8)}`);
  const ours = (name: string) => tails.some((tail) => name.endsWith(tail) || name.includes(`${tail}_`));
  const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const databases = await admin<{ name: string }[]>`select datname as name from pg_database where datname like 'rw\\_%'`;
  for (const { name } of databases.filter((d) => ours(d.name))) await admin.unsafe(`drop database if exists ${quoted(name)} with (force)`);
  const roles = await admin<{ name: string }[]>`select rolname as name from pg_roles where rolname like 'rw\\_%'`;
  for (const { name } of roles.filter((r) => ours(r.name))) await admin.unsafe(`drop role if exists ${quoted(name)}`);
}

/**
 * Fresh databases for one run: on the server of TEST_DATABASE_URL when set (CI),
 * else on an embedded server in a throwaway folder, apart from the portal's own .data/.
 */
export async function openTestDatabases(): Promise<TestDatabases> {
  let embedded: EmbeddedServer | null = null;
  let embeddedDir: string | null = null;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    embeddedDir = fs.mkdtempSync(path.join(os.tmpdir(), "runway-e2e-pg-"));
    // As root, Postgres runs as a `postgres` system user, which must be able to enter this folder.
    fs.chmodSync(embeddedDir, 0o755);
    embedded = await ensureEmbeddedServer(embeddedDir);
    adminUrl = urlFor(embedded.info, "postgres");
  }
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const run = crypto.randomBytes(4).toString("hex");
  const created: string[] = [];

  return {
    adminUrl,
    async create(label) {
      const name = `runway_e2e_${label}_${run}`;
      await admin.unsafe(`create database "${name}"`);
      created.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async close() {
      // A private embedded server is deleted whole below; dropping its databases one by one (about a second each) would be wasted.
      for (const name of embedded ? [] : created) {
        await dropProvisioned(admin, adminUrl, name).catch((e) => console.error(e));
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
      }
      await admin.end({ timeout: 5 });
      if (embedded) await embedded.stop();
      if (embeddedDir) fs.rmSync(embeddedDir, { recursive: true, force: true });
    },
  };
}
