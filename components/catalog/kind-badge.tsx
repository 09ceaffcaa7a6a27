const tone: Record<string, string> = {
  Component: "bg-sky-100 text-sky-900",
  API: "bg-violet-100 text-violet-900",
  Resource: "bg-amber-100 text-amber-900",
  System: "bg-emerald-100 text-emerald-900",
  Domain: "bg-teal-100 text-teal-900",
  Group: "bg-rose-100 text-rose-900",
  User: "bg-pink-100 text-pink-900",
  Location: "bg-slate-200 text-slate-800",
};

export function KindBadge({ kind }: { kind: string }) {
  return <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-semibold ${tone[kind] ?? "bg-slate-100 text-slate-800"}`}>{kind}</span>;
}

export function OrphanBadge() {
  return (
    <span className="inline-block whitespace-nowrap rounded bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-900" title="Its location no longer holds it; the next read removes it">
      Orphan
    </span>
  );
}
