import type { Metadata } from "next";
import Link from "next/link";
import { formatClosingDay } from "@/components/devex/format";
import { PrivacyNote } from "@/components/devex/privacy-note";
import { RoundTable } from "@/components/devex/round-table";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { DEFAULT_MIN_RESPONSES } from "@/lib/metrics/devex/items";
import { openRoundsFor } from "@/lib/metrics/devex/responses";
import { listRounds } from "@/lib/metrics/devex/rounds";

export const metadata: Metadata = { title: "Pulse surveys" };

export default async function SurveysPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePagePermission("devex:respond");
  const { saved, opened } = await searchParams;
  const manages = can(actor.role, "devex:manage");
  const [open, rounds] = await Promise.all([openRoundsFor(actor), manages ? listRounds(actor) : Promise.resolve(null)]);
  const savedRound = open.find((r) => r.id === saved);
  const openedRound = rounds?.find((r) => r.id === opened);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">Pulse surveys</h1>
          <p className="mt-1 max-w-3xl text-slate-600">
            A few questions a quarter on how development feels: waiting on feedback, finding your way around, time to focus. The answers steer what the platform team
            works on next.
          </p>
        </div>
        <nav aria-label="Surveys" className="flex gap-2">
          <Link href="/metrics/devex" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50">
            See the results
          </Link>
          {manages && (
            <Link href="/surveys/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
              Open a round
            </Link>
          )}
        </nav>
      </div>

      {savedRound && (
        <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-950">
          Thank you: your answers to {savedRound.title} are saved. You can change them until {formatClosingDay(savedRound.closesAt)}.
        </p>
      )}
      {openedRound && (
        <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-950">
          {openedRound.title} is {openedRound.status === "open" ? "open" : "scheduled"} for {openedRound.teams} {openedRound.teams === 1 ? "team" : "teams"}.
        </p>
      )}

      <section aria-labelledby="for-you" className="flex flex-col gap-3">
        <h2 id="for-you" className="text-lg font-semibold">Open for you</h2>
        {open.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-5 text-slate-700">
            No round is asking your teams right now. You will see a note at the top of every page when one opens.
          </p>
        ) : (
          <ul className="flex flex-col gap-2">
            {open.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white p-4">
                <div>
                  <p className="font-medium">{r.title}</p>
                  <p className="text-sm text-slate-600">
                    Open until {formatClosingDay(r.closesAt)}. {r.answered ? "You have answered; you can still change your answers." : "You have not answered yet."}
                  </p>
                </div>
                <Link href={`/surveys/${r.id}`} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
                  {r.answered ? "Change my answers" : "Answer"}
                  <span className="sr-only"> {r.title}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <PrivacyNote minResponses={DEFAULT_MIN_RESPONSES} />

      {rounds && (
        <section aria-labelledby="rounds" className="flex flex-col gap-3">
          <h2 id="rounds" className="text-lg font-semibold">All rounds</h2>
          {rounds.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white p-5 text-slate-700">
              No round yet. <Link href="/surveys/new" className="text-brand-700 underline">Open the first one</Link>.
            </p>
          ) : (
            <RoundTable rounds={rounds} />
          )}
        </section>
      )}
    </div>
  );
}
