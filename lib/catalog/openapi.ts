import { parseYamlDocuments } from "./yaml";

export type Operation = { method: string; path: string; summary: string | null; parameters: { name: string; in: string; required: boolean }[]; responses: { code: string; description: string | null }[] };
export type OpenApiView = { title: string | null; version: string | null; description: string | null; servers: string[]; operations: Operation[]; truncated: boolean };

const METHODS = ["get", "put", "post", "delete", "patch", "options", "head", "trace"];
const MAX_OPERATIONS = 300;

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const str = (v: unknown) => (typeof v === "string" && v ? v : null);

/**
 * The parts of an OpenAPI (or Swagger) document a person scans first: what
 * it is, where it runs, and each operation. Null when the text is not one.
 */
export function readOpenApi(definition: string): OpenApiView | null {
  const [doc] = parseYamlDocuments(definition);
  if (!doc || !("value" in doc)) return null;
  const root = obj(doc.value);
  if (!root.openapi && !root.swagger) return null;
  const info = obj(root.info);
  const operations: Operation[] = [];
  const sections = [obj(root.paths), obj(root.webhooks)];
  for (const [i, section] of sections.entries()) {
    for (const [path, item] of Object.entries(section)) {
      for (const method of METHODS) {
        const op = obj(obj(item)[method]);
        if (!Object.keys(op).length) continue;
        const parameters = [...(Array.isArray(obj(item).parameters) ? (obj(item).parameters as unknown[]) : []), ...(Array.isArray(op.parameters) ? op.parameters : [])]
          .map(obj)
          .filter((p) => str(p.name))
          .map((p) => ({ name: String(p.name), in: str(p.in) ?? "", required: p.required === true }));
        const responses = Object.entries(obj(op.responses)).map(([code, r]) => ({ code, description: str(obj(r).description) }));
        operations.push({ method: method.toUpperCase(), path: i === 1 ? `webhook: ${path}` : path, summary: str(op.summary) ?? str(op.operationId), parameters, responses });
      }
    }
  }
  const servers = Array.isArray(root.servers) ? root.servers.map((s) => str(obj(s).url)).filter((s): s is string => s !== null) : root.host ? [`${root.host}${str(root.basePath) ?? ""}`] : [];
  return { title: str(info.title), version: str(info.version), description: str(info.description), servers, operations: operations.slice(0, MAX_OPERATIONS), truncated: operations.length > MAX_OPERATIONS };
}
