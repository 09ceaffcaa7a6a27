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

/** Everything the search finds: what the total and the filter counts are about. */
export function searchMatch(s: Search): SQL {
  const fuzzy = sql`lower(e.name) % ${s.text} or lower(e.title) % ${s.text}`;
  return s.tsquery ? sql`(e.search @@ ${tsquery(s)} or ${fuzzy})` : sql`(${fuzzy})`;
}

/**
 * The first tier: a name or title that matches the words, or is spelled close
 * to the search. These are ranked one by one; they are what a person means.
 */
export function nameMatch(s: Search): SQL {
  const fuzzy = sql`lower(e.name) % ${s.text} or lower(e.title) % ${s.text}`;
  const inNames = s.tsquery ? sql`e.name_search @@ to_tsquery('simple', ${s.tsquery})` : sql`false`;
  return sql`(${inNames} or ${fuzzy})`;
}

/**
 * The second tier: entities that only mention the words (description, tags),
 * in name order. Ranking thousands of descriptions would cost a scan of each;
 * walking the name index stops after one page.
 */
export function textOnlyMatch(s: Search): SQL | null {
  // coalesce: a missing title makes the first-tier test null, not false. (Only here: it would keep the trigram index out of nameMatch.)
  return s.tsquery ? sql`e.search @@ ${tsquery(s)} and not coalesce(${nameMatch(s)}, false)` : null;
}

/** The rank cursors of the second tier carry: below every first-tier rank. */
export const TEXT_ONLY_RANK = -1;

/**
 * Within the first tier: an exact name first, then names that start with the
 * search, then the best text match and the closest spelling. Rounded so a
 * cursor can carry it exactly; always above TEXT_ONLY_RANK.
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
