// One agent: its header (deployed release, draft, releases) and the draft editor with "changes
// since deployed" and Deploy. First paint from the services (opening the draft creates it from
// the deployed release the first time, as GET …/draft does); every change goes through /api/v1.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { AgentHeader } from "@/components/agents/agent-header";
import { DraftEditor } from "@/components/agents/draft-editor";
import { AGENTS_VIEWER_REASON } from "@/components/agents/viewer";
import { getAgent } from "@/lib/agents/agents";
import { getDraft } from "@/lib/agents/drafts";
import { diffReleases } from "@/lib/agents/releases";
import { toAgent, toDraft, toReleaseDiff } from "@/lib/agents/serializers";
import { capabilityTrust } from "@/lib/agents/view";
import { roleRank } from "@/lib/auth/roles";
import { pageWorkspaceCtx } from "@/lib/orgs/page-context";
import { missingAsNull, objectTitle } from "@/lib/pages/load";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Params = Promise<{ org: string; ws: string; agentId: string }>;

/** The draft, then the agent (opening the draft may have just created it), for the page and its
 * title (one read per request); null: nothing to show. */
const load = cache(async (org: string, ws: string, agentId: string) => {
  if (!UUID.test(agentId)) return null;
  const ctx = await pageWorkspaceCtx(org, ws);
  const draft = await getDraft(ctx, agentId).catch(missingAsNull);
  return draft && { ctx, draft, agent: await getAgent(ctx, agentId) };
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { org, ws, agentId } = await params;
  return objectTitle((await load(org, ws, agentId))?.agent.name, "Agents");
}

export default async function AgentPage({ params }: { params: Params }) {
  const { org, ws, agentId } = await params;
  const loaded = await load(org, ws, agentId);
  if (!loaded) notFound();
  const { ctx, draft, agent } = loaded;
  const [diff, trust] = await Promise.all([
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
