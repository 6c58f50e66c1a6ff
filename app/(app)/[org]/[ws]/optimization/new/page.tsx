// Start an optimization run: first paint of the workspace's prompts and personas from the
// services; the form posts to /api/v1 and then opens the run's page.
import type { Metadata } from "next";
import Link from "next/link";
import { NewRunForm } from "@/components/optimization/new-run-form";
import { PageHeader } from "@/components/ui/card";
import { roleRank } from "@/lib/auth/roles";
import { listAgents } from "@/lib/agents/agents";
import { builtinSummary } from "@/lib/optimization/job/create";
import { listPersonas } from "@/lib/optimization/personas";
import { listPrompts } from "@/lib/optimization/prompts";
import { toPersona, toPrompt } from "@/lib/optimization/serializers";
import { OPTIMIZATION_VIEWER_REASON } from "@/lib/optimization/view";
import { pageWorkspaceCtx } from "@/lib/orgs/page-context";

export const metadata: Metadata = { title: "New run · Optimization" };

export default async function NewRunPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; ws: string }>;
  searchParams: Promise<{ prompt_id?: string; agent_id?: string }>;
}) {
  const [{ org, ws }, { prompt_id, agent_id }] = await Promise.all([params, searchParams]);
  const ctx = await pageWorkspaceCtx(org, ws);
  const [prompts, personas, provider, agents] = await Promise.all([
    listPrompts(ctx, { page: 1, limit: 100 }),
    listPersonas(ctx),
    builtinSummary(ctx),
    listAgents(ctx),
  ]);
  const where = { org: ctx.org.slug, ws: ctx.workspace.slug };
  return (
    <>
      <nav className="mb-2 text-sm text-slate-500">
        <Link href={`/${where.org}/${where.ws}/optimization`} className="hover:text-slate-800">
          Optimization
        </Link>{" "}
        / New run
      </nav>
      <PageHeader
        title="New optimization run"
        description="Test variants of a prompt, an agent's draft or a capability agent against simulated users; the statistics say whether one beats the original."
      />
      <NewRunForm
        where={where}
        prompts={prompts.prompts.map(toPrompt)}
        personas={personas.map(toPersona)}
        initialPromptId={typeof prompt_id === "string" ? prompt_id : null}
        agents={agents.map((a) => ({
          id: a.id,
          name: a.name,
          deployedVersion: a.deployed?.version ?? null,
          draftChanged: a.draftChanged,
        }))}
        initialAgentId={typeof agent_id === "string" ? agent_id : null}
        provider={provider}
        canWrite={roleRank(ctx.role) >= roleRank("member")}
        reason={OPTIMIZATION_VIEWER_REASON}
      />
    </>
  );
}
