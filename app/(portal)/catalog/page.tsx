import type { Metadata } from "next";
import { NotYetAvailable } from "@/components/ui/not-yet-available";
import { requireActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Catalog" };

export default async function Page() {
  await requireActor();
  return <NotYetAvailable title="Catalog" what="Services, APIs, resources and their owners, imported from Backstage catalog-info.yaml files." />;
}
