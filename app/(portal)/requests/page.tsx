import type { Metadata } from "next";
import Link from "next/link";
import { RequestTable } from "@/components/requests/request-table";
import { requireActor } from "@/lib/auth/session";
import { listRequests } from "@/lib/requests/queries";
import { listRequestsQuery } from "@/lib/requests/schemas";

export const metadata: Metadata = { title: "My requests" };

const filters = [
  { label: "All", status: "" },
  { label: "Waiting for approval", status: "pending_approval" },
  { label: "Approved", status: "auto_approved,approved" },
  { label: "In progress", status: "provisioning,decommissioning" },
  { label: "Ready", status: "ready" },
  { label: "Rejected", status: "rejected" },
  { label: "Failed", status: "failed" },
  { label: "Cancelled", status: "cancelled" },
];

export default async function MyRequestsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const raw = await searchParams;
  const parsed = listRequestsQuery.safeParse(raw);
  const q = parsed.success ? parsed.data : {};
  const page = await listRequests(actor, { status: q.status, cursor: q.cursor, limit: 25 });
  const current = raw.status ?? "";
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">My requests</h1>
          <p className="mt-1 text-slate-600">{actor.role === "admin" ? "Requests of every team." : `Requests of ${actor.teams.map((t) => t.name).join(", ") || "your teams"}.`}</p>
        </div>
        <Link href="/requests/new" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
          New request
        </Link>
      </div>
      <nav aria-label="Filter by status">
        <ul className="flex flex-wrap gap-2">
          {filters.map((f) => (
            <li key={f.label}>
              <Link
                href={f.status ? `/requests?status=${f.status}` : "/requests"}
                aria-current={current === f.status ? "page" : undefined}
                className={`block rounded-full border px-3 py-1 text-sm ${current === f.status ? "border-brand-500 bg-brand-50 text-brand-700" : "border-slate-300 hover:bg-slate-100"}`}
              >
                {f.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {!parsed.success && <p role="alert" className="text-sm text-red-700">That filter is not valid; showing all requests.</p>}
      {page.items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">
          No requests here yet. <Link href="/requests/new" className="text-brand-700 underline">Request a database, namespace or environment</Link>.
        </div>
      ) : (
        <RequestTable items={page.items} caption="Requests" />
      )}
      {page.nextCursor && (
        <Link href={`/requests?${new URLSearchParams({ ...(current ? { status: current } : {}), cursor: page.nextCursor })}`} className="self-start rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50">
          Older requests
        </Link>
      )}
    </div>
  );
}
