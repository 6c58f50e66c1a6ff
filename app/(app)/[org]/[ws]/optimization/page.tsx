// Optimization runs of a workspace: filters and page in the URL; first paint from the services,
// then the list lives in TanStack Query (and follows runs that are still going).
import type { Metadata } from "next";
import { RunsList } from "@/components/optimization/runs-list";
import { PAGE_SIZE, runsQuery } from "@/components/optimization/runs-query";
import { PageHeader } from "@/components/ui/card";
import { paginate } from "@/lib/api/schemas";
import { roleRank } from "@/lib/auth/roles";
import { listJobs } from "@/lib/optimization/job/read";
import { listPrompts } from "@/lib/optimization/prompts";
import { winnerNames } from "@/lib/optimization/run-view";
import { jobListQuery } from "@/lib/optimization/schemas";
import { toJob, toPrompt } from "@/lib/optimization/serializers";
import { OPTIMIZATION_VIEWER_REASON } from "@/lib/optimization/view";
import { pageWorkspaceCtx } from "@/lib/orgs/page-context";

export const metadata: Metadata = { title: "Optimization" };

export default async function OptimizationPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; ws: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ org, ws }, sp] = await Promise.all([params, searchParams]);
  const ctx = await pageWorkspaceCtx(org, ws);
  const qs = runsQuery(
    new URLSearchParams(
      Object.entries(sp).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])),
    ),
  );
  const parsed = jobListQuery.safeParse(Object.fromEntries(new URLSearchParams(qs)));
  const q = parsed.success ? parsed.data : jobListQuery.parse({ page_size: String(PAGE_SIZE) });
  const [{ total, jobs }, prompts] = await Promise.all([
    listJobs(ctx, q),
    listPrompts(ctx, { page: 1, limit: 100 }),
  ]);
  return (
    <>
      <PageHeader
        title="Optimization"
        description={`Runs in workspace ${ctx.workspace.slug} that test variants of a prompt or a capability agent against simulated users, with their statistics and verdicts.`}
      />
      <RunsList
        where={{ org: ctx.org.slug, ws: ctx.workspace.slug }}
        canWrite={roleRank(ctx.role) >= roleRank("member")}
        reason={OPTIMIZATION_VIEWER_REASON}
        initial={{ jobs: jobs.map(toJob), ...paginate(total, q.page, q.page_size) }}
        initialQs={parsed.success ? qs : ""}
        promptNames={{ prompts: prompts.prompts.map(toPrompt), ...paginate(prompts.total, 1, 100) }}
        winners={await winnerNames(ctx, jobs)}
      />
    </>
  );
}
