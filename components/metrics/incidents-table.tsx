"use client";

import { useState } from "react";
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
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">Incident</th>
                <th scope="col" className="px-3 py-2 font-medium">Service</th>
                <th scope="col" className="px-3 py-2 font-medium">Opened</th>
                <th scope="col" className="px-3 py-2 font-medium">Resolved</th>
                <th scope="col" className="px-3 py-2 font-medium">Time to restore</th>
              </tr>
            </thead>
            <tbody>
              {[...incidents].reverse().map((i) => (
                <tr key={i.id} className="border-t border-slate-100">
                  <td className="px-3 py-2 font-mono text-xs">{i.id}</td>
                  <td className="px-3 py-2">{i.service}</td>
                  <td className="whitespace-nowrap px-3 py-2">{formatInstant(i.openedAt)}</td>
                  <td className="whitespace-nowrap px-3 py-2">{formatInstant(i.resolvedAt)}</td>
                  <td className="whitespace-nowrap px-3 py-2">{formatHours(i.hours)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
