import type { Metadata } from "next";
import { NotYetAvailable } from "@/components/ui/not-yet-available";
import { requireActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Metrics" };

export default async function Page() {
  await requireActor();
  return <NotYetAvailable title="Metrics" what="DORA four keys and DevEx scores computed from your deployment, change and incident events." />;
}
