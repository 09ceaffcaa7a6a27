"use client";

import { useState } from "react";
import type { ServiceRow } from "@/lib/metrics/dashboard";
import type { Tier } from "@/lib/metrics/tiers";
import { formatFrequency, formatHours, formatPercent } from "./format";
import { TierBadge } from "./tier-badge";

type Key = "service" | "team" | "deploymentsPerDay" | "medianLeadHours" | "changeFailureRate" | "medianRestoreHours";
type Column = { key: Key; label: string; show: (r: ServiceRow) => React.ReactNode; tier?: (r: ServiceRow) => Tier | null };

const columns: Column[] = [
  { key: "service", label: "Service", show: (r) => r.service },
  { key: "team", label: "Team", show: (r) => r.team ?? <span className="text-slate-500">unowned</span> },
  { key: "deploymentsPerDay", label: "Deployment frequency", show: (r) => formatFrequency(r.deploymentsPerDay), tier: (r) => r.deploymentTier },
  { key: "medianLeadHours", label: "Lead time", show: (r) => formatHours(r.medianLeadHours), tier: (r) => r.leadTier },
  { key: "changeFailureRate", label: "Change failure rate", show: (r) => formatPercent(r.changeFailureRate), tier: (r) => r.failureTier },
  { key: "medianRestoreHours", label: "Time to restore", show: (r) => formatHours(r.medianRestoreHours), tier: (r) => r.restoreTier },
];

/** A large organisation's table opens with the first rows of the chosen order; the rest is one click away. */
const FIRST_ROWS = 50;

function compare(a: ServiceRow, b: ServiceRow, key: Key, ascending: boolean): number {
  const x = a[key];
  const y = b[key];
  // Missing figures go last whichever way the column is sorted.
  if (x === null || y === null) return x === y ? a.service.localeCompare(b.service) : x === null ? 1 : -1;
  const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
  return (ascending ? order : -order) || a.service.localeCompare(b.service);
}

/**
 * Every service in view with its four keys; any column sorts it (best first
 * on the first click), and a name narrows the dashboard to that service.
 */
export function ServicesTable({ rows, onSelectService }: { rows: ServiceRow[]; onSelectService: (service: string) => void }) {
  const [sort, setSort] = useState<{ key: Key; ascending: boolean }>({ key: "service", ascending: true });
  const [showAll, setShowAll] = useState(false);
  const sorted = [...rows].sort((a, b) => compare(a, b, sort.key, sort.ascending));
  const shown = showAll ? sorted : sorted.slice(0, FIRST_ROWS);
  if (rows.length === 0) {
    return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600">No service in this view has events in this window.</p>;
  }
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="px-3 py-2 text-left font-semibold text-slate-800">Services</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            {columns.map((c) => {
              const active = sort.key === c.key;
              return (
                <th key={c.key} scope="col" className="px-3 py-2 font-medium" aria-sort={active ? (sort.ascending ? "ascending" : "descending") : undefined}>
                  <button
                    type="button"
                    className="inline-flex items-center gap-1 hover:text-slate-900"
                    onClick={() => setSort({ key: c.key, ascending: active ? !sort.ascending : c.key !== "deploymentsPerDay" })}
                  >
                    {c.label}
                    <span aria-hidden="true">{active ? (sort.ascending ? "▲" : "▼") : "↕"}</span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.service} className="border-t border-slate-100">
              {columns.map((c, i) =>
                i === 0 ? (
                  <th key={c.key} scope="row" className="px-3 py-2 font-medium">
                    <button type="button" className="text-brand-700 underline" onClick={() => onSelectService(r.service)}>
                      {r.service}
                    </button>
                  </th>
                ) : (
                  <td key={c.key} className="whitespace-nowrap px-3 py-2">
                    <span className="inline-flex items-center gap-2">
                      {c.show(r)}
                      {c.tier && <TierBadge tier={c.tier(r)} />}
                    </span>
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length < sorted.length && (
        <button type="button" onClick={() => setShowAll(true)} className="m-3 rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50">
          Show all {sorted.length} services
        </button>
      )}
    </div>
  );
}
