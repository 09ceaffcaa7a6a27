import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, expect, it } from "vitest";
import { ensureEmbeddedServer, type EmbeddedServer } from "./embedded";

// One server's life, step by step: the tests below run in order and share it.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "runway-embedded-test-"));
// As root, Postgres runs as a `postgres` system user, which must be able to enter this folder.
fs.chmodSync(dir, 0o755);
let server: EmbeddedServer | undefined;

afterAll(async () => {
  if (server?.owned) await server.stop().catch(() => {});
  fs.rmSync(dir, { recursive: true, force: true });
});

async function query<T extends postgres.Row>(url: string, run: (sql: postgres.Sql) => Promise<T[]>): Promise<T[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await run(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

it("initialises a cluster in an empty folder and records how to reach it", async () => {
  server = await ensureEmbeddedServer(dir);

  expect(server).toMatchObject({ how: "initialised", owned: true });
  expect(JSON.parse(fs.readFileSync(path.join(dir, "server.json"), "utf8"))).toMatchObject({ port: server.info.port, database: "runway" });
  await query(server.url, (sql) => sql`create table kept (note text)`);
  await query(server.url, (sql) => sql`insert into kept values ('still here')`);
});

it("reuses the running server instead of starting a second one", async () => {
  const again = await ensureEmbeddedServer(dir);

  expect(again).toMatchObject({ how: "reused", owned: false });
  expect(again.info.port).toBe(server!.info.port);
});

it("starts the stopped cluster again with its data", async () => {
  await server!.stop();
  server = await ensureEmbeddedServer(dir);

  expect(server).toMatchObject({ how: "started", owned: true });
  expect(await query(server.url, (sql) => sql`select note from kept`)).toEqual([{ note: "still here" }]);
});
