"use client";
// Settings → Members, for admins: the pending (and expired) invitations, with a new link to copy
// (which ends the old one), the email sent again when mail is set up, and revoke.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge, EmptyState, ErrorState, LoadingRows } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy";
import { DataTable } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import {
  useInvitations,
  useResendInvitation,
  useRevokeInvitation,
  type InvitationView,
  type InvitationWithLink,
} from "./members-hooks";

/** An invitation link to copy, selectable as text too (no clipboard on plain http). */
export function InviteLink({ url, email }: { url: string; email: string }) {
  return (
    <div className="flex items-center gap-2">
      <input
        readOnly
        value={url}
        aria-label={`Invitation link for ${email}`}
        data-testid="invite-link"
        onFocus={(e) => e.currentTarget.select()}
        className="block min-w-0 flex-1 rounded-md border-0 bg-white px-2 py-1.5 font-mono text-xs text-slate-900 ring-1 ring-inset ring-slate-300"
      />
      <CopyButton text={url} label={`Copy the invitation link for ${email}`} />
    </div>
  );
}

/** Whether the invitation's email went out, in words. */
export function EmailStatus({
  invitation,
  mailConfigured,
}: {
  invitation: Pick<InvitationView, "email" | "email_sent_at" | "email_error">;
  mailConfigured: boolean;
}) {
  if (invitation.email_sent_at) {
    return (
      <span className="text-xs text-slate-700">
        Sent <Time iso={invitation.email_sent_at} />
      </span>
    );
  }
  if (invitation.email_error)
    return <span className="text-xs text-red-700">Not sent: {invitation.email_error}</span>;
  return (
    <span className="text-xs text-slate-500">
      {mailConfigured ? "Not sent" : "No email (mail is not set up)"}
    </span>
  );
}

function NewLink({
  result,
  wasEmail,
  onDone,
}: {
  result: InvitationWithLink;
  wasEmail: boolean;
  onDone: () => void;
}) {
  const { invitation } = result;
  return (
    <div
      role="status"
      className="rounded-lg border border-emerald-300 bg-emerald-50 p-4"
      data-testid="new-invite-link"
    >
      <p className="text-sm text-emerald-900">
        {wasEmail && invitation.email_sent_at
          ? `Email sent again to ${invitation.email} with a new link.`
          : wasEmail && invitation.email_error
            ? `The email to ${invitation.email} could not be sent (${invitation.email_error}). Send them this new link yourself.`
            : `A new link for ${invitation.email}${invitation.email_sent_at ? " (also emailed to them)" : ""}.`}{" "}
        The previous link stopped working. It expires{" "}
        <Time iso={invitation.expires_at} mode="absolute" />.
      </p>
      <div className="mt-3 flex items-center gap-2">
        <div className="min-w-0 flex-1">
          <InviteLink url={result.accept_url} email={invitation.email} />
        </div>
        <Button variant="ghost" className="px-2 py-1" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}

function RowActions({
  org,
  invitation,
  mailConfigured,
  onLink,
}: {
  org: { slug: string; name: string };
  invitation: InvitationView;
  mailConfigured: boolean;
  onLink: (r: InvitationWithLink, wasEmail: boolean) => void;
}) {
  const resend = useResendInvitation(org.slug);
  const revoke = useRevokeInvitation(org.slug);
  const [revoking, setRevoking] = useState(false);
  const [which, setWhich] = useState<"link" | "email" | null>(null);
  const run = (kind: "link" | "email") => {
    setWhich(kind);
    resend.mutate(invitation.id, { onSuccess: (r) => onLink(r, kind === "email") });
  };
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex flex-wrap justify-end gap-2">
        <Button
          variant="secondary"
          className="whitespace-nowrap px-2 py-1"
          disabled={resend.isPending}
          onClick={() => run("link")}
          aria-label={`Copy new link for ${invitation.email}`}
        >
          {resend.isPending && which === "link" ? "Making link…" : "Copy new link"}
        </Button>
        {mailConfigured ? (
          <Button
            variant="secondary"
            className="whitespace-nowrap px-2 py-1"
            disabled={resend.isPending}
            onClick={() => run("email")}
            aria-label={`Resend email to ${invitation.email}`}
          >
            {resend.isPending && which === "email" ? "Sending…" : "Resend email"}
          </Button>
        ) : null}
        <Button
          variant="danger"
          className="px-2 py-1"
          onClick={() => setRevoking(true)}
          aria-label={`Revoke invitation for ${invitation.email}`}
        >
          Revoke
        </Button>
      </div>
      {resend.error ? (
        <p role="alert" className="text-xs text-red-700">
          {resend.error.message}
        </p>
      ) : null}
      {revoking ? (
        // Inside a right-aligned cell: the dialog would inherit its alignment.
        <div className="text-left">
          <ConfirmDialog
            title={`Revoke the invitation for ${invitation.email}?`}
            confirmLabel="Revoke invitation"
            pendingLabel="Revoking…"
            danger
            pending={revoke.isPending}
            error={revoke.error}
            onConfirm={() => revoke.mutate(invitation.id, { onSuccess: () => setRevoking(false) })}
            onClose={() => {
              setRevoking(false);
              revoke.reset();
            }}
          >
            <p>
              The link sent to <strong>{invitation.email}</strong> stops working at once; they will
              not join {org.name} through it. You can invite them again later.
            </p>
          </ConfirmDialog>
        </div>
      ) : null}
    </div>
  );
}

export function InvitationsSection({
  org,
  mailConfigured,
  onInvite,
}: {
  org: { slug: string; name: string };
  mailConfigured: boolean;
  onInvite: () => void;
}) {
  const invitations = useInvitations(org.slug);
  const [link, setLink] = useState<{ result: InvitationWithLink; wasEmail: boolean } | null>(null);
  return (
    <section aria-labelledby="invitations-heading" className="space-y-3">
      <div>
        <h2 id="invitations-heading" className="text-base font-semibold text-slate-900">
          Pending invitations
        </h2>
        <p className="text-sm text-slate-600">
          {mailConfigured
            ? "Invitations are emailed; you can also copy a link and send it yourself."
            : "Email is not set up on this server: copy each link and send it yourself."}{" "}
          A new link ends the previous one.
        </p>
      </div>
      {link ? (
        <NewLink result={link.result} wasEmail={link.wasEmail} onDone={() => setLink(null)} />
      ) : null}
      {invitations.isPending ? (
        <LoadingRows rows={2} />
      ) : invitations.isError ? (
        <ErrorState
          message={`Could not load the invitations: ${invitations.error.message}`}
          onRetry={() => invitations.refetch()}
        />
      ) : invitations.data.items.length === 0 ? (
        <EmptyState
          title="No pending invitations"
          action={
            <Button variant="secondary" onClick={onInvite}>
              Invite people
            </Button>
          }
        >
          Invite teammates by email; each gets a link to join {org.name} with the role you choose.
        </EmptyState>
      ) : (
        <DataTable
          label="Pending invitations table"
          columns={["Email", "Role", "Invited by", "Expires", "Email sent", ""]}
          cellPadding="px-3"
        >
          {invitations.data.items.map((inv) => (
            <tr key={inv.id} data-testid={`invitation-${inv.email}`} className="align-top">
              <td className="break-all px-3 py-3 font-medium text-slate-900">{inv.email}</td>
              <td className="px-3 py-3">
                <Badge>{inv.role}</Badge>
              </td>
              <td className="px-3 py-3 text-xs text-slate-700">
                {inv.invited_by ? inv.invited_by.name : "—"}
              </td>
              <td className="whitespace-nowrap px-3 py-3 text-xs text-slate-700">
                {inv.status === "expired" ? (
                  <Badge tone="amber">expired</Badge>
                ) : (
                  <Time iso={inv.expires_at} />
                )}
              </td>
              <td className="px-3 py-3">
                <EmailStatus invitation={inv} mailConfigured={mailConfigured} />
              </td>
              <td className="px-3 py-3 text-right">
                <RowActions
                  org={org}
                  invitation={inv}
                  mailConfigured={mailConfigured}
                  onLink={(result, wasEmail) => setLink({ result, wasEmail })}
                />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
