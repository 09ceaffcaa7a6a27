import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { validationFailed } from "@/lib/errors";

/**
 * The typeahead lists (teams, DORA services): the pickers ask for the best few
 * names for what was typed, so no list of everything reaches the browser.
 */
export const nameSearchQuery = z.object({
  q: z.string().trim().max(100, "the search is at most 100 characters").default(""),
  limit: z.coerce.number({ error: "limit must be a number" }).int("limit must be a whole number").min(1, "limit must be 1–100").max(100, "limit must be 1–100").default(50),
  cursor: z.string().max(1000, "cursor is not one this list gave out").optional(),
});

export type NameSearchQuery = z.infer<typeof nameSearchQuery>;

/** Trigram similarity needs a few letters to mean anything. */
const FUZZY_FROM = 3;

/**
 * Matches of `q` on the columns, ranked: the exact name, then names that start
 * with it, then names that contain it, then names spelled close to it (pg_trgm).
 * Without `q`, every row, all of rank 0. The columns are compared lower-cased,
 * as the trigram indexes hold them.
 */
export function nameSearch(q: string, columns: SQL[]): { where: SQL; rank: SQL } {
  const text = q.trim().toLowerCase();
  if (!text) return { where: sql`true`, rank: sql`0` };
  const escaped = text.replace(/[\\%_]/g, "\\$&");
  const any = (test: (column: SQL) => SQL) => sql`(${sql.join(columns.map((c) => test(sql`lower(${c})`)), sql` or `)})`;
  const contains = any((c) => sql`${c} like ${`%${escaped}%`}`);
  const close = text.length >= FUZZY_FROM ? any((c) => sql`${c} % ${text}`) : sql`false`;
  return {
    where: sql`(${contains} or ${close})`,
    rank: sql`(case when ${any((c) => sql`${c} = ${text}`)} then 0 when ${any((c) => sql`${c} like ${`${escaped}%`}`)} then 1 when ${contains} then 2 else 3 end)`,
  };
}

/** Where the next page starts: after the last row's rank and name. */
type NameCursor = { rank: number; name: string };

function decodeCursor(raw: string): NameCursor {
  let c: unknown;
  try {
    c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    c = null;
  }
  const ok = c !== null && typeof c === "object" && Number.isInteger((c as NameCursor).rank) && typeof (c as NameCursor).name === "string";
  if (!ok) throw validationFailed("cursor is not one this list gave out; start again without it", { cursor: "is not valid" });
  return c as NameCursor;
}

/** The keyset condition on a ranked subquery's `rank` and `name` columns (alias `x`). */
export function afterCursor(cursor: string | undefined): SQL {
  if (!cursor) return sql`true`;
  const c = decodeCursor(cursor);
  return sql`(x.rank, x.name) > (${c.rank}, ${c.name})`;
}

/** One page from `limit + 1` rows read in (rank, name) order, and the cursor of the next. */
export function pageOf<T extends NameCursor>(rows: T[], limit: number): { rows: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const last = rows[limit - 1];
  return { rows: rows.slice(0, limit), nextCursor: Buffer.from(JSON.stringify({ rank: last.rank, name: last.name })).toString("base64url") };
}
