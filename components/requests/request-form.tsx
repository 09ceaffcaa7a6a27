"use client";

import { useActionState, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { submitRequestAction } from "@/app/(portal)/requests/actions";
import { Field, inputClass } from "@/components/ui/field";
import type { Quota, Usage } from "@/lib/requests/quota";
import { environments, submitRequestSchema } from "@/lib/requests/schemas";
import type { RequestKind } from "@/lib/requests/templates";
import { fieldErrors, formDataToObject } from "@/lib/validation";
import { DatabaseFields } from "./database-fields";
import { EnvironmentFields } from "./environment-fields";
import { RequestFormContext } from "./form-context";
import { NamespaceFields } from "./namespace-fields";
import { RequestSummary } from "./request-summary";

type TeamOption = { name: string; displayName: string; usage: Usage; quota: Quota };

function readForm(form: HTMLFormElement) {
  const fd = new FormData(form);
  const flat: Record<string, string> = {};
  for (const [k, v] of fd.entries()) if (typeof v === "string") flat[k] = k in flat ? `${flat[k]},${v}` : v;
  return { flat, parsed: submitRequestSchema.safeParse(formDataToObject(fd)) };
}

function submittedDatabaseCount(values: Record<string, string> | undefined): number {
  const indices = Object.keys(values ?? {}).map((k) => /^parameters\.databases\.(\d+)\./.exec(k)?.[1]).filter(Boolean);
  return indices.length ? Math.max(...indices.map(Number)) + 1 : 0;
}

export function RequestForm({ kind, teams }: { kind: RequestKind; teams: TeamOption[] }) {
  const [state, formAction, pending] = useActionState(submitRequestAction, null);
  // One key per filled-in form: a double click or a retried post finds the first request.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const formRef = useRef<HTMLFormElement>(null);
  const [live, setLive] = useState<Record<string, string>>({});
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [snapshot, setSnapshot] = useState<ReturnType<typeof readForm>["parsed"] | null>(null);

  const refresh = useCallback(() => {
    if (!formRef.current) return;
    const { flat, parsed } = readForm(formRef.current);
    setLive(flat);
    setSnapshot(parsed);
  }, []);

  // Re-read after mount and after the server answered (React resets the form to the returned values).
  useEffect(() => {
    const id = requestAnimationFrame(refresh);
    return () => cancelAnimationFrame(id);
  }, [refresh, state]);

  const failed = state && !state.ok ? state : null;
  const hints = useMemo(() => (snapshot && !snapshot.success ? fieldErrors(snapshot.error) : {}), [snapshot]);
  const ctx = useMemo(
    () => ({
      errorFor: (name: string) => (touched.has(name) ? hints[name] : failed?.fields?.[name]),
      valueOf: (name: string, fallback: string) => failed?.values?.[name] ?? fallback,
      live: (name: string) => live[name],
      environment: live.environment ?? failed?.values?.environment ?? "dev",
      changed: refresh,
    }),
    [touched, hints, failed, live, refresh],
  );
  const team = teams.find((t) => t.name === (live.team ?? failed?.values?.team ?? teams[0]?.name));

  if (teams.length === 0) {
    return <p className="rounded-md border border-amber-300 bg-amber-50 p-4">You are not in any team yet, so you cannot request anything. Ask your platform team to add you to a group.</p>;
  }

  return (
    <RequestFormContext.Provider value={ctx}>
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <form
          ref={formRef}
          action={formAction}
          onChange={refresh}
          onBlur={(e) => {
            // Leaving a field for the submit button: showing a hint now would move the button under the pointer.
            if ((e.relatedTarget as HTMLButtonElement | null)?.type === "submit") return;
            const name = (e.target as unknown as { name?: string }).name;
            if (name && !touched.has(name)) setTouched(new Set(touched).add(name));
          }}
          noValidate
          className="flex flex-col gap-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
        >
          <input type="hidden" name="kind" value={kind} />
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          {failed && (
            <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
              {failed.error}
            </p>
          )}
          <div className="grid gap-4 sm:grid-cols-3">
            <Field label="Team" name="team" error={ctx.errorFor("team")}>
              {(p) => (
                <select {...p} defaultValue={ctx.valueOf("team", teams[0].name)} className={inputClass}>
                  {teams.map((t) => (
                    <option key={t.name} value={t.name}>
                      {t.displayName}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Environment" name="environment" error={ctx.errorFor("environment")}>
              {(p) => (
                <select {...p} defaultValue={ctx.valueOf("environment", "dev")} className={inputClass}>
                  {environments.map((e) => (
                    <option key={e} value={e}>
                      {e}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Name" name="name" error={ctx.errorFor("name")} hint="3–40 lower-case letters, digits, dashes">
              {(p) => <input {...p} autoComplete="off" spellCheck={false} defaultValue={ctx.valueOf("name", "")} className={inputClass} />}
            </Field>
          </div>
          {kind === "database" && <DatabaseFields prefix="parameters" />}
          {kind === "namespace" && <NamespaceFields prefix="parameters" />}
          {kind === "environment" && <EnvironmentFields initialDatabases={submittedDatabaseCount(failed?.values)} />}
          <button type="submit" disabled={pending} className="self-start rounded-md bg-brand-600 px-5 py-2.5 font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
            {pending ? "Submitting…" : "Submit request"}
          </button>
        </form>
        <RequestSummary parsed={snapshot?.success ? snapshot.data : null} usage={team?.usage} quota={team?.quota} />
      </div>
    </RequestFormContext.Provider>
  );
}
