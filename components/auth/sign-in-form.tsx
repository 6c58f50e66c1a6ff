"use client";
// Email and password sign-in through next-auth; a wrong password is said plainly.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/form";
import { tooManySignInsMessage } from "@/lib/auth/sign-in-messages";
import { safeCallbackPath } from "@/lib/auth/callback-url";

export function SignInForm({ callbackUrl, demo, initialError }: { callbackUrl: string; demo: boolean; initialError: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);

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
      setError(tooManySignInsMessage(res?.error) ?? (res?.error === "CredentialsSignin" || !res ? "Wrong email or password." : "Sign-in failed. Try again."));
      return;
    }
    // Checked again here: this component must never send anyone off the site, whoever renders it.
    router.replace(safeCallbackPath(callbackUrl));
    router.refresh();
  }

  // method="post": submitted before the scripts have run, the form must not put the password in the URL.
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-5" noValidate>
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Sign in to Quiver</h1>
        <p className="mt-1 text-sm text-slate-600">
          No account?{" "}
          <Link href="/sign-up" className="font-medium text-indigo-600 hover:text-indigo-500">
            Create one
          </Link>
        </p>
      </div>
      <FormError message={error} />
      <Field label="Email" htmlFor="email">
        <Input id="email" name="email" type="email" autoComplete="email" required autoFocus />
      </Field>
      <Field label="Password" htmlFor="password">
        <Input id="password" name="password" type="password" autoComplete="current-password" required />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      {demo ? (
        <p className="rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-600 ring-1 ring-inset ring-slate-200">
          Demo account: <span className="whitespace-nowrap font-mono">demo@quiver.dev</span> / <span className="whitespace-nowrap font-mono">quiver-demo</span>
        </p>
      ) : null}
    </form>
  );
}
