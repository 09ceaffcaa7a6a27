import type { Metadata } from "next";
import { DoraDashboardView } from "@/components/metrics/dora-dashboard";
import { FilterProblem, invalidFilters } from "@/components/metrics/filter-problem";
import { requirePagePermission } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { loadDoraDashboard, type DoraDashboard } from "@/lib/metrics/dashboard";
import { filtersFrom, filtersToQuery } from "@/lib/metrics/filters";
import { doraQuerySchema } from "@/lib/metrics/schemas";
import { DORA_TIERS } from "@/lib/metrics/tiers";

export const metadata: Metadata = { title: "DORA metrics" };

export default async function DoraPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("metrics:read");
  const raw = await searchParams;
  const filters = filtersFrom((key) => (typeof raw[key] === "string" ? (raw[key] as string) : undefined));
  const parsed = doraQuerySchema.safeParse(filters);
  let body: React.ReactNode;
  if (!parsed.success) {
    body = <FilterProblem message={invalidFilters(parsed.error)} href="/metrics/dora" />;
  } else {
    let data: DoraDashboard | null = null;
    try {
      data = await loadDoraDashboard(actor, parsed.data);
    } catch (error) {
      if (!(error instanceof AppError) || error.code === "internal") throw error;
      body = <FilterProblem message={error.message} href="/metrics/dora" />;
    }
    if (data) body = <DoraDashboardView initial={data} initialQuery={filtersToQuery(filters)} />;
  }
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold">DORA metrics</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          The four keys, computed from the deployment, change and incident events your pipelines send. Tiers: {DORA_TIERS.source}.
        </p>
      </div>
      {body}
    </div>
  );
}
