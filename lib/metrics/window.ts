/** Windows are half-open [from, to) and every day and week is a UTC one. */
export type Window = { from: Date; to: Date };

export const DAY_MS = 86_400_000;
export const DEFAULT_WINDOW_DAYS = 90;
/** Longer windows would mean hundreds of weekly points and scans of years of rows for one view. */
export const MAX_WINDOW_DAYS = 731;

export function startOfUtcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * DAY_MS);
}

/** The last `days` whole UTC days, today included. */
export function lastDays(days: number, now = new Date()): Window {
  const to = addDays(startOfUtcDay(now), 1);
  return { from: addDays(to, -days), to };
}

export function windowDays(w: Window): number {
  return (w.to.getTime() - w.from.getTime()) / DAY_MS;
}

/** The window of the same length just before this one, for "change against the previous window". */
export function previousWindow(w: Window): Window {
  return { from: new Date(2 * w.from.getTime() - w.to.getTime()), to: w.from };
}

/** Monday 00:00 UTC of the ISO week that holds `d`. */
export function isoWeekStart(d: Date): Date {
  const day = startOfUtcDay(d);
  return addDays(day, -((day.getUTCDay() + 6) % 7));
}

export type WindowWeek = { start: Date; from: Date; to: Date };

/** The ISO weeks that overlap the window, each cut to the window (the first and last may be partial). */
export function weeksOf(w: Window): WindowWeek[] {
  const weeks: WindowWeek[] = [];
  for (let start = isoWeekStart(w.from); start < w.to; start = addDays(start, 7)) {
    const end = addDays(start, 7);
    weeks.push({ start, from: start < w.from ? w.from : start, to: end > w.to ? w.to : end });
  }
  return weeks;
}

/** "2024-05-06" */
export function utcDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The interpolated median, as PostgreSQL's percentile_cont(0.5) computes it; null for no values. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = 0.5 * (sorted.length - 1);
  const lo = Math.floor(pos);
  return sorted[lo] + (pos - lo) * (sorted[Math.ceil(pos)] - sorted[lo]);
}

/** The window a query asks for: both ends given, or 90 days before `to`, or from `from` to the end of today. */
export function windowOf(q: { from?: Date; to?: Date }, now = new Date()): Window {
  const to = q.to ?? lastDays(DEFAULT_WINDOW_DAYS, now).to;
  return { from: q.from ?? addDays(to, -DEFAULT_WINDOW_DAYS), to };
}
