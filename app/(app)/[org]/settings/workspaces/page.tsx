// Settings → Workspaces.
import type { Metadata } from "next";
import { WorkspacesPanel } from "@/components/settings/workspaces-panel";
import { pageContext } from "@/lib/orgs/page-context";
import { roleRank } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Workspaces · Settings" };

export default async function WorkspacesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org } = await pageContext(slug);
  return <WorkspacesPanel org={org.slug} canCreate={roleRank(org.role) >= roleRank("admin")} />;
}
