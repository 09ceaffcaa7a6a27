import type { RelationGroup } from "./entity";
import { RELATION_LABELS, type RelationType } from "./relations";

export type GraphNode = { key: string; label: string; kind: string; exists: boolean; x: number; y: number; relation: string };
export type Graph = { width: number; height: number; center: { x: number; y: number; label: string; kind: string }; nodes: GraphNode[]; hidden: number };

/** Relations worth a place in a small picture first: structure and APIs, then the rest. */
const ORDER: RelationType[] = ["ownedBy", "partOf", "providesApi", "consumesApi", "apiProvidedBy", "apiConsumedBy", "dependsOn", "dependencyOf", "hasPart", "memberOf", "childOf", "parentOf", "ownerOf", "hasMember"];

/**
 * The entity in the middle, its neighbours in two columns (relations of a type
 * kept together), at most `max` of them; the edge labels sit toward each
 * neighbour, where the edges have fanned out.
 */
export function layoutGraph(center: { label: string; kind: string }, groups: RelationGroup[], max = 12): Graph {
  const width = 720;
  const all = [...groups]
    .sort((a, b) => ORDER.indexOf(a.type) - ORDER.indexOf(b.type))
    .flatMap((g) => g.targets.map((t) => ({ g, t })));
  const total = groups.reduce((n, g) => n + g.total, 0);
  const shown = all.slice(0, max);
  const left = Math.ceil(shown.length / 2);
  const rows = Math.max(left, 1);
  const height = Math.max(140, rows * 56 + 30);
  const nodes = shown.map(({ g, t }, i) => {
    const onLeft = i < left;
    const row = onLeft ? i : i - left;
    const inColumn = onLeft ? left : shown.length - left;
    return {
      key: t.key,
      label: t.title ?? t.name,
      kind: t.kind,
      exists: t.exists,
      relation: RELATION_LABELS[g.type],
      x: onLeft ? 95 : width - 95,
      y: Math.round(height / 2 + (row - (inColumn - 1) / 2) * 56),
    };
  });
  return { width, height, center: { x: width / 2, y: height / 2, ...center }, nodes, hidden: total - shown.length };
}
