"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useState } from "react";

const tones = {
  primary: "bg-brand-600 hover:bg-brand-700",
  neutral: "bg-slate-800 hover:bg-slate-900",
  approve: "bg-emerald-700 hover:bg-emerald-800",
  danger: "bg-red-700 hover:bg-red-800",
} as const;

const widths = { sm: "w-[min(28rem,92vw)]", md: "w-[min(32rem,92vw)]", lg: "w-[min(34rem,92vw)]" } as const;

type ConfirmDialogProps = {
  /** The button that opens the dialog; the focus returns to it when the dialog closes. */
  trigger: React.ReactElement;
  title: React.ReactNode;
  description: React.ReactNode;
  /** The form's action (from `useActionState`) and whether it is running. */
  action: (formData: FormData) => void;
  pending: boolean;
  /** What the action acts on, sent with the form. */
  hiddenFields: Record<string, string>;
  /** A failure that belongs to no field. */
  error?: string;
  /** The action succeeded: the dialog closes, unless it has an `outcome` to show. */
  succeeded?: boolean;
  /** Shown in place of the form once the action succeeded. */
  outcome?: React.ReactNode;
  cancelLabel?: string;
  confirmLabel: string;
  tone: keyof typeof tones;
  width?: keyof typeof widths;
  /** The form's fields, between the description and the buttons. */
  children?: React.ReactNode;
};

/** A keyboard-usable confirmation (Radix traps the focus, closes on Escape and returns the focus to the trigger) around a server action's form. */
export function ConfirmDialog({
  trigger,
  title,
  description,
  action,
  pending,
  hiddenFields,
  error,
  succeeded = false,
  outcome,
  cancelLabel = "Cancel",
  confirmLabel,
  tone,
  width = "sm",
  children,
}: ConfirmDialogProps) {
  const [open, setOpen] = useState(false);
  const showOutcome = succeeded && Boolean(outcome);
  // A dialog with fields is laid out as a form, its error above the buttons; a bare question has its error beside them.
  const alert = error && (
    <p role="alert" className={children ? "text-sm text-red-700" : "mr-auto text-sm text-red-700"}>
      {error}
    </p>
  );
  return (
    <Dialog.Root open={open && (!succeeded || showOutcome)} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-slate-900/40" />
        <Dialog.Content className={`fixed left-1/2 top-1/2 max-h-[90vh] ${widths[width]} -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-6 shadow-xl`}>
          <Dialog.Title className="text-lg font-semibold">{title}</Dialog.Title>
          <Dialog.Description className={`${children ? "mt-1" : "mt-2"} text-sm text-slate-600`}>{description}</Dialog.Description>
          {showOutcome ? (
            <div role="status" className="mt-4 rounded-md bg-emerald-50 p-3 text-sm text-emerald-950">
              {outcome}
              <div className="mt-3 flex justify-end">
                <Dialog.Close className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm">Close</Dialog.Close>
              </div>
            </div>
          ) : (
            <form action={action} className={children ? "mt-4 flex flex-col gap-4" : "mt-5"}>
              {Object.entries(hiddenFields).map(([name, value]) => (
                <input key={name} type="hidden" name={name} value={value} />
              ))}
              {children}
              {children && alert}
              <div className="flex flex-wrap justify-end gap-3">
                {!children && alert}
                <Dialog.Close className="rounded-md border border-slate-300 px-4 py-2 text-sm">{cancelLabel}</Dialog.Close>
                <button type="submit" disabled={pending} className={`rounded-md px-4 py-2 text-sm font-semibold text-white disabled:opacity-60 ${tones[tone]}`}>
                  {confirmLabel}
                </button>
              </div>
            </form>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
