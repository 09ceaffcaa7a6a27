import { formatHours, formatPercent } from "@/components/metrics/format";
import { DataTable, Td, Th, Tr } from "@/components/ui/data-table";
import type { KindFigures, PlatformFigures } from "@/lib/metrics/devex/platform";
import { ChartFigure } from "./chart-figure";
import { formatDays } from "./format";
import { ActiveUsersChart, FirstDeploymentChart, RequestsChart, WaitsChart } from "./platform-charts";
import { WeeksTable } from "./weeks-table";

const kindLabel: Record<KindFigures["kind"], string> = { all: "All requests", database: "Databases", namespace: "Namespaces", environment: "Environments" };

function Card({ title, value, detail }: { title: string; value: string; detail: string }) {
  return (
    <section aria-label={title} className="flex flex-col gap-1 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h3 className="text-sm font-semibold text-slate-700">{title}</h3>
      <p className={`text-2xl font-bold ${value === "no data" ? "text-slate-400" : "text-slate-900"}`}>{value}</p>
      <p className="text-xs text-slate-600">{detail}</p>
    </section>
  );
}

function KindsTable({ kinds }: { kinds: KindFigures[] }) {
  return (
    <DataTable
      caption="Requests submitted in the window, by kind and outcome"
      captionVisible
      variant="figures"
      nowrap
      head={["Kind", "Submitted", "Delivered", "Self-served", "Waiting for approval", "In progress", "Rejected", "Cancelled", "Failed", "Time to ready p50", "p90"].map((h, i) => (
        <Th key={h}>{i === 10 ? <span title="Time to ready, 90th percentile">p90</span> : h}</Th>
      ))}
    >
      {kinds.map((k) => (
        <Tr key={k.kind} className={k.kind === "all" ? "font-semibold" : undefined}>
          <Th scope="row">{kindLabel[k.kind]}</Th>
          <Td>{k.total}</Td>
          <Td>{k.delivered}</Td>
          <Td>{k.selfServed}</Td>
          <Td>{k.waiting}</Td>
          <Td>{k.inProgress}</Td>
          <Td>{k.rejected}</Td>
          <Td>{k.cancelled}</Td>
          <Td>{k.failed}</Td>
          <Td>{formatHours(k.timeToReady.p50Hours)}</Td>
          <Td>{formatHours(k.timeToReady.p90Hours)}</Td>
        </Tr>
      ))}
    </DataTable>
  );
}

/** Does the portal remove tickets? Runway's own figures for the window and teams in view. */
export function PlatformSection({ figures }: { figures: PlatformFigures }) {
  const all = figures.kinds[0];
  const f = figures;
  return (
    <section aria-labelledby="platform" className="flex flex-col gap-4">
      <div>
        <h2 id="platform" className="text-xl font-semibold">The platform&apos;s own figures</h2>
        <p className="text-sm text-slate-600">From Runway&apos;s requests, sign-ins and deployment events, for requests submitted and people active in the window.</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Card
          title="Self-service rate"
          value={formatPercent(f.selfService.rate)}
          detail={f.selfService.decided ? `${f.selfService.selfServed} of ${f.selfService.decided} requests with an outcome went to ready with no one acting on them` : "no request has an outcome yet"}
        />
        <Card title="Submission to ready" value={formatHours(all.timeToReady.p50Hours)} detail={all.timeToReady.count ? `median of ${all.timeToReady.count}; p90 ${formatHours(all.timeToReady.p90Hours)}` : "nothing delivered yet"} />
        <Card
          title="Waiting for approval"
          value={formatHours(f.approvalWait.p50Hours)}
          detail={`${f.approvalWait.count ? `median of ${f.approvalWait.count} decisions; p90 ${formatHours(f.approvalWait.p90Hours)}` : "no decision yet"}; ${f.approvalWait.stillWaiting} still waiting`}
        />
        <Card
          title="Provisioning failure rate"
          value={formatPercent(f.provisioningFailures.rate)}
          detail={f.provisioningFailures.runs ? `${f.provisioningFailures.failed} of ${f.provisioningFailures.runs} provisioning runs failed` : "nothing provisioned yet"}
        />
        <Card title="Active people per week" value={f.activeUsers.averagePerWeek.toFixed(f.activeUsers.averagePerWeek < 10 ? 1 : 0)} detail={`on average, ${f.activeUsers.peakWeek} in the busiest week; people who signed in or changed something`} />
        <Card title="Teams using the portal" value={`${f.teamsUsing.teams} of ${f.teamsUsing.of}`} detail="teams that submitted at least one request" />
        <Card
          title="Time to first deployment"
          value={formatDays(f.timeToFirstDeployment.p50Days)}
          detail={
            f.timeToFirstDeployment.newcomers
              ? `median for ${f.timeToFirstDeployment.deployed} of ${f.timeToFirstDeployment.newcomers} developers who first signed in during the window (to their team's first production deployment); p90 ${formatDays(f.timeToFirstDeployment.p90Days)}`
              : "no one signed in for the first time in the window"
          }
        />
        <Card title="Requests" value={String(all.total)} detail={`${all.delivered} delivered, ${all.waiting} waiting for approval, ${all.failed} failed`} />
      </div>
      <KindsTable kinds={f.kinds} />
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartFigure
          title="Requests, self-service and failures per week"
          note="Bars: requests submitted; lines: the share of those with an outcome that no one had to act on, and the share of their provisioning runs that failed."
          chart={<RequestsChart weeks={f.weeks} />}
          table={<WeeksTable weeks={f.weeks} figures="requests" caption="Requests, self-service and failures per week" />}
        />
        <ChartFigure
          title="Time to ready and approval wait per week"
          note="For the requests submitted each week (log scale); a request still waiting for approval counts once it is decided."
          chart={<WaitsChart weeks={f.weeks} />}
          table={<WeeksTable weeks={f.weeks} figures="waits" caption="Time to ready and approval wait per week" />}
        />
        <ChartFigure title="People and teams per week" note="People who signed in or changed something; teams that submitted a request." chart={<ActiveUsersChart weeks={f.weeks} />} table={<WeeksTable weeks={f.weeks} figures="people" caption="People and teams per week" />} />
        <ChartFigure
          title="Time to first deployment per week of first sign-in"
          note="Bars: developers who first signed in that week; line: the median days until their team's first production deployment, of those who got there."
          chart={<FirstDeploymentChart weeks={f.weeks} />}
          table={<WeeksTable weeks={f.weeks} figures="firstDeployment" caption="Time to first deployment per week of first sign-in" />}
        />
      </div>
    </section>
  );
}
