"use client";
// Email and password sign-in through next-auth, and "Sign in with <provider>" (single sign-on)
// when one is configured; a wrong password or a refused sign-on is said plainly.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/form";
import { tooManySignInsMessage } from "@/lib/auth/sign-in-messages";
import { safeCallbackPath } from "@/lib/auth/callback-url";

export interface SignInFormProps {
  callbackUrl: string;
  demo: boolean;
  initialError: string | null;
  /** Pre-filled (an invitation's link says who is expected). */
  email?: string;
  /** The single sign-on provider's label, or null when none is configured. */
  ssoName?: string | null;
  /** Where "Create one" goes, or null when sign-up is not open to this visitor. */
  signUpHref?: string | null;
}

export function SignInForm({
  callbackUrl,
  demo,
  initialError,
  email = "",
  ssoName = null,
  signUpHref = "/sign-up",
}: SignInFormProps) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);
  const [ssoPending, setSsoPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const res = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (!res || res.error) {
      setPending(false);
      setError(
        tooManySignInsMessage(res?.error) ??
          (res?.error === "CredentialsSignin" || !res
            ? "Wrong email or password."
            : "Sign-in failed. Try again."),
      );
      return;
    }
    // Checked again here: this component must never send anyone off the site, whoever renders it.
    router.replace(safeCallbackPath(callbackUrl));
    router.refresh();
  }

  async function onSso() {
    setSsoPending(true);
    setError(null);
    // next-auth answers with the provider's address and the browser goes there (a navigation,
    // not a form submission, so the page's CSP form-action 'self' does not stand in the way).
    await signIn("oidc", { callbackUrl: safeCallbackPath(callbackUrl) });
  }

  // method="post": submitted before the scripts have run, the form must not put the password in the URL.
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-5" noValidate>
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Sign in to Quiver</h1>
        {signUpHref ? (
          <p className="mt-1 text-sm text-slate-600">
            No account?{" "}
            <Link href={signUpHref} className="font-medium text-indigo-600 hover:text-indigo-500">
              Create one
            </Link>
          </p>
        ) : null}
      </div>
      <FormError message={error} />
      {ssoName ? (
        <>
          <Button
            variant="secondary"
            className="w-full"
            disabled={ssoPending || pending}
            onClick={onSso}
          >
            {ssoPending ? "Redirecting…" : `Sign in with ${ssoName}`}
          </Button>
          <p className="flex items-center gap-3 text-xs text-slate-500" aria-hidden="true">
            <span className="h-px flex-1 bg-slate-200" />
            or with your password
            <span className="h-px flex-1 bg-slate-200" />
          </p>
        </>
      ) : null}
      <Field label="Email" htmlFor="email">
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          autoFocus={!email}
          defaultValue={email}
        />
      </Field>
      <Field label="Password" htmlFor="password">
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          autoFocus={!!email}
        />
      </Field>
      <Button type="submit" className="w-full" disabled={pending || ssoPending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      {demo ? (
        <p className="rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-600 ring-1 ring-inset ring-slate-200">
          Demo account: <span className="whitespace-nowrap font-mono">demo@quiver.dev</span> /{" "}
          <span className="whitespace-nowrap font-mono">quiver-demo</span>
        </p>
      ) : null}
    </form>
  );
}
