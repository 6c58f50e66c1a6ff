// Orgs and workspaces: what a user belongs to, and creating workspaces.
import "server-only";
import type { Db } from "@/lib/db/client";
import { asDate } from "@/lib/db/direct";
import type { ActorCtx, OrgCtx } from "@/lib/api/context";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";
import { createOrgWithOwner } from "@/lib/users/service";

export async function listOrgsForUser(db: Db, userId: string, onlyOrgId?: string) {
  const memberships = await db.membership.findMany({
    where: { userId, ...(onlyOrgId ? { orgId: onlyOrgId } : {}) },
    select: { role: true, org: { select: { id: true, slug: true, name: true, createdAt: true } } },
    orderBy: { org: { name: "asc" } },
  });
  return memberships.map((m) => ({ ...m.org, role: m.role }));
}

/** A new org owned by the signed-in caller, with its `main` workspace. API tokens belong to one org and cannot make another. */
export async function createOrg(ctx: ActorCtx, input: { slug: string; name: string }) {
  if (ctx.actor.token)
    throw new ApiError(
      "forbidden",
      "Organizations are created from a signed-in browser session, not with an API token",
    );
  const owner = await ctx.db.user.findUnique({
    where: { id: ctx.actor.userId },
    select: { id: true, email: true, name: true },
  });
  if (!owner) throw new ApiError("unauthenticated", "Your session has ended; sign in again");
  try {
    return await ctx.db.$transaction((tx) => createOrgWithOwner(tx, owner, input, ctx.requestId));
  } catch (err) {
    // Two creations of one slug at once: the loser gets the same answer as a taken slug.
    if ((err as { code?: string })?.code === "P2002")
      throw new ApiError("already_exists", `Organization '${input.slug}' already exists`);
    throw err;
  }
}

interface WorkspaceRow {
  id: string;
  slug: string;
  name: string;
  createdAt: unknown;
  updatedAt: unknown;
}

/**
 * The org's workspaces by slug. Through the driver (lib/db/direct.ts): this is the trivial
 * authenticated route of the benchmarks (docs/benchmarks.md), where a Prisma query was most of
 * what the route itself cost.
 */
export async function listWorkspaces(ctx: Pick<OrgCtx, "db" | "org">) {
  const rows = await ctx.db.direct.rows<WorkspaceRow>(
    `SELECT "id", "slug", "name", "createdAt", "updatedAt" FROM "Workspace" WHERE "orgId" = ? ORDER BY "slug" ASC`,
    [ctx.org.id],
  );
  return rows.map((w) => ({
    id: w.id,
    slug: w.slug,
    name: w.name,
    createdAt: asDate(w.createdAt),
    updatedAt: asDate(w.updatedAt),
  }));
}

export async function createWorkspace(ctx: OrgCtx, input: { slug: string; name: string }) {
  return ctx.db.$transaction(async (tx) => {
    const existing = await tx.workspace.findUnique({
      where: { orgId_slug: { orgId: ctx.org.id, slug: input.slug } },
      select: { id: true },
    });
    if (existing)
      throw new ApiError(
        "already_exists",
        `Workspace '${input.slug}' already exists in '${ctx.org.slug}'`,
      );
    const ws = await tx.workspace.create({
      data: { orgId: ctx.org.id, slug: input.slug, name: input.name },
    });
    await recordAudit(tx, ctx, {
      orgId: ctx.org.id,
      workspaceId: ws.id,
      action: "workspace.create",
      targetType: "workspace",
      targetId: ws.id,
      summary: { slug: ws.slug, name: ws.name },
    });
    return ws;
  });
}
