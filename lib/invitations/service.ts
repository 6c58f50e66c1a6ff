// Invitations: an admin invites an email with a role (at most their own); the link's secret is
// shown once and stored as its hash; a newer invitation to the same email in the org replaces the
// older one; accepting checks that the signed-in account has the invited email and adds the
// membership (keeping a higher role someone already has). The email, when SMTP is configured, is
// sent after the transaction: a slow or failing mail server never holds or undoes the invitation.
import "server-only";
import type { Tx } from "@/lib/db/client";
import type { ActorCtx, BaseCtx, OrgCtx } from "@/lib/api/context";
import type { Actor } from "@/lib/api/authenticate";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";
import { roleRank, type RoleName } from "@/lib/auth/roles";
import { env } from "@/lib/env";
import { mailConfigured, sendInvitationEmail } from "@/lib/mail/invitation-email";
import { normalEmail } from "@/lib/users/service";
import { acceptUrl, invitationHash, newInvitationSecret } from "./links";
import { toPublicInvitation, type InvitationRow } from "./serializers";

const DAY_MS = 86_400_000;

const rowSelect = {
  id: true,
  email: true,
  role: true,
  createdAt: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
  emailSentAt: true,
  emailError: true,
  invitedBy: { select: { name: true, email: true } },
} as const;

const notFound = () => new ApiError("not_found", "Invitation not found");
const article = (role: RoleName) => (role === "admin" || role === "owner" ? "an" : "a");
const expiry = (now: Date) => new Date(now.getTime() + env().QUIVER_INVITATION_TTL_DAYS * DAY_MS);

/** The actor of changes made by a user outside a request's context (sign-up, single sign-on). */
export function userActor(user: { id: string; email: string; name: string }): Actor {
  return { type: "user", userId: user.id, email: user.email, name: user.name, scopes: [] };
}

export async function listInvitations(ctx: OrgCtx): Promise<InvitationRow[]> {
  return ctx.db.invitation.findMany({
    where: { orgId: ctx.org.id, acceptedAt: null, revokedAt: null },
    select: rowSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}

function assertMayGrant(ctx: OrgCtx, role: RoleName): void {
  if (roleRank(role) > roleRank(ctx.role)) {
    throw new ApiError(
      "forbidden",
      `Your role (${ctx.role}) cannot invite ${article(role)} ${role}: invitations go up to your own role`,
    );
  }
}

async function assertNotMember(tx: Tx, ctx: OrgCtx, email: string): Promise<void> {
  const member = await tx.membership.findFirst({
    where: { orgId: ctx.org.id, user: { email } },
    select: { id: true },
  });
  if (member)
    throw new ApiError("already_exists", `${email} is already a member of ${ctx.org.name}`);
}

/** Sends the email when SMTP is configured and records the outcome on the invitation. */
async function deliver(ctx: OrgCtx, row: InvitationRow, url: string): Promise<InvitationRow> {
  if (!mailConfigured()) return row;
  const result = await sendInvitationEmail({
    to: row.email,
    orgName: ctx.org.name,
    inviterName: ctx.actor.name,
    role: row.role,
    acceptUrl: url,
    expiresAt: row.expiresAt,
  });
  return ctx.db.invitation.update({
    where: { id: row.id },
    data: result.sent
      ? { emailSentAt: new Date(), emailError: null }
      : { emailError: result.error },
    select: rowSelect,
  });
}

export async function createInvitation(
  ctx: OrgCtx,
  input: { email: string; role: RoleName },
  baseUrl: string,
  now = new Date(),
): Promise<{ row: InvitationRow; acceptUrl: string }> {
  assertMayGrant(ctx, input.role);
  const email = normalEmail(input.email);
  const { secret, hash } = newInvitationSecret();
  const row = await ctx.db.$transaction(async (tx) => {
    await assertNotMember(tx, ctx, email);
    // One open invitation per email and org: the newest link is the one that works.
    const replaced = await tx.invitation.updateMany({
      where: { orgId: ctx.org.id, email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now, replacedAt: now },
    });
    const created = await tx.invitation.create({
      data: {
        orgId: ctx.org.id,
        email,
        role: input.role,
        tokenHash: hash,
        invitedById: ctx.actor.userId,
        createdAt: now,
        expiresAt: expiry(now),
      },
      select: rowSelect,
    });
    await recordAudit(tx, ctx, {
      orgId: ctx.org.id,
      action: "invitation.create",
      targetType: "invitation",
      targetId: created.id,
      summary: {
        email,
        role: input.role,
        expires_at: created.expiresAt.toISOString(),
        replaced: replaced.count,
      },
    });
    return created;
  });
  const url = acceptUrl(baseUrl, secret);
  return { row: await deliver(ctx, row, url), acceptUrl: url };
}

async function findInOrg(tx: Tx, ctx: OrgCtx, id: string) {
  const row = await tx.invitation.findFirst({
    where: { id, orgId: ctx.org.id },
    select: rowSelect,
  });
  if (!row) throw notFound();
  return row;
}

/** A new link (the old one stops working) and a renewed expiry; the email goes out again. */
export async function resendInvitation(
  ctx: OrgCtx,
  id: string,
  baseUrl: string,
  now = new Date(),
): Promise<{ row: InvitationRow; acceptUrl: string }> {
  const { secret, hash } = newInvitationSecret();
  const row = await ctx.db.$transaction(async (tx) => {
    const current = await findInOrg(tx, ctx, id);
    if (current.acceptedAt)
      throw new ApiError("conflict", "This invitation has already been accepted");
    if (current.revokedAt)
      throw new ApiError("conflict", "This invitation was revoked; invite the person again");
    // Renewing hands out a working link: only for someone who could have made the invitation.
    if (roleRank(current.role) > roleRank(ctx.role)) {
      throw new ApiError(
        "forbidden",
        `Your role (${ctx.role}) cannot renew an invitation for ${article(current.role)} ${current.role}`,
      );
    }
    await assertNotMember(tx, ctx, current.email);
    const renewed = await tx.invitation.update({
      where: { id },
      data: { tokenHash: hash, expiresAt: expiry(now), emailSentAt: null, emailError: null },
      select: rowSelect,
    });
    await recordAudit(tx, ctx, {
      orgId: ctx.org.id,
      action: "invitation.resend",
      targetType: "invitation",
      targetId: id,
      summary: {
        email: renewed.email,
        role: renewed.role,
        expires_at: renewed.expiresAt.toISOString(),
      },
    });
    return renewed;
  });
  const url = acceptUrl(baseUrl, secret);
  return { row: await deliver(ctx, row, url), acceptUrl: url };
}

export async function revokeInvitation(
  ctx: OrgCtx,
  id: string,
  now = new Date(),
): Promise<InvitationRow> {
  return ctx.db.$transaction(async (tx) => {
    const current = await findInOrg(tx, ctx, id);
    if (current.acceptedAt)
      throw new ApiError(
        "conflict",
        "This invitation has already been accepted; remove the member instead",
      );
    if (current.revokedAt) return current;
    const revoked = await tx.invitation.update({
      where: { id },
      data: { revokedAt: now },
      select: rowSelect,
    });
    await recordAudit(tx, ctx, {
      orgId: ctx.org.id,
      action: "invitation.revoke",
      targetType: "invitation",
      targetId: id,
      summary: { email: current.email, role: current.role },
    });
    return revoked;
  });
}

/** What the link shows before anyone signs in. Unknown secrets are a bare 404. */
export async function getPublicInvitation(ctx: BaseCtx, secret: string, now = new Date()) {
  const row = await ctx.db.invitation.findUnique({
    where: { tokenHash: invitationHash(secret) },
    select: {
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      org: { select: { slug: true, name: true } },
      invitedBy: { select: { name: true } },
    },
  });
  if (!row) throw notFound();
  const account = await ctx.db.user.findUnique({
    where: { email: row.email },
    select: { id: true },
  });
  return toPublicInvitation(row, !!account, now);
}

const linkSelect = {
  id: true,
  orgId: true,
  email: true,
  role: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
  replacedAt: true,
  org: { select: { slug: true, name: true } },
} as const;

export type InvitationLink = NonNullable<Awaited<ReturnType<typeof findLink>>>;

/** The invitation a secret names, or null. */
export function findLink(tx: Tx, secret: string) {
  return tx.invitation.findUnique({
    where: { tokenHash: invitationHash(secret) },
    select: linkSelect,
  });
}

/** Why a link cannot be used, as the error to answer; null when it is pending. */
export function linkProblem(inv: InvitationLink | null, now = new Date()): ApiError | null {
  if (!inv) return notFound();
  if (inv.acceptedAt) return new ApiError("conflict", "This invitation has already been accepted");
  if (inv.revokedAt) {
    return new ApiError(
      "invitation_revoked",
      inv.replacedAt
        ? "This invitation was replaced by a newer one: use the link of the latest invitation"
        : "This invitation was revoked by an admin of the organization",
    );
  }
  if (inv.expiresAt <= now)
    return new ApiError(
      "invitation_expired",
      "This invitation has expired: ask an admin of the organization to send a new one",
    );
  return null;
}

export function wrongEmail(inv: InvitationLink, email: string): ApiError {
  return new ApiError(
    "forbidden",
    `This invitation is for ${inv.email}, not ${email}: use the account with the invited address`,
  );
}

/**
 * Marks a pending invitation accepted by `user` and gives them the membership (the higher role
 * when they already are a member), with its audit events. Returns their role in the org.
 */
export async function acceptInto(
  tx: Tx,
  inv: { id: string; orgId: string; email: string; role: RoleName },
  user: { id: string; email: string; name: string },
  who: { actor: Actor | null; requestId?: string | null },
  now = new Date(),
): Promise<RoleName> {
  // Conditional, so that two accepts at once cannot both succeed.
  const claimed = await tx.invitation.updateMany({
    where: { id: inv.id, acceptedAt: null, revokedAt: null },
    data: { acceptedAt: now, acceptedById: user.id },
  });
  if (claimed.count !== 1)
    throw new ApiError("conflict", "This invitation has already been accepted");
  const existing = await tx.membership.findUnique({
    where: { userId_orgId: { userId: user.id, orgId: inv.orgId } },
    select: { role: true },
  });
  let role = inv.role;
  if (!existing) {
    await tx.membership.create({ data: { userId: user.id, orgId: inv.orgId, role } });
    await recordAudit(tx, who, {
      orgId: inv.orgId,
      action: "member.add",
      targetType: "user",
      targetId: user.id,
      summary: { email: user.email, role, via: "invitation", invitation_id: inv.id },
    });
  } else if (roleRank(inv.role) > roleRank(existing.role)) {
    await tx.membership.update({
      where: { userId_orgId: { userId: user.id, orgId: inv.orgId } },
      data: { role },
    });
    await recordAudit(tx, who, {
      orgId: inv.orgId,
      action: "member.role_change",
      targetType: "user",
      targetId: user.id,
      summary: {
        email: user.email,
        from: existing.role,
        to: role,
        via: "invitation",
        invitation_id: inv.id,
      },
    });
  } else {
    role = existing.role;
  }
  await recordAudit(tx, who, {
    orgId: inv.orgId,
    action: "invitation.accept",
    targetType: "invitation",
    targetId: inv.id,
    summary: { email: inv.email, invited_role: inv.role, role },
  });
  return role;
}

/** Accepts the invitation a link names, for the signed-in browser session of the invited account. */
export async function acceptInvitation(ctx: ActorCtx, secret: string, now = new Date()) {
  const { actor } = ctx;
  if (actor.token || !actor.sessionId) {
    throw new ApiError(
      "forbidden",
      "An invitation is accepted from a signed-in browser session, not with an API token",
    );
  }
  return ctx.db.$transaction(async (tx) => {
    const inv = await findLink(tx, secret);
    const problem = linkProblem(inv, now);
    if (problem) throw problem;
    const link = inv!;
    const user = await tx.user.findUnique({
      where: { id: actor.userId },
      select: { id: true, email: true, name: true },
    });
    if (!user) throw new ApiError("unauthenticated", "Authentication required: sign in");
    if (normalEmail(user.email) !== link.email) throw wrongEmail(link, user.email);
    const role = await acceptInto(tx, link, user, ctx, now);
    return { org: link.org, role };
  });
}

/**
 * Accepts every pending, unexpired invitation for the user's email (single sign-on's first
 * sign-in: the provider vouched for the address). Returns the orgs joined and the role in each.
 */
export async function acceptPendingInvitationsForEmail(
  tx: Tx,
  user: { id: string; email: string; name: string },
  now = new Date(),
): Promise<{ orgId: string; slug: string; role: RoleName }[]> {
  const pending = await tx.invitation.findMany({
    where: {
      email: normalEmail(user.email),
      acceptedAt: null,
      revokedAt: null,
      expiresAt: { gt: now },
    },
    select: linkSelect,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const joined: { orgId: string; slug: string; role: RoleName }[] = [];
  for (const inv of pending) {
    const role = await acceptInto(tx, inv, user, { actor: userActor(user), requestId: null }, now);
    joined.push({ orgId: inv.orgId, slug: inv.org.slug, role });
  }
  return joined;
}
