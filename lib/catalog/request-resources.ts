import "server-only";
import { and, eq, gt, inArray, notExists, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { catalogEntities, requests, teams } from "@/db/schema";
import { log } from "@/lib/log";
import type { ProvisionedRequest } from "@/lib/provisioning/backends/types";
import { applyPlan, lockCatalog, planWrite, type Tx } from "./store";
import { isValidName } from "./rules";
import { validateEntity } from "./validate";

/** What the catalog needs of a request that became ready. */
export type ProvisionedRequestLike = Pick<ProvisionedRequest, "id" | "kind" | "team" | "environment" | "name" | "parameters">;

const RESOURCE_TYPE = { database: "database", namespace: "kubernetes-namespace", environment: "environment" } as const;
const SUFFIX = { database: "db", namespace: "ns", environment: "env" } as const;

/** A team's request names are unique per kind among live requests, so team, name and kind name the entity. */
export function requestResourceName(r: ProvisionedRequestLike): string {
  const name = `${r.team}-${r.name}-${SUFFIX[r.kind]}`;
  return isValidName(name) ? name : `${r.name}-${SUFFIX[r.kind]}-${r.id.slice(0, 8)}`;
}

export function requestResourceDocument(r: ProvisionedRequestLike) {
  const { services, service } = r.parameters;
  // An environment names the components deployed in it; a database or namespace may name the one it is for.
  const components = r.kind === "environment" ? (Array.isArray(services) ? (services as string[]) : []) : typeof service === "string" ? [service] : [];
  const databases =
    r.kind === "environment" && Array.isArray(r.parameters.databases) ? (r.parameters.databases as { name?: string }[]).map((d) => d.name).filter(Boolean) : [];
  return {
    apiVersion: "backstage.io/v1alpha1",
    kind: "Resource",
    metadata: {
      name: requestResourceName(r),
      title: `${r.name} (${r.environment} ${r.kind})`,
      description: `A ${r.environment} ${r.kind} provisioned by Runway for ${r.team}.`,
      annotations: { "runway.dev/request-id": r.id, "runway.dev/environment": r.environment },
      tags: ["runway", r.environment],
      links: [{ url: `/requests/${r.id}`, title: "Runway request", type: "runway-request" }],
    },
    spec: {
      type: RESOURCE_TYPE[r.kind],
      owner: `group:default/${r.team}`,
      ...(components.length ? { dependencyOf: components.map((s) => `component:default/${s}`) } : {}),
      ...(databases.length ? { databases } : {}),
    },
  };
}

/**
 * Puts a ready request in the catalog as a Resource owned by its team, linked
 * to the request, and a dependency of the components it was requested for.
 * Call inside the transaction that makes the request ready. An entity of the
 * same name from a location or another request is left alone and logged; an
 * imported one becomes the request's.
 */
export async function upsertRequestResource(tx: Tx, request: ProvisionedRequestLike): Promise<void> {
  await lockCatalog(tx);
  await writeRequestResource(tx, request);
}

/** The write of upsertRequestResource; the caller holds the catalog lock. */
async function writeRequestResource(tx: Tx, request: ProvisionedRequestLike): Promise<void> {
  const result = validateEntity(requestResourceDocument(request));
  if (!result.ok) {
    log("warn", "request resource not valid for the catalog", { requestId: request.id, problems: result.problems });
    return;
  }
  const writer = { source: "request", requestId: request.id } as const;
  const plan = await planWrite(tx, [{ entity: result.entity, file: `/requests/${request.id}`, document: 1 }], writer);
  for (const r of plan.refused) log("warn", "request resource not written", { requestId: request.id, reason: r.message });
  await applyPlan(tx, plan, writer);
}

/** Requests registered per transaction: the catalog's lock is held for a batch, not for the whole backfill. */
const BACKFILL_BATCH = 200;

/**
 * Registers every ready request that has no catalog entry yet: those that
 * became ready before provisioned resources were registered. Workers run it
 * when they start. An installation with tens of thousands of them takes
 * minutes, so it goes in batches, each in its own transaction: imports and
 * provisioning wait for one batch at most, a worker stopping (`stopped`)
 * leaves after the batch in hand, and what was registered stays registered.
 * Each batch's lookup runs under the catalog's lock, so workers starting
 * together register each request once; returns how many it found missing.
 */
export async function registerMissingRequestResources(opts: { stopped?: () => boolean; batch?: number } = {}): Promise<number> {
  const batch = opts.batch ?? BACKFILL_BATCH;
  let registered = 0;
  // A request the catalog refuses (a location already provides its name) stays missing: the cursor passes it.
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const found = await db.transaction(async (tx) => {
      await lockCatalog(tx);
      const missing = await tx
        .select({ id: requests.id, kind: requests.kind, team: teams.name, environment: requests.environment, name: requests.name, parameters: requests.parameters })
        .from(requests)
        .innerJoin(teams, eq(teams.id, requests.teamId))
        .where(
          and(
            eq(requests.status, "ready"),
            gt(requests.id, after),
            notExists(tx.select({ one: sql`1` }).from(catalogEntities).where(eq(catalogEntities.requestId, requests.id))),
          ),
        )
        .orderBy(requests.id)
        .limit(batch);
      for (const request of missing) await writeRequestResource(tx, request);
      return missing;
    });
    registered += found.length;
    if (found.length < batch || opts.stopped?.()) return registered;
    after = found.at(-1)!.id;
  }
}

/** Takes a decommissioned request's Resource out of the catalog; call in the transaction that decommissions it. */
export async function removeRequestResource(tx: Tx, requestId: string): Promise<void> {
  await lockCatalog(tx);
  await tx.delete(catalogEntities).where(eq(catalogEntities.requestId, requestId));
}

const SOURCE_LOCATION = "backstage.io/source-location";

/**
 * The ref of the Component a request's service names: in the default
 * namespace, compared case-insensitively as Backstage's names are.
 */
const componentRef = (name: string) => `component:default/${name.toLowerCase()}`;

/** The names (as given) that no catalog Component has: a request can name only services the catalog knows. */
export async function unknownComponents(names: string[]): Promise<string[]> {
  if (!names.length) return [];
  const rows = await db
    .select({ ref: catalogEntities.ref })
    .from(catalogEntities)
    .where(inArray(catalogEntities.ref, [...new Set(names.map(componentRef))]));
  const known = new Set(rows.map((r) => r.ref));
  return names.filter((n) => !known.has(componentRef(n)));
}

/**
 * The source-location annotation of each named Component that has one: where
 * the provisioner points Argo CD for the services an environment deploys. The
 * map is keyed in lower case.
 */
export async function componentSourceLocations(names: string[]): Promise<Map<string, string>> {
  if (!names.length) return new Map();
  const rows = await db
    .select({ name: catalogEntities.name, location: sql<string | null>`${catalogEntities.metadata}->'annotations'->>${SOURCE_LOCATION}` })
    .from(catalogEntities)
    .where(inArray(catalogEntities.ref, [...new Set(names.map(componentRef))]));
  return new Map(rows.filter((r): r is { name: string; location: string } => Boolean(r.location)).map((r) => [r.name.toLowerCase(), r.location]));
}
