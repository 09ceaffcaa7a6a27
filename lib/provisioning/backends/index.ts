import type { ProvisionedRequest, Backend } from "./types";
import { environmentBackend } from "./environment";
import { gitopsBackend } from "./gitops";
import { mysqlBackend } from "./mysql";
import { postgresBackend } from "./postgres";
import { webhookBackend, webhookKinds } from "./webhook";

export const backends: Backend[] = [postgresBackend, mysqlBackend, gitopsBackend, environmentBackend, webhookBackend];

export function backendFor(request: Pick<ProvisionedRequest, "kind" | "parameters">): Backend | null {
  const byId = (id: Backend["id"]) => backends.find((b) => b.id === id) ?? null;
  // Kinds routed to an external automation go there whatever the built-in backends could do.
  if (webhookBackend.configured() && webhookKinds().includes(request.kind)) return webhookBackend;
  if (request.kind === "database") return byId(request.parameters.engine === "mysql" ? "mysql" : "postgres");
  if (request.kind === "namespace") return byId("gitops");
  return byId("environment");
}

/**
 * Why this installation cannot provision a submitted request, as field errors
 * (e.g. a MySQL database with no MySQL server configured), or null. Refusing
 * at submission beats a request that can only fail later.
 */
export function missingBackends(request: Pick<ProvisionedRequest, "kind" | "parameters">): Record<string, string> | null {
  const missing: Record<string, string> = {};
  const check = (field: string, parameters: Record<string, unknown>) => {
    const backend = backendFor({ kind: "database", parameters });
    if (backend && !backend.configured()) missing[field] = `no ${backend.title} backend is configured here (${backend.settings[0]}); ask your platform team`;
  };
  if (webhookBackend.configured() && webhookKinds().includes(request.kind)) return null;
  if (request.kind === "database") check("parameters.engine", request.parameters);
  if (request.kind === "environment") {
    ((request.parameters.databases as Record<string, unknown>[] | undefined) ?? []).forEach((d, i) => check(`parameters.databases.${i}.engine`, d));
  }
  return Object.keys(missing).length ? missing : null;
}
