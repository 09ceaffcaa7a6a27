"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useActionState, useState } from "react";
import { extendAction } from "@/app/(portal)/requests/actions";
import { Field, inputClass } from "@/components/ui/field";

export function ExtendDialog({ requestId, note }: { requestId: string; note: string }) {
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState(extendAction, null);
  const failed = state && !state.ok ? state : null;
  return (
    <Dialog.Root open={open && !state?.ok} onOpenChange={setOpen}>
      <Dialog.Trigger className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50">Extend time to live</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 w-[min(28rem,92vw)] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">Extend the time to live</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-600">{note}</Dialog.Description>
          <form action={formAction} className="mt-4 flex flex-col gap-4">
            <input type="hidden" name="id" value={requestId} />
            <Field label="Hours to add" name="hours" error={failed?.fields?.hours}>
              {(p) => <input {...p} type="number" min={1} max={168} defaultValue={failed?.values?.hours ?? "24"} className={inputClass} />}
            </Field>
            {failed && !failed.fields && (
              <p role="alert" className="text-sm text-red-700">
                {failed.error}
              </p>
            )}
            <div className="flex justify-end gap-3">
              <Dialog.Close className="rounded-md border border-slate-300 px-4 py-2 text-sm">Cancel</Dialog.Close>
              <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
                Extend
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
