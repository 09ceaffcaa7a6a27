import type { Tier } from "@/lib/metrics/tiers";

const UTC_DAY = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const UTC_SHORT_DAY = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const UTC_TIME = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });

/** "6 May 2024" (days and weeks are UTC ones). */
export const formatDay = (iso: string) => UTC_DAY.format(new Date(iso));
export const formatShortDay = (iso: string) => UTC_SHORT_DAY.format(new Date(iso));
export const formatInstant = (iso: string) => `${UTC_TIME.format(new Date(iso))} UTC`;

export function formatHours(hours: number | null): string {
  if (hours === null) return "no data";
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min`;
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} days`;
}

/** Per day when there is at least one a day, else per week, else per month. */
export function formatFrequency(perDay: number | null): string {
  if (perDay === null) return "no data";
  if (perDay >= 1) return `${perDay.toFixed(1)} per day`;
  if (perDay * 7 >= 1) return `${(perDay * 7).toFixed(1)} per week`;
  return `${(perDay * 30).toFixed(1)} per month`;
}

export function formatPercent(ratio: number | null): string {
  return ratio === null ? "no data" : `${(ratio * 100).toFixed(1)} %`;
}

export const tierLabel = (tier: Tier | null) => (tier ? tier[0].toUpperCase() + tier.slice(1) : "No data");

/** The change against the previous window, and whether it is for the better (lower is better for all but frequency). */
export function describeChange(current: number | null, previous: number | null, higherIsBetter: boolean, asPoints = false): { text: string; better: boolean | null } {
  if (current === null || previous === null) return { text: "no data to compare with", better: null };
  if (current === previous) return { text: "no change", better: null };
  const up = current > previous;
  const amount = asPoints
    ? `${Math.abs((current - previous) * 100).toFixed(1)} points`
    : previous === 0
      ? "from zero"
      : `${Math.abs(((current - previous) / previous) * 100).toFixed(0)} %`;
  return { text: `${up ? "up" : "down"} ${amount}`, better: up === higherIsBetter };
}
