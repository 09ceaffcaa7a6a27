import type { Metadata } from "next";
import Link from "next/link";
import { ChartFigure } from "@/components/devex/chart-figure";
import { Comments } from "@/components/devex/comments";
import { DevexFilters } from "@/components/devex/filters";
import { formatClosingDay } from "@/components/devex/format";
import { PlatformSection } from "@/components/devex/platform-figures";
import { ScoreCards } from "@/components/devex/score-cards";
import { DistributionChart, EnpsChart, TrendChart } from "@/components/devex/survey-charts";
import { DistributionTable, EnpsTable, TeamTable, TrendTable } from "@/components/devex/survey-tables";
import { FilterProblem, invalidFilters } from "@/components/metrics/filter-problem";
import { formatDay } from "@/components/metrics/format";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { DIMENSIONS } from "@/lib/metrics/devex/items";
import { loadDevexDashboard, type DevexDashboard } from "@/lib/metrics/devex/dashboard";
import { DEVEX_FILTERS, devexQuerySchema } from "@/lib/metrics/devex/schemas";
import { ORG_SCOPE } from "@/lib/metrics/schemas";

export const metadata: Metadata = { title: "DevEx" };

function Survey({ data, canOpen }: { data: DevexDashboard; canOpen: boolean }) {
  const { rounds, selected, detail } = data.survey;
  if (!selected) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">
        No pulse round asked {data.scope.kind === "org" ? "any team" : "these teams"} in this window.{" "}
        {canOpen ? (
          <Link href="/surveys/new" className="text-brand-700 underline">
            Open a round
          </Link>
        ) : (
          "Platform admins open rounds; you will see a note at the top of the page when one asks your team."
        )}
      </div>
    );
  }
  // The charts get their points only, not every figure of every round.
  const trend = rounds.map((r) => ({ round: r.title, ...Object.fromEntries(DIMENSIONS.map((d) => [d.key, r.dimensions[d.key]?.mean ?? null])) }));
  const enps = rounds.map((r) => ({ round: r.title, score: r.enps?.score ?? null }));
  const index = rounds.findIndex((r) => r.id === selected.id);
  const previous = [...rounds.slice(0, index)].reverse().find((r) => r.respondents > 0) ?? null;
  return (
    <>
      <p className="text-sm text-slate-700">
        <span className="font-semibold">{selected.title}</span>{" "}
        {selected.status === "open" ? `(open until ${formatClosingDay(selected.closesAt)})` : `(${formatDay(selected.opensAt)} to ${formatClosingDay(selected.closesAt)})`}:{" "}
        {selected.respondents} answers from {selected.teamsShown} of {selected.teamsAsked} {selected.teamsAsked === 1 ? "team" : "teams"} shown. A team&apos;s answers count once{" "}
        {selected.minResponses} of its people have answered; no one&apos;s individual answers are shown.
      </p>
      <ScoreCards round={selected} previous={previous} />
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartFigure title="Scores across rounds" note="Mean per dimension on the 1–5 scale; a gap is a round with too few answers to show." chart={<TrendChart points={trend} />} table={<TrendTable rounds={rounds} />} />
        <ChartFigure title="eNPS across rounds" note="Promoters (9–10) minus detractors (0–6), in percent of answers." chart={<EnpsChart points={enps} />} table={<EnpsTable rounds={rounds} />} />
      </div>
      {detail && (
        <>
          {selected.respondents > 0 ? (
            <ChartFigure
              title={`Answers per question in ${selected.title}`}
              note="Each question's answers as shares, disagreement on the left; numbered as in the survey."
              chart={<DistributionChart items={detail.items} />}
              table={<DistributionTable items={detail.items} />}
            />
          ) : (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white p-5 text-slate-700">
              No answers to show for {selected.title} yet: each team&apos;s answers appear once {selected.minResponses} of its people have answered.
            </p>
          )}
          <TeamTable teams={detail.teams} minResponses={selected.minResponses} />
          <Comments comments={detail.comments} total={detail.commentCount} />
        </>
      )}
    </>
  );
}

export default async function DevexPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("devex:read");
  const raw = await searchParams;
  const filters = Object.fromEntries(DEVEX_FILTERS.flatMap((k) => (typeof raw[k] === "string" && raw[k] ? [[k, raw[k]]] : [])));
  const parsed = devexQuerySchema.safeParse(filters);
  let body: React.ReactNode;
  if (!parsed.success) {
    body = <FilterProblem message={invalidFilters(parsed.error)} href="/metrics/devex" />;
  } else {
    try {
      const data = await loadDevexDashboard(actor, parsed.data);
      const manager = data.scope.detail && actor.role !== "admin" && actor.teams.length > 0;
      const options = [...(manager ? [{ value: "", label: "My teams" }] : []), { value: ORG_SCOPE, label: "Whole organisation" }, ...data.teamChoices.teams.map((t) => ({ value: t, label: t }))];
      const teams = data.scope.detail ? { options, search: data.teamChoices.search } : null;
      body = (
        <>
          <DevexFilters
            teams={teams}
            team={data.scope.team ?? ""}
            rounds={[...data.survey.rounds].reverse().map((r) => ({ id: r.id, title: r.title }))}
            round={data.survey.selected?.id ?? ""}
            range={data.window}
          />
          <p className="text-sm text-slate-700">
            <span className="font-semibold">{data.scope.label}</span>, {formatDay(data.window.from)} to {formatDay(new Date(Date.parse(data.window.to) - 1).toISOString())}
            {!data.scope.detail && ": the organisation-wide summary. Team results are for their managers and the platform admins."}
            {data.demo && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900">includes demo data</span>}
          </p>
          <section aria-labelledby="survey" className="flex flex-col gap-4">
            <div className="flex flex-wrap items-end justify-between gap-2">
              <h2 id="survey" className="text-xl font-semibold">Pulse survey</h2>
              <Link href="/surveys" className="text-sm text-brand-700 underline">
                Pulse surveys
              </Link>
            </div>
            <Survey data={data} canOpen={can(actor.role, "devex:manage")} />
          </section>
          <PlatformSection figures={data.platform} />
        </>
      );
    } catch (error) {
      if (!(error instanceof AppError) || error.code === "internal") throw error;
      body = <FilterProblem message={error.message} href="/metrics/devex" />;
    }
  }
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold">Developer experience</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          How development feels, from pulse surveys on the DevEx framework&apos;s three dimensions (feedback loops, cognitive load, flow state), and whether the
          portal really removes tickets, from its own data.
        </p>
      </div>
      {body}
    </div>
  );
}
