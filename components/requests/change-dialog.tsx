"use client";

import { useActionState } from "react";
import { requestChangeAction } from "@/app/(portal)/requests/actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
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
  const [state, formAction, pending] = useActionState(requestChangeAction, null);
  const failed = state && !state.ok ? state : null;
  const value = (k: string) => failed?.values?.[`parameters.${k}`] ?? String(current[k] ?? "");
  return (
    <ConfirmDialog
      trigger={
        <button type="button" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50">
          {kind === "database" ? "Change size" : "Change quota"}
        </button>
      }
      title={kind === "database" ? "Change the database's size" : "Change the namespace's quota"}
      description="Applied in place once approved; non-production changes within the golden path and your quota are approved at once."
      action={formAction}
      pending={pending}
      hiddenFields={{ id: requestId }}
      error={failed?.error}
      succeeded={state?.ok}
      outcome={state?.ok && (state.data.status === "approved" ? "Approved: it is being applied now." : "Waiting for a platform admin's approval.")}
      confirmLabel="Request change"
      tone="primary"
      width="lg"
    >
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
    </ConfirmDialog>
  );
}
