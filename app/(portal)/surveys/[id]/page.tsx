import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatClosingDay } from "@/components/devex/format";
import { PrivacyNote } from "@/components/devex/privacy-note";
import { SurveyForm } from "@/components/devex/survey-form";
import { formatDay, formatInstant } from "@/components/metrics/format";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getSurvey, type Survey } from "@/lib/metrics/devex/responses";

export const metadata: Metadata = { title: "Pulse survey" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function SurveyPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePagePermission("devex:respond");
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  let survey: Survey;
  try {
    survey = await getSurvey(actor, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    if (!(error instanceof AppError) || error.code !== "forbidden") throw error;
    return (
      <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-5 text-amber-950">
        <p>{error.message}</p>
        <Link href="/surveys" className="mt-2 inline-block font-medium text-brand-700 underline">
          See the rounds open for you
        </Link>
      </div>
    );
  }
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <PageHeader back={{ href: "/surveys", label: "Pulse surveys" }} title={survey.title}>
        {survey.status === "open"
          ? `Open until ${formatClosingDay(survey.closesAt)}. You can change your answers until then.`
          : survey.status === "scheduled"
            ? `Opens on ${formatDay(survey.opensAt)}.`
            : `Closed on ${formatClosingDay(survey.closesAt)}.`}{" "}
        Agree or disagree with each statement; it takes about two minutes.
      
      </PageHeader>
      <PrivacyNote minResponses={survey.minResponses} />
      {survey.mine && (
        <p role="status" className="rounded-md border border-slate-200 bg-white p-3 text-sm text-slate-700">
          You answered this round (last changed {formatInstant(survey.mine.updatedAt)}); your answers are filled in below.
        </p>
      )}
      {survey.status === "open" ? (
        <SurveyForm roundId={survey.id} items={survey.items} teams={survey.teams} mine={survey.mine} />
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">This round is not taking answers now.</p>
      )}
    </div>
  );
}
