// Sign-up page. With an invitation link's `invitation` (and `email`), the account is made for the
// invited address and joins the inviting org; a link that can no longer be used goes back to the
// invite page, which says why. When this server does not let this visitor sign up (QUIVER_SIGNUP
// `invite` without an invitation, or `closed`), the page says so instead of showing a form.
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { ApiError } from "@/lib/api/errors";
import { currentUserId } from "@/lib/auth/options";
import { db } from "@/lib/db/client";
import { getPublicInvitation } from "@/lib/invitations/service";
import { signupMode } from "@/lib/invitations/sign-up";

export const metadata: Metadata = { title: "Create an account", referrer: "no-referrer" };

async function pendingInvitation(token: string) {
  try {
    const inv = await getPublicInvitation({ db: db(), requestId: "page" }, token);
    return inv.status === "pending" ? inv : null;
  } catch (err) {
    if (err instanceof ApiError && err.kind === "not_found") return null;
    throw err;
  }
}

function Closed({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="space-y-3">
      <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
      <div className="space-y-3 text-sm text-slate-600">{children}</div>
      <p className="text-sm">
        <Link href="/sign-in" className="font-medium text-indigo-600 hover:text-indigo-500">
          Sign in
        </Link>{" "}
        if you already have an account.
      </p>
    </div>
  );
}

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<{ invitation?: string | string[]; email?: string | string[] }>;
}) {
  const params = await searchParams;
  const token =
    typeof params.invitation === "string" && params.invitation.length <= 200
      ? params.invitation
      : null;
  const email = typeof params.email === "string" ? params.email : "";
  if (await currentUserId()) redirect(token ? `/invite/${encodeURIComponent(token)}` : "/");
  const mode = signupMode();

  if (mode === "closed") {
    return (
      <Closed title="Sign-up is closed">
        <p>
          Accounts on this Quiver server are created by an operator. Ask the person who runs it, or
          an admin of your organization, for an account.
        </p>
      </Closed>
    );
  }
  if (token) {
    const invitation = await pendingInvitation(token);
    // Used, expired, withdrawn or unknown: the invite page explains which, and whom to ask.
    if (!invitation) redirect(`/invite/${encodeURIComponent(token)}`);
    return (
      <SignUpForm
        invitation={{
          token,
          email: invitation.email,
          orgName: invitation.org.name,
          role: invitation.role,
        }}
      />
    );
  }
  if (mode === "invite") {
    return (
      <Closed title="Sign-up is by invitation">
        <p>
          On this Quiver server, accounts are made through an invitation link from an admin of an
          organization. Open the link from your invitation to create your account.
        </p>
        <p>No invitation? Ask an admin of your team&apos;s organization to invite you.</p>
      </Closed>
    );
  }
  return <SignUpForm defaultEmail={email} />;
}
