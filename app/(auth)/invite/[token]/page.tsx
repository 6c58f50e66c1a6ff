// An invitation link (/invite/<secret>), public: who invited you to which org as which role, and
// what to do next: accept (signed in with the invited email), sign out (signed in as someone
// else), or sign in / create the account. A used, expired, withdrawn or unknown link says so and
// whom to ask. First paint reads the invitation through the service; accepting goes through the API.
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { ButtonLink } from "@/components/ui/button";
import { ApiError } from "@/lib/api/errors";
import { currentUserId } from "@/lib/auth/options";
import { db } from "@/lib/db/client";
import { getPublicInvitation } from "@/lib/invitations/service";
import { signupMode } from "@/lib/invitations/sign-up";
import { AcceptInvitation, SignOutToSwitch } from "./invite-actions";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

const article = (role: string) => (role === "admin" || role === "owner" ? "an" : "a");

const roleMeaning: Record<string, string> = {
  viewer: "Viewers see everything in the organization but change nothing.",
  member: "Members read and change the catalog, runtimes, prompts, agents and runs.",
  admin: "Admins also manage members, invitations and settings.",
  owner: "Owners manage everything, including other owners.",
};

function Notice({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="space-y-3">
      <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
      <div className="space-y-3 text-sm text-slate-600">{children}</div>
    </div>
  );
}

async function load(token: string) {
  try {
    return await getPublicInvitation({ db: db(), requestId: "page" }, token);
  } catch (err) {
    if (err instanceof ApiError && err.kind === "not_found") return null;
    throw err;
  }
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, userId] = await Promise.all([
    token.length <= 200 ? load(token) : null,
    currentUserId(),
  ]);
  const user = userId
    ? await db().user.findUnique({
        where: { id: userId },
        select: { email: true, memberships: { select: { org: { select: { slug: true } } } } },
      })
    : null;

  if (!invitation) {
    return (
      <Notice title="This invitation link does not work">
        <p>
          It may have been copied incompletely, or replaced by a newer link (each new link ends the
          one before).
        </p>
        <p>
          Ask the person who invited you to copy a new link from Settings → Members, or to invite
          you again.
        </p>
        <p>
          <Link href="/" className="font-medium text-indigo-600 hover:text-indigo-500">
            Go to Quiver
          </Link>
        </p>
      </Notice>
    );
  }

  const org = invitation.org;
  const inviter = invitation.invited_by?.name;
  const ask = inviter ? `${inviter} or another admin of ${org.name}` : `an admin of ${org.name}`;
  const isMember = user?.memberships.some((m) => m.org.slug === org.slug) ?? false;

  if (invitation.status === "accepted") {
    return (
      <Notice title="This invitation has already been used">
        <p>
          The invitation for <strong className="text-slate-900">{invitation.email}</strong> to join{" "}
          {org.name} was accepted.
        </p>
        {isMember ? (
          <ButtonLink href={`/${org.slug}/catalog`} className="w-full">
            Open {org.name}
          </ButtonLink>
        ) : user ? (
          <p>
            It was accepted by another account. If that was not you, ask {ask} for a new invitation.
          </p>
        ) : (
          <ButtonLink
            href={`/sign-in?callbackUrl=${encodeURIComponent(`/${org.slug}/catalog`)}&email=${encodeURIComponent(invitation.email)}`}
            className="w-full"
          >
            Sign in
          </ButtonLink>
        )}
      </Notice>
    );
  }
  if (invitation.status === "expired") {
    return (
      <Notice title="This invitation has expired">
        <p>
          The invitation for <strong className="text-slate-900">{invitation.email}</strong> to join{" "}
          {org.name} is no longer valid.
        </p>
        <p>Ask {ask} to send you a new link.</p>
      </Notice>
    );
  }
  if (invitation.status === "revoked") {
    return (
      <Notice title="This invitation was withdrawn">
        <p>
          The invitation for <strong className="text-slate-900">{invitation.email}</strong> to join{" "}
          {org.name} was revoked, or replaced by a newer invitation.
        </p>
        <p>Use the latest link you were sent, or ask {ask} to invite you again.</p>
      </Notice>
    );
  }

  const signedInAs = user?.email ?? null;
  const matches =
    signedInAs !== null && signedInAs.toLowerCase() === invitation.email.toLowerCase();
  const callback = `/invite/${token}`;
  const signInHref = `/sign-in?callbackUrl=${encodeURIComponent(callback)}&email=${encodeURIComponent(invitation.email)}`;
  const signUpHref = `/sign-up?invitation=${encodeURIComponent(token)}&email=${encodeURIComponent(invitation.email)}`;
  const signupClosed = signupMode() === "closed";

  return (
    <div className="space-y-5">
      <div>
        <p className="text-sm font-medium text-indigo-700">Invitation</p>
        <h1 className="mt-1 text-xl font-semibold text-slate-900">Join {org.name} on Quiver</h1>
        <p className="mt-2 text-sm text-slate-600">
          {inviter ? <strong className="text-slate-900">{inviter}</strong> : "An admin"} invited{" "}
          <strong className="text-slate-900">{invitation.email}</strong> to join{" "}
          <strong className="text-slate-900">{org.name}</strong> as {article(invitation.role)}{" "}
          <strong className="text-slate-900">{invitation.role}</strong>.
        </p>
        <p className="mt-2 text-xs text-slate-500">
          {roleMeaning[invitation.role]} The link expires on{" "}
          <time dateTime={invitation.expires_at}>
            {new Date(invitation.expires_at).toUTCString().replace(/:\d\d GMT$/, " UTC")}
          </time>
          .
        </p>
      </div>
      {matches ? (
        isMember ? (
          <div className="space-y-3">
            <p className="text-sm text-slate-600">
              You are already a member of {org.name}; accepting keeps the higher of your two roles.
            </p>
            <AcceptInvitation token={token} orgName={org.name} />
          </div>
        ) : (
          <AcceptInvitation token={token} orgName={org.name} />
        )
      ) : signedInAs ? (
        <div className="space-y-3">
          <p
            role="status"
            className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200"
          >
            You are signed in as <strong>{signedInAs}</strong>, but this invitation is for{" "}
            <strong>{invitation.email}</strong>. Sign out, then sign in (or create the account) with{" "}
            {invitation.email}.
          </p>
          <SignOutToSwitch token={token} />
        </div>
      ) : (
        <div className="space-y-3">
          {invitation.account_exists ? (
            <p className="text-sm text-slate-600">Sign in with {invitation.email} to accept.</p>
          ) : signupClosed ? (
            <p className="text-sm text-slate-600">
              Sign in with {invitation.email} to accept. New accounts are created by an operator on
              this server: if you have none, ask {ask}.
            </p>
          ) : (
            <p className="text-sm text-slate-600">
              Create your account with {invitation.email} to accept, or sign in if you already have
              one.
            </p>
          )}
          {!invitation.account_exists && !signupClosed ? (
            <ButtonLink href={signUpHref} className="w-full">
              Create account
            </ButtonLink>
          ) : null}
          <ButtonLink
            href={signInHref}
            variant={invitation.account_exists || signupClosed ? "primary" : "secondary"}
            className="w-full"
          >
            Sign in
          </ButtonLink>
        </div>
      )}
    </div>
  );
}
