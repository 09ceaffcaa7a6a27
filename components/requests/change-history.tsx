import type { ChangeView } from "@/lib/requests/changes";
import { utc } from "@/lib/time";
import { DecisionDialog } from "./decision-dialog";

const label: Record<string, string> = {
  pending_approval: "Waiting for approval",
  approved: "Approved",
  applying: "Being applied",
  applied: "Applied",
  rejected: "Rejected",
  failed: "Failed",
  cancelled: "Cancelled",
};

export function ChangeHistory({ changes, canDecideFor }: { changes: ChangeView[]; canDecideFor: (c: ChangeView) => boolean }) {
  if (changes.length === 0) return null;
  return (
    <section aria-labelledby="changes" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="changes" className="text-lg font-semibold">Changes</h2>
      <ol className="mt-3 flex flex-col gap-3">
        {changes.map((c) => (
          <li key={c.id} className="rounded-md border border-slate-100 p-3 text-sm">
            <p className="flex flex-wrap items-center gap-2">
              <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold">{label[c.status] ?? c.status}</span>
              <span className="text-slate-500">{utc(c.createdAt)}</span>
              <span className="text-slate-600">by {c.requestedBy}</span>
            </p>
            <p className="mt-1 font-mono text-xs">{c.diff}</p>
            <p className="mt-1 text-slate-700">{c.policyReason}</p>
            {c.decisionReason && <p className="mt-1 text-slate-700">Reason: {c.decisionReason}</p>}
            {c.lastError && <p className="mt-1 text-red-800">Error: {c.lastError}</p>}
            {c.status === "pending_approval" && canDecideFor(c) && (
              <div className="mt-2 flex gap-2">
                <DecisionDialog targetId={c.id} verdict="approve" subject="change" />
                <DecisionDialog targetId={c.id} verdict="reject" subject="change" />
              </div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
