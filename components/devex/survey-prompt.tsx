import Link from "next/link";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { openRoundsFor } from "@/lib/metrics/devex/responses";
import { formatClosingDay } from "./format";

/**
 * One quiet line under the header while a pulse round waits for this person's
 * answers; it goes away once they have answered.
 */
export async function SurveyPrompt({ actor }: { actor: Actor }) {
  if (!can(actor.role, "devex:respond")) return null;
  const round = (await openRoundsFor(actor)).find((r) => !r.answered);
  if (!round) return null;
  return (
    <aside aria-label="Pulse survey" className="border-b border-brand-100 bg-brand-50">
      <p className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-2 px-4 py-2 text-sm text-slate-700">
        <span>
          <span className="font-medium text-slate-900">{round.title}</span> is open until {formatClosingDay(round.closesAt)}: a few quick questions, anonymous to your manager.
        </span>
        <Link href={`/surveys/${round.id}`} className="font-medium text-brand-700 underline hover:text-brand-900">
          Answer the pulse survey
        </Link>
      </p>
    </aside>
  );
}
