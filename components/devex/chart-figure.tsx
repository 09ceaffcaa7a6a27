import { AfterHydration } from "@/components/ui/after-hydration";

/** The height every chart in a figure is drawn at (components/devex/*-charts.tsx). */
export const CHART_HEIGHT = 240;

/**
 * A chart with its figures as a table one click away: the table is the chart's
 * text alternative, for screen readers and for anyone who wants the numbers.
 */
export function ChartFigure({ title, note, chart, table }: { title: string; note: string; chart: React.ReactNode; table: React.ReactNode }) {
  return (
    <figure className="flex min-w-0 flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption>
        <span className="block text-sm font-semibold text-slate-800">{title}</span>
        <span className="block text-xs text-slate-500">{note}</span>
      </figcaption>
      <div aria-hidden="true">
        <AfterHydration height={CHART_HEIGHT}>{chart}</AfterHydration>
      </div>
      <details>
        <summary className="cursor-pointer text-sm text-brand-700 underline">Show “{title}” as a table</summary>
        <div className="mt-2">{table}</div>
      </details>
    </figure>
  );
}
