import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { ensureEmbeddedServer, type EmbeddedServer } from "../../db/embedded";
import { urlFor } from "../../db/connection";

export type TestDatabases = {
  /** Creates an empty database and returns its URL. */
  create(label: string): Promise<string>;
  /** Drops what create() made, and removes the embedded server if there is one. */
  close(): Promise<void>;
};

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
    async create(label) {
      const name = `runway_e2e_${label}_${run}`;
      await admin.unsafe(`create database "${name}"`);
      created.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async close() {
      for (const name of created) await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
      if (embedded) await embedded.stop();
      if (embeddedDir) fs.rmSync(embeddedDir, { recursive: true, force: true });
    },
  };
}
