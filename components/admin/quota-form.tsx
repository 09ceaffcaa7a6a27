"use client";

import { useActionState } from "react";
import { updateQuotaAction } from "@/app/(portal)/admin/quotas/actions";
import { Field, inputClass } from "@/components/ui/field";
import type { Quota } from "@/lib/requests/quota";

export function QuotaForm({ team, quota }: { team: string; quota: Quota }) {
  const [state, formAction, pending] = useActionState(updateQuotaAction, null);
  const failed = state && !state.ok ? state : null;
  const fields = [
    ["maxDatabases", "Live databases", quota.maxDatabases, "1"],
    ["maxNamespaces", "Live namespaces", quota.maxNamespaces, "1"],
    ["maxNamespaceCpu", "Namespace CPU (cores)", quota.maxNamespaceCpuMillis / 1000, "0.1"],
    ["maxNamespaceMemoryGi", "Namespace memory (GiB)", quota.maxNamespaceMemoryMib / 1024, "0.25"],
    ["maxEnvironments", "Live environments", quota.maxEnvironments, "1"],
  ] as const;
  return (
    <form action={formAction} aria-label={`Quota of ${team}`} className="flex flex-col gap-3">
      <input type="hidden" name="team" value={team} />
      <div className="grid gap-3 sm:grid-cols-5">
        {fields.map(([name, label, value, step]) => (
          <Field key={name} label={label} name={name} error={failed?.fields?.[name]}>
            {(p) => <input {...p} type="number" min={0} step={step} defaultValue={failed?.values?.[name] ?? String(value)} className={inputClass} />}
          </Field>
        ))}
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
          Save quota of {team}
        </button>
        <p role="status" className="text-sm">
          {state?.ok ? <span className="text-emerald-800">Saved.</span> : failed && !failed.fields ? <span className="text-red-700">{failed.error}</span> : null}
        </p>
      </div>
    </form>
  );
}
