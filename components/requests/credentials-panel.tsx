"use client";

import { useActionState } from "react";
import { revealCredentialsAction } from "@/app/(portal)/requests/actions";

type Creds = { name?: string; host: string; port: number; database: string; user: string; password: string; url: string };

function CredentialList({ c }: { c: Creds }) {
  const rows: [string, string][] = [
    ["Host", c.host],
    ["Port", String(c.port)],
    ["Database", c.database],
    ["User", c.user],
    ["Password", c.password],
    ["URL", c.url],
  ];
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-600">{k}</dt>
          <dd className="break-all font-mono">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Credentials are fetched only on an explicit click, and each reveal is audited on the server. */
export function CredentialsPanel({ requestId }: { requestId: string }) {
  const [state, formAction, pending] = useActionState(revealCredentialsAction, null);
  const data = state?.ok ? (state.data as Creds | { databases: Creds[] }) : null;
  return (
    <section aria-labelledby="credentials" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="credentials" className="text-lg font-semibold">Credentials</h2>
      {!data ? (
        <form action={formAction} className="mt-2 flex flex-wrap items-center gap-3">
          <input type="hidden" name="id" value={requestId} />
          <p className="text-sm text-slate-600">Visible to your team only; every reveal is written to the audit log.</p>
          <button type="submit" disabled={pending} className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50 disabled:opacity-60">
            Show credentials
          </button>
          {state && !state.ok && (
            <p role="alert" className="w-full text-sm text-red-700">
              {state.error}
            </p>
          )}
        </form>
      ) : "databases" in data ? (
        <div className="mt-3 flex flex-col gap-4">
          {data.databases.map((c) => (
            <div key={c.name}>
              <h3 className="mb-1 font-medium">{c.name}</h3>
              <CredentialList c={c} />
            </div>
          ))}
        </div>
      ) : (
        <div className="mt-3">
          <CredentialList c={data} />
        </div>
      )}
    </section>
  );
}
