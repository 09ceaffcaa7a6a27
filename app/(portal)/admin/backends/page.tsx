import type { Metadata } from "next";
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
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2">Backend</th>
              <th scope="col" className="px-4 py-2">Health</th>
              <th scope="col" className="px-4 py-2">Detail</th>
              <th scope="col" className="px-4 py-2">Settings</th>
            </tr>
          </thead>
          <tbody>
            {statuses.map((s) => (
              <tr key={s.id} className="border-t border-slate-100 align-top">
                <th scope="row" className="px-4 py-2 font-medium">
                  {s.title} <span className="font-mono text-xs text-slate-500">({s.id})</span>
                </th>
                <td className="px-4 py-2">
                  <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${s.ok ? "bg-emerald-100 text-emerald-900" : s.configured ? "bg-red-100 text-red-900" : "bg-slate-100 text-slate-700"}`}>
                    {s.ok ? "Healthy" : s.configured ? "Unhealthy" : "Not configured"}
                  </span>
                </td>
                <td className="px-4 py-2">{s.detail}</td>
                <td className="px-4 py-2 font-mono text-xs">{s.settings.join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
