// Sign-in page: email and password, "Sign in with <provider>" when single sign-on is configured,
// a sign-up link when this Quiver lets people sign up (or an invitation brought them here), and
// what went wrong in plain words when next-auth or single sign-on sent them back.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { currentUserId, oidcSettings } from "@/lib/auth/options";
import { signInErrorMessage } from "@/lib/auth/sign-in-messages";
import { prefillEmail, signUpHref } from "@/lib/auth/sign-in-page";
import { env } from "@/lib/env";
import { signupMode } from "@/lib/invitations/sign-up";

export const metadata: Metadata = { title: "Sign in" };

type Params = {
  callbackUrl?: string | string[];
  error?: string | string[];
  email?: string | string[];
};

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function SignInPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const safeCallback = safeCallbackPath(one(params.callbackUrl));
  if (await currentUserId()) redirect(safeCallback);
  const email = prefillEmail(params.email);
  return (
    <SignInForm
      callbackUrl={safeCallback}
      demo={env().QUIVER_DEMO}
      email={email}
      ssoName={oidcSettings()?.name ?? null}
      signUpHref={signUpHref(signupMode(), safeCallback, email)}
      initialError={signInErrorMessage(one(params.error))}
    />
  );
}
