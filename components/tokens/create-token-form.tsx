"use client";

import { useActionState } from "react";
import { createTokenAction } from "@/app/(portal)/settings/tokens/actions";
import { Field, inputClass } from "@/components/ui/field";
import { tokenScopes } from "@/lib/auth/schemas";

export function CreateTokenForm() {
  const [state, formAction, pending] = useActionState(createTokenAction, null);
  const fields = state && !state.ok ? state.fields : undefined;
  return (
    <section aria-labelledby="new-token" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="new-token" className="text-lg font-semibold">New token</h2>
      <form action={formAction} className="mt-3 flex flex-col gap-4 sm:max-w-md">
        <Field label="Name" name="name" error={fields?.name} hint="What will use it, e.g. ci-deploys">
          {(p) => <input {...p} className={inputClass} defaultValue={state && !state.ok ? state.values?.name : ""} maxLength={80} />}
        </Field>
        <fieldset className="flex flex-col gap-1">
          <legend className="text-sm font-medium text-slate-800">Scopes</legend>
          {tokenScopes.map((s) => (
            <label key={s} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="scopes" value={s} /> {s} <span className="text-slate-500">(send deployment, change and incident events)</span>
            </label>
          ))}
        </fieldset>
        {state && !state.ok && !fields && (
          <p role="alert" className="text-sm text-red-700">
            {state.error}
          </p>
        )}
        <button type="submit" disabled={pending} className="self-start rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "Creating…" : "Create token"}
        </button>
      </form>
      {state?.ok && (
        <div role="status" className="mt-4 rounded-md border border-emerald-300 bg-emerald-50 p-4">
          <p className="font-medium text-emerald-950">Token “{state.data.name}” created. Copy it now: it will not be shown again.</p>
          <label className="mt-2 block text-sm text-emerald-950" htmlFor="new-token-value">
            Your new token
          </label>
          <input id="new-token-value" readOnly value={state.data.token} className="mt-1 w-full rounded border border-emerald-300 bg-white px-3 py-2 font-mono text-sm" onFocus={(e) => e.currentTarget.select()} />
        </div>
      )}
    </section>
  );
}
