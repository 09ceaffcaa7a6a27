"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useActionState, useState } from "react";
import { deleteLocationAction, refreshLocationAction } from "@/app/(portal)/catalog/actions";

/** Refresh now, or remove (with its entities) after a confirmation. */
export function LocationActions({ id, target }: { id: string; target: string }) {
  const [refreshed, refresh, refreshing] = useActionState(refreshLocationAction, null);
  const [removed, remove, removing] = useActionState(deleteLocationAction, null);
  const [open, setOpen] = useState(false);
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex gap-2">
        <form action={refresh}>
          <input type="hidden" name="id" value={id} />
          <button type="submit" disabled={refreshing} aria-label={`Refresh ${target}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60">
            {refreshing ? "Reading…" : "Refresh"}
          </button>
        </form>
        <Dialog.Root open={open && !removed?.ok} onOpenChange={setOpen}>
          <Dialog.Trigger aria-label={`Remove ${target}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
            Remove
          </Dialog.Trigger>
          <Dialog.Portal>
            <Dialog.Overlay className="fixed inset-0 bg-slate-900/40" />
            <Dialog.Content className="fixed left-1/2 top-1/2 w-[min(30rem,92vw)] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl">
              <Dialog.Title className="text-lg font-semibold">Remove this location?</Dialog.Title>
              <Dialog.Description className="mt-2 break-all text-sm text-slate-600">
                {target} and every entity it provided leave the catalog. The repository itself is not touched.
              </Dialog.Description>
              <form action={remove} className="mt-5 flex flex-wrap justify-end gap-3">
                <input type="hidden" name="id" value={id} />
                {removed && !removed.ok && (
                  <p role="alert" className="mr-auto text-sm text-red-700">
                    {removed.error}
                  </p>
                )}
                <Dialog.Close className="rounded-md border border-slate-300 px-4 py-2 text-sm">Keep it</Dialog.Close>
                <button type="submit" disabled={removing} className="rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white hover:bg-red-800 disabled:opacity-60">
                  Remove location
                </button>
              </form>
            </Dialog.Content>
          </Dialog.Portal>
        </Dialog.Root>
      </div>
      {refreshed && (
        <p role="status" className={`text-sm ${refreshed.ok ? "text-emerald-900" : "text-red-700"}`}>
          {refreshed.ok
            ? `Read: ${refreshed.data.added} added, ${refreshed.data.updated} changed, ${refreshed.data.orphaned} orphaned, ${refreshed.data.removed} removed, ${refreshed.data.refused} refused.`
            : refreshed.error}
        </p>
      )}
    </div>
  );
}
