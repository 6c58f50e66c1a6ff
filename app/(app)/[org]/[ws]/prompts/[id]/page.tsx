// One prompt: its versions with a diff between any two (in the URL), adding a version, the active
// one and its status, and its optimization runs. First paint from the services.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PromptDetail } from "@/components/prompts/prompt-detail";
import { paginate } from "@/lib/api/schemas";
import { ApiError } from "@/lib/api/errors";
import { roleRank } from "@/lib/auth/roles";
import { listJobs } from "@/lib/optimization/job/read";
import { getPrompt, listPromptVersions } from "@/lib/optimization/prompts";
import { winnerNames } from "@/lib/optimization/run-view";
import { toJob, toPrompt, toPromptVersion } from "@/lib/optimization/serializers";
import { OPTIMIZATION_VIEWER_REASON } from "@/lib/optimization/view";
import { pageWorkspaceCtx } from "@/lib/orgs/page-context";

export const metadata: Metadata = { title: "Prompt" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RUNS = 10;

export default async function PromptPage({
  params,
}: {
  params: Promise<{ org: string; ws: string; id: string }>;
}) {
  const { org, ws, id } = await params;
  if (!UUID.test(id)) notFound();
  const ctx = await pageWorkspaceCtx(org, ws);
  const prompt = await getPrompt(ctx, id).catch((err: unknown) => {
    if (err instanceof ApiError && err.status === 404) notFound();
    throw err;
  });
  const [versions, runs] = await Promise.all([
    listPromptVersions(ctx, id),
    listJobs(ctx, { prompt_id: id, page: 1, page_size: RUNS }),
  ]);
  const where = { org: ctx.org.slug, ws: ctx.workspace.slug };
  return (
    <>
      <nav className="mb-2 text-sm text-slate-500">
        <Link href={`/${where.org}/${where.ws}/prompts`} className="hover:text-slate-800">
          Prompts
        </Link>{" "}
        / {prompt.name}
      </nav>
      <PromptDetail
        where={where}
        initial={toPrompt(prompt)}
        versions={{ versions: versions.map(toPromptVersion) }}
        runs={{ jobs: runs.jobs.map(toJob), ...paginate(runs.total, 1, RUNS) }}
        runsQs={`prompt_id=${id}&page_size=${RUNS}`}
        promptNames={{ [prompt.id]: prompt.name }}
        winners={await winnerNames(ctx, runs.jobs)}
        canWrite={roleRank(ctx.role) >= roleRank("member")}
        reason={OPTIMIZATION_VIEWER_REASON}
      />
    </>
  );
}
