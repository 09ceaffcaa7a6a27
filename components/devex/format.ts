import { formatDay } from "@/components/metrics/format";

/** A round runs to the end of its closing day; it is stored as the instant after it. */
export const formatClosingDay = (closesAt: string) => formatDay(new Date(Date.parse(closesAt) - 1).toISOString());

/** "3.6 / 5" */
export const formatScore = (mean: number | null | undefined) => (mean == null ? "–" : `${mean.toFixed(1)} / 5`);

/** "+20", "−5", "0" */
export const formatEnps = (score: number | null | undefined) => (score == null ? "–" : score > 0 ? `+${score}` : score < 0 ? `−${-score}` : "0");

/** "2.5 days", or "no data" */
export const formatDays = (days: number | null) => (days === null ? "no data" : `${days.toFixed(1)} days`);
