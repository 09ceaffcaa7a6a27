import "server-only";
import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { config, isDemoMode } from "@/lib/config";
import { log } from "@/lib/log";
import { mapClaimsToAccess } from "./claims";
import { signInDemoUser, upsertUserFromSignIn } from "./users";

export const OIDC_PROVIDER_ID = "oidc";
export const DEMO_PROVIDER_ID = "demo";

function buildConfig(): NextAuthConfig {
  const cfg = config();
  const providers: NextAuthConfig["providers"] = [];
  if (cfg.AUTH_OIDC_ISSUER) {
    providers.push({
      id: OIDC_PROVIDER_ID,
      name: cfg.AUTH_OIDC_NAME,
      type: "oidc",
      issuer: cfg.AUTH_OIDC_ISSUER,
      clientId: cfg.AUTH_OIDC_CLIENT_ID,
      clientSecret: cfg.AUTH_OIDC_CLIENT_SECRET,
      authorization: { params: { scope: cfg.AUTH_OIDC_SCOPES } },
      checks: ["pkce", "state", "nonce"],
    });
  } else {
    providers.push(
      Credentials({
        id: DEMO_PROVIDER_ID,
        name: "Demo user",
        credentials: { email: { label: "Email", type: "email" } },
        async authorize(credentials) {
          // Checked again here, not only when the provider list is built.
          if (!isDemoMode()) return null;
          const email = typeof credentials?.email === "string" ? credentials.email : "";
          const user = await signInDemoUser(email);
          return user ? { id: user.id, email: user.email, name: user.name } : null;
        },
      }),
    );
  }

  return {
    providers,
    secret: cfg.AUTH_SECRET,
    trustHost: true,
    session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    logger: {
      error: (error) => log("error", "auth error", { error: error.name, detail: error.message }),
      warn: (code) => log("warn", "auth warning", { code }),
      debug: () => {},
    },
    callbacks: {
      async jwt({ token, user, account, profile }) {
        if (account?.provider === OIDC_PROVIDER_ID && profile) {
          const email = typeof profile.email === "string" ? profile.email : null;
          if (!email) throw new Error("The identity provider sent no email claim; add the 'email' scope.");
          const name = (typeof profile.name === "string" && profile.name) || (profile.preferred_username as string) || email;
          const access = mapClaimsToAccess(profile as Record<string, unknown>, {
            groupsClaim: cfg.AUTH_OIDC_GROUPS_CLAIM,
            adminGroups: cfg.RUNWAY_ADMIN_GROUPS,
            managerGroups: cfg.RUNWAY_MANAGER_GROUPS,
          });
          const saved = await upsertUserFromSignIn({ email, name, ...access });
          token.uid = saved.id;
        } else if (account?.provider === DEMO_PROVIDER_ID && user?.id) {
          token.uid = user.id;
        }
        return token;
      },
      session({ session, token }) {
        if (typeof token.uid === "string") session.user.id = token.uid;
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => buildConfig());
