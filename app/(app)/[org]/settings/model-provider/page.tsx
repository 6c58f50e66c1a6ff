// Settings → Model provider: one workspace's provider (`?ws=<slug>`, by default `main` or the
// first), rendered first from the service, then kept by the client through /api/v1.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ModelProviderPanel } from "@/components/settings/model-provider-panel";
import { EmptyState } from "@/components/ui/card";
import { roleRank } from "@/lib/auth/roles";
import { getModelProvider } from "@/lib/llm/providers";
import { pageContext, pageWorkspaceCtx } from "@/lib/orgs/page-context";

export const metadata: Metadata = { title: "Model provider · Settings" };

export default async function ModelProviderPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ org: slug }, sp] = await Promise.all([params, searchParams]);
  const { org, workspaces } = await pageContext(slug);
  const wanted = typeof sp.ws === "string" && sp.ws ? sp.ws : null;
  const ws = wanted
    ? workspaces.find((w) => w.slug === wanted)
    : (workspaces.find((w) => w.slug === "main") ?? workspaces[0]);
  if (!ws) {
    if (wanted) notFound();
    return (
      <EmptyState title="No workspace yet">
        Create a workspace in Settings → Workspaces; each one has its own model provider settings.
      </EmptyState>
    );
  }
  const view = await getModelProvider(await pageWorkspaceCtx(slug, ws.slug));
  return (
    <ModelProviderPanel
      key={ws.slug}
      org={org.slug}
      workspace={{ slug: ws.slug, name: ws.name }}
      workspaces={workspaces.map((w) => ({ slug: w.slug, name: w.name }))}
      canWrite={roleRank(org.role) >= roleRank("admin")}
      initial={view}
    />
  );
}
