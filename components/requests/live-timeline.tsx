"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { requestKeys } from "@/lib/requests/query-keys";
import type { RequestStatus } from "@/lib/requests/state-machine";
import { StatusBadge } from "./status-badge";

type Event = { at: string; actor: string | null; to: RequestStatus | null; message: string };
type Snapshot = { status: RequestStatus; events: Event[] };

const ACTIVE: RequestStatus[] = ["auto_approved", "approved", "provisioning", "decommissioning"];

const fmt = (iso: string) => iso.slice(0, 19).replace("T", " ") + " UTC";

/**
 * The timeline, kept live while the request is being worked on: it polls the
 * API and refreshes the server-rendered page once the status changes.
 */
export function LiveTimeline({ requestId, initial }: { requestId: string; initial: Snapshot }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  // A server action (decommission, retry) re-renders the page with newer data: adopt it so polling restarts.
  useEffect(() => {
    queryClient.setQueryData(requestKeys.detail(requestId), (old: Snapshot | undefined) =>
      !old || initial.events.length >= old.events.length ? initial : old,
    );
  }, [initial, requestId, queryClient]);
  const { data } = useQuery({
    queryKey: requestKeys.detail(requestId),
    queryFn: async (): Promise<Snapshot> => {
      const res = await fetch(`/api/v1/requests/${requestId}`, { cache: "no-store" });
      if (!res.ok) throw new Error(`status ${res.status}`);
      return res.json();
    },
    initialData: initial,
    refetchInterval: (q) => (ACTIVE.includes(q.state.data?.status ?? initial.status) ? 1500 : false),
  });
  const lastStatus = useRef(initial.status);
  useEffect(() => {
    if (data.status !== lastStatus.current) {
      lastStatus.current = data.status;
      router.refresh();
    }
  }, [data.status, router]);

  const working = ACTIVE.includes(data.status);
  return (
    <section aria-labelledby="timeline" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="timeline" className="flex items-center gap-3 text-lg font-semibold">
        Timeline {working && <span className="text-sm font-normal text-sky-800">updating live…</span>}
      </h2>
      <ol className="mt-3 flex flex-col gap-3 border-l-2 border-slate-200 pl-4" aria-live="polite">
        {data.events.map((e, i) => (
          <li key={i} className="text-sm">
            <p className="flex flex-wrap items-center gap-2">
              <time dateTime={e.at} className="text-slate-500">
                {fmt(e.at)}
              </time>
              {e.to ? <StatusBadge status={e.to} /> : <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-600">step</span>}
              <span className="text-slate-600">{e.actor ?? "Runway"}</span>
            </p>
            <p className="mt-0.5">{e.message}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
