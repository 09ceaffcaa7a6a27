import Link from "next/link";
import type { DoraKeys } from "@/lib/metrics/dora";

const fmt = (n: number | null, unit: string) => (n === null ? "—" : `${Number(n.toFixed(2)).toLocaleString("en")} ${unit}`);

/** A service's four keys for the default window, from the metrics the portal ingests. */
export function DoraCard({ service, keys, unavailable }: { service: string; keys: DoraKeys | null; unavailable: string | null }) {
  const rows = keys && [
    { label: "Deployment frequency", value: fmt(keys.deploymentFrequency.deploymentsPerDay, "per day"), tier: keys.deploymentFrequency.tier },
    { label: "Lead time for changes", value: fmt(keys.leadTimeForChanges.medianHours, "h (median)"), tier: keys.leadTimeForChanges.tier },
    { label: "Change failure rate", value: keys.changeFailureRate.ratio === null ? "—" : `${Math.round(keys.changeFailureRate.ratio * 100)} %`, tier: keys.changeFailureRate.tier },
    { label: "Time to restore", value: fmt(keys.timeToRestore.medianHours, "h (median)"), tier: keys.timeToRestore.tier },
  ];
  return (
    <section aria-labelledby="dora" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="dora" className="text-lg font-semibold">
        DORA, production
      </h2>
      {rows ? (
        <>
          <p className="text-xs text-slate-600">
            {keys.window.from.slice(0, 10)} to {keys.window.to.slice(0, 10)}
          </p>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            {rows.map((r) => (
              <div key={r.label} className="contents">
                <dt className="text-slate-600">{r.label}</dt>
                <dd>
                  {r.value} {r.tier && <span className="ml-1 rounded bg-slate-100 px-1.5 text-xs">{r.tier}</span>}
                </dd>
              </div>
            ))}
          </dl>
          <Link href={`/metrics/dora?service=${encodeURIComponent(service)}`} className="mt-2 inline-block text-sm text-brand-700 underline">
            Open in Metrics
          </Link>
        </>
      ) : (
        <p className="mt-2 text-sm text-slate-600">{unavailable}</p>
      )}
    </section>
  );
}
