import type { Metadata } from "next";
import { NotYetAvailable } from "@/components/ui/not-yet-available";
import { requireActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "My requests" };

export default async function Page() {
  await requireActor();
  return <NotYetAvailable title="My requests" what="The requests you and your teams have made, with their status and timeline." />;
}
