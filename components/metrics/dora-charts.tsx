"use client";

import { Area, Bar, BarChart, CartesianGrid, ComposedChart, Line, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import { ChartCard } from "@/components/ui/chart-card";
import type { IncidentPoint, WeekRow } from "@/lib/metrics/dashboard";
import { isoWeekStart, utcDate } from "@/lib/metrics/window";
import { formatDay, formatHours, formatInstant, formatPercent, formatShortDay } from "./format";

const BRAND = "#2f6fed";
const size = { width: "100%", height: 220 } as const;

type WeeklyProps = { weeks: WeekRow[]; onSelectWeek: (week: string) => void };

/** Clicking a week's bar or point opens what is behind it. */
const weekClick = (weeks: WeekRow[], onSelectWeek: (week: string) => void) => (state: { activeIndex?: number | string | null } | null) => {
  const week = state?.activeIndex == null ? undefined : weeks[Number(state.activeIndex)];
  if (week) onSelectWeek(week.week);
};

export function DeploymentsChart({ weeks, onSelectWeek }: WeeklyProps) {
  return (
    <ChartCard title="Deployments per week" note="Successful deployments; the table of weeks below holds the same figures.">
      <BarChart responsive style={size} data={weeks} onClick={weekClick(weeks, onSelectWeek)} title="Deployments per week">
        <CartesianGrid vertical={false} strokeDasharray="3 3" />
        <XAxis dataKey="week" tickFormatter={formatShortDay} fontSize={12} />
        <YAxis allowDecimals={false} fontSize={12} width={40} />
        <Tooltip labelFormatter={(w) => `Week of ${formatDay(String(w))}`} />
        <Bar dataKey="deployments" name="Deployments" fill={BRAND} cursor="pointer" />
      </BarChart>
    </ChartCard>
  );
}

export function LeadTimeChart({ weeks, onSelectWeek }: WeeklyProps) {
  const data = weeks.map((w) => ({ ...w, band: w.medianLeadHours === null ? null : [w.medianLeadHours, w.p90LeadHours] }));
  return (
    <ChartCard title="Lead time per week" note="Median (line) and up to the 90th percentile (band), log scale.">
      <ComposedChart responsive style={size} data={data} onClick={weekClick(weeks, onSelectWeek)} title="Median lead time per week">
        <CartesianGrid vertical={false} strokeDasharray="3 3" />
        <XAxis dataKey="week" tickFormatter={formatShortDay} fontSize={12} />
        <YAxis scale="log" domain={["auto", "auto"]} fontSize={12} width={56} tickFormatter={(h) => formatHours(Number(h))} />
        <Tooltip labelFormatter={(w) => `Week of ${formatDay(String(w))}`} formatter={(v) => (Array.isArray(v) ? v.map((h) => formatHours(Number(h))).join(" to ") : formatHours(Number(v)))} />
        <Area dataKey="band" name="Median to p90" fill={BRAND} fillOpacity={0.15} stroke="none" connectNulls isAnimationActive={false} />
        <Line dataKey="medianLeadHours" name="Median" stroke={BRAND} strokeWidth={2} dot={{ r: 3 }} connectNulls isAnimationActive={false} />
      </ComposedChart>
    </ChartCard>
  );
}

export function FailureRateChart({ weeks, onSelectWeek }: WeeklyProps) {
  const data = weeks.map((w) => ({ week: w.week, percent: w.changeFailureRate === null ? null : w.changeFailureRate * 100 }));
  return (
    <ChartCard title="Change failure rate per week" note="Share of the week's deployments that caused an incident.">
      <BarChart responsive style={size} data={data} onClick={weekClick(weeks, onSelectWeek)} title="Change failure rate per week">
        <CartesianGrid vertical={false} strokeDasharray="3 3" />
        <XAxis dataKey="week" tickFormatter={formatShortDay} fontSize={12} />
        <YAxis unit=" %" fontSize={12} width={48} />
        <Tooltip labelFormatter={(w) => `Week of ${formatDay(String(w))}`} formatter={(v) => formatPercent(Number(v) / 100)} />
        <Bar dataKey="percent" name="Change failure rate" fill="#d97706" cursor="pointer" />
      </BarChart>
    </ChartCard>
  );
}

export function RestoreChart({ incidents, onSelectWeek }: { incidents: IncidentPoint[]; onSelectWeek: (week: string) => void }) {
  // Log scales here and for lead time: both range from minutes to weeks.
  const data = incidents.map((i) => ({ ...i, at: Date.parse(i.resolvedAt), hours: Math.max(i.hours, 1 / 60) }));
  // An incident belongs to the week it was resolved in, as time to restore counts it.
  const openWeekOf = (point: { payload?: { resolvedAt?: string } }) => {
    if (point.payload?.resolvedAt) onSelectWeek(utcDate(isoWeekStart(new Date(point.payload.resolvedAt))));
  };
  return (
    <ChartCard title="Time to restore, per incident" note="Hours from opened to resolved, by the day it was resolved (log scale); the incidents are listed in a table below.">
      <ScatterChart responsive style={size} title="Time to restore per incident">
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="at" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={(t) => formatShortDay(new Date(t).toISOString())} fontSize={12} />
        <YAxis dataKey="hours" scale="log" domain={["auto", "auto"]} fontSize={12} width={56} tickFormatter={(h) => formatHours(Number(h))} />
        <Tooltip formatter={(v, name) => (name === "hours" ? formatHours(Number(v)) : formatInstant(new Date(Number(v)).toISOString()))} />
        <Scatter data={data} name="Incidents" fill="#dc2626" cursor="pointer" onClick={openWeekOf} isAnimationActive={false} />
      </ScatterChart>
    </ChartCard>
  );
}
