import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { listDemoUsers } from "@/lib/auth/users";
import { safeCallbackPath } from "@/lib/auth/redirect";
import { currentActor } from "@/lib/auth/session";
import { config, isDemoMode } from "@/lib/config";
import { RoleBadge } from "@/components/ui/role-badge";
import { signInAsDemoUser, signInWithSso } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

const errors: Record<string, string> = {
  CredentialsSignin: "That demo user does not exist. Pick one from the list.",
  DemoDisabled: "Demo sign-in is off because single sign-on is configured.",
  OAuthCallbackError: "The identity provider refused the sign-in. Try again, or ask your platform team.",
  Configuration: "Sign-in is misconfigured on the server; the platform team can see the details in the logs.",
  AccessDenied: "Your account is not allowed to sign in.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await currentActor()) redirect(callbackUrl);
  const demo = isDemoMode();
  const error = params.error ? (errors[params.error] ?? "Sign-in failed. Try again.") : null;
  const demoUsers = demo ? await listDemoUsers() : [];

  return (
    <main className="mx-auto flex max-w-lg flex-col gap-6 px-4 py-16">
      <div>
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-600">Runway</p>
        <h1 className="mt-1 text-3xl font-bold">Sign in</h1>
        <p className="mt-2 text-slate-600">Self-service infrastructure, approvals, the service catalog and delivery metrics.</p>
      </div>
      {error && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-900">
          {error}
        </p>
      )}
      {demo ? (
        <section aria-labelledby="demo-users" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h2 id="demo-users" className="text-lg font-semibold">Choose a demo user</h2>
          <p className="mt-1 text-sm text-slate-600">Each is a member of the seeded demo organisation.</p>
          <ul className="mt-4 flex flex-col gap-3">
            {demoUsers.map((u) => (
              <li key={u.email}>
                <form action={signInAsDemoUser}>
                  <input type="hidden" name="email" value={u.email} />
                  <input type="hidden" name="callbackUrl" value={callbackUrl} />
                  <button
                    type="submit"
                    className="flex w-full items-center justify-between gap-3 rounded-md border border-slate-200 px-4 py-3 text-left hover:border-brand-500 hover:bg-brand-50"
                  >
                    <span>
                      <span className="block font-medium">Sign in as {u.name}</span>
                      <span className="block text-sm text-slate-600">
                        {u.email} · {u.teams.join(", ")}
                      </span>
                    </span>
                    <RoleBadge role={u.role} />
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <form action={signInWithSso} className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <button type="submit" className="w-full rounded-md bg-brand-600 px-4 py-3 font-semibold text-white hover:bg-brand-700">
            Sign in with {config().AUTH_OIDC_NAME}
          </button>
        </form>
      )}
    </main>
  );
}
