import type { Metadata } from "next";
import Link from "next/link";
import { DataTable, Td, Th, Tr } from "@/components/ui/data-table";
import { inputClass } from "@/components/ui/field";
import { listAuditEntries } from "@/lib/audit/queries";
import { requirePagePermission } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Audit log" };

function parseDate(v: string | undefined): Date | undefined {
  if (!v) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePagePermission("audit:read");
  const p = await searchParams;
  const to = parseDate(p.to);
  const { items, nextCursor } = await listAuditEntries(actor, {
    actor: p.actor || undefined,
    action: p.action || undefined,
    from: parseDate(p.from),
    // A date picked as "to" includes that whole day.
    to: to && p.to?.length === 10 ? new Date(to.getTime() + 86_400_000) : to,
    cursor: p.cursor ? Number(p.cursor) || undefined : undefined,
  });
  const next = new URLSearchParams(Object.entries(p).filter((e): e is [string, string] => Boolean(e[1])));
  if (nextCursor) next.set("cursor", nextCursor);

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold">Audit log</h1>
        <p className="mt-1 text-slate-600">Every sign-in, token change, submission, decision and quota change, newest first. Entries are never edited or deleted.</p>
      </div>
      <form className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-5" role="search" aria-label="Filter the audit log">
        <label className="flex flex-col gap-1 text-sm">
          Actor email
          <input name="actor" defaultValue={p.actor} className={inputClass} />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Action
          <input name="action" defaultValue={p.action} placeholder="e.g. token or request.approve" className={inputClass} />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          From
          <input type="date" name="from" defaultValue={p.from} className={inputClass} />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          To
          <input type="date" name="to" defaultValue={p.to} className={inputClass} />
        </label>
        <button type="submit" className="self-end rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
          Filter
        </button>
      </form>
      {items.length === 0 ? (
        <p className="text-slate-600">No entries match these filters.</p>
      ) : (
        <DataTable
          caption="Audit entries"
          head={
            <>
              <Th>When (UTC)</Th>
              <Th>Actor</Th>
              <Th>Action</Th>
              <Th>Target</Th>
              <Th>Details</Th>
            </>
          }
        >
          {items.map((e) => (
            <Tr key={e.id} className="align-top">
              <Td className="whitespace-nowrap">{e.at.toISOString().slice(0, 19).replace("T", " ")}</Td>
              <Td>{e.actorEmail ?? "system"}</Td>
              <Td className="font-mono">{e.action}</Td>
              <Td>{e.targetType ? `${e.targetType} ${e.targetId}` : "—"}</Td>
              <Td className="max-w-md font-mono text-xs break-all">{JSON.stringify(e.details)}</Td>
            </Tr>
          ))}
        </DataTable>
      )}
      {nextCursor && (
        <Link href={`/admin/audit?${next}`} className="self-start rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50">
          Older entries
        </Link>
      )}
    </div>
  );
}
