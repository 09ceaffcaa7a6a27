"use client";

import { formatDay, formatHours, formatPercent } from "@/components/metrics/format";
import { DataTable, Td, Th, Tr } from "@/components/ui/data-table";
import type { PlatformWeek } from "@/lib/metrics/devex/platform";
import { formatDays } from "./format";

type Column = { header: string; value: (w: PlatformWeek) => string | number };

/** The weekly figures behind each platform chart; named, since a server component cannot hand functions to this one. */
const FIGURES = {
  requests: [
    { header: "Requests", value: (w) => w.requests },
    { header: "Self-service rate", value: (w) => formatPercent(w.selfServiceRate) },
    { header: "Provisioning runs", value: (w) => w.provisioningRuns },
    { header: "Provisioning failure rate", value: (w) => formatPercent(w.provisioningFailureRate) },
  ],
  waits: [
    { header: "Time to ready, median", value: (w) => formatHours(w.medianReadyHours) },
    { header: "Time to ready, p90", value: (w) => formatHours(w.p90ReadyHours) },
    { header: "Approval wait, median", value: (w) => formatHours(w.medianApprovalHours) },
    { header: "Approval wait, p90", value: (w) => formatHours(w.p90ApprovalHours) },
  ],
  people: [
    { header: "Active people", value: (w) => w.activeUsers },
    { header: "Teams requesting", value: (w) => w.teamsUsing },
  ],
  firstDeployment: [
    { header: "Developers new that week", value: (w) => w.newcomers },
    { header: "Deployed to production since", value: (w) => w.newcomersDeployed },
    { header: "Median time to first deployment", value: (w) => formatDays(w.medianFirstDeploymentDays) },
  ],
} satisfies Record<string, Column[]>;

/** One row per week of the window: a platform chart's text alternative. */
export function WeeksTable({ weeks, figures, caption }: { weeks: PlatformWeek[]; figures: keyof typeof FIGURES; caption: string }) {
  const columns: Column[] = FIGURES[figures];
  return (
    <DataTable
      caption={caption}
      variant="inset"
      nowrap
      head={
        <>
          <Th>Week of</Th>
          {columns.map((c) => (
            <Th key={c.header}>{c.header}</Th>
          ))}
        </>
      }
    >
      {weeks.map((w) => (
        <Tr key={w.week}>
          <Th scope="row" className="font-medium">{formatDay(w.week)}</Th>
          {columns.map((c) => (
            <Td key={c.header}>{c.value(w)}</Td>
          ))}
        </Tr>
      ))}
    </DataTable>
  );
}
