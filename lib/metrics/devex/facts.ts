import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import type { Tx } from "../store";

/** Serialises catch-ups of one summary: two dashboards opened at once do the work once. */
const LOCK = 7_243_917;

/** A summary kept from an append-only log with a bigserial id; `apply` returns how many summary rows it wrote. */
type Follower = { id: number; log: SQL; summary: SQL; apply: (tx: Tx, after: number) => Promise<number> };

type State = { safeEventId: number; seenEventId: number; seenXmax: number };

/**
 * After this many rows at once (the first catch-up of an installation with
 * history), the summary is vacuumed and analysed straight away: the dashboard
 * reads it by index-only scans, which visit the table for every row until the
 * visibility map is set, and the planner needs its size. Autovacuum would get
 * there later, or never where it is switched off.
 */
const VACUUM_AFTER = 10_000;

/**
 * Brings a summary up to date with its log, re-reading only what may be new.
 *
 * A log row's id is taken when it is inserted, not when it commits, so a row
 * below the highest id read may still have been uncommitted then. Each
 * catch-up therefore notes the highest id it saw and the transactions that
 * could still have been writing below it (the snapshot's xmax). Once all of
 * those have ended, the next catch-up reads everything above the previous safe
 * point once more and moves the safe point up to that id. With no transaction
 * in flight at all, everything seen is safe at once.
 */
async function catchUp(f: Follower): Promise<void> {
  const read = async (tx: Tx) => {
    const [snap] = await tx.execute<{ xmin: string; xmax: string; inFlight: number; top: string }>(sql`
      select pg_snapshot_xmin(pg_current_snapshot())::text as xmin, pg_snapshot_xmax(pg_current_snapshot())::text as xmax,
        (select count(*) from pg_snapshot_xip(pg_current_snapshot()))::int as "inFlight",
        (select coalesce(max(id), 0) from ${f.log})::text as top`);
    const [state] = await tx.execute<State>(sql`
      select safe_event_id as "safeEventId", seen_event_id as "seenEventId", seen_xmax as "seenXmax" from devex_facts_state where id = ${f.id}`);
    return { snap, state: state as State | undefined, top: Number(snap.top) };
  };
  const first = await read(db);
  if (first.state && first.top === Number(first.state.seenEventId) && Number(first.state.safeEventId) === first.top) return;

  const written = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK}, ${f.id})`);
    const { snap, state, top } = await read(tx);
    const from = Number(state?.safeEventId ?? 0);
    const settled = state !== undefined && Number(snap.xmin) >= Number(state.seenXmax);
    const written = top > from ? await f.apply(tx, from) : 0;
    const safe = snap.inFlight === 0 ? top : settled ? Number(state.seenEventId) : from;
    if (state && safe === Number(state.safeEventId) && top === Number(state.seenEventId) && Number(snap.xmax) === Number(state.seenXmax)) return written;
    await tx.execute(sql`
      insert into devex_facts_state (id, safe_event_id, seen_event_id, seen_xmax, refreshed_at)
      values (${f.id}, ${safe}, ${top}, ${Number(snap.xmax)}, now())
      on conflict (id) do update set safe_event_id = excluded.safe_event_id, seen_event_id = excluded.seen_event_id,
        seen_xmax = excluded.seen_xmax, refreshed_at = excluded.refreshed_at`);
    return written;
  });
  // VACUUM cannot run in a transaction: after the commit, outside the lock.
  if (written >= VACUUM_AFTER) await db.execute(sql`vacuum (analyze) ${f.summary}`);
}

/**
 * The facts of every request with an event above `after`, from all its events.
 * A person acting is an event with an actor that changes the status after
 * submission (an approval, a retry); the worker and the policy act as no one.
 */
const requestFacts: Follower = {
  id: 1,
  log: sql`request_events`,
  summary: sql`devex_request_facts`,
  async apply(tx, after) {
    const rows = await tx.execute(sql`
      insert into devex_request_facts (request_id, team_id, kind, created_at, outcome, self_served, ready_seconds, approval_seconds, provisioning_runs, failed_runs)
      select r.id, r.team_id, r.kind, r.created_at,
        case
          when x.ready_at is not null then 'delivered'
          when r.status = 'pending_approval' then 'waiting'
          when r.status in ('rejected', 'cancelled', 'failed') then r.status::text
          else 'in_progress'
        end,
        x.ready_at is not null and (x.human_at is null or x.human_at > x.ready_at),
        extract(epoch from x.ready_at - r.created_at)::float8,
        extract(epoch from x.decided_at - x.pending_at)::float8,
        x.runs, x.failed_runs
      from requests r
      join (
        select e.request_id,
          min(e.at) filter (where e.to_status = 'ready') as ready_at,
          min(e.at) filter (where e.to_status = 'pending_approval') as pending_at,
          min(e.at) filter (where e.from_status = 'pending_approval') as decided_at,
          min(e.at) filter (where e.actor_id is not null and e.from_status is not null) as human_at,
          count(*) filter (where e.from_status = 'provisioning' and e.to_status in ('ready', 'failed'))::smallint as runs,
          count(*) filter (where e.from_status = 'provisioning' and e.to_status = 'failed')::smallint as failed_runs
        from request_events e
        where e.request_id in (select request_id from request_events where id > ${after})
        group by e.request_id
      ) x on x.request_id = r.id
      on conflict (request_id) do update set
        team_id = excluded.team_id, kind = excluded.kind, created_at = excluded.created_at, outcome = excluded.outcome,
        self_served = excluded.self_served, ready_seconds = excluded.ready_seconds, approval_seconds = excluded.approval_seconds,
        provisioning_runs = excluded.provisioning_runs, failed_runs = excluded.failed_runs`);
    return rows.count;
  },
};

/** Anyone the audit log records as acting (signing in, requesting, approving…) was active that ISO week. */
const activeWeeks: Follower = {
  id: 2,
  log: sql`audit_log`,
  summary: sql`devex_active_weeks`,
  async apply(tx, after) {
    const rows = await tx.execute(sql`
      insert into devex_active_weeks (user_id, week)
      select distinct a.actor_id, date_trunc('week', a.at at time zone 'UTC')::date
      from audit_log a join users u on u.id = a.actor_id
      where a.id > ${after}
      on conflict do nothing`);
    return rows.count;
  },
};

/** The platform figures' summaries, up to date with the portal's requests and audit log. */
export async function refreshPlatformSummaries(): Promise<void> {
  await Promise.all([catchUp(requestFacts), catchUp(activeWeeks)]);
}
