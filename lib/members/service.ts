// An org's members: listing them, changing a role, removing someone or leaving. The rules, in one
// place: roles are ordered viewer < member < admin < owner; admins change roles up to their own
// and remove members at or below it; only owners make, unmake or remove owners; anyone may leave;
// the last owner can do none of demote, leave or be removed (the org would have nobody to run it).
// Each change locks the org first (PostgreSQL), so two owners demoting each other at once cannot
// leave it with none; SQLite runs transactions one at a time anyway.
import type { Db, Tx } from "@/lib/db/client";
import { byProvider } from "@/lib/db/provider";
import type { OrgCtx } from "@/lib/api/context";
import { ApiError } from "@/lib/api/errors";
import type { Actor } from "@/lib/api/authenticate";
import { recordAudit } from "@/lib/audit/service";
import { notifyChange } from "@/lib/runtimes/changes";
import { roleRank, type RoleName } from "@/lib/auth/roles";
import { addMember } from "@/lib/users/service";
import type { MemberRow } from "./serializers";

const userSelect = { id: true, email: true, name: true } as const;

function memberNotFound(): ApiError {
  return new ApiError("not_found", "Member not found");
}

/** What the list shows beyond the membership: last activity, password, single sign-on. */
async function withActivity(
  db: Db | Tx,
  orgId: string,
  rows: { role: RoleName; createdAt: Date; user: { id: string; email: string; name: string } }[],
): Promise<MemberRow[]> {
  const ids = rows.map((r) => r.user.id);
  if (ids.length === 0) return [];
  const [sessions, tokens, withPassword, identities] = await Promise.all([
    db.authSession.groupBy({
      by: ["userId"],
      where: { userId: { in: ids } },
      _max: { lastSeenAt: true },
    }),
    db.apiToken.groupBy({
      by: ["userId"],
      where: { orgId, userId: { in: ids } },
      _max: { lastUsedAt: true },
    }),
    db.user.findMany({
      where: { id: { in: ids }, passwordHash: { not: null } },
      select: { id: true },
    }),
    db.userIdentity.findMany({
      where: { userId: { in: ids } },
      select: { userId: true },
      distinct: ["userId"],
    }),
  ]);
  const latest = new Map<string, Date>();
  for (const d of [
    ...sessions.map((s) => [s.userId, s._max.lastSeenAt] as const),
    ...tokens.map((t) => [t.userId, t._max.lastUsedAt] as const),
  ]) {
    const [userId, at] = d;
    if (at && (!latest.has(userId) || latest.get(userId)! < at)) latest.set(userId, at);
  }
  const passwords = new Set(withPassword.map((u) => u.id));
  const sso = new Set(identities.map((i) => i.userId));
  return rows.map((r) => ({
    ...r,
    lastActiveAt: latest.get(r.user.id) ?? null,
    hasPassword: passwords.has(r.user.id),
    sso: sso.has(r.user.id),
  }));
}

export async function listMembers(ctx: OrgCtx, q: { page: number; limit: number }) {
  const where = { orgId: ctx.org.id };
  const [total, rows] = await Promise.all([
    ctx.db.membership.count({ where }),
    ctx.db.membership.findMany({
      where,
      select: { role: true, createdAt: true, user: { select: userSelect } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      skip: (q.page - 1) * q.limit,
      take: q.limit,
    }),
  ]);
  return {
    rows: await withActivity(ctx.db, ctx.org.id, rows),
    total,
    page: q.page,
    limit: q.limit,
  };
}

/**
 * Serializes membership changes of one org: on PostgreSQL a row lock on the org (FOR NO KEY
 * UPDATE: it does not block rows that merely reference the org), held to the end of the
 * transaction; every count made after it sees the other changes committed.
 */
async function lockOrg(db: Db, tx: Tx, orgId: string): Promise<void> {
  await byProvider(db, {
    postgresql: async () => {
      await tx.$queryRaw`SELECT "id" FROM "Organization" WHERE "id" = ${orgId} FOR NO KEY UPDATE`;
    },
    sqlite: async () => {},
  });
}

/** The caller's role as it is now, inside the lock (it may have changed since the request began). */
async function actorRole(tx: Tx, ctx: OrgCtx): Promise<RoleName> {
  const m = await tx.membership.findUnique({
    where: { userId_orgId: { userId: ctx.actor.userId, orgId: ctx.org.id } },
    select: { role: true },
  });
  if (!m) throw new ApiError("not_found", `Organization '${ctx.org.slug}' not found`);
  return m.role;
}

async function assertNotLastOwner(tx: Tx, ctx: OrgCtx, message: string): Promise<void> {
  const owners = await tx.membership.count({ where: { orgId: ctx.org.id, role: "owner" } });
  if (owners <= 1) throw new ApiError("conflict", message);
}

const article = (role: RoleName) => (role === "admin" || role === "owner" ? "an" : "a");

export async function updateMemberRole(
  ctx: OrgCtx,
  userId: string,
  role: RoleName,
): Promise<MemberRow> {
  return ctx.db.$transaction(async (tx) => {
    await lockOrg(ctx.db, tx, ctx.org.id);
    const mine = await actorRole(tx, ctx);
    const target = await tx.membership.findUnique({
      where: { userId_orgId: { userId, orgId: ctx.org.id } },
      select: { id: true, role: true, createdAt: true, user: { select: userSelect } },
    });
    if (!target) throw memberNotFound();
    if (roleRank(mine) < roleRank("admin"))
      throw new ApiError(
        "forbidden",
        `Changing roles needs the admin role; you are ${article(mine)} ${mine}`,
      );
    if ((target.role === "owner" || role === "owner") && mine !== "owner") {
      throw new ApiError(
        "forbidden",
        "Only an owner can make someone an owner or change an owner's role",
      );
    }
    if (roleRank(role) > roleRank(mine))
      throw new ApiError("forbidden", `You can give roles up to your own (${mine})`);
    if (target.role !== role) {
      if (target.role === "owner") {
        const self = userId === ctx.actor.userId;
        await assertNotLastOwner(
          tx,
          ctx,
          `${self ? "You are" : `${target.user.email} is`} the last owner of '${ctx.org.slug}' and cannot be demoted; make another member an owner first`,
        );
      }
      await tx.membership.update({ where: { id: target.id }, data: { role } });
      // Their watches look again at what the new role allows (lib/runtimes/changes.ts).
      await notifyChange(tx, ctx.org.id, "auth");
      await recordAudit(tx, ctx, {
        orgId: ctx.org.id,
        action: "member.role_change",
        targetType: "user",
        targetId: userId,
        summary: { email: target.user.email, from: target.role, to: role },
      });
    }
    const [row] = await withActivity(tx, ctx.org.id, [
      { role, createdAt: target.createdAt, user: target.user },
    ]);
    return row!;
  });
}

/**
 * Removes a member, or lets the caller leave. Their API tokens for this org are revoked; what they
 * created stays. Their browser session loses the org on its next request (membership is checked
 * on every request).
 */
export async function removeMember(
  ctx: OrgCtx,
  userId: string,
  now = new Date(),
): Promise<{ user_id: string; tokens_revoked: number }> {
  return ctx.db.$transaction(async (tx) => {
    await lockOrg(ctx.db, tx, ctx.org.id);
    const mine = await actorRole(tx, ctx);
    const target = await tx.membership.findUnique({
      where: { userId_orgId: { userId, orgId: ctx.org.id } },
      select: { id: true, role: true, user: { select: userSelect } },
    });
    if (!target) throw memberNotFound();
    const self = userId === ctx.actor.userId;
    if (!self) {
      if (roleRank(mine) < roleRank("admin"))
        throw new ApiError(
          "forbidden",
          `Removing a member needs the admin role; you are ${article(mine)} ${mine}`,
        );
      if (target.role === "owner" && mine !== "owner")
        throw new ApiError("forbidden", "Only an owner can remove an owner");
      if (roleRank(target.role) > roleRank(mine))
        throw new ApiError("forbidden", `You can remove members up to your own role (${mine})`);
    }
    if (target.role === "owner") {
      await assertNotLastOwner(
        tx,
        ctx,
        self
          ? `You are the last owner of '${ctx.org.slug}' and cannot leave; make another member an owner first`
          : `${target.user.email} is the last owner of '${ctx.org.slug}' and cannot be removed`,
      );
    }
    await tx.membership.delete({ where: { id: target.id } });
    const { count } = await tx.apiToken.updateMany({
      where: { orgId: ctx.org.id, userId, revokedAt: null },
      data: { revokedAt: now },
    });
    // Their watches stop at once (lib/runtimes/changes.ts).
    await notifyChange(tx, ctx.org.id, "auth");
    await recordAudit(tx, ctx, {
      orgId: ctx.org.id,
      action: self ? "member.leave" : "member.remove",
      targetType: "user",
      targetId: userId,
      summary: { email: target.user.email, role: target.role, tokens_revoked: count },
    });
    return { user_id: userId, tokens_revoked: count };
  });
}

/**
 * Adds an existing user to an org, or changes their role when they already belong (operators: the
 * CLI's `member add`), with a `member.add` or `member.role_change` audit event. Demoting the last
 * owner this way is refused like through the API.
 */
export async function addMemberAudited(
  db: Db,
  who: { actor: Actor | null; requestId?: string | null },
  org: { id: string; slug: string },
  user: { id: string; email: string },
  role: RoleName,
): Promise<{ change: "added" | "updated" | "unchanged"; from: RoleName | null }> {
  return db.$transaction(async (tx) => {
    await lockOrg(db, tx, org.id);
    const existing = await tx.membership.findUnique({
      where: { userId_orgId: { userId: user.id, orgId: org.id } },
      select: { role: true },
    });
    if (existing?.role === role) return { change: "unchanged" as const, from: role };
    if (existing?.role === "owner") {
      const owners = await tx.membership.count({ where: { orgId: org.id, role: "owner" } });
      if (owners <= 1)
        throw new ApiError(
          "conflict",
          `${user.email} is the last owner of '${org.slug}' and cannot be demoted; make another member an owner first`,
        );
    }
    await addMember(tx, org.id, user.id, role);
    await recordAudit(tx, who, {
      orgId: org.id,
      action: existing ? "member.role_change" : "member.add",
      targetType: "user",
      targetId: user.id,
      summary: existing
        ? { email: user.email, from: existing.role, to: role }
        : { email: user.email, role },
    });
    return {
      change: existing ? ("updated" as const) : ("added" as const),
      from: existing?.role ?? null,
    };
  });
}
