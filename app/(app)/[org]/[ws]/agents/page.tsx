// Agents of a workspace: first paint from the service, then the list lives in TanStack Query.
import type { Metadata } from "next";
import { AgentsList } from "@/components/agents/agents-list";
import { PageHeader } from "@/components/ui/card";
import { listAgents } from "@/lib/agents/agents";
import { toAgent } from "@/lib/agents/serializers";
import { roleRank } from "@/lib/auth/roles";
import { pageWorkspaceCtx } from "@/lib/orgs/page-context";

export const metadata: Metadata = { title: "Agents" };

export default async function AgentsPage({
  params,
}: {
  params: Promise<{ org: string; ws: string }>;
}) {
  const { org, ws } = await params;
  const ctx = await pageWorkspaceCtx(org, ws);
  const agents = (await listAgents(ctx)).map(toAgent);
  return (
    <>
      <PageHeader
        title="Agents"
        description={`Agents of workspace ${ctx.workspace.slug}, each with an editable draft and the immutable releases deployed from it.`}
      />
      <AgentsList
        where={{ org: ctx.org.slug, ws: ctx.workspace.slug }}
        canWrite={roleRank(ctx.role) >= roleRank("member")}
        initial={{ agents }}
      />
    </>
  );
}
