"use client";
// Sign-up: creates the account (with a personal org and `main` workspace), then signs in. The API
// answers a taken email like a new one, so a failed sign-in afterwards is the only sign, and it
// reads like any wrong password.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/form";
import { ApiClientError, apiFetch } from "@/lib/api/client";

export function SignUpForm() {
  const router = useRouter();
  const [error, setError] = useState<ApiClientError | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    setPending(true);
    setError(null);
    try {
      await apiFetch("/api/v1/auth/sign-up", {
        method: "POST",
        json: { email, password, name: String(form.get("name") ?? "") || undefined },
      });
      const res = await signIn("credentials", { email, password, redirect: false });
      if (!res || res.error) {
        throw new ApiClientError({
          code: 401,
          detail: "We could not sign you in with this email and password. If you already have an account, sign in with its password.",
          type: "authentication_error",
        });
      }
      // The front door opens the signed-in user's first org: their new personal one.
      router.replace("/");
      router.refresh();
    } catch (err) {
      setPending(false);
      setError(err instanceof ApiClientError ? err : new ApiClientError({ code: 500, detail: "Sign-up failed. Try again.", type: "server_error" }));
    }
  }

  const fieldError = (f: string) => error?.fieldMessage(f);
  const general = error && !error.payload.errors?.length ? error.message : null;

  // method="post": submitted before the scripts have run, the form must not put the password in the URL.
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-5" noValidate>
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Create your Quiver account</h1>
        <p className="mt-1 text-sm text-slate-600">
          Already have one?{" "}
          <Link href="/sign-in" className="font-medium text-indigo-600 hover:text-indigo-500">
            Sign in
          </Link>
        </p>
      </div>
      <FormError message={general} />
      <Field label="Name (optional)" htmlFor="name">
        <Input id="name" name="name" autoComplete="name" />
      </Field>
      <Field label="Email" htmlFor="email" error={fieldError("email")}>
        <Input id="email" name="email" type="email" autoComplete="email" required />
      </Field>
      <Field label="Password" htmlFor="password" hint="8 characters to 72 bytes (about 72 letters)." error={fieldError("password")}>
        <Input id="password" name="password" type="password" autoComplete="new-password" required minLength={8} />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating account…" : "Create account"}
      </Button>
      <p className="text-xs text-slate-500">You get a personal organization with a workspace named “main”.</p>
    </form>
  );
}
