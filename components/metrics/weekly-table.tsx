import { DataTable, Td, Th, Tr } from "@/components/ui/data-table";
import type { WeekRow } from "@/lib/metrics/dashboard";
import { formatDay, formatHours, formatPercent } from "./format";

/** The weekly charts as a table: their text alternative, and where a week is opened. */
export function WeeklyTable({ weeks, selected, onSelectWeek }: { weeks: WeekRow[]; selected: string | null; onSelectWeek: (week: string) => void }) {
  return (
    <DataTable
      caption="Week by week"
      captionVisible
      variant="figures"
      nowrap
      head={
        <>
          <Th>Week of</Th>
          <Th>Deployments</Th>
          <Th>Deployment days</Th>
          <Th>Median lead time</Th>
          <Th>p90 lead time</Th>
          <Th>Change failure rate</Th>
          <Th>
            <span className="sr-only">Details</span>
          </Th>
        </>
      }
    >
      {weeks.map((w) => (
        <Tr key={w.week} className={selected === w.week ? "bg-brand-50" : undefined}>
          <Th scope="row" className="font-medium">{formatDay(w.week)}</Th>
          <Td>{w.deployments}</Td>
          <Td>{w.deployDays}</Td>
          <Td>{formatHours(w.medianLeadHours)}</Td>
          <Td>{formatHours(w.p90LeadHours)}</Td>
          <Td>{formatPercent(w.changeFailureRate)}</Td>
          <Td>
            <button
              type="button"
              onClick={() => onSelectWeek(w.week)}
              aria-label={`Show what is behind the week of ${formatDay(w.week)}`}
              aria-pressed={selected === w.week}
              className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50"
            >
              Details
            </button>
          </Td>
        </Tr>
      ))}
    </DataTable>
  );
}
