"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import { formatDay, formatShortDay } from "@/components/metrics/format";
import type { PlatformWeek } from "@/lib/metrics/devex/platform";

const size = { width: "100%", height: 240 } as const;

export function RequestsChart({ weeks }: { weeks: PlatformWeek[] }) {
  const data = weeks.map((w) => ({ ...w, selfService: w.selfServiceRate === null ? null : Math.round(w.selfServiceRate * 1000) / 10 }));
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
