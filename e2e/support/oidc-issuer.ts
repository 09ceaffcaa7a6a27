import crypto from "node:crypto";
import Provider from "oidc-provider";
import { ISSUER_URL, OIDC_CLIENT, issuerAccounts } from "./servers";

/**
 * A real OpenID Connect issuer with two fixed people, so the browser tests sign
 * in through the same Auth.js code path as a company's SSO. Its login page is
 * oidc-provider's development form: any password, the login picks the person.
 */
export async function startIssuer(): Promise<{ close(): Promise<void> }> {
  const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const provider = new Provider(ISSUER_URL, {
    clients: [
      {
        client_id: OIDC_CLIENT.id,
        client_secret: OIDC_CLIENT.secret,
        redirect_uris: [OIDC_CLIENT.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    // Auth.js builds the profile from the ID token alone, so the scoped claims must be in it.
    conformIdTokenClaims: false,
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "runway-e2e", use: "sig", alg: "RS256" }] },
    cookies: { keys: [crypto.randomBytes(32).toString("base64url")] },
    features: { devInteractions: { enabled: true } },
    // Seconds; fixed so a slow run never outlives them and the provider does not warn about defaults.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    async findAccount(_ctx, sub) {
      const account = Object.values(issuerAccounts).find((a) => a.login === sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ sub, email: account.email, email_verified: true, name: account.name, groups: [...account.groups] }),
      };
    },
    // The portal is a first-party client, as in a company's identity provider: no consent screen.
    async loadExistingGrant(ctx) {
      const { client, session, params, result, provider: op } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return op.Grant.find(grantId);
      const grant = new op.Grant({ accountId: session.accountId, clientId: client.clientId });
      grant.addOIDCScope(String(params?.scope ?? "openid"));
      await grant.save();
      return grant;
    },
  });

  const { hostname, port } = new URL(ISSUER_URL);
  const server = await new Promise<ReturnType<Provider["listen"]>>((resolve, reject) => {
    const s = provider.listen(Number(port), hostname, () => resolve(s));
    s.once("error", reject);
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
