import type { DoraKeys } from "@/lib/metrics/dora";
import type { Tier } from "@/lib/metrics/tiers";
import { describeChange, formatFrequency, formatHours, formatPercent } from "./format";
import { TierBadge } from "./tier-badge";

type Card = { title: string; value: string; tier: Tier | null; detail: string; change: { text: string; better: boolean | null } };

function cards(c: DoraKeys, p: DoraKeys): Card[] {
  const df = c.deploymentFrequency;
  const lt = c.leadTimeForChanges;
  const cfr = c.changeFailureRate;
  const ttr = c.timeToRestore;
  return [
    {
      title: "Deployment frequency",
      value: formatFrequency(df.deploymentsPerDay),
      tier: df.tier,
      detail: df.deployments ? `${df.deployments} deployments on ${df.deployDays} days` : "no successful deployment in this window",
      change: describeChange(df.deploymentsPerDay, p.deploymentFrequency.deploymentsPerDay, true),
    },
    {
      title: "Lead time for changes",
      value: formatHours(lt.medianHours),
      tier: lt.tier,
      detail: lt.changes ? `median of ${lt.changes} commits; p90 ${formatHours(lt.p90Hours)}` : "no deployed commit with a known commit time",
      change: describeChange(lt.medianHours, p.leadTimeForChanges.medianHours, false),
    },
    {
      title: "Change failure rate",
      value: formatPercent(cfr.ratio),
      tier: cfr.tier,
      detail: cfr.deployments ? `${cfr.failedDeployments} of ${cfr.deployments} deployments caused an incident` : "no deployment to judge",
      change: describeChange(cfr.ratio, p.changeFailureRate.ratio, false, true),
    },
    {
      title: "Time to restore service",
      value: formatHours(ttr.medianHours),
      tier: ttr.tier,
      detail: ttr.incidents ? `median of ${ttr.incidents} resolved incidents` : "no incident resolved in this window",
      change: describeChange(ttr.medianHours, p.timeToRestore.medianHours, false),
    },
  ];
}

/** The four keys of the window, each with its DORA tier and its change against the window before. */
export function KeyCards({ current, previous }: { current: DoraKeys; previous: DoraKeys }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      {cards(current, previous).map((card) => (
        <section key={card.title} aria-label={card.title} className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <div className="flex items-start justify-between gap-2">
            <h2 className="text-sm font-semibold text-slate-700">{card.title}</h2>
            <TierBadge tier={card.tier} />
          </div>
          <p className={`text-2xl font-bold ${card.value === "no data" ? "text-slate-400" : "text-slate-900"}`}>{card.value}</p>
          <p className="text-xs text-slate-600">{card.detail}</p>
          <p className={`text-xs font-medium ${card.change.better === null ? "text-slate-500" : card.change.better ? "text-emerald-700" : "text-red-700"}`}>
            {card.change.text}
            {card.change.better !== null && (card.change.better ? " (better)" : " (worse)")} <span className="font-normal text-slate-500">vs the previous window</span>
          </p>
        </section>
      ))}
    </div>
  );
}
