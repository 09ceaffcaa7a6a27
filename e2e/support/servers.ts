/** Where the browser tests find the servers that global-setup.ts starts. */
export const ISSUER_URL = "http://127.0.0.1:3901";
export const OIDC_PORTAL_URL = "http://localhost:3100";
export const DEMO_PORTAL_URL = "http://localhost:3101";

export const OIDC_CLIENT = {
  id: "runway-e2e",
  secret: "runway-e2e-client-secret-not-for-production",
  redirectUri: `${OIDC_PORTAL_URL}/api/auth/callback/oidc`,
};

/** People known to the test issuer; `login` is what a test types into the issuer's login form. */
export const issuerAccounts = {
  developer: { login: "dana", email: "dana.developer@example.test", name: "Dana Developer", groups: ["payments"] },
  admin: { login: "ada", email: "ada.admin@example.test", name: "Ada Admin", groups: ["platform-admins"] },
} as const;

export type IssuerAccount = (typeof issuerAccounts)[keyof typeof issuerAccounts];
