"use client";

import { useActionState } from "react";
import { deleteLocationAction, refreshLocationAction } from "@/app/(portal)/catalog/actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** Refresh now, or remove (with its entities) after a confirmation. */
export function LocationActions({ id, target }: { id: string; target: string }) {
  const [refreshed, refresh, refreshing] = useActionState(refreshLocationAction, null);
  const [removed, remove, removing] = useActionState(deleteLocationAction, null);
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex gap-2">
        <form action={refresh}>
          <input type="hidden" name="id" value={id} />
          <button type="submit" disabled={refreshing} aria-label={`Refresh ${target}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60">
            {refreshing ? "Reading…" : "Refresh"}
          </button>
        </form>
        <ConfirmDialog
          trigger={
            <button type="button" aria-label={`Remove ${target}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
              Remove
            </button>
          }
          title="Remove this location?"
          description={
            <>
              <span className="break-all">{target}</span> and every entity it provided leave the catalog. The repository itself is not touched.
            </>
          }
          action={remove}
          pending={removing}
          hiddenFields={{ id }}
          error={removed && !removed.ok ? removed.error : undefined}
          succeeded={removed?.ok}
          cancelLabel="Keep it"
          confirmLabel="Remove location"
          tone="danger"
        />
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
