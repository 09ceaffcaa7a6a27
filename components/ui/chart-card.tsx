/** A chart's frame: a card with the chart's title and a note on how to read it. */
export function ChartCard({ title, note, children }: { title: string; note: string; children: React.ReactNode }) {
  return (
    <figure className="flex min-w-0 flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption>
        <span className="block text-sm font-semibold text-slate-800">{title}</span>
        <span className="block text-xs text-slate-500">{note}</span>
      </figcaption>
      {children}
    </figure>
  );
}
