export default function Loading() {
  return (
    <div className="flex animate-pulse flex-col gap-6" aria-busy="true" aria-label="Loading the catalog">
      <div className="h-8 w-40 rounded bg-slate-200" />
      <div className="h-20 rounded-lg bg-slate-100" />
      <div className="grid gap-6 lg:grid-cols-[15rem_1fr]">
        <div className="h-96 rounded bg-slate-100" />
        <div className="h-96 rounded-lg bg-slate-100" />
      </div>
    </div>
  );
}
