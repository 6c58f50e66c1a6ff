"use client";
// Settings → Members: who is in the org, with their role, when they joined and were last active.
// Admins and owners change roles (a select with an explicit Save) and remove people; anyone may
// leave. Each control that is missing or disabled says why. Admins also see pending invitations.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge, EmptyState, ErrorState, LoadingRows } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { InvitationsSection } from "./members-invitations";
import { InviteDialog } from "./members-invite-dialog";
import {
  MEMBERS_PAGE_SIZE,
  rank,
  useChangeRole,
  useMembers,
  useRemoveMember,
  type MemberView,
  type Role,
} from "./members-hooks";
import { rowControls } from "./members-rules";

export interface MembersPanelProps {
  org: { slug: string; name: string };
  viewer: { id: string; role: Role };
  /** Where to go after leaving: the viewer's other orgs. */
  otherOrgs: string[];
  mailConfigured: boolean;
  page: number;
}

const roleTone = { owner: "indigo", admin: "green", member: "slate", viewer: "amber" } as const;

function RoleCell({
  org,
  member,
  options,
  hint,
  isSelf,
  viewerRole,
}: {
  org: string;
  member: MemberView;
  options: Role[] | null;
  hint: string | null;
  isSelf: boolean;
  viewerRole: Role;
}) {
  const router = useRouter();
  const change = useChangeRole(org);
  const [draft, setDraft] = useState<Role>(member.role);
  const [confirming, setConfirming] = useState(false);
  const selectId = `role-${member.user_id}`;
  const dirty = draft !== member.role;

  const save = () =>
    change.mutate(
      { userId: member.user_id, role: draft },
      {
        onSuccess: () => {
          setConfirming(false);
          // Your own role changed: the rest of the page (and the shell) follows it.
          if (isSelf) router.refresh();
        },
      },
    );

  if (!options) {
    return (
      <div>
        <Badge tone={roleTone[member.role]}>{member.role}</Badge>
        {hint ? <p className="mt-1 max-w-[14rem] text-xs text-slate-500">{hint}</p> : null}
      </div>
    );
  }
  return (
    <div>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={selectId} className="sr-only">
          Role of {member.name}
        </label>
        <select
          id={selectId}
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value as Role);
            change.reset();
          }}
          className="rounded-md border-0 bg-white py-1 pl-2 pr-8 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600"
        >
          {/* A role above the viewer's own stays visible as the current value, not as a choice. */}
          {options.includes(member.role) ? null : (
            <option value={member.role}>{member.role}</option>
          )}
          {options.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        {dirty ? (
          <>
            <Button
              className="px-2 py-1"
              disabled={change.isPending}
              onClick={() =>
                isSelf && rank(draft) < rank(viewerRole) ? setConfirming(true) : save()
              }
              aria-label={`Save role of ${member.name}`}
            >
              {change.isPending ? "Saving…" : "Save"}
            </Button>
            <Button
              variant="ghost"
              className="px-2 py-1"
              onClick={() => {
                setDraft(member.role);
                change.reset();
              }}
              aria-label={`Cancel role change of ${member.name}`}
            >
              Cancel
            </Button>
          </>
        ) : null}
      </div>
      {change.error && !confirming ? (
        <p role="alert" className="mt-1 max-w-[16rem] text-xs text-red-700">
          {change.error.message}
        </p>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title="Change your own role?"
          confirmLabel={`Become ${draft}`}
          pendingLabel="Saving…"
          danger
          pending={change.isPending}
          error={change.error}
          onConfirm={save}
          onClose={() => {
            setConfirming(false);
            change.reset();
          }}
        >
          <p>
            You become <strong>{draft}</strong> in this organization at once. Only an admin or owner
            can give you back the role of {viewerRole}.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function RemovalCell({
  org,
  member,
  removal,
  hint,
  otherOrgs,
  onRemoved,
}: {
  org: { slug: string; name: string };
  member: MemberView;
  removal: "remove" | "leave" | null;
  hint: string | null;
  otherOrgs: string[];
  onRemoved: (message: string) => void;
}) {
  const router = useRouter();
  const remove = useRemoveMember(org.slug);
  const [open, setOpen] = useState(false);
  if (!removal)
    return hint ? (
      <p className="ml-auto max-w-[12rem] text-right text-xs text-slate-500">{hint}</p>
    ) : null;
  const leaving = removal === "leave";
  const blocked = leaving && hint;
  const hintId = `removal-hint-${member.user_id}`;

  const onConfirm = () =>
    remove.mutate(member.user_id, {
      onSuccess: (res) => {
        setOpen(false);
        if (!leaving) {
          onRemoved(
            `${member.name} (${member.email}) was removed from ${org.name}${res.tokens_revoked ? `; ${res.tokens_revoked} API token${res.tokens_revoked === 1 ? " was" : "s were"} revoked` : ""}.`,
          );
          return;
        }
        const next = otherOrgs[0];
        if (next) {
          router.push(`/${next}/catalog`);
          router.refresh();
        } else {
          // No other org: the welcome page offers to create one.
          router.push("/welcome");
        }
      },
    });

  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        variant="danger"
        className="whitespace-nowrap px-2 py-1"
        disabled={!!blocked}
        aria-describedby={blocked ? hintId : undefined}
        onClick={() => setOpen(true)}
        aria-label={leaving ? "Leave organization" : `Remove ${member.name}`}
      >
        {leaving ? "Leave organization" : "Remove"}
      </Button>
      {blocked ? (
        <p id={hintId} className="max-w-[12rem] text-right text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {open ? (
        // Inside a right-aligned cell: the dialog would inherit its alignment.
        <div className="text-left">
          <ConfirmDialog
            title={leaving ? `Leave ${org.name}?` : `Remove ${member.name} from ${org.name}?`}
            confirmLabel={leaving ? "Leave organization" : `Remove ${member.name}`}
            pendingLabel={leaving ? "Leaving…" : "Removing…"}
            danger
            pending={remove.isPending}
            error={remove.error}
            onConfirm={onConfirm}
            onClose={() => {
              setOpen(false);
              remove.reset();
            }}
          >
            {leaving ? (
              <>
                <p>
                  You lose access to <strong>{org.name}</strong> at once; your API tokens for{" "}
                  {org.name} are revoked; what you created stays.
                </p>
                <p>
                  To come back, an admin must invite you again.
                  {otherOrgs.length === 0
                    ? " This is your only organization: afterwards you can create a new one or join another through an invitation."
                    : ""}
                </p>
              </>
            ) : (
              <>
                <p>
                  <strong>{member.name}</strong> ({member.email}) loses access to{" "}
                  <strong>{org.name}</strong> at once; their API tokens for {org.name} are revoked;
                  what they created stays.
                </p>
                <p>You can invite them again later.</p>
              </>
            )}
          </ConfirmDialog>
        </div>
      ) : null}
    </div>
  );
}

function Signs({ member }: { member: MemberView }) {
  if (member.sso && !member.has_password)
    return <span className="ml-2 text-xs font-normal text-slate-500">SSO</span>;
  if (member.sso)
    return <span className="ml-2 text-xs font-normal text-slate-500">SSO + password</span>;
  return null;
}

export function MembersPanel({ org, viewer, otherOrgs, mailConfigured, page }: MembersPanelProps) {
  const members = useMembers(org.slug, page);
  const [inviting, setInviting] = useState(false);
  const [removed, setRemoved] = useState<string | null>(null);
  const manages = rank(viewer.role) >= rank("admin");
  const data = members.data;
  const wholeList = data ? data.total <= data.items.length && data.page === 1 : false;
  const ownerCount = data && wholeList ? data.items.filter((m) => m.role === "owner").length : null;
  const lastPage = data
    ? Math.max(1, Math.ceil(data.total / (data.limit || MEMBERS_PAGE_SIZE)))
    : 1;

  return (
    <div className="space-y-8">
      <section aria-labelledby="members-heading">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <div>
            <h2 id="members-heading" className="text-base font-semibold text-slate-900">
              Members
              {data ? (
                <span className="ml-2 text-sm font-normal text-slate-500">{data.total}</span>
              ) : null}
            </h2>
            <p className="text-sm text-slate-600">
              {manages
                ? "Owners and admins change roles and remove people; admins up to their own role."
                : `You are a ${viewer.role}: ask an admin or owner to change roles or invite people.`}
            </p>
          </div>
          {manages ? <Button onClick={() => setInviting(true)}>Invite people</Button> : null}
        </div>
        {removed ? (
          <p
            role="status"
            className="mb-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-inset ring-emerald-200"
          >
            {removed}
          </p>
        ) : null}
        {members.isPending ? (
          <LoadingRows />
        ) : members.isError ? (
          <ErrorState
            message={`Could not load the members: ${members.error.message}`}
            onRetry={() => members.refetch()}
          />
        ) : data!.items.length === 0 ? (
          <EmptyState title="No members on this page">
            <Link href="?page=1" className="font-medium text-indigo-600">
              Go to the first page
            </Link>
          </EmptyState>
        ) : (
          <>
            <DataTable
              label="Members"
              columns={["Name", "Role", "Joined", "Last active", ""]}
              cellPadding="px-3"
            >
              {data!.items.map((m) => {
                const c = rowControls(viewer, m, ownerCount);
                return (
                  <tr key={m.user_id} data-testid={`member-${m.email}`} className="align-top">
                    <td className="px-3 py-3">
                      <div className="font-medium text-slate-900">
                        {m.name}
                        {c.isSelf ? (
                          <span className="ml-2 text-xs font-normal text-slate-500">(you)</span>
                        ) : null}
                        <Signs member={m} />
                      </div>
                      <div className="break-all text-xs text-slate-600">{m.email}</div>
                    </td>
                    <td className="px-3 py-3">
                      <RoleCell
                        key={m.role}
                        org={org.slug}
                        member={m}
                        options={c.roleOptions}
                        hint={c.roleHint}
                        isSelf={c.isSelf}
                        viewerRole={viewer.role}
                      />
                    </td>
                    <td className="whitespace-nowrap px-3 py-3 text-xs text-slate-700">
                      <Time iso={m.joined_at} mode="absolute" />
                    </td>
                    <td className="whitespace-nowrap px-3 py-3 text-xs text-slate-700">
                      {m.last_active_at ? <Time iso={m.last_active_at} /> : "Never"}
                    </td>
                    <td className="px-3 py-3 text-right">
                      <RemovalCell
                        org={org}
                        member={m}
                        removal={c.removal}
                        hint={c.removalHint}
                        otherOrgs={otherOrgs}
                        onRemoved={setRemoved}
                      />
                    </td>
                  </tr>
                );
              })}
            </DataTable>
            {lastPage > 1 ? (
              <nav
                aria-label="Members pages"
                className="mt-3 flex items-center justify-between text-sm text-slate-600"
              >
                <span>
                  Page {data!.page} of {lastPage}
                </span>
                <span className="flex gap-3">
                  {page > 1 ? (
                    <Link href={`?page=${page - 1}`} className="font-medium text-indigo-600">
                      Previous
                    </Link>
                  ) : null}
                  {page < lastPage ? (
                    <Link href={`?page=${page + 1}`} className="font-medium text-indigo-600">
                      Next
                    </Link>
                  ) : null}
                </span>
              </nav>
            ) : null}
          </>
        )}
      </section>
      {manages ? (
        <InvitationsSection
          org={org}
          mailConfigured={mailConfigured}
          onInvite={() => setInviting(true)}
        />
      ) : null}
      {inviting ? (
        <InviteDialog
          org={org}
          viewerRole={viewer.role}
          mailConfigured={mailConfigured}
          onClose={() => setInviting(false)}
        />
      ) : null}
    </div>
  );
}
