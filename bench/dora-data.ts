import type postgres from "postgres";

/** The benchmark's organisation: 25 teams of 20 services, two years of history. */
export const SCALE = { services: 500, teams: 25, deployments: 1_000_000, commitsPerDeployment: 5, incidents: 50_000, days: 730 };

const service = (n: string) => `'svc-' || lpad((${n})::text, 3, '0')`;
const team = (n: string) => `'team-' || lpad((${n})::text, 2, '0')`;

/**
 * Writes the dataset straight into the tables with generate_series (the
 * events API would take an hour for five million changes); the derived
 * tables are then rebuilt by the application's own code (rebuildDerived).
 * Lead times are log-uniform from 6 minutes to 3 weeks, restore times from
 * 12 minutes to 8 days; one deployment in twenty fails, and four incidents
 * in five name the commit that caused them.
 */
export async function generate(sql: postgres.Sql, log: (step: string, ms: number) => void): Promise<void> {
  const perService = SCALE.services / SCALE.teams;
  const steps: [string, string][] = [
    [
      "teams and catalog Components",
      `insert into teams (name, display_name, description)
       select ${team("t")}, 'Bench team ' || t, 'Benchmark data' from generate_series(0, ${SCALE.teams - 1}) t on conflict (name) do nothing;
       insert into catalog_entities (ref, api_version, kind, namespace, name, owner_ref, metadata, spec, hash, source)
       select 'component:default/' || ${service("s")}, 'backstage.io/v1alpha1', 'Component', 'default', ${service("s")}, 'group:default/' || ${team(`s / ${perService}`)},
         jsonb_build_object('name', ${service("s")}), jsonb_build_object('type', 'service', 'lifecycle', 'production', 'owner', ${team(`s / ${perService}`)}), 'bench', 'import'
       from generate_series(0, ${SCALE.services - 1}) s;
       insert into dora_services (name) select ${service("s")} from generate_series(0, ${SCALE.services - 1}) s;`,
    ],
    [
      `${SCALE.deployments.toLocaleString("en")} deployments`,
      `insert into dora_deployments (id, service, environment, status, deployed_at, commit_count, source)
       select 'bd-' || i, ${service(`i % ${SCALE.services}`)}, 'production',
         (case when random() < 0.05 then 'failure' else 'success' end)::dora_deployment_status,
         now() - interval '${SCALE.days} days' * (1 - i::float8 / ${SCALE.deployments}) - interval '1 hour' * random(), ${SCALE.commitsPerDeployment}, 'api'
       from generate_series(1, ${SCALE.deployments}) i;`,
    ],
    [
      `${(SCALE.deployments * SCALE.commitsPerDeployment).toLocaleString("en")} shipped commits`,
      `insert into dora_deployment_commits (deployment_id, service, sha)
       select 'bd-' || i, ${service(`i % ${SCALE.services}`)}, md5(i || '-' || c)
       from generate_series(1, ${SCALE.deployments}) i, generate_series(0, ${SCALE.commitsPerDeployment - 1}) c;`,
    ],
    [
      `${(SCALE.deployments * SCALE.commitsPerDeployment).toLocaleString("en")} changes`,
      `insert into dora_changes (id, service, sha, committed_at, source)
       select 'bc-' || substr(d.id, 4) || '-' || c, d.service, md5(substr(d.id, 4) || '-' || c),
         d.deployed_at - interval '1 hour' * exp(ln(0.1) + random() * ln(5040)), 'api'
       from dora_deployments d, generate_series(0, ${SCALE.commitsPerDeployment - 1}) c;`,
    ],
    [
      `${SCALE.incidents.toLocaleString("en")} incidents`,
      `insert into dora_incidents (id, service, opened_at, resolved_at, cause_sha, source)
       select 'bi-' || i, d.service, d.deployed_at + interval '30 minutes',
         case when d.deployed_at > now() - interval '2 days' then null else d.deployed_at + interval '30 minutes' + interval '1 hour' * exp(ln(0.2) + random() * ln(1000)) end,
         case when i % 5 = 0 then null else md5(substr(d.id, 4) || '-0') end, 'api'
       from generate_series(1, ${SCALE.incidents}) i
       join dora_deployments d on d.id = 'bd-' || (i * ${SCALE.deployments / SCALE.incidents});`,
    ],
  ];
  for (const [label, statement] of steps) {
    const started = performance.now();
    await sql.unsafe(statement);
    log(label, performance.now() - started);
  }
}
