import { randomBytes } from "node:crypto";
import mysql, { type Connection, type RowDataPacket } from "mysql2/promise";
import { databaseParameters, databaseSizes } from "@/lib/requests/templates/database";
import { databaseIdentifier, IDENTIFIER } from "../naming";
import { PermanentBackendError, type Backend, type BackendContext } from "./types";

/**
 * MariaDB/MySQL: one database and one user per request on a shared server
 * reached through RUNWAY_MYSQL_ADMIN_URL. Values travel as `?` placeholders;
 * names are checked against IDENTIFIER and quoted with escapeId.
 */

const HEALTH_TIMEOUT_MS = 3_000;
const CONNECT_TIMEOUT_MS = 10_000;

/** Errors a retry cannot fix: bad admin credentials, missing privileges, a name the server rejects. */
const PERMANENT_ERRNOS = new Set([
  1044, // ER_DBACCESS_DENIED_ERROR
  1045, // ER_ACCESS_DENIED_ERROR
  1227, // ER_SPECIFIC_ACCESS_DENIED_ERROR
  1470, // ER_WRONG_STRING_LENGTH: a name longer than the server takes
]);
const ER_NO_SUCH_THREAD = 1094;
/** MySQL takes user names of at most 32 characters (MariaDB 80); database names may have 64. */
const USER_NAME_MAX = 32;

type Env = Record<string, string | undefined>;
type MysqlError = Error & { errno?: number; sql?: string };

export function createMysqlBackend(env: Env = process.env): Backend {
  return {
    id: "mysql",
    title: "MariaDB / MySQL",
    settings: ["RUNWAY_MYSQL_ADMIN_URL", "RUNWAY_MYSQL_PUBLIC_HOST"],
    configured: () => Boolean(env.RUNWAY_MYSQL_ADMIN_URL),
    async health() {
      let conn: Connection | undefined;
      try {
        conn = await connect(env, HEALTH_TIMEOUT_MS);
        const version = await serverVersion(conn);
        const { host, port } = adminAddress(env);
        return { ok: true, detail: `${version} at ${host}:${port}` };
      } catch (err) {
        return { ok: false, detail: errorText(err) };
      } finally {
        await conn?.end().catch(() => {});
      }
    },
    provision: (ctx) => withAdmin(env, (conn) => provision(conn, ctx, env)),
    decommission: (ctx) => withAdmin(env, (conn) => decommission(conn, ctx)),
  };
}

export const mysqlBackend = createMysqlBackend();

async function provision(conn: Connection, ctx: BackendContext, env: Env): Promise<void> {
  const parsed = databaseParameters.safeParse(ctx.request.parameters);
  if (!parsed.success) throw new PermanentBackendError(`Invalid database parameters: ${parsed.error.issues[0].message}`);
  const params = parsed.data;
  if (params.engine !== "mysql") throw new PermanentBackendError(`The mysql backend cannot provision a ${params.engine} database`);
  const name = identifier(ctx);
  const user = userName(ctx);
  const connections = databaseSizes[params.size].connections;

  // Saved before anything exists, so a retry after a crash sets the same password.
  let password = await ctx.loadSecret("password");
  if (!password) {
    password = await ctx.saveSecret("password", randomBytes(32).toString("base64url"));
    await ctx.step("Generated a password for the database user");
  }

  // One shared server serves every requested version, so a different major
  // version is recorded and shown rather than refused.
  const version = await serverVersion(conn);
  if (!version.startsWith(`${params.version}.`)) {
    await ctx.step(`Requested version ${params.version}; the shared server runs ${version}`, { serverVersion: version });
  }

  ctx.signal.throwIfAborted();
  await run(conn, `CREATE DATABASE IF NOT EXISTS ${quote(name)} CHARACTER SET utf8mb4`);
  await ctx.step(`Ensured database ${name}`, { database: name });

  ctx.signal.throwIfAborted();
  // CREATE … IF NOT EXISTS leaves an existing user untouched, so ALTER sets the
  // password and limit every time: a retry corrects whatever a crash left.
  await run(conn, `CREATE USER IF NOT EXISTS ${account(user)} IDENTIFIED BY ?`, [password]);
  await run(conn, `ALTER USER ${account(user)} IDENTIFIED BY ? WITH MAX_USER_CONNECTIONS ?`, [password, connections]);
  await ctx.step(`Ensured user ${user} with at most ${connections} connections`, { user, connections });

  ctx.signal.throwIfAborted();
  // Revoking first makes the database's own grant the only one the user holds.
  // Database-level grants apply to open sessions only at their next USE, so live clients are unaffected.
  await run(conn, `REVOKE ALL PRIVILEGES, GRANT OPTION FROM ${account(user)}`);
  await run(conn, `GRANT ALL PRIVILEGES ON ${quote(name)}.* TO ${account(user)}`);
  await ctx.step(`Granted ${user} all privileges on ${name} only`);

  const { host, port } = publicAddress(env);
  await ctx.saveOutputs({
    engine: "mysql",
    host,
    port,
    database: name,
    user,
    serverVersion: version,
    connections,
    // MariaDB/MySQL have no per-database size limit: sizeGb is recorded for capacity planning, not enforced.
    sizeGb: params.sizeGb,
  });
}

async function decommission(conn: Connection, ctx: BackendContext): Promise<void> {
  const name = identifier(ctx);
  const user = userName(ctx);

  ctx.signal.throwIfAborted();
  // Dropping the user first stops new logins, so no session can appear between
  // the kills below and DROP DATABASE; existing sessions keep their user name in PROCESSLIST.
  await run(conn, `DROP USER IF EXISTS ${account(user)}`);
  await ctx.step(`Dropped user ${user}`);

  const [rows] = await run<RowDataPacket[]>(conn, "SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ?", [user]);
  let killed = 0;
  for (const { ID } of rows) {
    try {
      await run(conn, "KILL CONNECTION ?", [Number(ID)]);
      killed++;
    } catch (err) {
      if ((err as MysqlError).errno !== ER_NO_SUCH_THREAD) throw err;
    }
  }
  await ctx.step(`Closed ${killed} open connection${killed === 1 ? "" : "s"} of ${user}`, { connections: killed });

  ctx.signal.throwIfAborted();
  await run(conn, `DROP DATABASE IF EXISTS ${quote(name)}`);
  await ctx.step(`Dropped database ${name}`);
}

function identifier(ctx: BackendContext): string {
  const name = databaseIdentifier(ctx.request);
  if (!IDENTIFIER.test(name)) throw new PermanentBackendError(`"${name}" is not a valid database identifier`);
  return name;
}

/**
 * The request's user: its database's name where that is short enough for
 * MySQL, else a shorter one. A request provisioned before names were shortened
 * keeps the user recorded in its outputs, so retries and decommissioning find it.
 */
function userName(ctx: BackendContext): string {
  const recorded = ctx.outputs.user;
  const user = typeof recorded === "string" ? recorded : databaseIdentifier(ctx.request, "", USER_NAME_MAX);
  if (!IDENTIFIER.test(user)) throw new PermanentBackendError(`"${user}" is not a valid user name`);
  return user;
}

/** Names reach SQL only through here, already checked against IDENTIFIER by identifier(). */
function quote(name: string): string {
  return mysql.escapeId(name);
}

/** Users may connect from any host: the server's network policy, not the account, decides who reaches it. */
function account(name: string): string {
  return `${quote(name)}@'%'`;
}

async function withAdmin(env: Env, fn: (conn: Connection) => Promise<void>): Promise<void> {
  const conn = await connect(env, CONNECT_TIMEOUT_MS);
  try {
    await fn(conn);
  } finally {
    await conn.end().catch(() => {});
  }
}

async function connect(env: Env, connectTimeout: number): Promise<Connection> {
  adminAddress(env);
  try {
    return await mysql.createConnection({ uri: env.RUNWAY_MYSQL_ADMIN_URL, connectTimeout });
  } catch (err) {
    throw classify(err);
  }
}

/** Runs one statement; errors lose their `sql` text, which would carry the password into logs. */
async function run<T extends RowDataPacket[] | mysql.ResultSetHeader = mysql.ResultSetHeader>(
  conn: Connection,
  sql: string,
  values: unknown[] = [],
): Promise<[T, unknown]> {
  try {
    return await conn.query<T>(sql, values);
  } catch (err) {
    delete (err as MysqlError).sql;
    throw classify(err);
  }
}

function classify(err: unknown): unknown {
  const errno = (err as MysqlError).errno;
  if (errno !== undefined && PERMANENT_ERRNOS.has(errno)) return new PermanentBackendError(`MariaDB refused: ${errorText(err)}`);
  return err;
}

async function serverVersion(conn: Connection): Promise<string> {
  const [rows] = await run<RowDataPacket[]>(conn, "SELECT VERSION() AS version");
  return String(rows[0].version);
}

function adminAddress(env: Env): { host: string; port: number } {
  const raw = env.RUNWAY_MYSQL_ADMIN_URL;
  if (!raw) throw new PermanentBackendError("RUNWAY_MYSQL_ADMIN_URL is not set");
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new PermanentBackendError("RUNWAY_MYSQL_ADMIN_URL is not a valid URL (mysql://user:password@host:3306/)");
  }
  if (url.protocol !== "mysql:" && url.protocol !== "mariadb:") {
    throw new PermanentBackendError("RUNWAY_MYSQL_ADMIN_URL must start with mysql:// or mariadb://");
  }
  return { host: url.hostname.replace(/^\[|\]$/g, ""), port: Number(url.port) || 3306 };
}

/** RUNWAY_MYSQL_PUBLIC_HOST ("host" or "host:port") is what users connect to when the admin URL is internal. */
function publicAddress(env: Env): { host: string; port: number } {
  const admin = adminAddress(env);
  const pub = env.RUNWAY_MYSQL_PUBLIC_HOST?.trim();
  if (!pub) return admin;
  const match = /^(.+):(\d+)$/.exec(pub);
  return match ? { host: match[1], port: Number(match[2]) } : { host: pub, port: admin.port };
}

function errorText(err: unknown): string {
  const e = err as MysqlError & { code?: string; errors?: Error[] };
  return e.message || e.errors?.[0]?.message || e.code || String(err);
}
