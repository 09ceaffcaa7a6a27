import type { Metadata } from "next";
import { NotYetAvailable } from "@/components/ui/not-yet-available";
import { requirePagePermission } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  await requirePagePermission("admin:access");
  return <NotYetAvailable title="Approvals" what="The queue of requests that policy did not auto-approve, for platform admins to approve or reject." />;
}
