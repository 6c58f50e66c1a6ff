// One agent: its header (deployed release, draft, releases) and the draft editor with "changes
// since deployed" and Deploy. First paint from the services (opening the draft creates it from
// the deployed release the first time, as GET …/draft does); every change goes through /api/v1.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AgentHeader } from "@/components/agents/agent-header";
import { DraftEditor } from "@/components/agents/draft-editor";
import { AGENTS_VIEWER_REASON } from "@/components/agents/viewer";
import { getAgent } from "@/lib/agents/agents";
import { getDraft } from "@/lib/agents/drafts";
import { diffReleases } from "@/lib/agents/releases";
import { toAgent, toDraft, toReleaseDiff } from "@/lib/agents/serializers";
import { capabilityTrust } from "@/lib/agents/view";
import { ApiError } from "@/lib/api/errors";
import { roleRank } from "@/lib/auth/roles";
import { pageWorkspaceCtx } from "@/lib/orgs/page-context";

export const metadata: Metadata = { title: "Agent" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function AgentPage({
  params,
}: {
  params: Promise<{ org: string; ws: string; agentId: string }>;
}) {
  const { org, ws, agentId } = await params;
  if (!UUID.test(agentId)) notFound();
  const ctx = await pageWorkspaceCtx(org, ws);
  const draft = await getDraft(ctx, agentId).catch((err: unknown) => {
    if (err instanceof ApiError && err.status === 404) notFound();
    throw err;
  });
  // After the draft: opening it may have just created it.
  const [agent, diff, trust] = await Promise.all([
    getAgent(ctx, agentId),
    diffReleases(ctx, agentId, "deployed", "draft"),
    capabilityTrust(
      ctx,
      (draft.capabilities as { slug: string }[]).map((c) => c.slug),
    ),
  ]);
  const where = { org: ctx.org.slug, ws: ctx.workspace.slug };
  const canWrite = roleRank(ctx.role) >= roleRank("member");
  return (
    <>
      <AgentHeader
        where={where}
        initial={toAgent(agent)}
        initialDraft={toDraft(draft)}
        canWrite={canWrite}
        reason={AGENTS_VIEWER_REASON}
      />
      <DraftEditor
        where={where}
        agentId={agentId}
        initialDraft={toDraft(draft)}
        initialDiff={toReleaseDiff(diff)}
        trust={trust}
        canWrite={canWrite}
        reason={AGENTS_VIEWER_REASON}
      />
    </>
  );
}
