import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { read, unionAll } from "./read";
import { inServices, instant } from "./sql";
import { addDays, startOfUtcDay, utcDate, type Window } from "./window";

export type LeadStats = { pairs: number; medianHours: number | null; p90Hours: number | null };
export type Segment = Window & { key: string };

const HOUR = 3600;
const PERCENTILES = [0.5, 0.9] as const;

const empty: LeadStats = { pairs: 0, medianHours: null, p90Hours: null };

/**
 * Median and p90 lead time (PERCENTILE_CONT) per time segment: the lead times
 * of the commits whose first deployment falls in the segment.
 */
export async function leadTimeBySegment(environment: string, services: string[] | null, segments: Segment[]): Promise<Map<string, LeadStats>> {
  if (segments.length === 0) return new Map();
  return services === null ? orgLeadTimes(environment, segments) : scopedLeadTimes(environment, services, segments);
}

/** Median and p90 per service over one window; small per service, so each is a plain ordered aggregate over its own index range. */
export async function leadTimeByService(environment: string, services: string[] | null, w: Window): Promise<Map<string, LeadStats>> {
  const rows = await read<{ service: string; pairs: number; p: number[] | null }>(sql`
    select s.name as service, x.pairs, x.p
    from dora_services s
    cross join lateral (
      select count(*)::int as pairs, percentile_cont(array[0.5, 0.9]) within group (order by l.lead_seconds) as p
      from dora_lead_times l
      where l.environment = ${environment} and l.service = s.name and l.deployed_at >= ${instant(w.from)} and l.deployed_at < ${instant(w.to)}
    ) x
    where ${inServices(sql`s.name`, services)} and x.pairs > 0`);
  return new Map(rows.map((r) => [r.service, stats(r.pairs, r.p)]));
}

function stats(pairs: number, p: number[] | null): LeadStats {
  return pairs && p ? { pairs, medianHours: p[0] / HOUR, p90Hours: p[1] / HOUR } : empty;
}

async function scopedLeadTimes(environment: string, services: string[], segments: Segment[]): Promise<Map<string, LeadStats>> {
  const rows = await read<{ key: string; pairs: number; p: number[] | null }>(
    unionAll(
      segments.map(
        (s) => sql`
          select ${s.key}::text as key, count(*)::int as pairs, percentile_cont(array[0.5, 0.9]) within group (order by lead_seconds) as p
          from dora_lead_times
          where environment = ${environment} and ${inServices(sql`service`, services)} and deployed_at >= ${instant(s.from)} and deployed_at < ${instant(s.to)}`,
      ),
    ),
  );
  return new Map(rows.map((r) => [r.key, stats(r.pairs, r.p)]));
}

/** Lead times per bucket in [from, to): whole UTC days from the rollup, the hours before the first and after the last whole day from the rows. */
function histogram(environment: string, s: Segment): SQL[] {
  let fullFrom = startOfUtcDay(s.from);
  if (fullFrom < s.from) fullFrom = addDays(fullFrom, 1);
  const fullTo = startOfUtcDay(s.to);
  const rows = (from: Date, to: Date) => sql`
    select ${s.key}::text as key, bucket, count(*)::int as n from dora_lead_times
    where environment = ${environment} and deployed_at >= ${instant(from)} and deployed_at < ${instant(to)} group by bucket`;
  if (fullFrom >= fullTo) return [rows(s.from, s.to)];
  const branches = [
    sql`
      select ${s.key}::text as key, bucket, sum(count)::int as n from dora_lead_time_daily
      where environment = ${environment} and day >= ${utcDate(fullFrom)}::date and day < ${utcDate(fullTo)}::date group by bucket`,
  ];
  if (s.from < fullFrom) branches.push(rows(s.from, fullFrom));
  if (fullTo < s.to) branches.push(rows(fullTo, s.to));
  return branches;
}

/**
 * For the whole organisation a window holds hundreds of thousands of lead
 * times; sorting them all takes longer than a page may. Instead: count them
 * per bucket (from the daily rollup), find the bucket that holds each rank
 * PERCENTILE_CONT needs, and read only that bucket's rows, sorted. The result
 * is the number PERCENTILE_CONT gives.
 */
async function orgLeadTimes(environment: string, segments: Segment[]): Promise<Map<string, LeadStats>> {
  const counted = await read<{ key: string; bucket: number; n: number }>(unionAll(segments.flatMap((s) => histogram(environment, s))));
  const byKey = new Map<string, Map<number, number>>();
  for (const h of counted) {
    const buckets = byKey.get(h.key) ?? byKey.set(h.key, new Map()).get(h.key)!;
    buckets.set(h.bucket, (buckets.get(h.bucket) ?? 0) + h.n);
  }
  // PERCENTILE_CONT reads two adjacent ranks per percentile; when one bucket holds both, one read fetches both.
  type Read = { key: string; firstRank: number; count: number; bucket: number; offset: number; from: Date; to: Date };
  const reads: Read[] = [];
  const totals = new Map<string, number>();
  for (const s of segments) {
    const buckets = [...(byKey.get(s.key) ?? new Map<number, number>())].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
    const total = buckets.reduce((sum, [, n]) => sum + n, 0);
    totals.set(s.key, total);
    if (total === 0) continue;
    const locate = (rank: number) => {
      let before = 0;
      for (const [bucket, n] of buckets) {
        if (rank < before + n) return { bucket, offset: rank - before };
        before += n;
      }
      throw new Error(`rank ${rank} beyond ${total} lead times`);
    };
    for (const p of PERCENTILES) {
      const lo = Math.floor(p * (total - 1));
      const hi = Math.ceil(p * (total - 1));
      const a = locate(lo);
      const b = locate(hi);
      if (a.bucket === b.bucket) reads.push({ key: s.key, firstRank: lo, count: hi - lo + 1, ...a, from: s.from, to: s.to });
      else reads.push({ key: s.key, firstRank: lo, count: 1, ...a, from: s.from, to: s.to }, { key: s.key, firstRank: hi, count: 1, ...b, from: s.from, to: s.to });
    }
  }
  const values = new Map<string, number>();
  if (reads.length) {
    const rows = await read<{ i: number; v: number[] }>(
      unionAll(
        reads.map(
          (r, i) => sql`
            select ${i}::int as i, array_agg(v order by v) as v from (
              select lead_seconds as v from dora_lead_times
              where environment = ${environment} and bucket = ${r.bucket} and deployed_at >= ${instant(r.from)} and deployed_at < ${instant(r.to)}
              order by lead_seconds offset ${r.offset} limit ${r.count}
            ) x`,
        ),
      ),
    );
    for (const row of rows) row.v.forEach((v, j) => values.set(`${reads[row.i].key}\n${reads[row.i].firstRank + j}`, v));
  }

  const out = new Map<string, LeadStats>();
  for (const s of segments) {
    const total = totals.get(s.key) ?? 0;
    if (total === 0) {
      out.set(s.key, empty);
      continue;
    }
    // PostgreSQL's own interpolation (percentile_cont_float8_lerp), so the figures agree to the last bit.
    const [median, p90] = PERCENTILES.map((p) => {
      const pos = p * (total - 1);
      const lo = Math.floor(pos);
      const first = values.get(`${s.key}\n${lo}`)!;
      const second = values.get(`${s.key}\n${Math.ceil(pos)}`)!;
      return first + (pos - lo) * (second - first);
    });
    out.set(s.key, { pairs: total, medianHours: median / HOUR, p90Hours: p90 / HOUR });
  }
  return out;
}
