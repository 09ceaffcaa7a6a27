"use client";

import { useActionState, useId } from "react";
import { submitResponseAction } from "@/app/(portal)/surveys/actions";
import { Field, inputClass } from "@/components/ui/field";
import { AGREEMENT, scaleValues, type SurveyItem } from "@/lib/metrics/devex/items";

type Props = {
  roundId: string;
  items: SurveyItem[];
  teams: string[];
  mine: { team: string; answers: Record<string, number>; comment: string | null } | null;
};

function ItemQuestion({ item, number, chosen, error }: { item: SurveyItem; number: number; chosen: string | undefined; error?: string }) {
  const id = useId();
  const values = scaleValues(item.scaleMax);
  const recommend = item.scaleMax === 10;
  return (
    <fieldset aria-invalid={Boolean(error)} aria-describedby={error ? `${id}-error` : undefined} className="rounded-lg border border-slate-200 bg-white p-4">
      <legend className="px-1 font-medium text-slate-900">
        <span className="mr-1 text-slate-500">{number}.</span>
        {item.prompt}
      </legend>
      <div className={`mt-2 grid gap-1 ${recommend ? "grid-cols-6 sm:grid-cols-11" : "grid-cols-1 sm:grid-cols-5"}`}>
        {values.map((v) => (
          <label key={v} className="flex cursor-pointer items-center gap-2 rounded-md border border-slate-200 px-2 py-1.5 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50">
            <input type="radio" name={`answers.${item.key}`} value={v} defaultChecked={chosen === String(v)} required className="accent-brand-600" />
            {recommend ? v : AGREEMENT[v - 1]}
          </label>
        ))}
      </div>
      {recommend && (
        <p className="mt-1 flex justify-between text-xs text-slate-500">
          <span>0: not at all likely</span>
          <span>10: extremely likely</span>
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** The pulse questions; sent answers replace the person's earlier ones. */
export function SurveyForm({ roundId, items, teams, mine }: Props) {
  const [state, formAction, pending] = useActionState(submitResponseAction, null);
  const failed = state && !state.ok ? state : null;
  const chosen = (key: string) => (failed?.values ? failed.values[`answers.${key}`] : mine?.answers[key]?.toString());
  return (
    <form action={formAction} className="flex flex-col gap-4">
      <input type="hidden" name="roundId" value={roundId} />
      {teams.length > 1 && (
        <Field label="I answer for" name="team" error={failed?.fields?.team} hint="You are in more than one of this round's teams; your answers count for one of them.">
          {(p) => (
            <select {...p} defaultValue={failed?.values?.team ?? mine?.team ?? ""} required className={`${inputClass} sm:max-w-xs`}>
              <option value="" disabled>
                Choose a team
              </option>
              {teams.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          )}
        </Field>
      )}
      {items.map((item, i) => (
        <ItemQuestion key={item.key} item={item} number={i + 1} chosen={chosen(item.key)} error={failed?.fields?.[`answers.${item.key}`]} />
      ))}
      <Field label="Anything else? (optional)" name="comment" error={failed?.fields?.comment} hint="Shown to your managers and the platform admins without your name. Leave out details that would identify you.">
        {(p) => <textarea {...p} rows={4} maxLength={2000} defaultValue={failed?.values?.comment ?? mine?.comment ?? ""} className={inputClass} />}
      </Field>
      {failed && (
        <p role="alert" className="text-sm text-red-700">
          {failed.error}
        </p>
      )}
      <button type="submit" disabled={pending} className="self-start rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? "Saving…" : mine ? "Update my answers" : "Send my answers"}
      </button>
    </form>
  );
}
