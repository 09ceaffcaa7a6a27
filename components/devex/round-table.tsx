import Link from "next/link";
import { formatDay } from "@/components/metrics/format";
import type { RoundListItem } from "@/lib/metrics/devex/rounds";
import { devexHref } from "@/lib/metrics/devex/schemas";
import { formatClosingDay } from "./format";

const th = "px-3 py-2 font-medium";
const td = "whitespace-nowrap px-3 py-2";
const statusLabel = { scheduled: "Scheduled", open: "Open", closed: "Closed" } as const;

/** The admins' list of rounds: when, for how many teams, how many answered (never who); each opens its results, in the year up to its close. */
export function RoundTable({ rounds }: { rounds: RoundListItem[] }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Pulse survey rounds</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className={th}>Round</th>
            <th scope="col" className={th}>Status</th>
            <th scope="col" className={th}>Opens</th>
            <th scope="col" className={th}>Closes</th>
            <th scope="col" className={th}>Teams</th>
            <th scope="col" className={th}>Answers</th>
            <th scope="col" className={th}>Shown from</th>
          </tr>
        </thead>
        <tbody>
          {rounds.map((r) => (
            <tr key={r.id} className="border-t border-slate-100">
              <th scope="row" className={`${td} font-medium`}>
                <Link href={devexHref({ team: "*", round: r.id, to: r.closesAt.slice(0, 10) })} className="text-brand-700 underline">
                  {r.title}
                </Link>
                {r.isDemo && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900">demo</span>}
              </th>
              <td className={td}>{statusLabel[r.status]}</td>
              <td className={td}>{formatDay(r.opensAt)}</td>
              <td className={td}>{formatClosingDay(r.closesAt)}</td>
              <td className={td}>{r.teams}</td>
              <td className={td}>{r.respondents}</td>
              <td className={td}>{r.minResponses} per team</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
