"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useActionState, useState } from "react";
import { requestChangeAction } from "@/app/(portal)/requests/actions";
import { Field, inputClass } from "@/components/ui/field";
import { databaseSizes } from "@/lib/requests/templates/database";

type Props = { requestId: string; kind: "database" | "namespace"; current: Record<string, unknown> };

const namespaceFields = [
  ["cpuRequest", "CPU request (cores)", "0.1"],
  ["cpuLimit", "CPU limit (cores)", "0.1"],
  ["memoryRequestGi", "Memory request (GiB)", "0.25"],
  ["memoryLimitGi", "Memory limit (GiB)", "0.25"],
  ["maxPods", "Maximum pods", "1"],
] as const;

/** A day-2 change in a dialog: the same policy decides whether it applies at once or waits for an admin. */
export function ChangeDialog({ requestId, kind, current }: Props) {
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState(requestChangeAction, null);
  const failed = state && !state.ok ? state : null;
  const value = (k: string) => failed?.values?.[`parameters.${k}`] ?? String(current[k] ?? "");
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50">{kind === "database" ? "Change size" : "Change quota"}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 max-h-[90vh] w-[min(34rem,92vw)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-6 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">{kind === "database" ? "Change the database's size" : "Change the namespace's quota"}</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-600">Applied in place once approved; non-production changes within the golden path and your quota are approved at once.</Dialog.Description>
          {state?.ok ? (
            <div role="status" className="mt-4 rounded-md bg-emerald-50 p-3 text-sm text-emerald-950">
              {state.data.status === "approved" ? "Approved: it is being applied now." : "Waiting for a platform admin's approval."}
              <div className="mt-3 flex justify-end">
                <Dialog.Close className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm">Close</Dialog.Close>
              </div>
            </div>
          ) : (
            <form action={formAction} className="mt-4 flex flex-col gap-4">
              <input type="hidden" name="id" value={requestId} />
              {kind === "database" ? (
                <div className="grid gap-4 sm:grid-cols-2">
                  <Field label="Size" name="parameters.size" error={failed?.fields?.["parameters.size"]}>
                    {(p) => (
                      <select {...p} defaultValue={value("size")} className={inputClass}>
                        {Object.entries(databaseSizes).map(([k, v]) => (
                          <option key={k} value={k}>{`${k} — ${v.connections} connections, up to ${v.maxGb} GB`}</option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <Field label="Storage (GB)" name="parameters.sizeGb" error={failed?.fields?.["parameters.sizeGb"]}>
                    {(p) => <input {...p} type="number" min={1} max={100} defaultValue={value("sizeGb")} className={inputClass} />}
                  </Field>
                </div>
              ) : (
                <div className="grid gap-4 sm:grid-cols-2">
                  {namespaceFields.map(([k, label, step]) => (
                    <Field key={k} label={label} name={`parameters.${k}`} error={failed?.fields?.[`parameters.${k}`]}>
                      {(p) => <input {...p} type="number" step={step} defaultValue={value(k)} className={inputClass} />}
                    </Field>
                  ))}
                </div>
              )}
              {failed && (
                <p role="alert" className="text-sm text-red-700">
                  {failed.error}
                </p>
              )}
              <div className="flex justify-end gap-3">
                <Dialog.Close className="rounded-md border border-slate-300 px-4 py-2 text-sm">Cancel</Dialog.Close>
                <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
                  Request change
                </button>
              </div>
            </form>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
