import type { Metadata } from "next";
import Link from "next/link";
import { RequestTable } from "@/components/requests/request-table";
import { inputClass } from "@/components/ui/field";
import { requirePagePermission } from "@/lib/auth/session";
import { pendingChanges } from "@/lib/requests/changes";
import { approvalQueue } from "@/lib/requests/queries";
import { age } from "@/lib/time";
import { environments, listRequestsQuery } from "@/lib/requests/schemas";
import { requestKinds } from "@/lib/requests/templates";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePagePermission("requests:approve");
  const raw = await searchParams;
  const parsed = listRequestsQuery.safeParse(raw);
  const q = parsed.success ? parsed.data : {};
  const [page, changes] = await Promise.all([
    approvalQueue(actor, { team: q.team, kind: q.kind, environment: q.environment, cursor: q.cursor, limit: 50 }),
    pendingChanges(actor),
  ]);
  const next = new URLSearchParams(Object.entries(raw).filter((e): e is [string, string] => Boolean(e[1]) && e[0] !== "cursor"));
  if (page.nextCursor) next.set("cursor", page.nextCursor);

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold">Approvals</h1>
        <p className="mt-1 text-slate-600">
          {page.total === 0 ? "Nothing is waiting for a decision." : `${page.total} request${page.total === 1 ? "" : "s"} waiting, oldest first.`}
        </p>
      </div>
      <form role="search" aria-label="Filter the approval queue" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-4">
        <label className="flex flex-col gap-1 text-sm">
          Kind
          <select name="kind" defaultValue={q.kind ?? ""} className={inputClass}>
            <option value="">Any kind</option>
            {requestKinds.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Team
          <input name="team" defaultValue={q.team ?? ""} className={inputClass} />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Environment
          <select name="environment" defaultValue={q.environment ?? ""} className={inputClass}>
            <option value="">Any environment</option>
            {environments.map((e) => (
              <option key={e}>{e}</option>
            ))}
          </select>
        </label>
        <button type="submit" className="self-end rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
          Filter
        </button>
      </form>
      {!parsed.success && <p role="alert" className="text-sm text-red-700">Some filters were not valid and were ignored.</p>}
      {page.items.length > 0 && <RequestTable items={page.items} caption="Requests waiting for a decision" showAge />}
      {changes.length > 0 && (
        <section aria-labelledby="pending-changes" className="flex flex-col gap-2">
          <h2 id="pending-changes" className="text-lg font-semibold">Changes waiting ({changes.length})</h2>
          <ul className="flex flex-col gap-2">
            {changes.map((c) => (
              <li key={c.id} className="rounded-md border border-slate-200 bg-white px-4 py-2 text-sm">
                <Link href={`/requests/${c.requestId}`} className="font-medium text-brand-700 underline">
                  {c.name}
                </Link>{" "}
                — change of a {c.environment} {c.kind} of {c.team}, by {c.requestedBy}, waiting {age(c.createdAt)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {page.nextCursor && (
        <Link href={`/approvals?${next}`} className="self-start rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50">
          Next page
        </Link>
      )}
    </div>
  );
}
