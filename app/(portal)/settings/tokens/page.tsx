import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { utc } from "@/lib/time";
import { listTokens } from "@/lib/auth/tokens";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { RevokeTokenButton } from "@/components/tokens/revoke-token-button";

export const metadata: Metadata = { title: "API tokens" };

const fmt = (d: Date | null) => (d ? utc(d) : "never");

export default async function TokensPage() {
  const actor = await requireActor();
  const tokens = await listTokens(actor);
  return (
    <div className="flex flex-col gap-8">
      <div>
        <h1 className="text-2xl font-bold">API tokens</h1>
        <p className="mt-1 max-w-2xl text-slate-600">
          A token acts as you, with your role and teams, on <code>/api/v1</code>: send it as <code>Authorization: Bearer &lt;token&gt;</code>. It is
          shown once; Runway keeps only a hash.
        </p>
      </div>
      <CreateTokenForm />
      <section aria-labelledby="your-tokens">
        <h2 id="your-tokens" className="text-lg font-semibold">Your tokens</h2>
        {tokens.length === 0 ? (
          <p className="mt-2 text-slate-600">You have no tokens yet. Create one above for your CI or scripts.</p>
        ) : (
          <div className="mt-3 relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-2">Name</th>
                  <th scope="col" className="px-4 py-2">Token</th>
                  <th scope="col" className="px-4 py-2">Scopes</th>
                  <th scope="col" className="px-4 py-2">Created</th>
                  <th scope="col" className="px-4 py-2">Last used</th>
                  <th scope="col" className="px-4 py-2"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((t) => (
                  <tr key={t.id} className="border-t border-slate-100">
                    <td className="px-4 py-2 font-medium">{t.name}</td>
                    <td className="px-4 py-2 font-mono">{t.prefix}…</td>
                    <td className="px-4 py-2">{t.scopes.length ? t.scopes.join(", ") : "—"}</td>
                    <td className="px-4 py-2">{fmt(t.createdAt)}</td>
                    <td className="px-4 py-2">{fmt(t.lastUsedAt)}</td>
                    <td className="px-4 py-2 text-right">
                      {t.revokedAt ? <span className="text-slate-500">Revoked</span> : <RevokeTokenButton id={t.id} name={t.name} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
