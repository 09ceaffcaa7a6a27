"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { DataTable, Td, Th, Tr } from "@/components/ui/data-table";
import type { WeekDetail, WeekIncidentRole } from "@/lib/metrics/dashboard";
import { metricsKeys } from "@/lib/metrics/query-keys";
import { fetchJson } from "./fetch-json";
import { formatDay, formatHours, formatInstant } from "./format";

const ROLE_LABELS: Record<WeekIncidentRole, string> = {
  caused: "caused by a deployment",
  opened: "opened",
  resolved: "resolved",
};

/** The deployments and incidents behind one week of the charts. */
export function WeekDetailPanel({ query, week, onClose }: { query: string; week: string; onClose: () => void }) {
  const { data, error, isPending } = useQuery({
    queryKey: metricsKeys.doraWeek(query, week),
    queryFn: () => fetchJson<WeekDetail>(`/api/v1/metrics/dora/weeks/${week}?${query}`),
  });
  const heading = useRef<HTMLHeadingElement>(null);
  // Whoever opened it (a bar, a button) should land on it.
  useEffect(() => heading.current?.focus(), [week]);
  return (
    <section aria-labelledby="week-detail" className="flex flex-col gap-3 rounded-lg border border-brand-100 bg-white p-4 shadow-sm">
      <div className="flex items-center justify-between gap-2">
        <h2 id="week-detail" ref={heading} tabIndex={-1} className="text-lg font-semibold">
          Week of {formatDay(week)}
        </h2>
        <button type="button" onClick={onClose} className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50">
          Close
        </button>
      </div>
      {isPending && <p role="status">Loading the week…</p>}
      {error && <p role="alert" className="text-sm text-red-700">{error.message}</p>}
      {data && (
        <>
          <DataTable
            caption={<>Deployments{data.deploymentsTotal > data.deployments.length ? ` (the latest ${data.deployments.length} of ${data.deploymentsTotal})` : ` (${data.deploymentsTotal})`}</>}
            captionVisible
            variant="inset"
            head={
              <>
                <Th>Deployed</Th>
                <Th>Service</Th>
                <Th>Commits</Th>
                <Th>Median lead time</Th>
                <Th>Caused an incident</Th>
              </>
            }
          >
            {data.deployments.map((d) => (
              <Tr key={d.id}>
                <Td className="whitespace-nowrap">{formatInstant(d.deployedAt)}</Td>
                <Td>{d.service}</Td>
                <Td>{d.commits}</Td>
                <Td className="whitespace-nowrap">{formatHours(d.medianLeadHours)}</Td>
                <Td>{d.causedIncident ? <span className="font-semibold text-red-700">Yes</span> : "No"}</Td>
              </Tr>
            ))}
          </DataTable>
          <p className="text-sm text-slate-700">
            Time to restore this week:{" "}
            {data.timeToRestore.incidents === 0
              ? "no incident was resolved."
              : `median ${formatHours(data.timeToRestore.medianHours)} over ${data.timeToRestore.incidents} resolved ${data.timeToRestore.incidents === 1 ? "incident" : "incidents"}.`}
          </p>
          {data.incidents.length === 0 ? (
            <p className="text-sm text-slate-600">No incident was opened or resolved this week, and none of its deployments caused one.</p>
          ) : (
            <DataTable
              caption={<>Incidents{data.incidentsTotal > data.incidents.length ? ` (the latest ${data.incidents.length} of ${data.incidentsTotal})` : ` (${data.incidentsTotal})`}</>}
              captionVisible
              variant="inset"
              head={
                <>
                  <Th>This week</Th>
                  <Th>Opened</Th>
                  <Th>Resolved</Th>
                  <Th>Time to restore</Th>
                  <Th>Service</Th>
                  <Th>Cause</Th>
                </>
              }
            >
              {data.incidents.map((i) => (
                <Tr key={i.id}>
                  <Td>{i.roles.map((r) => ROLE_LABELS[r]).join(", ")}</Td>
                  <Td className="whitespace-nowrap">{formatInstant(i.openedAt)}</Td>
                  <Td className="whitespace-nowrap">{i.resolvedAt ? formatInstant(i.resolvedAt) : "still open"}</Td>
                  <Td className="whitespace-nowrap">{i.hours === null ? "still open" : formatHours(i.hours)}</Td>
                  <Td>{i.service}</Td>
                  <Td>
                    {i.causeSha ? (
                      <>
                        <span className="font-mono text-xs">{i.causeSha.slice(0, 12)}</span>
                        {i.deploymentId && <span className="block text-xs text-slate-500">shipped by {i.deploymentId}</span>}
                      </>
                    ) : (
                      "not linked"
                    )}
                  </Td>
                </Tr>
              ))}
            </DataTable>
          )}
        </>
      )}
    </section>
  );
}
