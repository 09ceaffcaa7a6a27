"use client";

import { useActionState } from "react";
import { registerLocationAction } from "@/app/(portal)/catalog/actions";
import { Field, inputClass } from "@/components/ui/field";

export function LocationForm() {
  const [state, formAction, pending] = useActionState(registerLocationAction, null);
  const fields = state && !state.ok ? state.fields : undefined;
  return (
    <section aria-labelledby="register-location" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="register-location" className="text-lg font-semibold">
        Register a location
      </h2>
      <form action={formAction} className="mt-3 flex flex-col gap-3">
        <Field
          label="Location"
          name="target"
          error={fields?.target}
          hint="https://host/path/catalog-info.yaml, or git+<repository URL>#<path or glob>, e.g. git+https://git.example.com/team/repo.git#catalog-info.yaml"
        >
          {(p) => <input {...p} className={`${inputClass} font-mono`} defaultValue={state && !state.ok ? state.values?.target : ""} autoComplete="off" spellCheck={false} />}
        </Field>
        {state && !state.ok && !fields && (
          <p role="alert" className="text-sm text-red-700">
            {state.error}
          </p>
        )}
        <button type="submit" disabled={pending} className="self-start rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "Reading…" : "Register"}
        </button>
        {state?.ok && (
          <p role="status" className="text-sm text-emerald-900">
            Registered {state.data.target}: {state.data.added} entities added
            {state.data.refused ? `, ${state.data.refused} refused (see its problems below)` : ""}.
          </p>
        )}
      </form>
    </section>
  );
}
