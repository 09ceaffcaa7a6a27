export function DemoBanner() {
  return (
    <div role="region" aria-label="Demo mode" className="bg-amber-100 px-4 py-2 text-center text-sm text-amber-950">
      <strong>Demo mode:</strong> no identity provider is configured, so anyone can sign in as a seeded demo user. Set{" "}
      <code className="rounded bg-amber-200 px-1">AUTH_OIDC_ISSUER</code> to use your SSO.
    </div>
  );
}
