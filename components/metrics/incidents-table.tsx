"use client";

import { useState } from "react";
import { DataTable, Td, Th, Tr } from "@/components/ui/data-table";
import type { IncidentPoint } from "@/lib/metrics/dashboard";
import { formatHours, formatInstant } from "./format";

/** The time-to-restore chart as a table; its rows are only built once someone opens it. */
export function IncidentsTable({ incidents, total }: { incidents: IncidentPoint[]; total: number }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="rounded-lg border border-slate-200 bg-white" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer px-3 py-2 text-sm font-semibold text-slate-800">
        Resolved incidents as a table ({incidents.length < total ? `the latest ${incidents.length} of ${total}` : total})
      </summary>
      {open && (
        <DataTable
          caption="Resolved incidents"
          variant="inset"
          head={
            <>
              <Th>Incident</Th>
              <Th>Service</Th>
              <Th>Opened</Th>
              <Th>Resolved</Th>
              <Th>Time to restore</Th>
            </>
          }
        >
          {[...incidents].reverse().map((i) => (
            <Tr key={i.id}>
              <Td className="font-mono text-xs">{i.id}</Td>
              <Td>{i.service}</Td>
              <Td className="whitespace-nowrap">{formatInstant(i.openedAt)}</Td>
              <Td className="whitespace-nowrap">{formatInstant(i.resolvedAt)}</Td>
              <Td className="whitespace-nowrap">{formatHours(i.hours)}</Td>
            </Tr>
          ))}
        </DataTable>
      )}
    </details>
  );
}
