import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import type { ChangeEvent, DeploymentEvent, IncidentEvent } from "../../lib/metrics/schemas";
import { writeChanges, writeDeployments, writeIncidents, type Tx } from "../../lib/metrics/store";
import { addDays, DAY_MS, startOfUtcDay } from "../../lib/metrics/window";
import { seededRandom } from "./random";

/*
 * A year of generated, labelled demo history for the demo organisation's
 * services, so the DORA dashboard means something on first start. Each
 * service has a profile; each day's events are a pure function of (service,
 * day), so re-running the seed rewrites the same events (ids are stable) and
 * only adds the days that passed since.
 */

type Range = readonly [min: number, max: number];
type Profile = {
  /** Chance of deploying on a weekday and on a weekend day, or a fixed number of days between deployment days. */
  cadence: { chance: readonly [weekday: number, weekend: number] } | { everyDays: number };
  deploysPerDay: Range;
  commitsPerDeploy: Range;
  leadHours: Range;
  /** Share of production deployments that cause an incident. */
  failureRate: number;
  restoreHours: Range;
};

export const DEMO_SERVICES: readonly { name: string; team: string; description: string; profile: Profile }[] = [
  {
    name: "payments-api",
    team: "payments",
    description: "Card and wallet payments (demo, an elite performer)",
    profile: { cadence: { chance: [0.97, 0.1] }, deploysPerDay: [2, 5], commitsPerDeploy: [1, 3], leadHours: [0.5, 10], failureRate: 0.03, restoreHours: [0.2, 0.9] },
  },
  {
    name: "checkout-web",
    team: "payments",
    description: "The checkout pages (demo, a high performer)",
    profile: { cadence: { chance: [0.5, 0] }, deploysPerDay: [1, 2], commitsPerDeploy: [2, 6], leadHours: [6, 96], failureRate: 0.08, restoreHours: [1, 12] },
  },
  {
    name: "search-api",
    team: "search",
    description: "Product search (demo, a medium performer)",
    profile: { cadence: { chance: [0.12, 0] }, deploysPerDay: [1, 1], commitsPerDeploy: [3, 10], leadHours: [72, 600], failureRate: 0.13, restoreHours: [24, 300] },
  },
  {
    name: "search-indexer",
    team: "search",
    description: "Builds the search index overnight (demo, a low performer)",
    profile: { cadence: { everyDays: 45 }, deploysPerDay: [1, 1], commitsPerDeploy: [5, 20], leadHours: [800, 2000], failureRate: 0.35, restoreHours: [200, 500] },
  },
  {
    name: "platform-gateway",
    team: "platform",
    description: "The API gateway in front of every service (demo, a high performer)",
    profile: { cadence: { chance: [0.6, 0] }, deploysPerDay: [1, 2], commitsPerDeploy: [1, 5], leadHours: [24, 100], failureRate: 0.07, restoreHours: [2, 20] },
  },
  {
    name: "build-runner",
    team: "platform",
    description: "CI build agents (demo)",
    profile: { cadence: { chance: [0.9, 0.05] }, deploysPerDay: [1, 3], commitsPerDeploy: [1, 4], leadHours: [2, 30], failureRate: 0.04, restoreHours: [0.5, 3] },
  },
];

/**
 * The demo services as Backstage catalog entities, owned by the demo teams'
 * Groups: what the demo seed (db/seed/demo.ts) imports so that the demo teams own them.
 */
export const DEMO_CATALOG_YAML = DEMO_SERVICES.map(
  (s) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${s.name}
  description: ${s.description}
  tags: [demo]
  labels:
    runway.dev/demo: "true"
  annotations:
    github.com/project-slug: runway-demo/${s.name}
spec:
  type: service
  lifecycle: production
  owner: group:default/${s.team}
`,
).join("---\n");

const HISTORY_DAYS = 365;
/** Regenerated on every run, so incidents still open at the last run are resolved once their time has come. */
const REWRITE_DAYS = 30;
const BATCH = 5000;

const between = (r: () => number, [min, max]: Range) => min + Math.floor(r() * (max - min + 1));
/** Log-uniform: durations spread over orders of magnitude, as lead and restore times do. */
const spread = (r: () => number, [min, max]: Range) => min * (max / min) ** r();
const demoSha = (key: string) => crypto.createHash("sha1").update(`runway-demo:${key}`).digest("hex");

type DayEvents = { changes: ChangeEvent[]; deployments: DeploymentEvent[]; incidents: IncidentEvent[] };

/** One service's events of one UTC day, as far as they have happened by `now`. */
function demoDay(service: (typeof DEMO_SERVICES)[number], day: Date, now: Date): DayEvents {
  const p = service.profile;
  const key = `${service.name}:${day.toISOString().slice(0, 10)}`;
  const r = seededRandom(key);
  const out: DayEvents = { changes: [], deployments: [], incidents: [] };
  const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
  const deploys = "everyDays" in p.cadence ? Math.round(day.getTime() / DAY_MS) % p.cadence.everyDays === 0 : r() < p.cadence.chance[weekend ? 1 : 0];
  if (!deploys) return out;
  const count = between(r, p.deploysPerDay);
  const times = Array.from({ length: count }, () => day.getTime() + (8 + r() * 10) * 3_600_000).sort((a, b) => a - b);
  times.forEach((deployedAt, i) => {
    const id = `demo:${key}:${i}`;
    const shas = Array.from({ length: between(r, p.commitsPerDeploy) }, (_, c) => demoSha(`${id}:${c}`));
    for (const sha of shas) {
      const committedAt = new Date(deployedAt - spread(r, p.leadHours) * 3_600_000);
      out.changes.push({ id: `demo:${service.name}@${sha}`, service: service.name, sha, committedAt });
    }
    const base = { service: service.name, commitShas: shas };
    out.deployments.push({ ...base, id: `${id}:staging`, environment: "staging", status: "success", deployedAt: new Date(deployedAt - 40 * 60_000) });
    if (r() < 0.05) out.deployments.push({ ...base, id: `${id}:retried`, environment: "production", status: "failure", deployedAt: new Date(deployedAt - 20 * 60_000) });
    out.deployments.push({ ...base, id, environment: "production", status: "success", deployedAt: new Date(deployedAt) });
    if (r() < p.failureRate) {
      const openedAt = new Date(deployedAt + (15 + r() * 165) * 60_000);
      const resolvedAt = new Date(openedAt.getTime() + spread(r, p.restoreHours) * 3_600_000);
      const cause = shas[Math.floor(r() * shas.length)];
      out.incidents.push({ id: `${id}:incident`, service: service.name, openedAt, resolvedAt: resolvedAt <= now ? resolvedAt : null, causeSha: cause });
    }
  });
  return {
    changes: out.changes.filter((c) => c.committedAt <= now),
    deployments: out.deployments.filter((d) => d.deployedAt <= now),
    incidents: out.incidents.filter((i) => i.openedAt <= now),
  };
}

async function inBatches<T>(items: T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH) await write(items.slice(i, i + BATCH));
}

/** Idempotent: the first run writes a year of history, later runs the days since (and the last few again). */
export async function seedDemoMetrics(db: Tx, now = new Date()): Promise<void> {
  const [{ last }] = await db.execute<{ last: number | null }>(sql`select extract(epoch from max(deployed_at))::float8 * 1000 as last from dora_deployments where source = 'demo'`);
  const firstDay = addDays(startOfUtcDay(now), -HISTORY_DAYS);
  const from = last === null ? firstDay : new Date(Math.max(firstDay.getTime(), startOfUtcDay(new Date(last)).getTime() - REWRITE_DAYS * DAY_MS));
  const all: DayEvents = { changes: [], deployments: [], incidents: [] };
  for (let day = from; day <= now; day = addDays(day, 1)) {
    for (const service of DEMO_SERVICES) {
      const events = demoDay(service, day, now);
      all.changes.push(...events.changes);
      all.deployments.push(...events.deployments);
      all.incidents.push(...events.incidents);
    }
  }
  await db.transaction(async (tx) => {
    // Changes first: a deployment's lead times are computed when it is written.
    await inBatches(all.changes, (b) => writeChanges(tx, b, "demo"));
    await inBatches(all.deployments, (b) => writeDeployments(tx, b, "demo"));
    await inBatches(all.incidents, (b) => writeIncidents(tx, b, "demo"));
  });
}
