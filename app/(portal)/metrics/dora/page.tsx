import type { Metadata } from "next";
import Link from "next/link";
import { DoraDashboardView } from "@/components/metrics/dora-dashboard";
import { requirePagePermission } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { loadDoraDashboard, type DoraDashboard } from "@/lib/metrics/dashboard";
import { filtersFrom, filtersToQuery } from "@/lib/metrics/filters";
import { doraQuerySchema } from "@/lib/metrics/schemas";
import { DORA_TIERS } from "@/lib/metrics/tiers";

export const metadata: Metadata = { title: "DORA metrics" };

function Problem({ message }: { message: string }) {
  return (
    <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-5 text-amber-950">
      <p>{message}</p>
      <Link href="/metrics/dora" className="mt-2 inline-block font-medium text-brand-700 underline">
        Show my default view
      </Link>
    </div>
  );
}

export default async function DoraPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("metrics:read");
  const raw = await searchParams;
  const filters = filtersFrom((key) => (typeof raw[key] === "string" ? (raw[key] as string) : undefined));
  const parsed = doraQuerySchema.safeParse(filters);
  let body: React.ReactNode;
  if (!parsed.success) {
    body = <Problem message={`These filters are not valid: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}.`} />;
  } else {
    let data: DoraDashboard | null = null;
    try {
      data = await loadDoraDashboard(actor, parsed.data);
    } catch (error) {
      if (!(error instanceof AppError) || error.code === "internal") throw error;
      body = <Problem message={error.message} />;
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
