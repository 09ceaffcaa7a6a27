import Link from "next/link";
import { DataTable, Td, Th, Tr } from "@/components/ui/data-table";
import type { RequestSummary } from "@/lib/requests/queries";
import { age } from "@/lib/time";
import { StatusBadge } from "./status-badge";

export function RequestTable({ items, caption, showAge = false }: { items: RequestSummary[]; caption: string; showAge?: boolean }) {
  return (
    <DataTable
      caption={caption}
      head={
        <>
          <Th>Name</Th>
          <Th>Kind</Th>
          <Th>Team</Th>
          <Th>Environment</Th>
          <Th>Status</Th>
          <Th>Requested by</Th>
          <Th>{showAge ? "Waiting" : "Submitted"}</Th>
        </>
      }
    >
      {items.map((r) => (
        <Tr key={r.id}>
          <Td className="font-medium">
            <Link href={`/requests/${r.id}`} className="text-brand-700 underline">
              {r.name}
            </Link>
          </Td>
          <Td>{r.kind}</Td>
          <Td>{r.team}</Td>
          <Td>{r.environment}</Td>
          <Td>
            <StatusBadge status={r.status} />
          </Td>
          <Td>{r.requestedByName}</Td>
          <Td className="whitespace-nowrap">{showAge ? age(r.createdAt) : `${age(r.createdAt)} ago`}</Td>
        </Tr>
      ))}
    </DataTable>
  );
}
