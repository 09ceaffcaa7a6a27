"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { DEMO_PROVIDER_ID, OIDC_PROVIDER_ID, signIn } from "@/lib/auth/auth";
import { safeCallbackPath } from "@/lib/auth/redirect";
import { isDemoMode } from "@/lib/config";

export async function signInWithSso(formData: FormData) {
  await signIn(OIDC_PROVIDER_ID, { redirectTo: safeCallbackPath(formData.get("callbackUrl")) });
}

export async function signInAsDemoUser(formData: FormData) {
  const callbackUrl = safeCallbackPath(formData.get("callbackUrl"));
  if (!isDemoMode()) redirect(`/signin?error=DemoDisabled&callbackUrl=${encodeURIComponent(callbackUrl)}`);
  try {
    await signIn(DEMO_PROVIDER_ID, { email: String(formData.get("email") ?? ""), redirectTo: callbackUrl });
  } catch (error) {
    // signIn signals success with a redirect "error" that must propagate.
    if (error instanceof AuthError) redirect(`/signin?error=CredentialsSignin&callbackUrl=${encodeURIComponent(callbackUrl)}`);
    throw error;
  }
}
