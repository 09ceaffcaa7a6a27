import { sql, type SQL } from "drizzle-orm";

/**
 * Lead times are filed into logarithmic buckets (one minute to two years,
 * eight per doubling, each about 9 % wide) so that a median can be found by
 * counting per bucket (from a daily rollup) and then sorting only the rows of
 * the one bucket that holds it, instead of every row of the window.
 * `width_bucket` compares exactly, so the bucket order is the value order.
 * Changing these bounds requires rebuilding dora_lead_times and its rollup.
 */
export const LEAD_BUCKET_BOUNDS: readonly number[] = Array.from({ length: 20 * 8 + 1 }, (_, i) => 60 * 2 ** (i / 8));

export function leadBucketSql(seconds: SQL): SQL {
  return sql`width_bucket(${seconds}, ${sql.raw(`'{${LEAD_BUCKET_BOUNDS.join(",")}}'::float8[]`)})`;
}
