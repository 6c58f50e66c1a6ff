// Sign-in page: email and password, "Sign in with <provider>" when single sign-on is configured,
// a sign-up link when this Quiver lets people sign up (or an invitation brought them here), and
// what went wrong in plain words when next-auth or single sign-on sent them back.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { currentUserId, oidcSettings } from "@/lib/auth/options";
import { signInErrorMessage } from "@/lib/auth/sign-in-messages";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

type Params = { callbackUrl?: string | string[]; error?: string | string[]; email?: string | string[] };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** An invitation's accept page (`/invite/<secret>`) as the place to return to: its secret. */
function invitationIn(callbackPath: string): string | null {
  const m = /^\/invite\/([A-Za-z0-9_-]{8,200})$/.exec(callbackPath);
  return m ? m[1]! : null;
}

/**
 * Where "Create one" goes, or null when this visitor cannot sign up: QUIVER_SIGNUP=open offers it
 * to everyone, `invite` only on the way through an invitation, `closed` never.
 */
function signUpHref(invitation: string | null, email: string): string | null {
  const mode = env().QUIVER_SIGNUP;
  if (mode === "closed" || (mode === "invite" && !invitation)) return null;
  if (!invitation) return "/sign-up";
  const q = new URLSearchParams({ invitation, ...(email ? { email } : {}) });
  return `/sign-up?${q}`;
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const safeCallback = safeCallbackPath(one(params.callbackUrl));
  if (await currentUserId()) redirect(safeCallback);
  const email = (one(params.email) ?? "").trim().slice(0, 320);
  return (
    <SignInForm
      callbackUrl={safeCallback}
      demo={env().QUIVER_DEMO}
      email={email}
      ssoName={oidcSettings()?.name ?? null}
      signUpHref={signUpHref(invitationIn(safeCallback), email)}
      initialError={signInErrorMessage(one(params.error))}
    />
  );
}
