// Resolving an org or workspace slug for a caller. What the caller may not see answers exactly
// like what does not exist: a 404.
import type { Db } from "@/lib/db/client";
import { ApiError } from "@/lib/api/errors";
import type { Actor } from "@/lib/api/authenticate";
import type { OrgRef, WorkspaceRef } from "@/lib/api/context";
import type { RoleName } from "@/lib/auth/roles";

export function orgNotFound(slug: string): ApiError {
  return new ApiError("not_found", `Organization '${slug}' not found`);
}

export async function resolveOrg(
  db: Db,
  actor: Actor,
  slug: string,
): Promise<{ org: OrgRef; role: RoleName }> {
  const org = await db.organization.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      memberships: { where: { userId: actor.userId }, select: { role: true } },
    },
  });
  const membership = org?.memberships[0];
  // A token only ever sees the org it was issued for.
  if (!org || !membership || (actor.token && actor.token.orgId !== org.id)) {
    throw orgNotFound(slug);
  }
  return { org: { id: org.id, slug: org.slug, name: org.name }, role: membership.role };
}

export async function resolveWorkspace(db: Db, org: OrgRef, slug: string): Promise<WorkspaceRef> {
  // Through the driver (lib/db/direct.ts): every workspace route resolves its workspace, and a
  // watch's long-poll is re-issued after every change by each of its thousands of watchers.
  const [ws] = await db.direct.rows<WorkspaceRef>(
    `SELECT "id", "slug", "name" FROM "Workspace" WHERE "orgId" = ? AND "slug" = ?`,
    [org.id, slug],
  );
  if (!ws) throw workspaceNotFound(org, slug);
  return ws;
}

export function workspaceNotFound(org: OrgRef, slug: string): ApiError {
  return new ApiError("not_found", `Workspace '${slug}' not found in organization '${org.slug}'`);
}
