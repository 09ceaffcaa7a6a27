import { sql, type SQL } from "drizzle-orm";
import type { PgDatabase } from "drizzle-orm/pg-core";
import type { PostgresJsQueryResultHKT } from "drizzle-orm/postgres-js";
import { leadBucketSql } from "./lead-buckets";
import type { ChangeEvent, DeploymentEvent, IncidentEvent } from "./schemas";

/*
 * The write path of DORA events and of everything derived from them. No
 * "server-only" here: the demo seed runs it from plain Node at start-up. Every
 * function expects to run inside the caller's transaction.
 */

/** A transaction or the database, whatever schema its handle was made with (the start-up seed's has none). */
export type Tx = PgDatabase<PostgresJsQueryResultHKT, Record<string, unknown>>;
export type EventSource = "api" | "github" | "demo";
export type WriteResult = { received: number; created: number; updated: number };
type CommitKey = { service: string; sha: string };

const json = (value: unknown): SQL => sql`${JSON.stringify(value)}::jsonb`;

/**
 * Every DORA write takes this one lock first: the derived lead times and the
 * organisation-wide rollup are read-modify-write, and two batches touching
 * the same commit or day must not interleave. Batches are short, so queueing
 * them costs little and cannot deadlock.
 */
async function lockDoraWrites(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7243917)`);
}

/** A batch may repeat an id; as with re-sending, the last one wins. */
function lastById<T extends { id: string }>(events: T[]): T[] {
  return [...new Map(events.map((e) => [e.id, e])).values()];
}

function keysOf(rows: CommitKey[]): CommitKey[] {
  const seen = new Map<string, CommitKey>();
  for (const r of rows) seen.set(`${r.service}\n${r.sha}`, { service: r.service, sha: r.sha });
  return [...seen.values()];
}

function counts(received: number, rows: { inserted: boolean }[]): WriteResult {
  const created = rows.filter((r) => r.inserted).length;
  return { received, created, updated: rows.length - created };
}

async function registerServices(tx: Tx, names: string[], source: EventSource): Promise<void> {
  await tx.execute(sql`
    insert into dora_services (name, is_demo)
    select distinct name, ${source === "demo"} from jsonb_array_elements_text(${json([...new Set(names)])}) as name
    order by name
    on conflict (name) do nothing`);
}

export async function writeDeployments(tx: Tx, events: DeploymentEvent[], source: EventSource): Promise<WriteResult> {
  const list = lastById(events);
  await lockDoraWrites(tx);
  const ids = json(list.map((e) => e.id));
  const rows = json(
    list.map((e) => ({ id: e.id, service: e.service, environment: e.environment, status: e.status, deployed_at: e.deployedAt, shas: e.commitShas })),
  );
  const shippedBefore = await tx.execute<CommitKey>(sql`
    select distinct service, sha from dora_deployment_commits
    where deployment_id in (select jsonb_array_elements_text(${ids}))`);
  const upserted = await tx.execute<{ inserted: boolean }>(sql`
    insert into dora_deployments (id, service, environment, status, deployed_at, commit_count, source)
    select x.id, x.service, x.environment, x.status::dora_deployment_status, x.deployed_at, jsonb_array_length(x.shas), ${source}::dora_event_source
    from jsonb_to_recordset(${rows}) as x(id text, service text, environment text, status text, deployed_at timestamptz, shas jsonb)
    on conflict (id) do update set
      service = excluded.service, environment = excluded.environment, status = excluded.status,
      deployed_at = excluded.deployed_at, commit_count = excluded.commit_count, source = excluded.source, updated_at = now()
    returning (xmax = 0) as inserted`);
  await tx.execute(sql`delete from dora_deployment_commits where deployment_id in (select jsonb_array_elements_text(${ids}))`);
  await tx.execute(sql`
    insert into dora_deployment_commits (deployment_id, service, sha)
    select x.id, x.service, sha
    from jsonb_to_recordset(${rows}) as x(id text, service text, shas jsonb), jsonb_array_elements_text(x.shas) as sha`);
  const shipped = list.flatMap((e) => e.commitShas.map((sha) => ({ service: e.service, sha })));
  await recomputeLeadTimes(tx, keysOf([...shippedBefore, ...shipped]));
  await refreshCausedIncident(tx, sql`select jsonb_array_elements_text(${ids})`);
  await registerServices(tx, list.map((e) => e.service), source);
  return counts(events.length, upserted);
}

/**
 * `replace`: the event is the truth (the events API). `merge`: GitHub sends the
 * same commit from a push and from a merged pull request, each knowing part of it.
 */
export async function writeChanges(tx: Tx, events: ChangeEvent[], source: EventSource, mode: "replace" | "merge" = "replace"): Promise<WriteResult> {
  const list = lastById(events);
  await lockDoraWrites(tx);
  const rows = json(list.map((e) => ({ id: e.id, service: e.service, sha: e.sha, committed_at: e.committedAt, merged_at: e.mergedAt ?? null })));
  const before = await tx.execute<CommitKey>(sql`
    select service, sha from dora_changes where id in (select jsonb_array_elements_text(${json(list.map((e) => e.id))}))`);
  const onConflict =
    mode === "replace"
      ? sql`committed_at = excluded.committed_at, merged_at = excluded.merged_at`
      : sql`committed_at = least(dora_changes.committed_at, excluded.committed_at), merged_at = coalesce(excluded.merged_at, dora_changes.merged_at)`;
  const upserted = await tx.execute<{ inserted: boolean }>(sql`
    insert into dora_changes (id, service, sha, committed_at, merged_at, source)
    select x.id, x.service, x.sha, x.committed_at, x.merged_at, ${source}::dora_event_source
    from jsonb_to_recordset(${rows}) as x(id text, service text, sha text, committed_at timestamptz, merged_at timestamptz)
    on conflict (id) do update set service = excluded.service, sha = excluded.sha, ${onConflict}, source = excluded.source, updated_at = now()
    returning (xmax = 0) as inserted`);
  await recomputeLeadTimes(tx, keysOf([...before, ...list]));
  await registerServices(tx, list.map((e) => e.service), source);
  return counts(events.length, upserted);
}

export async function writeIncidents(tx: Tx, events: IncidentEvent[], source: EventSource): Promise<WriteResult> {
  const list = lastById(events);
  await lockDoraWrites(tx);
  const rows = json(
    list.map((e) => ({ id: e.id, service: e.service, opened_at: e.openedAt, resolved_at: e.resolvedAt ?? null, cause_sha: e.causeSha ?? null })),
  );
  const causedBefore = await tx.execute<CommitKey>(sql`
    select service, cause_sha as sha from dora_incidents
    where cause_sha is not null and id in (select jsonb_array_elements_text(${json(list.map((e) => e.id))}))`);
  const upserted = await tx.execute<{ inserted: boolean }>(sql`
    insert into dora_incidents (id, service, opened_at, resolved_at, cause_sha, source)
    select x.id, x.service, x.opened_at, x.resolved_at, x.cause_sha, ${source}::dora_event_source
    from jsonb_to_recordset(${rows}) as x(id text, service text, opened_at timestamptz, resolved_at timestamptz, cause_sha text)
    on conflict (id) do update set
      service = excluded.service, opened_at = excluded.opened_at, resolved_at = excluded.resolved_at,
      cause_sha = excluded.cause_sha, source = excluded.source, updated_at = now()
    returning (xmax = 0) as inserted`);
  const causes = keysOf([...causedBefore, ...list.flatMap((e) => (e.causeSha ? [{ service: e.service, sha: e.causeSha }] : []))]);
  if (causes.length) {
    await refreshCausedIncident(
      tx,
      sql`select dc.deployment_id from jsonb_to_recordset(${json(causes)}) as k(service text, sha text)
          join dora_deployment_commits dc on dc.service = k.service and dc.sha = k.sha`,
    );
  }
  await registerServices(tx, list.map((e) => e.service), source);
  return counts(events.length, upserted);
}

/** A deployment caused an incident when an incident of its service names one of its commits as the cause. */
async function refreshCausedIncident(tx: Tx, deploymentIds: SQL): Promise<void> {
  await tx.execute(sql`
    update dora_deployments d set caused_incident = x.caused
    from (
      select dep.id, exists (
        select 1 from dora_deployment_commits dc
        join dora_incidents i on i.service = dc.service and i.cause_sha = dc.sha
        where dc.deployment_id = dep.id
      ) as caused
      from dora_deployments dep where dep.id in (${deploymentIds})
    ) x
    where d.id = x.id and d.caused_incident <> x.caused`);
}

/**
 * Rebuilds the lead-time rows of these commits: per environment, the commit's
 * first successful deployment there (the earliest; ties by id) minus its
 * commit time. A commit sent by several change events takes the earliest
 * commit time. Pairs of zero or less (a deployment clock behind, an automated
 * push) are dropped, as Four Keys does. The organisation's daily rollup moves
 * by exactly the rows removed and added.
 */
async function recomputeLeadTimes(tx: Tx, keys: CommitKey[]): Promise<void> {
  if (keys.length === 0) return;
  const k = sql`(select distinct service, sha from jsonb_to_recordset(${json(keys)}) as k(service text, sha text))`;
  await tx.execute(sql`
    with removed as (
      delete from dora_lead_times l using ${k} k
      where l.service = k.service and l.sha = k.sha
      returning l.environment, l.deployed_at, l.bucket
    )
    insert into dora_lead_time_daily (environment, day, bucket, count)
    select environment, (deployed_at at time zone 'UTC')::date, bucket, -count(*) from removed
    group by 1, 2, 3 order by 1, 2, 3
    on conflict (environment, day, bucket) do update set count = dora_lead_time_daily.count + excluded.count`);
  await tx.execute(sql`
    with added as (
      insert into dora_lead_times (environment, service, sha, deployment_id, deployed_at, lead_seconds, bucket)
      ${leadTimeRows(k)}
      returning environment, deployed_at, bucket
    )
    insert into dora_lead_time_daily (environment, day, bucket, count)
    select environment, (deployed_at at time zone 'UTC')::date, bucket, count(*) from added
    group by 1, 2, 3 order by 1, 2, 3
    on conflict (environment, day, bucket) do update set count = dora_lead_time_daily.count + excluded.count`);
}

/**
 * The lead-time rows of the commits in `keys` (a relation of service, sha), or
 * of every commit when null. A batch's few thousand commits are looked up one
 * by one through the indexes; all commits at once are sorted and joined in bulk.
 */
function leadTimeRows(keys: SQL | null): SQL {
  const lead = sql`extract(epoch from f.deployed_at - c.committed_at)::float8`;
  const columns = sql`f.environment, f.service, f.sha, f.id, f.deployed_at, ${lead}, ${leadBucketSql(lead)}`;
  if (keys) {
    return sql`
      select ${columns}
      from ${keys} k
      cross join lateral (select min(committed_at) as committed_at from dora_changes c where c.service = k.service and c.sha = k.sha) c
      cross join lateral (
        select distinct on (d.environment) d.environment, k.service, k.sha, d.id, d.deployed_at
        from dora_deployment_commits dc join dora_deployments d on d.id = dc.deployment_id and d.status = 'success'
        where dc.service = k.service and dc.sha = k.sha
        order by d.environment, d.deployed_at, d.id
      ) f
      where f.deployed_at > c.committed_at`;
  }
  return sql`
    with f as (
      select distinct on (d.environment, dc.service, dc.sha) d.environment, dc.service, dc.sha, d.id, d.deployed_at
      from dora_deployment_commits dc join dora_deployments d on d.id = dc.deployment_id and d.status = 'success'
      order by d.environment, dc.service, dc.sha, d.deployed_at, d.id
    ),
    c as (select service, sha, min(committed_at) as committed_at from dora_changes group by 1, 2)
    select ${columns} from f join c on c.service = f.service and c.sha = f.sha
    where f.deployed_at > c.committed_at`;
}

/**
 * Recomputes everything derived from the stored events at once: after a bulk
 * load straight into the tables (the benchmark), or a change of the lead-time buckets.
 */
export async function rebuildDerived(tx: Tx): Promise<void> {
  await lockDoraWrites(tx);
  await tx.execute(sql`delete from dora_lead_times`);
  await tx.execute(sql`delete from dora_lead_time_daily`);
  await tx.execute(sql`insert into dora_lead_times (environment, service, sha, deployment_id, deployed_at, lead_seconds, bucket) ${leadTimeRows(null)}`);
  await tx.execute(sql`
    insert into dora_lead_time_daily (environment, day, bucket, count)
    select environment, (deployed_at at time zone 'UTC')::date, bucket, count(*) from dora_lead_times group by 1, 2, 3`);
  await tx.execute(sql`
    update dora_deployments d set caused_incident = x.caused
    from (
      select dep.id, dep.id in (
        select dc.deployment_id from dora_incidents i join dora_deployment_commits dc on dc.service = i.service and dc.sha = i.cause_sha
      ) as caused
      from dora_deployments dep
    ) x
    where d.id = x.id and d.caused_incident <> x.caused`);
}

/**
 * The commits a GitHub deployment of `sha` shipped: every change of the
 * service committed up to `sha` that no earlier successful deployment to the
 * same environment shipped, and `sha` itself. Must run after lockDoraWrites
 * (writeDeployments takes it; call this in the same transaction first).
 */
export async function unshippedCommits(tx: Tx, d: { id: string; service: string; environment: string; sha: string; deployedAt: Date }): Promise<string[]> {
  await lockDoraWrites(tx);
  const rows = await tx.execute<{ sha: string }>(sql`
    with head as (select min(committed_at) as at from dora_changes where service = ${d.service} and sha = ${d.sha})
    select distinct c.sha from dora_changes c, head
    where c.service = ${d.service} and c.committed_at <= head.at
      and not exists (
        select 1 from dora_deployment_commits dc join dora_deployments dep on dep.id = dc.deployment_id
        where dc.service = c.service and dc.sha = c.sha and dep.environment = ${d.environment}
          and dep.status = 'success' and dep.deployed_at < ${d.deployedAt.toISOString()}::timestamptz and dep.id <> ${d.id}
      )`);
  return [...new Set([d.sha, ...rows.map((r) => r.sha)])];
}
