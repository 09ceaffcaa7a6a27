"use client";

import { useState } from "react";
import { DataTable, Td, Th, Tr } from "@/components/ui/data-table";
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
    <DataTable
      caption="Services"
      captionVisible
      variant="figures"
      nowrap
      head={columns.map((c) => {
        const active = sort.key === c.key;
        return (
          <Th key={c.key} aria-sort={active ? (sort.ascending ? "ascending" : "descending") : undefined}>
            <button
              type="button"
              className="inline-flex items-center gap-1 hover:text-slate-900"
              onClick={() => setSort({ key: c.key, ascending: active ? !sort.ascending : c.key !== "deploymentsPerDay" })}
            >
              {c.label}
              <span aria-hidden="true">{active ? (sort.ascending ? "▲" : "▼") : "↕"}</span>
            </button>
          </Th>
        );
      })}
      footer={
        shown.length < sorted.length && (
          <button type="button" onClick={() => setShowAll(true)} className="m-3 rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50">
            Show all {sorted.length} services
          </button>
        )
      }
    >
      {shown.map((r) => (
        <Tr key={r.service}>
          {columns.map((c, i) =>
            i === 0 ? (
              <Th key={c.key} scope="row" className="whitespace-normal font-medium">
                <button type="button" className="text-brand-700 underline" onClick={() => onSelectService(r.service)}>
                  {r.service}
                </button>
              </Th>
            ) : (
              <Td key={c.key}>
                <span className="inline-flex items-center gap-2">
                  {c.show(r)}
                  {c.tier && <TierBadge tier={c.tier(r)} />}
                </span>
              </Td>
            ),
          )}
        </Tr>
      ))}
    </DataTable>
  );
}
