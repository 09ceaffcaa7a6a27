"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { WeekDetail } from "@/lib/metrics/dashboard";
import { metricsKeys } from "@/lib/metrics/query-keys";
import { fetchJson } from "./fetch-json";
import { formatDay, formatHours, formatInstant } from "./format";

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
          <div className="relative overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="py-1 text-left text-sm font-semibold text-slate-700">
                Deployments{data.deploymentsTotal > data.deployments.length ? ` (the latest ${data.deployments.length} of ${data.deploymentsTotal})` : ` (${data.deploymentsTotal})`}
              </caption>
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">Deployed</th>
                  <th scope="col" className="px-3 py-2 font-medium">Service</th>
                  <th scope="col" className="px-3 py-2 font-medium">Commits</th>
                  <th scope="col" className="px-3 py-2 font-medium">Median lead time</th>
                  <th scope="col" className="px-3 py-2 font-medium">Caused an incident</th>
                </tr>
              </thead>
              <tbody>
                {data.deployments.map((d) => (
                  <tr key={d.id} className="border-t border-slate-100">
                    <td className="whitespace-nowrap px-3 py-2">{formatInstant(d.deployedAt)}</td>
                    <td className="px-3 py-2">{d.service}</td>
                    <td className="px-3 py-2">{d.commits}</td>
                    <td className="whitespace-nowrap px-3 py-2">{formatHours(d.medianLeadHours)}</td>
                    <td className="px-3 py-2">{d.causedIncident ? <span className="font-semibold text-red-700">Yes</span> : "No"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.incidents.length === 0 ? (
            <p className="text-sm text-slate-600">None of these deployments caused an incident.</p>
          ) : (
            <div className="relative overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="py-1 text-left text-sm font-semibold text-slate-700">Incidents these deployments caused</caption>
                <thead className="bg-slate-50 text-slate-600">
                  <tr>
                    <th scope="col" className="px-3 py-2 font-medium">Opened</th>
                    <th scope="col" className="px-3 py-2 font-medium">Service</th>
                    <th scope="col" className="px-3 py-2 font-medium">Cause</th>
                    <th scope="col" className="px-3 py-2 font-medium">Resolved</th>
                  </tr>
                </thead>
                <tbody>
                  {data.incidents.map((i) => (
                    <tr key={i.id} className="border-t border-slate-100">
                      <td className="whitespace-nowrap px-3 py-2">{formatInstant(i.openedAt)}</td>
                      <td className="px-3 py-2">{i.service}</td>
                      <td className="px-3 py-2 font-mono text-xs">{i.causeSha.slice(0, 12)}</td>
                      <td className="whitespace-nowrap px-3 py-2">{i.resolvedAt ? formatInstant(i.resolvedAt) : "still open"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
