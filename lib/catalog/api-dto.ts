import type { RelationGroup, StoredEntity } from "./entity";
import { displayRef } from "./refs";

/**
 * An entity in Backstage's shape (apiVersion, kind, metadata, spec, relations),
 * so Backstage clients can read it. Runway adds `metadata.uid`, Backstage's
 * orphan annotation, and on each relation `missing` when its target is not in
 * the catalog; `relationCounts` says how many there are when a type was cut short.
 */
export function entityToApi(e: StoredEntity, relations: RelationGroup[]) {
  const annotations = { ...e.document.metadata.annotations, ...(e.orphanedAt ? { "backstage.io/orphan": "true" } : {}) };
  const cut = relations.filter((g) => g.total > g.targets.length);
  return {
    apiVersion: e.document.apiVersion,
    kind: e.document.kind,
    metadata: { ...e.document.metadata, uid: e.id, ...(Object.keys(annotations).length ? { annotations } : {}) },
    spec: e.document.spec,
    relations: relations.flatMap((g) =>
      g.targets.map((t) => ({
        type: g.type,
        targetRef: displayRef(t),
        target: { kind: t.kind.toLowerCase(), namespace: t.namespace, name: t.name },
        ...(t.exists ? {} : { missing: true }),
      })),
    ),
    ...(cut.length ? { relationCounts: Object.fromEntries(cut.map((g) => [g.type, g.total])) } : {}),
  };
}
