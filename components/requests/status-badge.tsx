import { statusLabel, type RequestStatus } from "@/lib/requests/state-machine";

const tone: Record<RequestStatus, string> = {
  submitted: "bg-slate-100 text-slate-800",
  pending_approval: "bg-amber-100 text-amber-900",
  auto_approved: "bg-emerald-100 text-emerald-900",
  approved: "bg-emerald-100 text-emerald-900",
  rejected: "bg-red-100 text-red-900",
  provisioning: "bg-sky-100 text-sky-900",
  ready: "bg-emerald-200 text-emerald-950",
  decommissioning: "bg-slate-200 text-slate-800",
  decommissioned: "bg-slate-100 text-slate-600",
  failed: "bg-red-200 text-red-950",
  cancelled: "bg-slate-100 text-slate-600",
};

export function StatusBadge({ status }: { status: RequestStatus }) {
  return <span className={`inline-block whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-semibold ${tone[status]}`}>{statusLabel(status)}</span>;
}
