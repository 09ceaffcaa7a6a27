import crypto from "node:crypto";
import { firstTarget } from "./relations";
import type { EntityDocument, ValidEntity } from "./validate";

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
  );
}

/** Key order in YAML is not a change; the hash ignores it. */
function hashDocument(d: EntityDocument): string {
  return crypto.createHash("sha256").update(JSON.stringify(canonical(d))).digest("hex");
}

const text = (v: unknown) => (typeof v === "string" && v.length > 0 ? v : null);

/** The columns an entity is filtered and searched by, copied out of its document. */
export function toRow(e: ValidEntity) {
  const { document: d, name, key, relations } = e;
  return {
    ref: key,
    apiVersion: d.apiVersion,
    kind: name.kind,
    namespace: name.namespace,
    name: name.name,
    title: text(d.metadata.title),
    description: text(d.metadata.description),
    type: text(d.spec.type),
    lifecycle: text(d.spec.lifecycle),
    ownerRef: firstTarget(relations, "owner"),
    systemRef: firstTarget(relations, "system"),
    tags: d.metadata.tags ?? [],
    metadata: d.metadata,
    spec: d.spec,
    hash: hashDocument(d),
  };
}

export type EntityRow = ReturnType<typeof toRow>;
