import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { recordIngestedEvents } from "@/lib/observability/metrics";
import type { EventKind } from "../schemas";
import { writeChanges, writeDeployments, writeIncidents, unshippedCommits, type Tx, type WriteResult } from "../store";
import { mapGithubEvent, type Repository } from "./mapping";

export const DEFAULT_INCIDENT_LABEL = "incident";

type Stored = { service: string; stored: "changes" | "deployment" | "incident"; result: WriteResult };
export type GithubIngestResult = { ignored: string } | Stored;

/** What a delivery stored, named as the events API names its kinds (the ingestion counter's label). */
const KIND_OF: Record<Stored["stored"], EventKind> = { changes: "changes", deployment: "deployments", incident: "incidents" };

/** The catalog Component whose `github.com/project-slug` annotation names the repository, else the service of the repository's name. */
async function serviceFor(tx: Tx, repository: Repository): Promise<string> {
  const rows = await tx.execute<{ name: string }>(sql`
    select name from catalog_entities
    where lower(kind) = 'component' and lower(metadata -> 'annotations' ->> 'github.com/project-slug') = ${repository.full_name.toLowerCase()}
    order by namespace <> 'default', namespace, name
    limit 1`);
  return rows[0]?.name ?? repository.name;
}

/** People write short SHAs in issues; one known commit of the service with that prefix is the one they mean. */
async function fullSha(tx: Tx, service: string, sha: string): Promise<string> {
  if (sha.length === 40) return sha;
  const rows = await tx.execute<{ sha: string }>(sql`
    select distinct sha from dora_changes where service = ${service} and sha like ${sha + "%"} limit 2`);
  return rows.length === 1 ? rows[0].sha : sha;
}

/** Stores what a verified GitHub webhook delivery means for DORA; events Runway does not read are ignored. */
export async function ingestGithubEvent(event: string, payload: unknown, incidentLabel = process.env.RUNWAY_GITHUB_INCIDENT_LABEL || DEFAULT_INCIDENT_LABEL): Promise<GithubIngestResult> {
  const mapped = mapGithubEvent(event, payload, { incidentLabel });
  if (mapped.kind === "ignored") return { ignored: mapped.reason };
  const stored = await db.transaction(async (tx): Promise<Stored> => {
    const service = await serviceFor(tx, mapped.repository);
    switch (mapped.kind) {
      case "changes":
        return { service, stored: "changes", result: await writeChanges(tx, mapped.changes.map((c) => ({ ...c, service })), "github", "merge") };
      case "deployment": {
        const d = { ...mapped.deployment, service };
        const commitShas = await unshippedCommits(tx, d);
        return { service, stored: "deployment", result: await writeDeployments(tx, [{ ...d, commitShas }], "github") };
      }
      case "incident": {
        const i = mapped.incident;
        const causeSha = i.causeSha && (await fullSha(tx, service, i.causeSha));
        return { service, stored: "incident", result: await writeIncidents(tx, [{ ...i, service, causeSha }], "github") };
      }
    }
  });
  recordIngestedEvents(KIND_OF[stored.stored], stored.result.received);
  return stored;
}
