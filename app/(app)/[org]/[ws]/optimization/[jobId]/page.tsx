// One optimization run: first paint from the services (the job, its variants, statistics and
// log, and what the job's API shape leaves to other endpoints), then it lives in TanStack Query.
import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { RunNameBar } from "@/components/optimization/run-manage";
import { RunView } from "@/components/optimization/run-view";
import { roleRank } from "@/lib/auth/roles";
import { runPageData } from "@/lib/optimization/run-view";
import { OPTIMIZATION_VIEWER_REASON } from "@/lib/optimization/view";
import { pageWorkspaceCtx } from "@/lib/orgs/page-context";
import { missingAsNull, objectTitle } from "@/lib/pages/load";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Params = Promise<{ org: string; ws: string; jobId: string }>;

/** The run's first paint, for the page and its title (one read per request); null: nothing to show. */
const load = cache(async (org: string, ws: string, jobId: string) => {
  if (!UUID.test(jobId)) return null;
  const ctx = await pageWorkspaceCtx(org, ws);
  const data = await runPageData(ctx, jobId).catch(missingAsNull);
  return data && { ctx, data };
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { org, ws, jobId } = await params;
  return objectTitle((await load(org, ws, jobId))?.data.job.name, "Optimization");
}

/** The origin the browser used, for the copyable commands. */
async function origin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto =
    h.get("x-forwarded-proto")?.split(",")[0]?.trim() ??
    (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}

export default async function RunPage({ params }: { params: Params }) {
  const { org, ws, jobId } = await params;
  const loaded = await load(org, ws, jobId);
  if (!loaded) notFound();
  const { ctx, data } = loaded;
  const where = { org: ctx.org.slug, ws: ctx.workspace.slug };
  const { job } = data;
  const capability = job.capability_ref;
  const targetTitle =
    job.target_kind === "prompt"
      ? (data.prompt?.name ?? "A deleted prompt")
      : job.target_kind === "agent_draft"
        ? `${data.agent?.name ?? job.agent_name ?? "agent"} · draft`
        : `${capability?.name ?? "capability"} · ${job.agent_name ?? "agent"}`;
  const targetDetail =
    job.target_kind === "agent_draft" ? (
      data.agent ? (
        <>
          The system prompt of agent{" "}
          <Link
            href={`/${where.org}/${where.ws}/agents/${data.agent.id}`}
            className="font-medium text-indigo-700 hover:underline"
          >
            {data.agent.name}
          </Link>
          &apos;s draft, as it was when the run was created
        </>
      ) : (
        <>The draft of an agent that no longer exists</>
      )
    ) : job.target_kind === "prompt" ? (
      data.prompt ? (
        <>
          Prompt{" "}
          <Link
            href={`/${where.org}/${where.ws}/prompts/${data.prompt.id}`}
            className="font-medium text-indigo-700 hover:underline"
          >
            {data.prompt.name}
          </Link>
          , against the version that was active when the run was created
        </>
      ) : (
        <>A prompt that no longer exists</>
      )
    ) : (
      <>
        Agent <code className="text-xs">{job.agent_name}</code> of{" "}
        <Link
          href={`/${where.org}/catalog/${encodeURIComponent(capability?.name ?? "")}?version=${capability?.version ?? ""}`}
          className="font-medium text-indigo-700 hover:underline"
        >
          {capability?.name} {capability?.version}
        </Link>
      </>
    );
  return (
    <>
      <RunNameBar
        where={where}
        initial={job}
        canWrite={roleRank(ctx.role) >= roleRank("member")}
        reason={OPTIMIZATION_VIEWER_REASON}
      />
      <RunView
        where={where}
        initial={{ job, variants: data.variants, analysis: data.analysis, logs: data.logs }}
        context={{
          prompt: data.prompt,
          applied: data.applied,
          promoted: data.promoted,
          agent: data.agent,
          personas: data.personas,
          controlText: data.controlText,
          targetTitle,
          targetDetail,
        }}
        origin={await origin()}
        canWrite={roleRank(ctx.role) >= roleRank("member")}
      />
    </>
  );
}
