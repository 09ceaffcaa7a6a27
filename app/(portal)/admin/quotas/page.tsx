import type { Metadata } from "next";
import { QuotaForm } from "@/components/admin/quota-form";
import { UsageTable } from "@/components/requests/usage-table";
import { requirePagePermission } from "@/lib/auth/session";
import { listTeamQuotas } from "@/lib/requests/quotas";

export const metadata: Metadata = { title: "Team quotas" };

export default async function QuotasPage() {
  const actor = await requirePagePermission("quotas:manage");
  const teams = await listTeamQuotas(actor);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold">Team quotas</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          Requests that would take a team over its quota wait for an admin instead of being auto-approved. Every change is written to the audit log.
        </p>
      </div>
      {teams.map((t) => (
        <section key={t.team} aria-labelledby={`team-${t.team}`} className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 id={`team-${t.team}`} className="text-lg font-semibold">
            {t.displayName} <span className="text-sm font-normal text-slate-500">({t.custom ? "custom quota" : "default quota"})</span>
          </h2>
          <div className="mt-3 grid gap-6 lg:grid-cols-[16rem_1fr]">
            <UsageTable usage={t.usage} quota={t.quota} caption="Usage" />
            <QuotaForm team={t.team} quota={t.quota} />
          </div>
        </section>
      ))}
    </div>
  );
}
