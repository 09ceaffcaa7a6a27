import { formatPercent } from "@/components/metrics/format";
import { DIMENSIONS } from "@/lib/metrics/devex/items";
import type { RoundResult } from "@/lib/metrics/devex/results";
import { formatEnps, formatScore } from "./format";

function Change({ now, before, unit, since }: { now: number | undefined; before: number | undefined; unit: string; since: string | null }) {
  if (now === undefined) return null;
  if (before === undefined || since === null) return <p className="text-xs text-slate-500">no earlier round to compare with</p>;
  const delta = Math.round((now - before) * 10) / 10;
  const text = delta === 0 ? "no change" : `${delta > 0 ? "up" : "down"} ${Math.abs(delta)}${unit}`;
  return (
    <p className={`text-xs font-medium ${delta === 0 ? "text-slate-500" : delta > 0 ? "text-emerald-700" : "text-red-700"}`}>
      {text} <span className="font-normal text-slate-500">since {since}</span>
    </p>
  );
}

/** The selected round's score per dimension and its eNPS, each against the round before it. */
export function ScoreCards({ round, previous }: { round: RoundResult; previous: RoundResult | null }) {
  const card = "flex flex-col gap-1 rounded-lg border border-slate-200 bg-white p-4 shadow-sm";
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
      {DIMENSIONS.map((d) => {
        const s = round.dimensions[d.key];
        return (
          <section key={d.key} aria-label={d.label} className={card}>
            <h3 className="text-sm font-semibold text-slate-700">{d.label}</h3>
            <p className={`text-2xl font-bold ${s ? "text-slate-900" : "text-slate-400"}`}>{formatScore(s?.mean)}</p>
            <p className="text-xs text-slate-600">{s ? `${formatPercent(s.favourable)} favourable` : "not enough answers to show"}</p>
            <Change now={s?.mean} before={previous?.dimensions[d.key]?.mean} unit="" since={previous?.title ?? null} />
          </section>
        );
      })}
      <section aria-label="eNPS" className={card}>
        <h3 className="text-sm font-semibold text-slate-700">eNPS</h3>
        <p className={`text-2xl font-bold ${round.enps ? "text-slate-900" : "text-slate-400"}`}>{formatEnps(round.enps?.score)}</p>
        <p className="text-xs text-slate-600">
          {round.enps ? `${round.enps.promoters} promoters, ${round.enps.passives} passives, ${round.enps.detractors} detractors` : "not enough answers to show"}
        </p>
        <Change now={round.enps?.score} before={previous?.enps?.score} unit=" points" since={previous?.title ?? null} />
      </section>
    </div>
  );
}
