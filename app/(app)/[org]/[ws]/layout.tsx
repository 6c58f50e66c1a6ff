// Pages of one workspace: a workspace that does not exist in the org is a 404.
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { pageContext } from "@/lib/orgs/page-context";

export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ org: string; ws: string }>;
}) {
  const { org, ws } = await params;
  const { workspaces } = await pageContext(org);
  if (!workspaces.some((w) => w.slug === ws)) notFound();
  return children;
}
