// What every dashboard page needs for first paint: the signed-in user, their orgs, and the
// current org with its workspaces. Missing session → sign-in; an org they cannot see → 404.
import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { currentUserId } from "@/lib/auth/options";
import { db } from "@/lib/db/client";
import type { OrgCtx, WorkspaceCtx } from "@/lib/api/context";
import { listOrgsForUser, listWorkspaces } from "./service";

export const pageContext = cache(async (orgSlug: string) => {
  const userId = await currentUserId();
  if (!userId) {
    // proxy.ts passes the page that was asked for; without it, the org's catalog.
    const path = (await headers()).get("x-quiver-path") ?? `/${orgSlug}/catalog`;
    redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  }
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true },
  });
  if (!user) redirect("/sign-in");
  const orgs = await listOrgsForUser(db(), userId);
  const org = orgs.find((o) => o.slug === orgSlug);
  if (!org) notFound();
  const workspaces = await listWorkspaces({ db: db(), org });
  return { user, orgs, org, workspaces };
});

/** A read-only service context for a page's first paint, as the signed-in user in this org. */
export async function pageOrgCtx(orgSlug: string): Promise<OrgCtx> {
  const { org, user } = await pageContext(orgSlug);
  return {
    db: db(),
    requestId: "page",
    actor: { type: "user", userId: user.id, email: user.email, name: user.name, scopes: ["read"] },
    org,
    role: org.role,
  };
}

/** The same, in one of the org's workspaces; a workspace the org does not have is a 404. */
export async function pageWorkspaceCtx(orgSlug: string, wsSlug: string): Promise<WorkspaceCtx> {
  const [ctx, { workspaces }] = await Promise.all([pageOrgCtx(orgSlug), pageContext(orgSlug)]);
  const ws = workspaces.find((w) => w.slug === wsSlug);
  if (!ws) notFound();
  return { ...ctx, workspace: { id: ws.id, slug: ws.slug, name: ws.name } };
}

/** A dynamic segment as text: page params may arrive percent-encoded (`owner%2Fname`). */
export function segment(value: string): string {
  try {
    return value.includes("%") ? decodeURIComponent(value) : value;
  } catch {
    return value;
  }
}
