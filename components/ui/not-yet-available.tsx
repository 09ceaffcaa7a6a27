/** Said plainly where a capability is not in this release yet, rather than showing invented data. */
export function NotYetAvailable({ title, what }: { title: string; what: string }) {
  return (
    <div className="flex flex-col gap-3">
      <h1 className="text-2xl font-bold">{title}</h1>
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">
        <p>{what}</p>
        <p className="mt-2 text-sm text-slate-500">This part of Runway is not in this release yet; nothing here is simulated.</p>
      </div>
    </div>
  );
}
