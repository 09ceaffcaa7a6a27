"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useActionState, useState } from "react";
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
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState(action, null);
  const button = tone === "danger" ? "bg-red-700 hover:bg-red-800" : "bg-slate-800 hover:bg-slate-900";
  return (
    <Dialog.Root open={open && !state?.ok} onOpenChange={setOpen}>
      <Dialog.Trigger className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50">{label}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 w-[min(28rem,92vw)] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">{title}</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-slate-600">{description}</Dialog.Description>
          <form action={formAction} className="mt-5 flex flex-wrap justify-end gap-3">
            <input type="hidden" name="id" value={requestId} />
            {state && !state.ok && (
              <p role="alert" className="mr-auto text-sm text-red-700">
                {state.error}
              </p>
            )}
            <Dialog.Close className="rounded-md border border-slate-300 px-4 py-2 text-sm">Keep it</Dialog.Close>
            <button type="submit" disabled={pending} className={`rounded-md px-4 py-2 text-sm font-semibold text-white disabled:opacity-60 ${button}`}>
              {confirmLabel}
            </button>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
