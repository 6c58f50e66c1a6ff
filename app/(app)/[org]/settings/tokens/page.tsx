// Settings → API tokens.
import type { Metadata } from "next";
import { TokensPanel } from "@/components/settings/tokens-panel";
import { pageContext } from "@/lib/orgs/page-context";

export const metadata: Metadata = { title: "API tokens · Settings" };

export default async function TokensPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, workspaces } = await pageContext(slug);
  return (
    <TokensPanel
      org={org.slug}
      role={org.role}
      workspaces={workspaces.map((w) => ({ slug: w.slug, name: w.name }))}
    />
  );
}
