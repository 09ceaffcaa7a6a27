import Link from "next/link";
import { formatDay } from "@/components/metrics/format";
import { DataTable, Td, Th, Tr } from "@/components/ui/data-table";
import type { RoundListItem } from "@/lib/metrics/devex/rounds";
import { devexHref } from "@/lib/metrics/devex/schemas";
import { formatClosingDay } from "./format";

const statusLabel = { scheduled: "Scheduled", open: "Open", closed: "Closed" } as const;

/** The admins' list of rounds: when, for how many teams, how many answered (never who); each opens its results, in the year up to its close. */
export function RoundTable({ rounds }: { rounds: RoundListItem[] }) {
  return (
    <DataTable
      caption="Pulse survey rounds"
      variant="figures"
      nowrap
      head={
        <>
          <Th>Round</Th>
          <Th>Status</Th>
          <Th>Opens</Th>
          <Th>Closes</Th>
          <Th>Teams</Th>
          <Th>Answers</Th>
          <Th>Shown from</Th>
        </>
      }
    >
      {rounds.map((r) => (
        <Tr key={r.id}>
          <Th scope="row" className="font-medium">
            <Link href={devexHref({ team: "*", round: r.id, to: r.closesAt.slice(0, 10) })} className="text-brand-700 underline">
              {r.title}
            </Link>
            {r.isDemo && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900">demo</span>}
          </Th>
          <Td>{statusLabel[r.status]}</Td>
          <Td>{formatDay(r.opensAt)}</Td>
          <Td>{formatClosingDay(r.closesAt)}</Td>
          <Td>{r.teams}</Td>
          <Td>{r.respondents}</Td>
          <Td>{r.minResponses} per team</Td>
        </Tr>
      ))}
    </DataTable>
  );
}
