import { db } from "@/db/client";
import type { ChangeEvent, DeploymentEvent, IncidentEvent } from "../schemas";
import { writeChanges, writeDeployments, writeIncidents } from "../store";

/** Events written straight through the store, as the API would after validation; ids are made up when not given. */
let n = 0;
const nextId = (prefix: string) => `${prefix}-${++n}-${Math.random().toString(36).slice(2, 8)}`;
const at = (iso: string) => new Date(iso);

export async function deploy(
  service: string,
  deployedAt: string,
  commitShas: string[] = [],
  more: Partial<Omit<DeploymentEvent, "deployedAt">> = {},
): Promise<string> {
  const event: DeploymentEvent = { id: nextId("dep"), service, environment: "production", status: "success", deployedAt: at(deployedAt), commitShas, ...more };
  await db.transaction((tx) => writeDeployments(tx, [event], "api"));
  return event.id;
}

export async function change(service: string, sha: string, committedAt: string, more: Partial<Omit<ChangeEvent, "committedAt">> = {}): Promise<string> {
  const [id] = await changes(service, [{ sha, committedAt, ...more }]);
  return id;
}

/** Several changes of one service in one batch. */
export async function changes(service: string, list: ({ sha: string; committedAt: string } & Partial<Omit<ChangeEvent, "committedAt">>)[]): Promise<string[]> {
  const events: ChangeEvent[] = list.map((c) => ({ id: nextId("chg"), service, ...c, committedAt: at(c.committedAt) }));
  await db.transaction((tx) => writeChanges(tx, events, "api"));
  return events.map((e) => e.id);
}

export async function incident(service: string, openedAt: string, resolvedAt: string | null, causeSha: string | null = null, id = nextId("inc")): Promise<string> {
  const event: IncidentEvent = { id, service, openedAt: at(openedAt), resolvedAt: resolvedAt ? at(resolvedAt) : null, causeSha };
  await db.transaction((tx) => writeIncidents(tx, [event], "api"));
  return id;
}

/** A fake but well-formed 40-character SHA. */
export function sha(label: string | number): string {
  return Buffer.from(String(label)).toString("hex").padEnd(40, "0").slice(0, 40);
}
