"use client";

import { useActionState } from "react";
import { extendAction } from "@/app/(portal)/requests/actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, inputClass } from "@/components/ui/field";

export function ExtendDialog({ requestId, note }: { requestId: string; note: string }) {
  const [state, formAction, pending] = useActionState(extendAction, null);
  const failed = state && !state.ok ? state : null;
  return (
    <ConfirmDialog
      trigger={
        <button type="button" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50">
          Extend time to live
        </button>
      }
      title="Extend the time to live"
      description={note}
      action={formAction}
      pending={pending}
      hiddenFields={{ id: requestId }}
      error={failed && !failed.fields ? failed.error : undefined}
      succeeded={state?.ok}
      confirmLabel="Extend"
      tone="primary"
    >
      <Field label="Hours to add" name="hours" error={failed?.fields?.hours}>
        {(p) => <input {...p} type="number" min={1} max={168} defaultValue={failed?.values?.hours ?? "24"} className={inputClass} />}
      </Field>
    </ConfirmDialog>
  );
}
