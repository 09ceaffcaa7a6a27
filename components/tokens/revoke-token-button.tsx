"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useActionState, useState } from "react";
import { revokeTokenAction } from "@/app/(portal)/settings/tokens/actions";

export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState(revokeTokenAction, null);
  return (
    <Dialog.Root open={open && !state?.ok} onOpenChange={setOpen}>
      <Dialog.Trigger className="rounded-md border border-red-300 px-3 py-1 text-sm text-red-800 hover:bg-red-50">Revoke</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 w-[min(28rem,92vw)] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">Revoke “{name}”?</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-slate-600">Anything using this token gets 401 from now on. This cannot be undone.</Dialog.Description>
          <form action={formAction} className="mt-5 flex justify-end gap-3">
            <input type="hidden" name="id" value={id} />
            {state && !state.ok && (
              <p role="alert" className="mr-auto text-sm text-red-700">
                {state.error}
              </p>
            )}
            <Dialog.Close className="rounded-md border border-slate-300 px-4 py-2 text-sm">Cancel</Dialog.Close>
            <button type="submit" disabled={pending} className="rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white hover:bg-red-800 disabled:opacity-60">
              Revoke token
            </button>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
