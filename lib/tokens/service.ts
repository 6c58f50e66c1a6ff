// API tokens of an org: list, create (the secret is returned once), revoke. Members manage their
// own tokens; admins and owners see and revoke everyone's. A token's scopes never exceed what
// its creator's role allows.
import type { OrgCtx } from "@/lib/api/context";
import { ApiError, fieldError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";
import { notifyChange } from "@/lib/runtimes/changes";
import { generateToken } from "@/lib/auth/tokens";
import { maxScopeForRole, roleRank, scopes as allScopes, type Scope } from "@/lib/auth/roles";

const tokenSelect = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdAt: true,
  workspace: { select: { slug: true } },
  user: { select: { id: true, email: true } },
} as const;

function seesAll(ctx: OrgCtx): boolean {
  return roleRank(ctx.role) >= roleRank("admin");
}

export function listTokens(ctx: OrgCtx) {
  return ctx.db.apiToken.findMany({
    where: { orgId: ctx.org.id, ...(seesAll(ctx) ? {} : { userId: ctx.actor.userId }) },
    select: tokenSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}

export async function createToken(
  ctx: OrgCtx,
  input: { name: string; scopes: Scope[]; workspace?: string; expires_at?: string },
  now = new Date(),
) {
  const max = maxScopeForRole(ctx.role);
  const tooHigh = input.scopes.find((s) => allScopes.indexOf(s) > allScopes.indexOf(max));
  if (tooHigh)
    throw new ApiError("forbidden", `Your role (${ctx.role}) cannot grant the '${tooHigh}' scope`);
  // A token cannot hold more than the token that creates it.
  const actorTop = ctx.actor.scopes.reduce((a, s) => Math.max(a, allScopes.indexOf(s)), -1);
  const beyondActor = input.scopes.find((s) => allScopes.indexOf(s) > actorTop);
  if (beyondActor)
    throw new ApiError("forbidden", `This API token cannot grant the '${beyondActor}' scope`);
  const expiresAt = input.expires_at ? new Date(input.expires_at) : null;
  if (expiresAt && expiresAt <= now)
    throw fieldError(["body", "expires_at"], "Must be in the future");

  return ctx.db.$transaction(async (tx) => {
    let workspaceId: string | null = null;
    if (input.workspace) {
      const ws = await tx.workspace.findUnique({
        where: { orgId_slug: { orgId: ctx.org.id, slug: input.workspace } },
        select: { id: true },
      });
      if (!ws)
        throw fieldError(
          ["body", "workspace"],
          `Workspace '${input.workspace}' not found in '${ctx.org.slug}'`,
        );
      workspaceId = ws.id;
    }
    const { secret, prefix, hash } = generateToken();
    const row = await tx.apiToken.create({
      data: {
        name: input.name,
        prefix,
        tokenHash: hash,
        scopes: input.scopes,
        orgId: ctx.org.id,
        userId: ctx.actor.userId,
        workspaceId,
        expiresAt,
      },
      select: tokenSelect,
    });
    await recordAudit(tx, ctx, {
      orgId: ctx.org.id,
      workspaceId,
      action: "token.create",
      targetType: "api_token",
      targetId: row.id,
      summary: {
        name: row.name,
        prefix,
        scopes: input.scopes,
        workspace: input.workspace ?? null,
        expires_at: input.expires_at ?? null,
      },
    });
    return { row, secret };
  });
}

export async function revokeToken(ctx: OrgCtx, id: string, now = new Date()) {
  await ctx.db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({
      where: { id, orgId: ctx.org.id },
      select: { id: true, userId: true, name: true, prefix: true, revokedAt: true },
    });
    // Someone else's token is invisible to a member: the same 404 as a missing one.
    if (!token || (!seesAll(ctx) && token.userId !== ctx.actor.userId))
      throw new ApiError("not_found", "API token not found");
    if (token.revokedAt) return;
    await tx.apiToken.update({ where: { id }, data: { revokedAt: now } });
    // Runtimes watching with it stop at once (401).
    await notifyChange(tx, ctx.org.id, "auth");
    await recordAudit(tx, ctx, {
      orgId: ctx.org.id,
      action: "token.revoke",
      targetType: "api_token",
      targetId: id,
      summary: { name: token.name, prefix: token.prefix },
    });
  });
}
