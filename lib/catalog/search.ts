import { sql, type SQL } from "drizzle-orm";

/**
 * Full-text search over names, titles, tags and descriptions, with trigram
 * similarity on names and titles for typos. SQL fragments expect the entity
 * table under the alias `e`.
 */
export type Search = { text: string; tsquery: string | null };

export function parseSearch(q: string): Search {
  const text = q.trim().toLowerCase();
  const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  // Every word as a prefix ("pet" finds "petstore"); only letters and digits reach to_tsquery, so its syntax cannot be injected.
  return { text, tsquery: words.length ? words.slice(0, 8).map((w) => `${w}:*`).join(" & ") : null };
}

function tsquery(s: Search): SQL {
  return sql`(to_tsquery('simple', ${s.tsquery}) || to_tsquery('english', ${s.tsquery}))`;
}

export function searchMatch(s: Search): SQL {
  const fuzzy = sql`lower(e.name) % ${s.text} or lower(e.title) % ${s.text}`;
  return s.tsquery ? sql`(e.search @@ ${tsquery(s)} or ${fuzzy})` : sql`(${fuzzy})`;
}

/**
 * An exact name first, then names that start with the search, then the best
 * text match, then the closest spelling. Rounded so a cursor can carry it exactly.
 */
export function searchRank(s: Search): SQL {
  const like = `${s.text.replace(/[\\%_]/g, "\\$&")}%`;
  const text = s.tsquery ? sql`ts_rank(e.search, ${tsquery(s)}) * 10` : sql`0`;
  return sql`round((
    (case when lower(e.name) = ${s.text} then 100 else 0 end)
    + (case when lower(coalesce(e.title, '')) = ${s.text} then 50 else 0 end)
    + (case when lower(e.name) like ${like} then 20 else 0 end)
    + ${text}
    + similarity(lower(e.name), ${s.text}) * 30
  )::numeric, 6)`;
}
