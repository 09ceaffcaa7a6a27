import crypto from "node:crypto";
import postgres from "postgres";
import { readServerInfo, urlFor } from "@/db/connection";
import { databaseSizes, postgresExtensions } from "@/lib/requests/templates/database";
import { databaseIdentifier, IDENTIFIER } from "../naming";
import { PermanentBackendError, type Backend, type BackendContext } from "./types";

/** RUNWAY_PG_ADMIN_URL, else the embedded server (which then hosts the demo databases too). */
function adminUrl(): string | null {
  if (process.env.RUNWAY_PG_ADMIN_URL) return process.env.RUNWAY_PG_ADMIN_URL;
  if (process.env.DATABASE_URL) return null;
  const info = readServerInfo();
  return info ? urlFor(info, "postgres") : null;
}

function connect(url: string, database?: string) {
  const u = new URL(url);
  if (database) u.pathname = `/${database}`;
  return postgres(u.toString(), { max: 1, connect_timeout: 10, onnotice: () => {}, idle_timeout: 5 });
}

function ident(name: string): string {
  // Validated, then quoted: nothing from a request reaches SQL unchecked.
  if (!IDENTIFIER.test(name)) throw new PermanentBackendError(`"${name}" is not a safe identifier`);
  return `"${name}"`;
}

/** Utility statements (CREATE ROLE … PASSWORD) take no bind parameters; the literal is escaped per SQL rules. */
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

export type DatabaseTarget = { identifier: string; secretKey: string; parameters: Record<string, unknown> };

export async function ensurePostgresDatabase(ctx: BackendContext, target: DatabaseTarget): Promise<Record<string, unknown>> {
  const url = adminUrl();
  if (!url) throw new PermanentBackendError("The postgres backend is not configured: set RUNWAY_PG_ADMIN_URL.");
  const name = target.identifier;
  const size = databaseSizes[(target.parameters.size as keyof typeof databaseSizes) ?? "small"] ?? databaseSizes.small;
  const extensions = ((target.parameters.extensions as string[]) ?? []).filter((e) => (postgresExtensions as readonly string[]).includes(e));

  // The password is saved before the role exists, so a retry after a crash reuses it instead of minting a second one.
  let password = await ctx.loadSecret(target.secretKey);
  if (!password) {
    password = await ctx.saveSecret(target.secretKey, crypto.randomBytes(32).toString("base64url"));
  }

  const admin = connect(url);
  try {
    const [role] = await admin`select 1 from pg_roles where rolname = ${name}`;
    if (!role) {
      await admin.unsafe(`create role ${ident(name)} login password ${literal(password)} connection limit ${size.connections}`);
      await ctx.step(`Created role ${name} (connection limit ${size.connections})`);
    } else {
      await admin.unsafe(`alter role ${ident(name)} with login password ${literal(password)} connection limit ${size.connections}`);
      await ctx.step(`Role ${name} already existed; ensured its password and connection limit ${size.connections}`);
    }
    const [database] = await admin`select 1 from pg_database where datname = ${name}`;
    if (!database) {
      await admin.unsafe(`create database ${ident(name)} owner ${ident(name)}`);
      await ctx.step(`Created database ${name}`);
    } else {
      await admin.unsafe(`alter database ${ident(name)} owner to ${ident(name)}`);
    }
    await admin.unsafe(`revoke connect, temporary on database ${ident(name)} from public`);
    await admin.unsafe(`grant connect on database ${ident(name)} to ${ident(name)}`);
    const [{ server_version: version }] = await admin`show server_version`;
    const u = new URL(url);
    const host = process.env.RUNWAY_PG_PUBLIC_HOST || u.hostname;
    const port = Number(process.env.RUNWAY_PG_PUBLIC_PORT || u.port || 5432);

    if (extensions.length) {
      const inDb = connect(url, name);
      try {
        // Only names from the allow-list get here (filtered above), so quoting them is safe.
        for (const ext of extensions) await inDb.unsafe(`create extension if not exists "${ext}"`);
      } finally {
        await inDb.end({ timeout: 2 });
      }
      await ctx.step(`Installed extensions ${extensions.join(", ")}`);
    }
    // PostgreSQL has no per-database size cap; the requested size is recorded for capacity planning, not enforced.
    return { engine: "postgres", host, port, database: name, user: name, serverVersion: version, requestedVersion: target.parameters.version, sizeGb: target.parameters.sizeGb, connectionLimit: size.connections };
  } finally {
    await admin.end({ timeout: 2 });
  }
}

export async function dropPostgresDatabase(ctx: BackendContext, identifier: string): Promise<void> {
  const url = adminUrl();
  if (!url) throw new PermanentBackendError("The postgres backend is not configured: set RUNWAY_PG_ADMIN_URL.");
  const admin = connect(url);
  try {
    const killed = await admin`select pg_terminate_backend(pid) from pg_stat_activity where (datname = ${identifier} or usename = ${identifier}) and pid <> pg_backend_pid()`;
    if (killed.length) await ctx.step(`Closed ${killed.length} open connection(s) of ${identifier}`);
    await admin.unsafe(`drop database if exists ${ident(identifier)} with (force)`);
    await admin.unsafe(`drop role if exists ${ident(identifier)}`);
    await ctx.step(`Dropped database and role ${identifier}`);
  } finally {
    await admin.end({ timeout: 2 });
  }
}

export const postgresBackend: Backend = {
  id: "postgres",
  title: "PostgreSQL databases",
  settings: ["RUNWAY_PG_ADMIN_URL", "RUNWAY_PG_PUBLIC_HOST", "RUNWAY_PG_PUBLIC_PORT"],
  configured: () => adminUrl() !== null,
  async health() {
    const url = adminUrl();
    if (!url) return { ok: false, detail: "Not configured: set RUNWAY_PG_ADMIN_URL (the embedded server is used when DATABASE_URL is unset)." };
    const sql = connect(url);
    try {
      const [{ server_version: v }] = await sql`show server_version`;
      const [{ super: isSuper }] = await sql`select rolsuper or rolcreaterole as super from pg_roles where rolname = current_user`;
      return isSuper ? { ok: true, detail: `PostgreSQL ${v} at ${new URL(url).host}` } : { ok: false, detail: `Connected to PostgreSQL ${v}, but the admin role cannot create roles.` };
    } catch (e) {
      return { ok: false, detail: `Cannot reach ${new URL(url).host}: ${e instanceof Error ? e.message : String(e)}` };
    } finally {
      await sql.end({ timeout: 1 }).catch(() => {});
    }
  },
  async provision(ctx) {
    const outputs = await ensurePostgresDatabase(ctx, { identifier: databaseIdentifier(ctx.request), secretKey: "password", parameters: ctx.request.parameters });
    await ctx.saveOutputs(outputs);
  },
  async decommission(ctx) {
    await dropPostgresDatabase(ctx, databaseIdentifier(ctx.request));
  },
};
