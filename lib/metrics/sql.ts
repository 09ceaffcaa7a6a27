import { sql, type SQL } from "drizzle-orm";
import { textArray } from "@/lib/db-sql";

export function instant(d: Date): SQL {
  return sql`${d.toISOString()}::timestamptz`;
}

/** The scope's services: null is every service, an empty list none. */
export function inServices(column: SQL, services: readonly string[] | null): SQL {
  if (services === null) return sql`true`;
  if (services.length === 0) return sql`false`;
  return sql`${column} = any(${textArray(services)})`;
}

/** A timestamptz as an ISO-8601 UTC string, whatever the session's time zone. */
export function isoOf(column: SQL): SQL {
  return sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
