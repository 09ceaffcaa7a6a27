import type { Metadata } from "next";
import { DataTable, Td, Th, Tr } from "@/components/ui/data-table";
import { requirePagePermission } from "@/lib/auth/session";
import { backendStatuses } from "@/lib/provisioning/backend-status";

export const metadata: Metadata = { title: "Provisioning backends" };

export default async function BackendsPage() {
  const actor = await requirePagePermission("backends:read");
  const statuses = await backendStatuses(actor);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold">Provisioning backends</h1>
        <p className="mt-1 max-w-3xl text-slate-600">Where approved requests become real resources, and whether each can be reached right now.</p>
      </div>
      <DataTable
        caption="Provisioning backends"
        head={
          <>
            <Th>Backend</Th>
            <Th>Health</Th>
            <Th>Detail</Th>
            <Th>Settings</Th>
          </>
        }
      >
        {statuses.map((s) => (
          <Tr key={s.id} className="align-top">
            <Th scope="row" className="font-medium">
              {s.title} <span className="font-mono text-xs text-slate-500">({s.id})</span>
            </Th>
            <Td>
              <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${s.ok ? "bg-emerald-100 text-emerald-900" : s.configured ? "bg-red-100 text-red-900" : "bg-slate-100 text-slate-700"}`}>
                {s.ok ? "Healthy" : s.configured ? "Unhealthy" : "Not configured"}
              </span>
            </Td>
            <Td>{s.detail}</Td>
            <Td className="font-mono text-xs">{s.settings.join(", ")}</Td>
          </Tr>
        ))}
      </DataTable>
    </div>
  );
}
