"use client";
// Sign-up: creates the account, then signs in. Without an invitation the account gets a personal
// org with a `main` workspace, and the API answers a taken email like a new one, so a failed
// sign-in afterwards is the only sign, and it reads like any wrong password. With an invitation
// the email is the invited one (read-only), the account joins the inviting org, and lands there.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/form";
import { signUp } from "@/components/shell/hooks";
import { ApiClientError } from "@/lib/api/client";

export interface SignUpInvitation {
  token: string;
  email: string;
  orgName: string;
  role: string;
}

export function SignUpForm({
  invitation,
  defaultEmail = "",
}: {
  invitation?: SignUpInvitation;
  defaultEmail?: string;
}) {
  const router = useRouter();
  const [error, setError] = useState<ApiClientError | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const email = invitation?.email ?? String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    setPending(true);
    setError(null);
    try {
      const created = await signUp({
        email,
        password,
        name: String(form.get("name") ?? "") || undefined,
        ...(invitation ? { invitation: invitation.token } : {}),
      });
      const res = await signIn("credentials", { email, password, redirect: false });
      if (!res || res.error) {
        throw new ApiClientError({
          code: 401,
          detail:
            "We could not sign you in with this email and password. If you already have an account, sign in with its password.",
          type: "authentication_error",
        });
      }
      // Invited: the inviting org. Otherwise the front door opens the new personal org.
      router.replace(invitation ? `/${created.org.slug}/catalog` : "/");
      router.refresh();
    } catch (err) {
      setPending(false);
      setError(
        err instanceof ApiClientError
          ? err
          : new ApiClientError({
              code: 500,
              detail: "Sign-up failed. Try again.",
              type: "server_error",
            }),
      );
    }
  }

  const fieldError = (f: string) => error?.fieldMessage(f);
  const general = error && !error.payload.errors?.length ? error.message : null;
  const signInHref = invitation
    ? `/sign-in?callbackUrl=${encodeURIComponent(`/invite/${invitation.token}`)}&email=${encodeURIComponent(invitation.email)}`
    : "/sign-in";

  // method="post": submitted before the scripts have run, the form must not put the password in the URL.
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-5" noValidate>
      <div>
        <h1 className="text-xl font-semibold text-slate-900">
          {invitation ? `Join ${invitation.orgName} on Quiver` : "Create your Quiver account"}
        </h1>
        {invitation ? (
          <p className="mt-1 text-sm text-slate-600">
            Create your account to join{" "}
            <strong className="text-slate-900">{invitation.orgName}</strong> as{" "}
            {invitation.role === "admin" || invitation.role === "owner" ? "an" : "a"}{" "}
            <strong className="text-slate-900">{invitation.role}</strong>.
          </p>
        ) : null}
        <p className="mt-1 text-sm text-slate-600">
          Already have one?{" "}
          <Link href={signInHref} className="font-medium text-indigo-600 hover:text-indigo-500">
            Sign in
          </Link>
        </p>
      </div>
      <FormError message={general} />
      <Field label="Name (optional)" htmlFor="name">
        <Input id="name" name="name" autoComplete="name" />
      </Field>
      <Field
        label="Email"
        htmlFor="email"
        error={fieldError("email")}
        hint={invitation ? "The invitation is for this address." : undefined}
      >
        {invitation ? (
          <Input
            id="email"
            name="email"
            type="email"
            autoComplete="email"
            value={invitation.email}
            readOnly
            aria-readonly="true"
            className="bg-slate-50 text-slate-700"
          />
        ) : (
          <Input
            id="email"
            name="email"
            type="email"
            autoComplete="email"
            defaultValue={defaultEmail}
            required
          />
        )}
      </Field>
      <Field
        label="Password"
        htmlFor="password"
        hint="8 characters to 72 bytes (about 72 letters)."
        error={fieldError("password")}
      >
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
        />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating account…" : invitation ? `Create account and join` : "Create account"}
      </Button>
      <p className="text-xs text-slate-500">
        {invitation
          ? `You join ${invitation.orgName}; no personal organization is made. You can create one later.`
          : "You get a personal organization with a workspace named “main”."}
      </p>
    </form>
  );
}
