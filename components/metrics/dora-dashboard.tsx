"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useSearchParams } from "next/navigation";
import { useState } from "react";
import type { DoraDashboard } from "@/lib/metrics/dashboard";
import { filtersFrom, filtersToQuery, type DoraFilters } from "@/lib/metrics/filters";
import { metricsKeys } from "@/lib/metrics/query-keys";
import { DeploymentsChart, FailureRateChart, LeadTimeChart, RestoreChart } from "./dora-charts";
import { DoraFiltersForm } from "./dora-filters";
import { fetchJson } from "./fetch-json";
import { formatDay } from "./format";
import { IncidentsTable } from "./incidents-table";
import { KeyCards } from "./key-cards";
import { ServicesTable } from "./services-table";
import { WeekDetailPanel } from "./week-detail";
import { WeeklyTable } from "./weekly-table";

/**
 * The DORA dashboard. The server renders the first view; a change of filter
 * updates the URL (without a server round trip for the page) and refetches
 * only the figures, keeping the old ones on screen meanwhile.
 */
export function DoraDashboardView({ initial, initialQuery }: { initial: DoraDashboard; initialQuery: string }) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = filtersFrom((key) => searchParams.get(key));
  const query = filtersToQuery(filters);
  const [week, setWeek] = useState<string | null>(null);
  const { data, error, isFetching } = useQuery({
    queryKey: metricsKeys.doraDashboard(query),
    queryFn: () => fetchJson<DoraDashboard>(`/api/v1/metrics/dora/dashboard?${query}`),
    initialData: query === initialQuery ? initial : undefined,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const d = data ?? initial;

  const apply = (next: DoraFilters) => {
    setWeek(null);
    const q = filtersToQuery(next);
    window.history.pushState(null, "", q ? `${pathname}?${q}` : pathname);
  };
  const lastDay = new Date(Date.parse(d.current.window.to) - 1).toISOString();
  const empty = d.current.deploymentFrequency.deployments === 0 && d.current.timeToRestore.incidents === 0 && d.current.leadTimeForChanges.changes === 0;

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-slate-700">
          <span className="font-semibold">{d.scope.label}</span> · {d.scope.environment} · {formatDay(d.current.window.from)} to {formatDay(lastDay)} (UTC)
        </p>
        <p role="status" aria-live="polite" className="text-sm text-slate-500">
          {isFetching ? "Updating…" : ""}
        </p>
      </div>
      {d.demo && (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          Demo data: some services here show history generated for the demo organisation, not real deployments.
        </p>
      )}
      <DoraFiltersForm filters={filters} window={d.current.window} choices={d.choices} onChange={apply} />
      {error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          {error.message} The figures below are from the previous filters.
        </p>
      )}
      <div className={`flex flex-col gap-6 transition-opacity ${isFetching ? "opacity-60" : ""}`}>
        <KeyCards current={d.current} previous={d.previous} />
        {empty && (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-700">
            No events for this view in this window. Send deployments, changes and incidents to <code>/api/v1/events/…</code> with an API token that has the
            events:write scope, or connect the GitHub webhook; see docs/metrics.md.
          </p>
        )}
        <div className="grid gap-4 lg:grid-cols-2">
          <DeploymentsChart weeks={d.weeks} onSelectWeek={setWeek} />
          <LeadTimeChart weeks={d.weeks} onSelectWeek={setWeek} />
          <FailureRateChart weeks={d.weeks} onSelectWeek={setWeek} />
          <RestoreChart incidents={d.incidents} onSelectWeek={setWeek} />
        </div>
        {week && <WeekDetailPanel query={query} week={week} onClose={() => setWeek(null)} />}
        <WeeklyTable weeks={d.weeks} selected={week} onSelectWeek={setWeek} />
        <IncidentsTable incidents={d.incidents} total={d.current.timeToRestore.incidents} />
        <ServicesTable rows={d.services} onSelectService={(service) => apply({ ...filters, service })} />
      </div>
    </div>
  );
}
