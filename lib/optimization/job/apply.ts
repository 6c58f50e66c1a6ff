// Applying a completed job's variant (default: the winner): a prompt job's variant becomes the
// prompt's new active version; an agent-draft job's becomes a new revision of the draft's system
// prompt (never the deployed release), linked to the run until the draft is deployed. A
// capability-agent job is promoted instead (promote.ts).
import "server-only";
import type { Prisma } from "@/lib/db/types";
import type { Tx } from "@/lib/db/client";
import type { WorkspaceCtx } from "@/lib/api/context";
import { ApiError } from "@/lib/api/errors";
import { applyOptimizationToDraft } from "@/lib/agents/drafts";
import { addPromptVersion } from "@/lib/optimization/prompts";
import { placeOf, recordJobEvent } from "./journal";
import { chosenVariant, getJob, type Job } from "./read";
import { hasScoredCell } from "./results";

type Variant = Prisma.OptimizationVariantGetPayload<object>;

export interface AppliedVariant {
  job: Job;
  variant: Variant;
  version: Prisma.PromptVersionGetPayload<object> | null;
  draft: { agent_id: string; revision: number } | null;
}

async function applyToDraft(
  ctx: WorkspaceCtx,
  tx: Tx,
  job: Job,
  v: Variant,
): Promise<AppliedVariant> {
  if (!job.agentId) throw new ApiError("conflict", "This job's agent no longer exists");
  const draft = await applyOptimizationToDraft(
    ctx,
    job.agentId,
    { systemPrompt: v.content, jobId: job.id },
    tx,
  );
  await tx.optimizationJob.update({ where: { id: job.id }, data: { appliedVariantId: v.id } });
  await recordJobEvent(tx, placeOf(ctx), job.id, "optimization.apply", {
    variant_id: v.id,
    variant: v.name,
    agent_id: job.agentId,
    draft_revision: draft.revision,
  });
  return {
    job,
    variant: v,
    version: null,
    draft: { agent_id: job.agentId, revision: draft.revision },
  };
}

/** The prompt version an earlier apply of this variant created, if any. */
async function appliedBefore(tx: Tx, job: Job, promptId: string, v: Variant) {
  if (job.appliedVariantId !== v.id) return undefined;
  const existing = await tx.promptVersion.findMany({
    where: { promptId },
    orderBy: { number: "desc" },
  });
  return existing.find(
    (pv) =>
      (pv.source as { job_id?: string; variant_id?: string }).job_id === job.id &&
      (pv.source as { variant_id?: string }).variant_id === v.id,
  );
}

async function applyToPrompt(
  ctx: WorkspaceCtx,
  tx: Tx,
  job: Job,
  v: Variant,
): Promise<AppliedVariant> {
  if (!job.promptId) throw new ApiError("conflict", "This job's prompt no longer exists");
  const applied = await appliedBefore(tx, job, job.promptId, v);
  if (applied) return { job, variant: v, version: applied, draft: null };
  const version = await addPromptVersion(
    ctx,
    job.promptId,
    {
      content: v.content,
      note: `Applied ${v.name} from optimization ${job.id}`,
      activate: true,
      source: {
        type: "optimization",
        job_id: job.id,
        variant_id: v.id,
        variant: v.name,
        lift: job.lift,
        confidence: job.confidence,
      },
    },
    tx,
  );
  await tx.optimizationJob.update({ where: { id: job.id }, data: { appliedVariantId: v.id } });
  await recordJobEvent(tx, placeOf(ctx), job.id, "optimization.apply", {
    variant_id: v.id,
    variant: v.name,
    prompt_id: job.promptId,
    prompt_version: version.number,
  });
  return { job, variant: v, version, draft: null };
}

export async function applyVariant(
  ctx: WorkspaceCtx,
  id: string,
  variantId?: string,
): Promise<AppliedVariant> {
  return ctx.db.$transaction(async (tx) => {
    const job = await getJob(ctx, id, tx);
    if (job.status !== "completed")
      throw new ApiError("conflict", "Cannot apply variant: optimization not complete");
    if (job.targetKind === "capability_agent")
      throw new ApiError(
        "conflict",
        "This job optimized a capability agent; promote it into a new capability version instead of applying it",
      );
    // A run completed before a run without scores failed instead (results.ts) may have none.
    if (!(await hasScoredCell(tx, job.id)))
      throw new ApiError(
        "conflict",
        "Cannot apply variant: no cell of this optimization was scored, so it has no result",
      );
    const v = await chosenVariant(tx, job, variantId, "apply");
    return job.targetKind === "agent_draft"
      ? applyToDraft(ctx, tx, job, v)
      : applyToPrompt(ctx, tx, job, v);
  });
}
