import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RequestForm } from "@/components/requests/request-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/session";
import { teamQuotaView } from "@/lib/requests/quotas";
import { requestKinds, templates, type RequestKind } from "@/lib/requests/templates";

export async function generateMetadata({ params }: { params: Promise<{ kind: string }> }): Promise<Metadata> {
  const { kind } = await params;
  return { title: requestKinds.includes(kind as RequestKind) ? `Request ${templates[kind as RequestKind].doc.article}` : "Request" };
}

export default async function NewRequestKindPage({ params }: { params: Promise<{ kind: string }> }) {
  const { kind } = await params;
  if (!requestKinds.includes(kind as RequestKind)) notFound();
  const actor = await requireActor();
  const teams = await Promise.all(
    actor.teams.map(async (t) => {
      const view = await teamQuotaView(actor, t.name);
      return { name: t.name, displayName: t.displayName, usage: view.usage, quota: view.quota };
    }),
  );
  const doc = templates[kind as RequestKind].doc;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader back={{ href: "/requests/new", label: "All golden paths" }} title={`Request ${doc.article}`}>{doc.summary}</PageHeader>
      <RequestForm kind={kind as RequestKind} teams={teams} />
    </div>
  );
}
