"use client";

import { formatPercent } from "@/components/metrics/format";
import { DataTable, Td, Th, Tr } from "@/components/ui/data-table";
import { AGREEMENT, DIMENSIONS } from "@/lib/metrics/devex/items";
import type { ItemResult, RoundResult, TeamResult } from "@/lib/metrics/devex/results";
import { formatClosingDay, formatEnps, formatScore } from "./format";

export function TrendTable({ rounds }: { rounds: RoundResult[] }) {
  return (
    <DataTable
      caption="Scores per dimension across rounds"
      variant="inset"
      nowrap
      head={
        <>
          <Th>Round</Th>
          <Th>Closed</Th>
          <Th>Answers</Th>
          {DIMENSIONS.map((d) => (
            <Th key={d.key}>{d.label}</Th>
          ))}
          <Th>eNPS</Th>
        </>
      }
    >
      {rounds.map((r) => (
        <Tr key={r.id}>
          <Th scope="row" className="font-medium">{r.title}</Th>
          <Td>{r.status === "open" ? "open" : formatClosingDay(r.closesAt)}</Td>
          <Td>
            {r.respondents} <span className="text-slate-500">({r.teamsShown} of {r.teamsAsked} teams shown)</span>
          </Td>
          {DIMENSIONS.map((d) => (
            <Td key={d.key}>{formatScore(r.dimensions[d.key]?.mean)}</Td>
          ))}
          <Td>{formatEnps(r.enps?.score)}</Td>
        </Tr>
      ))}
    </DataTable>
  );
}

export function EnpsTable({ rounds }: { rounds: RoundResult[] }) {
  return (
    <DataTable
      caption="eNPS across rounds"
      variant="inset"
      nowrap
      head={["Round", "eNPS", "Promoters", "Passives", "Detractors"].map((h) => (
        <Th key={h}>{h}</Th>
      ))}
    >
      {rounds.map((r) => (
        <Tr key={r.id}>
          <Th scope="row" className="font-medium">{r.title}</Th>
          <Td>{formatEnps(r.enps?.score)}</Td>
          <Td>{r.enps?.promoters ?? "–"}</Td>
          <Td>{r.enps?.passives ?? "–"}</Td>
          <Td>{r.enps?.detractors ?? "–"}</Td>
        </Tr>
      ))}
    </DataTable>
  );
}

export function DistributionTable({ items }: { items: ItemResult[] }) {
  return (
    <DataTable
      caption="Answers per question"
      variant="inset"
      nowrap
      head={
        <>
          <Th>Question</Th>
          <Th>Answers, from the lowest value to the highest</Th>
          <Th>Mean</Th>
        </>
      }
    >
      {items.map((item, i) => (
        <Tr key={item.key} className="align-top">
          {/* The questions are long: they wrap, the answers do not. */}
          <Th scope="row" className="whitespace-normal font-medium">
            {i + 1}. {item.prompt}
          </Th>
          <Td>{item.distribution.map((d) => `${item.scaleMax === 10 ? d.value : AGREEMENT[d.value - 1]}: ${d.count}`).join(", ")}</Td>
          <Td>{item.mean === null ? "–" : item.mean.toFixed(2)}</Td>
        </Tr>
      ))}
    </DataTable>
  );
}

/** Per team: how many answered of the people asked, and its scores once it reached the threshold. */
export function TeamTable({ teams, minResponses }: { teams: TeamResult[]; minResponses: number }) {
  return (
    <DataTable
      caption="Teams in this round"
      captionVisible
      variant="figures"
      nowrap
      head={
        <>
          <Th>Team</Th>
          <Th>Answered</Th>
          {DIMENSIONS.map((d) => (
            <Th key={d.key}>{d.label}</Th>
          ))}
          <Th>eNPS</Th>
        </>
      }
    >
      {teams.map((t) => (
        <Tr key={t.team}>
          <Th scope="row" className="font-medium">{t.team}</Th>
          <Td>
            {t.respondents} of {t.asked}
            {t.asked > 0 && <span className="text-slate-500"> ({formatPercent(t.respondents / t.asked)})</span>}
          </Td>
          {t.shown ? (
            <>
              {DIMENSIONS.map((d) => (
                <Td key={d.key}>{formatScore(t.dimensions?.[d.key]?.mean)}</Td>
              ))}
              <Td>{formatEnps(t.enps?.score)}</Td>
            </>
          ) : (
            <Td colSpan={DIMENSIONS.length + 1} className="text-slate-500">
              Hidden until {minResponses} people answer ({Math.max(0, minResponses - t.respondents)} more)
            </Td>
          )}
        </Tr>
      ))}
    </DataTable>
  );
}
