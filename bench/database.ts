import postgres from "postgres";
import { migrateDatabase } from "../db/migrate";

/** The URL of database `name` on the server of `serverUrl`. */
export function benchDatabaseUrl(serverUrl: string, name: string): string {
  return Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
}

/**
 * A migrated database `name` on `serverUrl` for a benchmark's generated data.
 * With `reuse`, a database a previous run left whose data `complete` accepts
 * is kept (generating takes minutes) and `"reused"` answered; otherwise it is
 * dropped and made anew, empty, for the caller to fill.
 */
export async function benchDatabase(
  serverUrl: string,
  name: string,
  opts: { reuse: boolean; complete: (db: postgres.Sql) => Promise<boolean> },
): Promise<"reused" | "new"> {
  const url = benchDatabaseUrl(serverUrl, name);
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const [found] = await admin`select 1 from pg_database where datname = ${name}`;
    if (found && opts.reuse) {
      const db = postgres(url, { max: 1, onnotice: () => {} });
      // A database from before a migration that its check reads fails the check: it is made anew.
      const complete = await opts.complete(db).catch(() => false).finally(() => db.end());
      if (complete) {
        await migrateDatabase(url);
        return "reused";
      }
    }
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  await migrateDatabase(url);
  return "new";
}
