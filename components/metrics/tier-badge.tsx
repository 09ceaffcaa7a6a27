import type { Tier } from "@/lib/metrics/tiers";
import { tierLabel } from "./format";

const tone: Record<Tier | "none", string> = {
  elite: "bg-emerald-100 text-emerald-900",
  high: "bg-sky-100 text-sky-900",
  medium: "bg-amber-100 text-amber-900",
  low: "bg-red-100 text-red-900",
  none: "bg-slate-100 text-slate-600",
};

/** A DORA performance level; the word carries the meaning, the colour only repeats it. */
export function TierBadge({ tier }: { tier: Tier | null }) {
  return <span className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ${tone[tier ?? "none"]}`}>{tierLabel(tier)}</span>;
}
