"use client";
// Settings → Account: your name, your password (or the note that you sign in with SSO), and
// signing out everywhere. The same in every org.
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, FormError, Input } from "@/components/ui/form";
import { ApiClientError } from "@/lib/api/client";
import { useSignOutEverywhere, useUpdateAccount, type AccountView } from "./account-hooks";
import { PasswordForm } from "./password-form";

function NameForm({ account }: { account: AccountView }) {
  const router = useRouter();
  const update = useUpdateAccount();
  const [name, setName] = useState(account.name);
  const [saved, setSaved] = useState(false);
  const err = update.error instanceof ApiClientError ? update.error : null;

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(false);
    update.mutate(
      { name: name.trim() },
      {
        onSuccess: (a) => {
          setName(a.name);
          setSaved(true);
          router.refresh(); // the shell shows the name
        },
      },
    );
  }

  return (
    <Card>
      <form onSubmit={onSubmit} className="max-w-md space-y-4 p-5" noValidate aria-label="Profile">
        <div>
          <h2 className="text-base font-semibold text-slate-900">Profile</h2>
          <p className="mt-1 text-sm text-slate-600">
            Signed in as <span className="font-medium">{account.email}</span>. Your name is what
            teammates see in member lists, invitations and the audit log.
          </p>
        </div>
        <FormError message={err && !err.payload.errors?.length ? err.message : null} />
        {saved ? (
          <p
            role="status"
            className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800 ring-1 ring-inset ring-green-200"
          >
            Name saved.
          </p>
        ) : null}
        <Field label="Name" htmlFor="account-name" error={err?.fieldMessage("name")}>
          <Input
            id="account-name"
            name="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="name"
            required
            maxLength={100}
          />
        </Field>
        <Button
          type="submit"
          disabled={update.isPending || !name.trim() || name.trim() === account.name}
        >
          {update.isPending ? "Saving…" : "Save name"}
        </Button>
      </form>
    </Card>
  );
}

function SignOutEverywhere() {
  const end = useSignOutEverywhere();
  const [open, setOpen] = useState(false);
  return (
    <Card>
      <div className="max-w-xl space-y-3 p-5">
        <h2 className="text-base font-semibold text-slate-900">Sign out everywhere</h2>
        <p className="text-sm text-slate-600">
          Ends every browser session of your account, this one included: on other computers, phones
          and forgotten tabs. API tokens keep working; revoke them under API tokens.
        </p>
        <Button variant="danger" onClick={() => setOpen(true)}>
          Sign out everywhere
        </Button>
      </div>
      {open ? (
        <ConfirmDialog
          title="Sign out everywhere?"
          confirmLabel="Sign out everywhere"
          pendingLabel="Signing out…"
          danger
          pending={end.isPending}
          error={end.error}
          onConfirm={() =>
            end.mutate(undefined, {
              // The session is already gone on the server; signOut clears the cookie here.
              onSuccess: () => void signOut({ callbackUrl: "/sign-in" }),
            })
          }
          onClose={() => {
            setOpen(false);
            end.reset();
          }}
        >
          <p>
            Every session of your account ends at once, including this one: you will sign in again
            here and on every other device.
          </p>
        </ConfirmDialog>
      ) : null}
    </Card>
  );
}

export function AccountPanel({ account, ssoName }: { account: AccountView; ssoName: string }) {
  return (
    <div className="space-y-6">
      <NameForm account={account} />
      {account.has_password ? (
        <PasswordForm email={account.email} />
      ) : (
        <Card>
          <div className="max-w-xl space-y-2 p-5" data-testid="sso-no-password">
            <h2 className="text-base font-semibold text-slate-900">Password</h2>
            <p className="text-sm text-slate-600">
              You sign in with {ssoName} (single sign-on), so this account has no Quiver password to
              change. Your password is managed by your identity provider.
            </p>
          </div>
        </Card>
      )}
      <SignOutEverywhere />
    </div>
  );
}
