"use client";

import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_HEIGHT } from "./chart-figure";
import { AGREEMENT, DIMENSIONS } from "@/lib/metrics/devex/items";
import type { ItemResult } from "@/lib/metrics/devex/results";

export const DIMENSION_COLORS: Record<string, string> = {
  feedback_loops: "#2f6fed",
  cognitive_load: "#0f9d76",
  flow_state: "#d97706",
  satisfaction: "#9333ea",
};

/** Red to green for 1–5 (and 0–10 folded into detractors, passives, promoters). */
const SCALE_COLORS = ["#b91c1c", "#f87171", "#94a3b8", "#4ade80", "#15803d"];

const size = { width: "100%", height: CHART_HEIGHT } as const;

/** Legends and tooltips list the series as drawn (Recharts sorts them by name otherwise). */
const inOrder = (keys: readonly string[]) => (item: { dataKey?: unknown }) => keys.indexOf(String(item.dataKey));
const DIMENSION_ORDER = inOrder(DIMENSIONS.map((d) => d.key));
const BAND_ORDER = inOrder(SCALE_COLORS.map((_, j) => `b${j}`));

/** One point per round: its title and each dimension's mean, or null where too few answered. */
export type TrendPoint = Record<string, string | number | null>;

export function TrendChart({ points }: { points: TrendPoint[] }) {
  return (
    <LineChart responsive style={size} data={points}>
      <CartesianGrid vertical={false} strokeDasharray="3 3" />
      <XAxis dataKey="round" fontSize={12} interval="preserveStartEnd" />
      <YAxis domain={[1, 5]} ticks={[1, 2, 3, 4, 5]} fontSize={12} width={32} />
      <Tooltip formatter={(v) => (typeof v === "number" ? `${v.toFixed(2)} / 5` : "hidden")} itemSorter={DIMENSION_ORDER} />
      <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={DIMENSION_ORDER} />
      {DIMENSIONS.map((d) => (
        <Line key={d.key} dataKey={d.key} name={d.label} stroke={DIMENSION_COLORS[d.key]} strokeWidth={2} dot={{ r: 3 }} connectNulls isAnimationActive={false} />
      ))}
    </LineChart>
  );
}

export function EnpsChart({ points }: { points: { round: string; score: number | null }[] }) {
  return (
    <BarChart responsive style={size} data={points}>
      <CartesianGrid vertical={false} strokeDasharray="3 3" />
      <XAxis dataKey="round" fontSize={12} interval="preserveStartEnd" />
      <YAxis domain={[-100, 100]} ticks={[-100, -50, 0, 50, 100]} fontSize={12} width={40} />
      <ReferenceLine y={0} stroke="#64748b" />
      <Tooltip formatter={(v) => (typeof v === "number" ? (v > 0 ? `+${v}` : String(v)) : "hidden")} />
      <Bar dataKey="score" name="eNPS" isAnimationActive={false}>
        {points.map((d) => (
          <Cell key={d.round} fill={(d.score ?? 0) >= 0 ? "#15803d" : "#b91c1c"} />
        ))}
      </Bar>
    </BarChart>
  );
}

/** Each question's answers as shares of 100 %, disagreement to the left. */
export function DistributionChart({ items }: { items: ItemResult[] }) {
  const data = items.map((item, i) => {
    const total = item.distribution.reduce((n, d) => n + d.count, 0) || 1;
    const share = (pred: (v: number) => boolean) => (item.distribution.filter((d) => pred(d.value)).reduce((n, d) => n + d.count, 0) / total) * 100;
    const bands =
      item.scaleMax === 10
        ? [share((v) => v <= 6), 0, share((v) => v === 7 || v === 8), 0, share((v) => v >= 9)]
        : [1, 2, 3, 4, 5].map((v) => share((x) => x === v));
    return { item: `${i + 1}`, prompt: item.prompt, ...Object.fromEntries(bands.map((b, j) => [`b${j}`, b])) };
  });
  const names = ["Strongly disagree / detractors", AGREEMENT[1], "Neither / passives", AGREEMENT[3], "Strongly agree / promoters"];
  return (
    <BarChart responsive style={{ width: "100%", height: 40 + items.length * 28 }} data={data} layout="vertical" stackOffset="expand">
      <CartesianGrid horizontal={false} strokeDasharray="3 3" />
      <XAxis type="number" tickFormatter={(v) => `${Math.round(Number(v) * 100)} %`} fontSize={12} />
      <YAxis type="category" dataKey="item" fontSize={12} width={28} />
      <Tooltip formatter={(v) => `${Number(v).toFixed(0)} %`} labelFormatter={(_, payload) => String(payload?.[0]?.payload?.prompt ?? "")} itemSorter={BAND_ORDER} />
      <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={BAND_ORDER} />
      {SCALE_COLORS.map((color, j) => (
        <Bar key={j} dataKey={`b${j}`} name={names[j]} stackId="answers" fill={color} isAnimationActive={false} />
      ))}
    </BarChart>
  );
}
