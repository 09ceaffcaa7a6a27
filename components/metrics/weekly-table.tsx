import type { WeekRow } from "@/lib/metrics/dashboard";
import { formatDay, formatHours, formatPercent } from "./format";

const th = "px-3 py-2 font-medium";
const td = "whitespace-nowrap px-3 py-2";

/** The weekly charts as a table: their text alternative, and where a week is opened. */
export function WeeklyTable({ weeks, selected, onSelectWeek }: { weeks: WeekRow[]; selected: string | null; onSelectWeek: (week: string) => void }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="px-3 py-2 text-left font-semibold text-slate-800">Week by week</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className={th}>Week of</th>
            <th scope="col" className={th}>Deployments</th>
            <th scope="col" className={th}>Deployment days</th>
            <th scope="col" className={th}>Median lead time</th>
            <th scope="col" className={th}>p90 lead time</th>
            <th scope="col" className={th}>Change failure rate</th>
            <th scope="col" className={th}><span className="sr-only">Details</span></th>
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr key={w.week} className={`border-t border-slate-100 ${selected === w.week ? "bg-brand-50" : ""}`}>
              <th scope="row" className={`${td} font-medium`}>{formatDay(w.week)}</th>
              <td className={td}>{w.deployments}</td>
              <td className={td}>{w.deployDays}</td>
              <td className={td}>{formatHours(w.medianLeadHours)}</td>
              <td className={td}>{formatHours(w.p90LeadHours)}</td>
              <td className={td}>{formatPercent(w.changeFailureRate)}</td>
              <td className={td}>
                <button
                  type="button"
                  onClick={() => onSelectWeek(w.week)}
                  aria-label={`Show what is behind the week of ${formatDay(w.week)}`}
                  aria-pressed={selected === w.week}
                  className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50"
                >
                  Details
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
