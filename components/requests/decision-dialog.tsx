"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useActionState, useState } from "react";
import { approveChangeAction, approveRequestAction, rejectChangeAction, rejectRequestAction } from "@/app/(portal)/requests/actions";
import { Field, inputClass } from "@/components/ui/field";

type Verdict = "approve" | "reject";

const actions = {
  request: { approve: approveRequestAction, reject: rejectRequestAction, field: "id" },
  change: { approve: approveChangeAction, reject: rejectChangeAction, field: "changeId" },
} as const;

/** Approve or reject a request or a change in a dialog; a rejection needs a reason because the requester reads it. */
export function DecisionDialog({ targetId, verdict, subject = "request" }: { targetId: string; verdict: Verdict; subject?: "request" | "change" }) {
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState<{ ok: boolean; error?: string; fields?: Record<string, string>; values?: Record<string, string> } | null, FormData>(
    actions[subject][verdict] as never,
    null,
  );
  const failed = state && !state.ok ? state : null;
  const approve = verdict === "approve";
  return (
    <Dialog.Root open={open && !state?.ok} onOpenChange={setOpen}>
      <Dialog.Trigger
        className={`rounded-md px-4 py-2 text-sm font-semibold ${approve ? "bg-emerald-700 text-white hover:bg-emerald-800" : "border border-red-300 text-red-800 hover:bg-red-50"}`}
      >
        {approve ? "Approve" : "Reject"}
        {subject === "change" && <span className="sr-only"> change</span>}
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 w-[min(32rem,92vw)] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">{`${approve ? "Approve" : "Reject"} this ${subject}?`}</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-600">
            {approve
              ? `It will be ${subject === "change" ? "applied in place" : "provisioned as requested"}. The reason is optional and shown to the requester.`
              : "Nothing will be changed. Say why, so the requester can fix it."}
          </Dialog.Description>
          <form action={formAction} className="mt-4 flex flex-col gap-4">
            <input type="hidden" name={actions[subject].field} value={targetId} />
            <Field label={approve ? "Reason (optional)" : "Reason"} name="reason" error={failed?.fields?.reason}>
              {(p) => <textarea {...p} rows={3} required={!approve} defaultValue={failed?.values?.reason} className={inputClass} />}
            </Field>
            {failed && !failed.fields && (
              <p role="alert" className="text-sm text-red-700">
                {failed.error}
              </p>
            )}
            <div className="flex justify-end gap-3">
              <Dialog.Close className="rounded-md border border-slate-300 px-4 py-2 text-sm">Cancel</Dialog.Close>
              <button
                type="submit"
                disabled={pending}
                className={`rounded-md px-4 py-2 text-sm font-semibold text-white disabled:opacity-60 ${approve ? "bg-emerald-700 hover:bg-emerald-800" : "bg-red-700 hover:bg-red-800"}`}
              >
                {`${approve ? "Approve" : "Reject"} ${subject}`}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
