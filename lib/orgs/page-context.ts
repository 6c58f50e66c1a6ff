// What every dashboard page needs for first paint: the signed-in user, their orgs, and the
// current org with its workspaces. Missing session → sign-in; an org they cannot see → 404.
import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { currentUserId } from "../auth/options";
import { db } from "../db/client";
import { listOrgsForUser, listWorkspaces } from "./service";

export const pageContext = cache(async (orgSlug: string) => {
  const userId = await currentUserId();
  if (!userId) {
    // proxy.ts passes the page that was asked for; without it, the org's catalog.
    const path = (await headers()).get("x-quiver-path") ?? `/${orgSlug}/catalog`;
    redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  }
  const user = await db().user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true } });
  if (!user) redirect("/sign-in");
  const orgs = await listOrgsForUser(db(), userId);
  const org = orgs.find((o) => o.slug === orgSlug);
  if (!org) notFound();
  const workspaces = await listWorkspaces({ db: db(), org });
  return { user, orgs, org, workspaces };
});
