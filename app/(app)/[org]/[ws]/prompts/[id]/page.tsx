// One prompt: its versions with a diff between any two (in the URL), adding a version, the active
// one and its status, and its optimization runs. First paint from the services.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { PromptDetail } from "@/components/prompts/prompt-detail";
import { paginate } from "@/lib/api/schemas";
import { roleRank } from "@/lib/auth/roles";
import { listJobs } from "@/lib/optimization/job/read";
import { getPrompt, listPromptVersions } from "@/lib/optimization/prompts";
import { winnerNames } from "@/lib/optimization/run-view";
import { toJob, toPrompt, toPromptVersion } from "@/lib/optimization/serializers";
import { OPTIMIZATION_VIEWER_REASON } from "@/lib/optimization/view";
import { pageWorkspaceCtx } from "@/lib/orgs/page-context";
import { missingAsNull, objectTitle } from "@/lib/pages/load";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Params = Promise<{ org: string; ws: string; id: string }>;

/** The prompt, for the page and its title (one read per request); null: nothing to show. */
const load = cache(async (org: string, ws: string, id: string) => {
  if (!UUID.test(id)) return null;
  const ctx = await pageWorkspaceCtx(org, ws);
  const prompt = await getPrompt(ctx, id).catch(missingAsNull);
  return prompt && { ctx, prompt };
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { org, ws, id } = await params;
  return objectTitle((await load(org, ws, id))?.prompt.name, "Prompts");
}
const RUNS = 10;

export default async function PromptPage({ params }: { params: Params }) {
  const { org, ws, id } = await params;
  const loaded = await load(org, ws, id);
  if (!loaded) notFound();
  const { ctx, prompt } = loaded;
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
