"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useActionState, useState } from "react";
import { cancelRequestAction } from "@/app/(portal)/requests/actions";

export function CancelRequestButton({ requestId }: { requestId: string }) {
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState(cancelRequestAction, null);
  return (
    <Dialog.Root open={open && !state?.ok} onOpenChange={setOpen}>
      <Dialog.Trigger className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50">Cancel request</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 w-[min(28rem,92vw)] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">Cancel this request?</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-slate-600">Nothing has been created yet, and nothing will be. The name becomes free again.</Dialog.Description>
          <form action={formAction} className="mt-5 flex justify-end gap-3">
            <input type="hidden" name="id" value={requestId} />
            {state && !state.ok && (
              <p role="alert" className="mr-auto text-sm text-red-700">
                {state.error}
              </p>
            )}
            <Dialog.Close className="rounded-md border border-slate-300 px-4 py-2 text-sm">Keep it</Dialog.Close>
            <button type="submit" disabled={pending} className="rounded-md bg-slate-800 px-4 py-2 text-sm font-semibold text-white hover:bg-slate-900 disabled:opacity-60">
              Cancel request
            </button>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
