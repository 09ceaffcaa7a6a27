"use client";

import { useActionState } from "react";
import { approveChangeAction, approveRequestAction, rejectChangeAction, rejectRequestAction } from "@/app/(portal)/requests/actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, inputClass } from "@/components/ui/field";

type Verdict = "approve" | "reject";

const actions = {
  request: { approve: approveRequestAction, reject: rejectRequestAction, field: "id" },
  change: { approve: approveChangeAction, reject: rejectChangeAction, field: "changeId" },
} as const;

/** Approve or reject a request or a change in a dialog; a rejection needs a reason because the requester reads it. */
export function DecisionDialog({ targetId, verdict, subject = "request" }: { targetId: string; verdict: Verdict; subject?: "request" | "change" }) {
  const [state, formAction, pending] = useActionState<{ ok: boolean; error?: string; fields?: Record<string, string>; values?: Record<string, string> } | null, FormData>(
    actions[subject][verdict] as never,
    null,
  );
  const failed = state && !state.ok ? state : null;
  const approve = verdict === "approve";
  return (
    <ConfirmDialog
      trigger={
        <button
          type="button"
          className={`rounded-md px-4 py-2 text-sm font-semibold ${approve ? "bg-emerald-700 text-white hover:bg-emerald-800" : "border border-red-300 text-red-800 hover:bg-red-50"}`}
        >
          {approve ? "Approve" : "Reject"}
          {subject === "change" && <span className="sr-only"> change</span>}
        </button>
      }
      title={`${approve ? "Approve" : "Reject"} this ${subject}?`}
      description={
        approve
          ? `It will be ${subject === "change" ? "applied in place" : "provisioned as requested"}. The reason is optional and shown to the requester.`
          : "Nothing will be changed. Say why, so the requester can fix it."
      }
      action={formAction}
      pending={pending}
      hiddenFields={{ [actions[subject].field]: targetId }}
      error={failed && !failed.fields ? failed.error : undefined}
      succeeded={state?.ok}
      confirmLabel={`${approve ? "Approve" : "Reject"} ${subject}`}
      tone={approve ? "approve" : "danger"}
      width="md"
    >
      <Field label={approve ? "Reason (optional)" : "Reason"} name="reason" error={failed?.fields?.reason}>
        {(p) => <textarea {...p} rows={3} required={!approve} defaultValue={failed?.values?.reason} className={inputClass} />}
      </Field>
    </ConfirmDialog>
  );
}
