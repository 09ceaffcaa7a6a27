import type { Metadata } from "next";
import Link from "next/link";
import { ImportForm } from "@/components/catalog/import-form";
import { PageHeader } from "@/components/ui/page-header";
import { catalogLimits } from "@/lib/catalog/settings";
import { requirePagePermission } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Import · Catalog" };

export default async function ImportPage() {
  await requirePagePermission("catalog:import");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader back={{ href: "/catalog", label: "Catalog" }} title="Import catalog YAML">
        Paste or upload Backstage catalog-info.yaml files (several documents separated by ---). You see what will be added, changed or refused before anything is
        written. To keep a repository in sync, <Link href="/catalog/locations" className="text-brand-700 underline">register it as a location</Link> instead.
      
      </PageHeader>
      <ImportForm maxBytes={catalogLimits.maxImportBytes} />
    </div>
  );
}
