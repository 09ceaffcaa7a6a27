import { formatPercent } from "@/components/metrics/format";
import { AGREEMENT, DIMENSIONS } from "@/lib/metrics/devex/items";
import type { ItemResult, RoundResult, TeamResult } from "@/lib/metrics/devex/results";
import { td, th } from "./chart-figure";
import { formatClosingDay, formatEnps, formatScore } from "./format";

export function TrendTable({ rounds }: { rounds: RoundResult[] }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Scores per dimension across rounds</caption>
      <thead className="bg-slate-50 text-slate-600">
        <tr>
          <th scope="col" className={th}>Round</th>
          <th scope="col" className={th}>Closed</th>
          <th scope="col" className={th}>Answers</th>
          {DIMENSIONS.map((d) => (
            <th key={d.key} scope="col" className={th}>{d.label}</th>
          ))}
          <th scope="col" className={th}>eNPS</th>
        </tr>
      </thead>
      <tbody>
        {rounds.map((r) => (
          <tr key={r.id} className="border-t border-slate-100">
            <th scope="row" className={`${td} font-medium`}>{r.title}</th>
            <td className={td}>{r.status === "open" ? "open" : formatClosingDay(r.closesAt)}</td>
            <td className={td}>
              {r.respondents} <span className="text-slate-500">({r.teamsShown} of {r.teamsAsked} teams shown)</span>
            </td>
            {DIMENSIONS.map((d) => (
              <td key={d.key} className={td}>{formatScore(r.dimensions[d.key]?.mean)}</td>
            ))}
            <td className={td}>{formatEnps(r.enps?.score)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function EnpsTable({ rounds }: { rounds: RoundResult[] }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">eNPS across rounds</caption>
      <thead className="bg-slate-50 text-slate-600">
        <tr>
          {["Round", "eNPS", "Promoters", "Passives", "Detractors"].map((h) => (
            <th key={h} scope="col" className={th}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rounds.map((r) => (
          <tr key={r.id} className="border-t border-slate-100">
            <th scope="row" className={`${td} font-medium`}>{r.title}</th>
            <td className={td}>{formatEnps(r.enps?.score)}</td>
            <td className={td}>{r.enps?.promoters ?? "–"}</td>
            <td className={td}>{r.enps?.passives ?? "–"}</td>
            <td className={td}>{r.enps?.detractors ?? "–"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DistributionTable({ items }: { items: ItemResult[] }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Answers per question</caption>
      <thead className="bg-slate-50 text-slate-600">
        <tr>
          <th scope="col" className={th}>Question</th>
          <th scope="col" className={th}>Answers, from the lowest value to the highest</th>
          <th scope="col" className={th}>Mean</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item, i) => (
          <tr key={item.key} className="border-t border-slate-100 align-top">
            <th scope="row" className="px-3 py-2 font-medium">
              {i + 1}. {item.prompt}
            </th>
            <td className={td}>
              {item.distribution.map((d) => `${item.scaleMax === 10 ? d.value : AGREEMENT[d.value - 1]}: ${d.count}`).join(", ")}
            </td>
            <td className={td}>{item.mean === null ? "–" : item.mean.toFixed(2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Per team: how many answered of the people asked, and its scores once it reached the threshold. */
export function TeamTable({ teams, minResponses }: { teams: TeamResult[]; minResponses: number }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="px-3 py-2 text-left font-semibold text-slate-800">Teams in this round</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className={th}>Team</th>
            <th scope="col" className={th}>Answered</th>
            {DIMENSIONS.map((d) => (
              <th key={d.key} scope="col" className={th}>{d.label}</th>
            ))}
            <th scope="col" className={th}>eNPS</th>
          </tr>
        </thead>
        <tbody>
          {teams.map((t) => (
            <tr key={t.team} className="border-t border-slate-100">
              <th scope="row" className={`${td} font-medium`}>{t.team}</th>
              <td className={td}>
                {t.respondents} of {t.asked}
                {t.asked > 0 && <span className="text-slate-500"> ({formatPercent(t.respondents / t.asked)})</span>}
              </td>
              {t.shown ? (
                <>
                  {DIMENSIONS.map((d) => (
                    <td key={d.key} className={td}>{formatScore(t.dimensions?.[d.key]?.mean)}</td>
                  ))}
                  <td className={td}>{formatEnps(t.enps?.score)}</td>
                </>
              ) : (
                <td colSpan={DIMENSIONS.length + 1} className={`${td} text-slate-500`}>
                  Hidden until {minResponses} people answer ({Math.max(0, minResponses - t.respondents)} more)
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
