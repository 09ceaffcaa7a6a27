import type { TeamRollup } from "@/lib/catalog/scorecard";
import { EntityLink } from "./entity-link";

export function TeamRollupCard({ rollup }: { rollup: TeamRollup }) {
  return (
    <section aria-labelledby="team-scorecard" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="team-scorecard" className="text-lg font-semibold">
        Team scorecard
      </h2>
      {rollup.entities === 0 ? (
        <p className="mt-2 text-sm text-slate-600">This group owns nothing in the catalog yet.</p>
      ) : (
        <>
          <p className="mt-1 text-sm text-slate-700">
            Average score <span className="text-2xl font-bold">{rollup.averageScore ?? "—"}</span> / 100 over {rollup.entities.toLocaleString("en")} owned{" "}
            {rollup.entities === 1 ? "entity" : "entities"}.
          </p>
          {rollup.failures.length > 0 && (
            <>
              <h3 className="mt-3 text-sm font-semibold text-slate-700">Most failed checks</h3>
              <ul className="mt-1 text-sm">
                {rollup.failures.map((f) => (
                  <li key={f.id}>
                    {f.label}: <span className="font-semibold">{f.count.toLocaleString("en")}</span> failing
                  </li>
                ))}
              </ul>
            </>
          )}
          {rollup.lowest.length > 0 && (
            <>
              <h3 className="mt-3 text-sm font-semibold text-slate-700">Lowest scores</h3>
              <ul className="mt-1 text-sm">
                {rollup.lowest.map((l) => (
                  <li key={`${l.kind}:${l.namespace}/${l.name}`}>
                    <EntityLink entity={l} label={l.title ?? l.name} /> — {l.score}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
