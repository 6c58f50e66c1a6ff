// Read-models of the optimization pages' first paint: what the API's job shape leaves to other
// endpoints (the prompt's name, the winner's name, the version an apply or promote created, the
// personas' names, the control text an external executor must report), gathered in a few queries.
import "server-only";
import type { WorkspaceCtx } from "@/lib/api/context";
import { getJob, jobLogs, jobVariants, type analysisOf, type Job } from "./job/read";
import { toJob, toPromptVersion, toVariant } from "./serializers";

/** Variant id → name, for the winners of these jobs. */
export async function winnerNames(ctx: WorkspaceCtx, jobs: Job[]): Promise<Record<string, string>> {
  const ids = jobs.map((j) => j.winnerVariantId).filter((id): id is string => id !== null);
  if (!ids.length) return {};
  const rows = await ctx.db.optimizationVariant.findMany({
    where: { id: { in: ids }, job: { workspaceId: ctx.workspace.id } },
    select: { id: true, name: true },
  });
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}

export interface RunPageData {
  job: ReturnType<typeof toJob>;
  variants: ReturnType<typeof toVariant>[];
  analysis: Awaited<ReturnType<typeof analysisOf>>;
  logs: { seq: number; message: string; created_at: string }[];
  /** The text the variants are measured against, as it was when the run was created. */
  controlText: string;
  prompt: {
    id: string;
    name: string;
    activeVersionNumber: number | null;
    latestVersionNumber: number;
  } | null;
  /** The prompt version an apply of this run created, newest first. */
  applied: ReturnType<typeof toPromptVersion>[];
  /** The capability version a promote of this run created. */
  promoted: { name: string; version: string } | null;
  /** The names of the personas the run was created with (deleted ones are left out). */
  personas: string[];
  /** agent_draft runs: the agent (null when deleted), and whether its draft still carries this run's apply. */
  agent: { id: string; name: string; draftRevision: number | null; appliedHere: boolean } | null;
}

export async function runPageData(ctx: WorkspaceCtx, id: string): Promise<RunPageData> {
  const job = await getJob(ctx, id);
  const [{ variants, analysis }, logs, prompt, applied, promoted, personas] = await Promise.all([
    jobVariants(ctx, id),
    jobLogs(ctx, id),
    job.promptId
      ? ctx.db.prompt.findFirst({
          where: { id: job.promptId, workspaceId: ctx.workspace.id },
          select: { id: true, name: true, activeVersionId: true },
        })
      : null,
    job.promptId
      ? ctx.db.promptVersion.findMany({
          where: { promptId: job.promptId },
          orderBy: { number: "desc" },
        })
      : [],
    job.promotedVersionId
      ? ctx.db.capabilityVersion.findUnique({
          where: { id: job.promotedVersionId },
          select: { version: true, capability: { select: { name: true } } },
        })
      : null,
    ctx.db.persona.findMany({
      where: { workspaceId: ctx.workspace.id, id: { in: job.personaIds as string[] } },
      select: { name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  const active = prompt?.activeVersionId
    ? applied.find((v) => v.id === prompt.activeVersionId)
    : undefined;
  const agent = job.agentId
    ? await ctx.db.agent.findFirst({
        where: { id: job.agentId, workspaceId: ctx.workspace.id },
        select: { id: true, name: true },
      })
    : null;
  const draft = agent
    ? await ctx.db.release.findFirst({
        where: { agentId: agent.id, status: "draft" },
        select: { revision: true, optimizationJobId: true },
      })
    : null;
  return {
    job: toJob(job),
    variants: variants.map(toVariant),
    analysis,
    logs: logs.map((l) => ({
      seq: l.seq,
      message: l.message,
      created_at: l.createdAt.toISOString(),
    })),
    controlText: job.originalContent,
    prompt: prompt
      ? {
          id: prompt.id,
          name: prompt.name,
          activeVersionNumber: active?.number ?? null,
          latestVersionNumber: applied[0]?.number ?? 0,
        }
      : null,
    applied: applied
      .filter((v) => (v.source as { job_id?: string }).job_id === job.id)
      .map(toPromptVersion),
    promoted: promoted ? { name: promoted.capability.name, version: promoted.version } : null,
    personas: personas.map((p) => p.name),
    agent: agent
      ? {
          id: agent.id,
          name: agent.name,
          draftRevision: draft?.revision ?? null,
          appliedHere: draft?.optimizationJobId === job.id,
        }
      : null,
  };
}
