import type { RelationGroup } from "@/lib/catalog/entity";
import { layoutGraph } from "@/lib/catalog/graph";
import { entityPath, splitKey } from "@/lib/catalog/refs";

const clip = (s: string, n = 22) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The entity and its nearest neighbours as a small picture; the lists beside it carry the same facts for screen readers. */
export function RelationGraph({ name, kind, groups }: { name: string; kind: string; groups: RelationGroup[] }) {
  if (!groups.length) return null;
  const g = layoutGraph({ label: name, kind }, groups);
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-3">
      <svg viewBox={`0 0 ${g.width} ${g.height}`} className="h-auto w-full" role="img" aria-label={`Graph of ${name} and ${g.nodes.length} related entities`}>
        {g.nodes.map((n) => (
          <g key={`edge-${n.key}-${n.relation}`}>
            <line x1={g.center.x} y1={g.center.y} x2={n.x} y2={n.y} stroke="#94a3b8" strokeWidth="1.5" />
            <text x={g.center.x + (n.x - g.center.x) * 0.62} y={g.center.y + (n.y - g.center.y) * 0.62 - 4} textAnchor="middle" fontSize="11" fill="#475569">
              {n.relation}
            </text>
          </g>
        ))}
        <g>
          <rect x={g.center.x - 90} y={g.center.y - 22} width="180" height="44" rx="8" fill="#1f57c8" />
          <text x={g.center.x} y={g.center.y - 3} textAnchor="middle" fontSize="11" fill="#d9eaff">
            {g.center.kind}
          </text>
          <text x={g.center.x} y={g.center.y + 13} textAnchor="middle" fontSize="13" fontWeight="600" fill="#fff">
            {clip(g.center.label)}
          </text>
        </g>
        {g.nodes.map((n) => {
          const box = (
            <>
              <rect x={n.x - 80} y={n.y - 20} width="160" height="40" rx="8" fill={n.exists ? "#eef6ff" : "#f8fafc"} stroke={n.exists ? "#2f6fed" : "#94a3b8"} strokeDasharray={n.exists ? undefined : "4 3"} />
              <text x={n.x} y={n.y - 4} textAnchor="middle" fontSize="10" fill="#475569">
                {n.exists ? n.kind : `${n.kind} · not in catalog`}
              </text>
              <text x={n.x} y={n.y + 11} textAnchor="middle" fontSize="12" fill="#13264d">
                {clip(n.label)}
              </text>
            </>
          );
          return n.exists ? (
            <a key={`node-${n.key}-${n.relation}`} href={entityPath(splitKey(n.key))}>
              {box}
            </a>
          ) : (
            <g key={`node-${n.key}-${n.relation}`}>{box}</g>
          );
        })}
      </svg>
      {g.hidden > 0 && <figcaption className="mt-1 text-xs text-slate-600">{g.hidden.toLocaleString("en")} more relations are listed below.</figcaption>}
    </figure>
  );
}
