"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_HEIGHT } from "./chart-figure";
import { formatDay, formatHours, formatShortDay } from "@/components/metrics/format";
import type { PlatformWeek } from "@/lib/metrics/devex/platform";
import { formatDays } from "./format";

const size = { width: "100%", height: CHART_HEIGHT } as const;

const percent = (ratio: number | null) => (ratio === null ? null : Math.round(ratio * 1000) / 10);

export function RequestsChart({ weeks }: { weeks: PlatformWeek[] }) {
  const data = weeks.map((w) => ({ ...w, selfService: percent(w.selfServiceRate), failures: percent(w.provisioningFailureRate) }));
  return (
    <ComposedChart responsive style={size} data={data}>
      <CartesianGrid vertical={false} strokeDasharray="3 3" />
      <XAxis dataKey="week" tickFormatter={formatShortDay} fontSize={12} />
      <YAxis yAxisId="n" allowDecimals={false} fontSize={12} width={40} />
      <YAxis yAxisId="pct" orientation="right" domain={[0, 100]} unit=" %" fontSize={12} width={48} />
      <Tooltip labelFormatter={(w) => `Week of ${formatDay(String(w))}`} />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      <Bar yAxisId="n" dataKey="requests" name="Requests" fill="#93c5fd" isAnimationActive={false} />
      <Line yAxisId="pct" dataKey="selfService" name="Self-service rate (%)" stroke="#15803d" strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
      <Line yAxisId="pct" dataKey="failures" name="Provisioning failure rate (%)" stroke="#dc2626" strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
    </ComposedChart>
  );
}

/** Minutes to provision and days to approve share one axis: a log scale keeps both readable. */
export function WaitsChart({ weeks }: { weeks: PlatformWeek[] }) {
  return (
    <ComposedChart responsive style={size} data={weeks}>
      <CartesianGrid vertical={false} strokeDasharray="3 3" />
      <XAxis dataKey="week" tickFormatter={formatShortDay} fontSize={12} />
      <YAxis scale="log" domain={["auto", "auto"]} fontSize={12} width={56} tickFormatter={(h) => formatHours(Number(h))} />
      <Tooltip labelFormatter={(w) => `Week of ${formatDay(String(w))}`} formatter={(v) => formatHours(Number(v))} />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      <Line dataKey="medianReadyHours" name="Time to ready, median" stroke="#2f6fed" strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
      <Line dataKey="p90ReadyHours" name="Time to ready, p90" stroke="#2f6fed" strokeDasharray="4 3" dot={false} connectNulls isAnimationActive={false} />
      <Line dataKey="medianApprovalHours" name="Approval wait, median" stroke="#d97706" strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
      <Line dataKey="p90ApprovalHours" name="Approval wait, p90" stroke="#d97706" strokeDasharray="4 3" dot={false} connectNulls isAnimationActive={false} />
    </ComposedChart>
  );
}

export function ActiveUsersChart({ weeks }: { weeks: PlatformWeek[] }) {
  return (
    <ComposedChart responsive style={size} data={weeks}>
      <CartesianGrid vertical={false} strokeDasharray="3 3" />
      <XAxis dataKey="week" tickFormatter={formatShortDay} fontSize={12} />
      <YAxis allowDecimals={false} fontSize={12} width={40} />
      <Tooltip labelFormatter={(w) => `Week of ${formatDay(String(w))}`} />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      <Line dataKey="activeUsers" name="Active people" stroke="#2f6fed" strokeWidth={2} dot={false} isAnimationActive={false} />
      <Line dataKey="teamsUsing" name="Teams requesting" stroke="#9333ea" strokeWidth={2} dot={false} isAnimationActive={false} />
    </ComposedChart>
  );
}

export function FirstDeploymentChart({ weeks }: { weeks: PlatformWeek[] }) {
  return (
    <ComposedChart responsive style={size} data={weeks}>
      <CartesianGrid vertical={false} strokeDasharray="3 3" />
      <XAxis dataKey="week" tickFormatter={formatShortDay} fontSize={12} />
      <YAxis yAxisId="n" allowDecimals={false} fontSize={12} width={40} />
      <YAxis yAxisId="days" orientation="right" unit=" d" fontSize={12} width={48} />
      <Tooltip labelFormatter={(w) => `Week of ${formatDay(String(w))}`} formatter={(v, _name, item) => (item.dataKey === "medianFirstDeploymentDays" ? formatDays(Number(v)) : v)} />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      <Bar yAxisId="n" dataKey="newcomers" name="Developers new that week" fill="#c4b5fd" isAnimationActive={false} />
      <Line yAxisId="days" dataKey="medianFirstDeploymentDays" name="Median time to first deployment" stroke="#9333ea" strokeWidth={2} dot={{ r: 3 }} connectNulls isAnimationActive={false} />
    </ComposedChart>
  );
}
