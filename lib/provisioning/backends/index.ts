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
