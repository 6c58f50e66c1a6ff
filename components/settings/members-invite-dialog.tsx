"use client";
// Invite people: one or more emails (commas or new lines) and a role up to the inviter's own. Each
// email is its own invitation (one POST each); afterwards every link is shown to copy, with whether
// the email went out, and each refused email with the reason (say, already a member).
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError, Select, Textarea } from "@/components/ui/form";
import { ApiClientError } from "@/lib/api/client";
import { EmailStatus, InviteLink } from "./members-invitations";
import {
  assignableRoles,
  useCreateInvitation,
  type InvitationWithLink,
  type Role,
} from "./members-hooks";
import { parseEmails } from "./members-rules";

type Outcome =
  | { email: string; ok: true; result: InvitationWithLink }
  | { email: string; ok: false; error: string };

const MAX_AT_ONCE = 50;

export function InviteDialog({
  org,
  viewerRole,
  mailConfigured,
  onClose,
}: {
  org: { slug: string; name: string };
  viewerRole: Role;
  mailConfigured: boolean;
  onClose: () => void;
}) {
  const create = useCreateInvitation(org.slug);
  const roles = assignableRoles(viewerRole);
  const [emails, setEmails] = useState("");
  const [role, setRole] = useState<Role>(roles.includes("member") ? "member" : roles[0]!);
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [outcomes, setOutcomes] = useState<Outcome[] | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const list = parseEmails(emails);
    if (list.length === 0) return setFormError("Enter at least one email address.");
    if (list.length > MAX_AT_ONCE) return setFormError(`At most ${MAX_AT_ONCE} emails at once.`);
    setFormError(null);
    setPending(true);
    const done: Outcome[] = [];
    // One after the other: the answers come back in the order typed, and the rate limit is spared.
    for (const email of list) {
      try {
        done.push({ email, ok: true, result: await create.mutateAsync({ email, role }) });
      } catch (err) {
        const message =
          err instanceof ApiClientError
            ? (err.fieldMessage("email") ?? err.message)
            : "The invitation could not be created. Try again.";
        done.push({ email, ok: false, error: message });
      }
    }
    setPending(false);
    setOutcomes(done);
  }

  const failed = outcomes?.filter((o) => !o.ok) ?? [];
  const succeeded = outcomes?.filter((o): o is Extract<Outcome, { ok: true }> => o.ok) ?? [];

  if (outcomes) {
    return (
      <Dialog
        open
        onClose={onClose}
        wide
        title={
          succeeded.length
            ? `Invited ${succeeded.length} ${succeeded.length === 1 ? "person" : "people"} to ${org.name}`
            : "No invitations were created"
        }
        footer={
          <>
            {failed.length ? (
              <Button
                variant="secondary"
                onClick={() => {
                  setEmails(failed.map((f) => f.email).join("\n"));
                  setOutcomes(null);
                }}
              >
                Edit the refused emails
              </Button>
            ) : (
              <Button
                variant="secondary"
                onClick={() => {
                  setEmails("");
                  setOutcomes(null);
                }}
              >
                Invite more
              </Button>
            )}
            <Button onClick={onClose}>Done</Button>
          </>
        }
      >
        <div className="space-y-4 text-sm">
          {succeeded.length ? (
            <div className="space-y-3">
              <p className="text-slate-700">
                Each person joins as <strong>{role}</strong> through their own link
                {mailConfigured
                  ? ""
                  : ": email is not set up on this server, so copy each link and send it to them yourself"}
                . A link works once and expires; a new link (from the list) ends the old one.
              </p>
              <ul className="space-y-3">
                {succeeded.map((o) => (
                  <li
                    key={o.email}
                    data-testid={`invited-${o.email}`}
                    className="rounded-md border border-slate-200 p-3"
                  >
                    <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
                      <span className="break-all font-medium text-slate-900">{o.email}</span>
                      {o.result.invitation.email_sent_at ? (
                        <span className="text-xs text-emerald-700">Email sent to {o.email}</span>
                      ) : (
                        <EmailStatus
                          invitation={o.result.invitation}
                          mailConfigured={mailConfigured}
                        />
                      )}
                    </div>
                    <InviteLink url={o.result.accept_url} email={o.email} />
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {failed.length ? (
            <div role="alert" className="space-y-2">
              <p className="font-medium text-red-800">Not invited:</p>
              <ul className="space-y-1">
                {failed.map((o) => (
                  <li
                    key={o.email}
                    data-testid={`invite-error-${o.email}`}
                    className="text-red-800"
                  >
                    {o.error.toLowerCase().includes(o.email.toLowerCase()) ? (
                      o.error
                    ) : (
                      <>
                        <span className="break-all font-medium">{o.email}</span>: {o.error}
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={`Invite people to ${org.name}`}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="invite-form" disabled={pending}>
            {pending ? "Inviting…" : "Invite"}
          </Button>
        </>
      }
    >
      <form id="invite-form" onSubmit={onSubmit} className="space-y-4" noValidate>
        <FormError message={formError} />
        <Field
          label="Email addresses"
          htmlFor="invite-emails"
          hint="One or more, separated by commas or new lines. Each person gets their own link."
        >
          <Textarea
            id="invite-emails"
            name="emails"
            rows={3}
            value={emails}
            onChange={(e) => setEmails(e.target.value)}
            placeholder="ada@example.com, grace@example.com"
            autoFocus
            required
          />
        </Field>
        <Field
          label="Role"
          htmlFor="invite-role"
          hint={
            viewerRole === "owner"
              ? "Viewers read; members also write; admins also manage members and settings; owners also manage owners."
              : "Viewers read; members also write; admins also manage members and settings. Only owners invite owners."
          }
        >
          <Select
            id="invite-role"
            name="role"
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </Select>
        </Field>
      </form>
    </Dialog>
  );
}
