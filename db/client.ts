import "server-only";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";
import { resolveDatabaseUrl } from "./connection";

export type Database = PostgresJsDatabase<typeof schema>;

type Holder = { db?: Database; sql?: postgres.Sql; url?: string };
// Kept on globalThis so that dev-mode reloads do not open a new pool each time.
const holder = ((globalThis as { __runwayDb?: Holder }).__runwayDb ??= {});

function connect(): Holder {
  const url = resolveDatabaseUrl();
  if (!holder.db || holder.url !== url) {
    holder.sql = postgres(url, {
      max: Number(process.env.RUNWAY_DB_POOL_SIZE ?? 10),
      onnotice: () => {},
      connect_timeout: 10,
    });
    holder.db = drizzle(holder.sql, { schema });
    holder.url = url;
  }
  return holder;
}

/** The app's database. Created on first use so that importing a module never opens a connection. */
export const db: Database = new Proxy({} as Database, {
  get(_target, prop) {
    const real = connect().db as unknown as Record<string | symbol, unknown>;
    const value = real[prop];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(real) : value;
  },
});

export function sqlClient(): postgres.Sql {
  return connect().sql!;
}

export async function closeDb(): Promise<void> {
  await holder.sql?.end({ timeout: 5 });
  holder.db = undefined;
  holder.sql = undefined;
  holder.url = undefined;
}
