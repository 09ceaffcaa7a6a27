import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { urlFor } from "../connection";
import { ensureEmbeddedServer } from "../embedded";

declare module "vitest" {
  export interface ProvidedContext {
    /** A server URL with the right to create and drop databases; each test file gets its own database there. */
    testServerUrl: string;
  }
}

/**
 * TEST_DATABASE_URL when set (CI: the machine's PostgreSQL), else an embedded
 * server in a throwaway folder, so that concurrent runs and the portal's own
 * .data/ never share a cluster.
 */
export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) {
    project.provide("testServerUrl", process.env.TEST_DATABASE_URL);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "runway-test-pg-"));
  // As root, Postgres runs as a `postgres` system user, which must be able to enter this folder.
  fs.chmodSync(dir, 0o755);
  const server = await ensureEmbeddedServer(dir);
  project.provide("testServerUrl", urlFor(server.info, "postgres"));
  return async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
