"use client";

import { useActionState } from "react";
import { openRoundAction } from "@/app/(portal)/surveys/actions";
import { Field, inputClass } from "@/components/ui/field";
import { TeamPicker, teamOption } from "@/components/ui/team-picker";
import { MAX_CUSTOM_ITEMS } from "@/lib/metrics/devex/items";

type Props = {
  defaults: { opensOn: string; closesOn: string; minResponses: number; floor: number };
  coreItems: string[];
};

/** An admin opens a round: dates, teams, the anonymity threshold and up to five questions of their own. */
export function RoundForm({ defaults, coreItems }: Props) {
  const [state, formAction, pending] = useActionState(openRoundAction, null);
  const failed = state && !state.ok ? state : null;
  const values = failed?.values;
  const fields = failed?.fields;
  const chosenTeams = values?.teams?.split(",").filter(Boolean);
  const custom = values?.customItems?.split(",") ?? [];
  return (
    <form action={formAction} className="flex flex-col gap-5 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <Field label="Title" name="title" error={fields?.title} hint="What people see in the note, e.g. “Q3 developer pulse”">
        {(p) => <input {...p} required maxLength={120} defaultValue={values?.title ?? ""} className={inputClass} />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Opens on" name="opensOn" error={fields?.opensOn} hint="From 00:00 UTC">
          {(p) => <input {...p} type="date" required defaultValue={values?.opensOn ?? defaults.opensOn} className={inputClass} />}
        </Field>
        <Field label="Closes on" name="closesOn" error={fields?.closesOn} hint="Until the end of the day, UTC">
          {(p) => <input {...p} type="date" required defaultValue={values?.closesOn ?? defaults.closesOn} className={inputClass} />}
        </Field>
        <Field label="Answers needed per team" name="minResponses" error={fields?.minResponses} hint={`A team's results stay hidden below this; at least ${defaults.floor}`}>
          {(p) => <input {...p} type="number" required min={defaults.floor} max={100} defaultValue={values?.minResponses ?? defaults.minResponses} className={inputClass} />}
        </Field>
      </div>
      <TeamPicker
        label="Teams asked"
        name="teams"
        multiple
        defaultValues={chosenTeams?.map(teamOption)}
        hint="Type to search the teams; choose each with Enter or a click. Their members (not their managers) are asked."
        error={fields?.teams}
      />
      <details className="rounded-md border border-slate-200 p-3">
        <summary className="cursor-pointer text-sm font-medium text-slate-800">The core questions</summary>
        <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm text-slate-700">
          {coreItems.map((prompt) => (
            <li key={prompt}>{prompt}</li>
          ))}
        </ol>
      </details>
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium text-slate-800">Your own questions (optional, answered from strongly disagree to strongly agree)</legend>
        {Array.from({ length: MAX_CUSTOM_ITEMS }, (_, i) => (
          <input
            key={i}
            name="customItems"
            aria-label={`Own question ${i + 1}`}
            maxLength={200}
            defaultValue={custom[i] ?? ""}
            placeholder={i === 0 ? "e.g. Our on-call load is sustainable." : undefined}
            className={inputClass}
          />
        ))}
        {fields?.customItems && <p className="text-sm text-red-700">{fields.customItems}</p>}
      </fieldset>
      {failed && !fields && (
        <p role="alert" className="text-sm text-red-700">
          {failed.error}
        </p>
      )}
      <button type="submit" disabled={pending} className="self-start rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? "Opening…" : "Open the round"}
      </button>
    </form>
  );
}
