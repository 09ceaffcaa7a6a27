import Link from "next/link";
import type { RequestSummary } from "@/lib/requests/queries";
import { age } from "@/lib/time";
import { StatusBadge } from "./status-badge";

export function RequestTable({ items, showAge = false }: { items: RequestSummary[]; showAge?: boolean }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2">Name</th>
            <th scope="col" className="px-4 py-2">Kind</th>
            <th scope="col" className="px-4 py-2">Team</th>
            <th scope="col" className="px-4 py-2">Environment</th>
            <th scope="col" className="px-4 py-2">Status</th>
            <th scope="col" className="px-4 py-2">Requested by</th>
            <th scope="col" className="px-4 py-2">{showAge ? "Waiting" : "Submitted"}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id} className="border-t border-slate-100">
              <td className="px-4 py-2 font-medium">
                <Link href={`/requests/${r.id}`} className="text-brand-700 underline">
                  {r.name}
                </Link>
              </td>
              <td className="px-4 py-2">{r.kind}</td>
              <td className="px-4 py-2">{r.team}</td>
              <td className="px-4 py-2">{r.environment}</td>
              <td className="px-4 py-2">
                <StatusBadge status={r.status} />
              </td>
              <td className="px-4 py-2">{r.requestedByName}</td>
              <td className="whitespace-nowrap px-4 py-2">{showAge ? age(r.createdAt) : `${age(r.createdAt)} ago`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
