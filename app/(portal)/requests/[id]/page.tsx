import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cancelRequestAction, decommissionRequestAction, retryRequestAction } from "@/app/(portal)/requests/actions";
import { ConfirmActionButton } from "@/components/requests/confirm-action-button";
import { ChangeDialog } from "@/components/requests/change-dialog";
import { ChangeHistory } from "@/components/requests/change-history";
import { CredentialsPanel } from "@/components/requests/credentials-panel";
import { ExtendDialog } from "@/components/requests/extend-dialog";
import { LiveTimeline } from "@/components/requests/live-timeline";
import { DecisionDialog } from "@/components/requests/decision-dialog";
import { StatusBadge } from "@/components/requests/status-badge";
import { UsageTable } from "@/components/requests/usage-table";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { listChanges } from "@/lib/requests/changes";
import { getRequest } from "@/lib/requests/queries";
import { teamQuotaView } from "@/lib/requests/quotas";
import { canTransition } from "@/lib/requests/state-machine";
import { utc } from "@/lib/time";

export const metadata: Metadata = { title: "Request" };

function flatten(value: unknown, prefix = ""): [string, string][] {
  if (Array.isArray(value) && value.every((v) => typeof v !== "object")) return [[prefix, value.length ? value.join(", ") : "none"]];
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
  }
  return [[prefix, value === undefined || value === null ? "—" : String(value)]];
}

export default async function RequestPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  const request = await getRequest(actor, id);
  if (!request) notFound();

  const isMember = actor.teams.some((t) => t.id === request.teamId);
  const canDecide = can(actor.role, "requests:approve") && request.status === "pending_approval" && request.requestedById !== actor.id;
  const canCancel = isMember && canTransition(request.status, "cancelled");
  const canDecommission = isMember && canTransition(request.status, "decommissioning") && request.status !== "failed";
  const canRetry = can(actor.role, "requests:retry") && request.status === "failed";
  const showCredentials = isMember && request.status === "ready" && request.kind !== "namespace";
  const outputs = Object.entries(request.outputs).filter(([k]) => k !== "databases");
  const usage = canDecide ? await teamQuotaView(actor, request.team) : null;
  const changes = await listChanges(actor, request.id);
  const canChange = isMember && request.status === "ready" && request.kind !== "environment" && !changes.some((c) => ["pending_approval", "approved", "applying"].includes(c.status));
  const isAdmin = can(actor.role, "requests:approve");
  const extendedBefore = request.events.some((e) => "extendedByHours" in e.details);
  const canExtend = request.kind === "environment" && request.status === "ready" && request.expiresAt !== null && ((isMember && !extendedBefore) || isAdmin);

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <Link href="/requests" className="text-sm text-brand-700 underline">
            My requests
          </Link>
          <h1 className="mt-1 flex flex-wrap items-center gap-3 text-2xl font-bold">
            {request.name} <StatusBadge status={request.status} />
          </h1>
          <p className="mt-1 text-slate-600">
            A {request.environment} {request.kind} for {request.team}, requested by {request.requestedByName} on {utc(request.createdAt)}.
          </p>
        </div>
        <div className="flex flex-wrap gap-3">
          {canDecide && (
            <>
              <DecisionDialog targetId={request.id} verdict="approve" />
              <DecisionDialog targetId={request.id} verdict="reject" />
            </>
          )}
          {canCancel && (
            <ConfirmActionButton
              requestId={request.id}
              action={cancelRequestAction}
              label="Cancel request"
              title="Cancel this request?"
              description="Nothing has been created yet, and nothing will be. The name becomes free again."
              confirmLabel="Cancel request"
            />
          )}
          {canDecommission && (
            <ConfirmActionButton
              requestId={request.id}
              action={decommissionRequestAction}
              label="Decommission"
              title={`Decommission ${request.name}?`}
              description="Everything this request created is deleted, including its data. This cannot be undone."
              confirmLabel="Decommission"
              tone="danger"
            />
          )}
          {canChange && <ChangeDialog requestId={request.id} kind={request.kind as "database" | "namespace"} current={request.parameters} />}
          {canExtend && (
            <ExtendDialog
              requestId={request.id}
              note={isAdmin ? "As a platform admin you can extend it as often as needed." : "Owners can extend an environment once; after that a platform admin can."}
            />
          )}
          {canRetry && (
            <ConfirmActionButton
              requestId={request.id}
              action={retryRequestAction}
              label="Retry"
              title="Retry this request?"
              description="The failed step runs again from where it stopped; steps already done are checked, not repeated."
              confirmLabel="Retry now"
            />
          )}
        </div>
      </div>

      {can(actor.role, "requests:approve") && request.status === "pending_approval" && request.requestedById === actor.id && (
        <p className="rounded-md border border-slate-300 bg-white p-3 text-sm">This is your own request: another platform admin must decide on it.</p>
      )}

      <section aria-labelledby="decision" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="decision" className="text-lg font-semibold">Decision</h2>
        <p className="mt-1 text-sm text-slate-700">
          <span className="font-medium">Policy ({request.policy.rule}):</span> {request.policy.reason}
        </p>
        {request.decision?.by && (
          <p className="mt-2 text-sm text-slate-700">
            <span className="font-medium">{request.status === "rejected" ? "Rejected" : "Approved"} by {request.decision.by}</span>
            {request.decision.at && ` on ${utc(request.decision.at)}`}
            {request.decision.reason ? `: ${request.decision.reason}` : "."}
          </p>
        )}
        {request.status === "pending_approval" && <p className="mt-2 text-sm text-amber-900">Waiting for a platform admin.</p>}
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="parameters" className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="parameters" className="text-lg font-semibold">Parameters</h2>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            {flatten(request.parameters).map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="font-mono text-slate-600">{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </section>
        {usage && (
          <section className="rounded-lg border border-slate-200 bg-white p-5">
            <UsageTable usage={usage.usage} quota={usage.quota} caption={`${request.team}'s current usage`} />
          </section>
        )}
      </div>

      {request.expiresAt && request.status === "ready" && (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-950">Torn down automatically at {utc(request.expiresAt)} unless extended.</p>
      )}

      {showCredentials && <CredentialsPanel requestId={request.id} />}

      <ChangeHistory changes={changes} canDecideFor={(c) => isAdmin && c.requestedById !== actor.id} />

      {outputs.length > 0 && (
        <section aria-labelledby="outputs" className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="outputs" className="text-lg font-semibold">What was created</h2>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            {flatten(Object.fromEntries(outputs)).map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="font-mono text-slate-600">{k}</dt>
                <dd className="break-all">{v}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}

      <LiveTimeline
        requestId={request.id}
        initial={{ status: request.status, events: request.events.map((e) => ({ at: e.at.toISOString(), actor: e.actor, to: e.to, message: e.message })) }}
      />
    </div>
  );
}
