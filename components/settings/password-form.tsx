"use client";
// Settings → Account: change your password. The current one is required; every other session of
// the account is signed out (this one stays).
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, FormError, Input } from "@/components/ui/form";
import { ApiClientError } from "@/lib/api/client";
import { changePassword } from "./account-hooks";

export function PasswordForm({ email }: { email: string }) {
  const [error, setError] = useState<ApiClientError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    setPending(true);
    setError(null);
    setDone(null);
    try {
      const res = await changePassword({
        current_password: String(data.get("current_password") ?? ""),
        new_password: String(data.get("new_password") ?? ""),
      });
      form.reset();
      const n = res.sessions_ended;
      setDone(
        `Password changed. ${n === 0 ? "You had no other sessions." : `${n} other session${n === 1 ? " was" : "s were"} signed out.`}`,
      );
    } catch (err) {
      setError(
        err instanceof ApiClientError
          ? err
          : new ApiClientError({
              code: 500,
              detail: "The password could not be changed. Try again.",
              type: "server_error",
            }),
      );
    } finally {
      setPending(false);
    }
  }

  return (
    <Card>
      <form
        onSubmit={onSubmit}
        className="max-w-md space-y-4 p-5"
        noValidate
        aria-label="Change password"
      >
        <div>
          <h2 className="text-base font-semibold text-slate-900">Change password</h2>
          <p className="mt-1 text-sm text-slate-600">
            For <span className="font-medium">{email}</span>. Your other browser sessions are signed
            out; API tokens keep working.
          </p>
        </div>
        <FormError message={error && !error.payload.errors?.length ? error.message : null} />
        {done ? (
          <p
            role="status"
            className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800 ring-1 ring-inset ring-green-200"
          >
            {done}
          </p>
        ) : null}
        {/* For password managers: the account this form belongs to. */}
        <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
        <Field
          label="Current password"
          htmlFor="current-password"
          error={error?.fieldMessage("current_password")}
        >
          <Input
            id="current-password"
            name="current_password"
            type="password"
            autoComplete="current-password"
            required
          />
        </Field>
        <Field
          label="New password"
          htmlFor="new-password"
          hint="8 characters to 72 bytes (about 72 letters)."
          error={error?.fieldMessage("new_password")}
        >
          <Input
            id="new-password"
            name="new_password"
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
          />
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? "Changing…" : "Change password"}
        </Button>
      </form>
    </Card>
  );
}
