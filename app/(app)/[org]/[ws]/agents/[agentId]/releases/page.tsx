// An agent's release history: the timeline (a page of it, ?page=), the diff of any two releases
// or the draft (?from=&to=, by default the latest release against the one before it), and
// Restore. First paint from the services; the browser then reads and restores through /api/v1.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ReleaseHistory } from "@/components/agents/release-history";
import { AGENTS_VIEWER_REASON } from "@/components/agents/viewer";
import { PageHeader } from "@/components/ui/card";
import { getAgent } from "@/lib/agents/agents";
import { getDraft } from "@/lib/agents/drafts";
import { diffReleases, listReleases } from "@/lib/agents/releases";
import { toAgent, toDraft, toReleaseDiff, toReleaseSummary } from "@/lib/agents/serializers";
import { releaseVersions } from "@/lib/agents/view";
import { ApiError } from "@/lib/api/errors";
import { roleRank } from "@/lib/auth/roles";
import { pageWorkspaceCtx } from "@/lib/orgs/page-context";
import { missingAsNull } from "@/lib/pages/load";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Params = Promise<{ org: string; ws: string; agentId: string }>;

/** The agent, for the page and its title (one read per request); null: nothing to show. */
const load = cache(async (org: string, ws: string, agentId: string) => {
  if (!UUID.test(agentId)) return null;
  const ctx = await pageWorkspaceCtx(org, ws);
  const agent = await getAgent(ctx, agentId).catch(missingAsNull);
  return agent && { ctx, agent };
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { org, ws, agentId } = await params;
  const loaded = await load(org, ws, agentId);
  return { title: loaded ? `Releases · ${loaded.agent.name}` : "Agents" };
}
const PAGE = 20;
const side = (v: string | undefined) =>
  v && (v === "draft" || v === "deployed" || UUID.test(v)) ? v : null;

export default async function ReleaseHistoryPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<{ page?: string; from?: string; to?: string }>;
}) {
  const [{ org, ws, agentId }, query] = await Promise.all([params, searchParams]);
  const loaded = await load(org, ws, agentId);
  if (!loaded) notFound();
  const { ctx, agent } = loaded;
  const page = Math.max(1, Math.floor(Number(query.page)) || 1);
  const [{ releases, total }, draft] = await Promise.all([
    listReleases(ctx, agentId, { limit: PAGE, offset: (page - 1) * PAGE }),
    getDraft(ctx, agentId),
  ]);

  // The pair to compare: the URL's, else the newest release against the one before it (or the draft).
  const asked =
    side(query.from) && side(query.to) ? { from: side(query.from)!, to: side(query.to)! } : null;
  const pair =
    asked ??
    (releases[1]
      ? { from: releases[1].id, to: releases[0]!.id }
      : releases[0]
        ? { from: releases[0].id, to: "draft" }
        : null);
  const diff =
    pair && pair.from !== pair.to
      ? await diffReleases(ctx, agentId, pair.from, pair.to).catch((err: unknown) => {
          if (err instanceof ApiError && err.status === 404) return null; // a release of another agent, or gone: the browser says so
          throw err;
        })
      : null;
  const parents = await releaseVersions(
    ctx,
    agentId,
    [...releases.map((r) => r.parentId), draft.parentId].filter((id): id is string => id !== null),
  );
  const where = { org: ctx.org.slug, ws: ctx.workspace.slug };
  const agentPath = `/${where.org}/${where.ws}/agents/${agentId}`;
  return (
    <>
      <nav className="mb-2 text-sm text-slate-500">
        <Link href={`/${where.org}/${where.ws}/agents`} className="hover:text-slate-800">
          Agents
        </Link>{" "}
        /{" "}
        <Link href={agentPath} className="hover:text-slate-800">
          {agent.name}
        </Link>{" "}
        / Releases
      </nav>
      <PageHeader
        title={`${agent.name}: release history`}
        description={
          agent.deployed
            ? `Runs ${agent.deployed.version}. Releases are immutable: to go back, roll back to one (it is deployed again as a new version), or restore it into the draft first.`
            : "Nothing deployed yet."
        }
      />
      <ReleaseHistory
        key={page}
        where={where}
        agent={toAgent(agent)}
        draft={toDraft(draft)}
        page={page}
        limit={PAGE}
        initialList={{
          releases: releases.map(toReleaseSummary),
          total,
          limit: PAGE,
          offset: (page - 1) * PAGE,
        }}
        initialPair={pair}
        initialDiff={diff && toReleaseDiff(diff)}
        parentVersions={parents}
        canWrite={roleRank(ctx.role) >= roleRank("member")}
        reason={AGENTS_VIEWER_REASON}
      />
    </>
  );
}
