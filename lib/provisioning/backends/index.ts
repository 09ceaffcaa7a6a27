import type { ProvisionedRequest, Backend } from "./types";
import { mysqlBackend } from "./mysql";
import { postgresBackend } from "./postgres";

export const backends: Backend[] = [postgresBackend, mysqlBackend];

export function backendFor(request: Pick<ProvisionedRequest, "kind" | "parameters">): Backend | null {
  const byId = (id: Backend["id"]) => backends.find((b) => b.id === id) ?? null;
  if (request.kind === "database") return byId(request.parameters.engine === "mysql" ? "mysql" : "postgres");
  if (request.kind === "namespace") return byId("gitops");
  return byId("environment");
}
