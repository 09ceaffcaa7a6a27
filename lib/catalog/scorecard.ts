import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { assertCan, type Actor } from "@/lib/auth/actor";

type Check = { id: string; label: string; hint: string; kinds: string[] | "all"; passes: SQL };

const annotations = sql.raw("coalesce(e.metadata->'annotations', '{}'::jsonb)");
const links = sql.raw("case when jsonb_typeof(e.metadata->'links') = 'array' then e.metadata->'links' else '[]'::jsonb end");

/**
 * What Cortex and Port call a scorecard: checks a well-described entity
 * passes. Each is a SQL condition over the entity (alias `e`), so one entity's
 * card and a team's rollup over thousands of entities read the same rules.
 */
export const CHECKS: Check[] = [
  {
    id: "owner",
    label: "Has an owner that exists",
    hint: "Set spec.owner to a Group or User that is in the catalog.",
    kinds: ["Component", "API", "Resource", "System", "Domain", "Template"],
    passes: sql`(e.owner_ref is not null and exists (select 1 from catalog_entities o where o.ref = e.owner_ref))`,
  },
  { id: "description", label: "Has a description", hint: "Add metadata.description.", kinds: "all", passes: sql`(coalesce(btrim(e.description), '') <> '')` },
  { id: "lifecycle", label: "Has a lifecycle", hint: "Set spec.lifecycle (experimental, production, deprecated).", kinds: ["Component", "API"], passes: sql`(e.lifecycle is not null)` },
  {
    id: "source",
    label: "Has a source location",
    hint: "Register it from its repository, or add the backstage.io/source-location annotation.",
    kinds: ["Component", "API", "Resource", "System", "Domain"],
    passes: sql`jsonb_exists(${annotations}, 'backstage.io/source-location')`,
  },
  {
    id: "docs",
    label: "Has a documentation link",
    hint: "Add a link titled or typed as docs, or the backstage.io/techdocs-ref annotation.",
    kinds: ["Component", "API", "System", "Domain"],
    passes: sql`(jsonb_exists(${annotations}, 'backstage.io/techdocs-ref') or exists (
      select 1 from jsonb_array_elements(${links}) l
      where coalesce(l->>'type', '') ilike 'doc%' or coalesce(l->>'icon', '') ilike 'doc%' or coalesce(l->>'title', '') ~* '(^|\\W)doc'))`,
  },
  {
    id: "apis",
    label: "APIs are documented",
    hint: "Every API it provides is in the catalog with a definition.",
    kinds: ["Component", "API"],
    passes: sql`(case when e.kind = 'API' then jsonb_exists(e.spec, 'definition') else not exists (
      select 1 from catalog_relations r left join catalog_entities a on a.ref = r.target_ref
      where r.source_id = e.id and r.type = 'providesApi' and (a.id is null or not jsonb_exists(a.spec, 'definition'))) end)`,
  },
];

/** Each check as a column: true, false, or null where it does not apply to the entity's kind. */
const checkColumns = sql.join(
  CHECKS.map((c) =>
    c.kinds === "all"
      ? sql`${c.passes} as ${sql.identifier(`c_${c.id}`)}`
      : sql`case when e.kind in (${sql.join(c.kinds.map((k) => sql`${k}`), sql`, `)}) then ${c.passes} end as ${sql.identifier(`c_${c.id}`)}`,
  ),
  sql`, `,
);

const scoreOf = sql.raw(
  `round(100.0 * (${CHECKS.map((c) => `coalesce(c_${c.id}::int, 0)`).join(" + ")}) / nullif(${CHECKS.map((c) => `(c_${c.id} is not null)::int`).join(" + ")}, 0))::int`,
);

export type CheckResult = { id: string; label: string; hint: string; passed: boolean };
export type Scorecard = { score: number | null; checks: CheckResult[] };

export async function entityScorecard(actor: Actor, entityId: string): Promise<Scorecard> {
  assertCan(actor, "catalog:read");
  const [row] = await db.execute<Record<string, boolean | null>>(sql`select ${checkColumns} from catalog_entities e where e.id = ${entityId}::uuid`);
  const checks = CHECKS.filter((c) => row && row[`c_${c.id}`] !== null).map((c) => ({ id: c.id, label: c.label, hint: c.hint, passed: row[`c_${c.id}`] === true }));
  return { score: checks.length ? Math.round((100 * checks.filter((c) => c.passed).length) / checks.length) : null, checks };
}

export type TeamRollup = {
  entities: number;
  averageScore: number | null;
  failures: { id: string; label: string; count: number }[];
  lowest: { kind: string; namespace: string; name: string; title: string | null; score: number }[];
};

/** A team's scorecard: every entity it owns directly, their average score, what fails most, and the weakest. */
export async function teamRollup(actor: Actor, groupKey: string): Promise<TeamRollup> {
  assertCan(actor, "catalog:read");
  const scored = sql`scored as (select e.kind, e.namespace, e.name, e.title, ${checkColumns} from catalog_entities e where e.owner_ref = ${groupKey})`;
  const failures = sql.join(CHECKS.map((c) => sql`count(*) filter (where ${sql.identifier(`c_${c.id}`)} = false)::int as ${sql.identifier(`f_${c.id}`)}`), sql`, `);
  const [[totals], lowest] = await Promise.all([
    db.execute<Record<string, number | null>>(sql`with ${scored} select count(*)::int as entities, round(avg(${scoreOf}))::int as average, ${failures} from scored`),
    db.execute<{ kind: string; namespace: string; name: string; title: string | null; score: number }>(
      sql`with ${scored} select kind, namespace, name, title, ${scoreOf} as score from scored where ${scoreOf} is not null order by score, name limit 10`,
    ),
  ]);
  return {
    entities: totals.entities ?? 0,
    averageScore: totals.average ?? null,
    failures: CHECKS.map((c) => ({ id: c.id, label: c.label, count: totals[`f_${c.id}`] ?? 0 })).filter((f) => f.count > 0).sort((a, b) => b.count - a.count),
    lowest: [...lowest].filter((l) => l.score < 100),
  };
}
