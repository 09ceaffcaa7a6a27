"use client";

import { useActionState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ActionResult } from "@/lib/actions/action";
import type { RequestStatus } from "@/lib/requests/state-machine";

type Props = {
  requestId: string;
  label: string;
  title: string;
  description: string;
  confirmLabel: string;
  tone?: "neutral" | "danger";
  action: (prev: ActionResult<{ status: RequestStatus }> | null, input: FormData) => Promise<ActionResult<{ status: RequestStatus }>>;
};

/** A request lifecycle action (cancel, decommission, retry) confirmed in a keyboard-usable dialog. */
export function ConfirmActionButton({ requestId, label, title, description, confirmLabel, tone = "neutral", action }: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <ConfirmDialog
      trigger={
        <button type="button" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50">
          {label}
        </button>
      }
      title={title}
      description={description}
      action={formAction}
      pending={pending}
      hiddenFields={{ id: requestId }}
      error={state && !state.ok ? state.error : undefined}
      succeeded={state?.ok}
      cancelLabel="Keep it"
      confirmLabel={confirmLabel}
      tone={tone}
    />
  );
}
