import { AfterHydration } from "@/components/ui/after-hydration";
import { ChartCard } from "@/components/ui/chart-card";
import { Disclosure } from "@/components/ui/disclosure";

/** The height every chart in a figure is drawn at (components/devex/*-charts.tsx). */
export const CHART_HEIGHT = 240;

/**
 * A chart with its figures as a table one click away: the table is the chart's
 * text alternative, for screen readers and for anyone who wants the numbers.
 * `table` is a client component given its data, drawn when opened.
 */
export function ChartFigure({ title, note, chart, table }: { title: string; note: string; chart: React.ReactNode; table: React.ReactNode }) {
  return (
    <ChartCard title={title} note={note}>
      <div aria-hidden="true">
        <AfterHydration height={CHART_HEIGHT}>{chart}</AfterHydration>
      </div>
      <Disclosure summary={`Show “${title}” as a table`}>{table}</Disclosure>
    </ChartCard>
  );
}
