import type { Metadata } from "next";
import { NotYetAvailable } from "@/components/ui/not-yet-available";
import { requireActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Request infrastructure" };

export default async function Page() {
  await requireActor();
  return <NotYetAvailable title="Request infrastructure" what="Self-service forms for databases, namespaces and environments, with policy-based approval." />;
}
