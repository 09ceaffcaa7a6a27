import "server-only";
import { aliasedTable, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { requests, teams, users } from "@/db/schema";
import type { RequestStatus } from "@/lib/requests/state-machine";
import type { ProvisionedRequest } from "./backends/types";

const requester = aliasedTable(users, "requester");
const decider = aliasedTable(users, "decider");

/** A request as the worker and backends see it (no actor: the worker acts for the system). */
export async function loadRequest(id: string) {
  const [row] = (await db
    .select({
      id: requests.id,
      kind: requests.kind,
      team: teams.name,
      environment: requests.environment,
      name: requests.name,
      parameters: requests.parameters,
      status: requests.status,
      outputs: requests.outputs,
      requestedBy: requester.email,
      approvedBy: decider.email,
    })
    .from(requests)
    .innerJoin(teams, eq(teams.id, requests.teamId))
    .innerJoin(requester, eq(requester.id, requests.requestedBy))
    .leftJoin(decider, eq(decider.id, requests.decidedBy))
    .where(eq(requests.id, id))) as unknown as (ProvisionedRequest & { status: RequestStatus; outputs: Record<string, unknown> })[];
  return row ?? null;
}

