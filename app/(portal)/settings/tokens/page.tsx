import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { utc } from "@/lib/time";
import { listTokens } from "@/lib/auth/tokens";
import { DataTable, Td, Th, Tr } from "@/components/ui/data-table";
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
          <DataTable
            caption="Your tokens"
            className="mt-3"
            head={
              <>
                <Th>Name</Th>
                <Th>Token</Th>
                <Th>Scopes</Th>
                <Th>Created</Th>
                <Th>Last used</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </>
            }
          >
            {tokens.map((t) => (
              <Tr key={t.id}>
                <Td className="font-medium">{t.name}</Td>
                <Td className="font-mono">{t.prefix}…</Td>
                <Td>{t.scopes.length ? t.scopes.join(", ") : "—"}</Td>
                <Td>{fmt(t.createdAt)}</Td>
                <Td>{fmt(t.lastUsedAt)}</Td>
                <Td className="text-right">{t.revokedAt ? <span className="text-slate-500">Revoked</span> : <RevokeTokenButton id={t.id} name={t.name} />}</Td>
              </Tr>
            ))}
          </DataTable>
        )}
      </section>
    </div>
  );
}
