// Optimization jobs: created against a prompt or a capability agent, fed by an executor's progress
// reports (variants, cell scores, stage, log lines), judged by lib/optimization/stats.ts when the
// run finishes, then applied (a new prompt version) or promoted (a new capability version).
// Audit events mark what people and executors change: creation, start, finish or failure, stop,
// retry, apply, promote (not every progress report: a run sends hundreds).
import type { Prisma } from "@/lib/db/types";
import type { Tx } from "@/lib/db/client";
import type { WorkspaceCtx } from "@/lib/api/context";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/service";
import { SecretDecryptionError } from "@/lib/crypto/secrets";
import { resolveProvider } from "@/lib/llm/providers";
import { pokeWorker } from "./engine/poke";
import type { Component } from "@/lib/catalog/ingest/components";
import { MANIFEST_FILE } from "@/lib/catalog/ingest/manifest";
import { packTarGz } from "@/lib/catalog/ingest/pack";
import { blobBytes, getVersion } from "@/lib/catalog/service";
import { ingestFiles } from "@/lib/catalog/ingest";
import { ingestLimits } from "@/lib/catalog/push";
import { prepareVersion, storeVersion, versionTransaction } from "@/lib/catalog/store-version";
import type { StoredVersion } from "@/lib/catalog/version-shape";
import { getAgent } from "@/lib/agents/agents";
import { applyOptimizationToDraft, getDraft } from "@/lib/agents/drafts";
import { ensureDefaultPersonas } from "./personas";
import { addPromptVersion, getPrompt } from "./prompts";
import { analyze, primaryMetric, type Analysis, type Cell, type MetricKey } from "./stats";
import {
  jobBounds,
  LOG_LINES_BASE,
  MAX_PERSONAS_PER_JOB,
  pastBound,
  SCENARIOS_PER_PERSONA,
  transcriptBytes,
  type JobBounds,
} from "./bounds";

export type Job = Prisma.OptimizationJobGetPayload<object>;

export { SCENARIOS_PER_PERSONA } from "./bounds";

export const jobNotFound = (id: string) =>
  new ApiError("not_found", `Optimization job '${id}' not found`);

/** The YAML frontmatter block of a Markdown file (delimiters included) and the body after it. */
export function splitFrontmatter(text: string): { frontmatter: string; body: string } {
  const m = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(\r?\n|$)/.exec(text);
  return m ? { frontmatter: m[0], body: text.slice(m[0].length) } : { frontmatter: "", body: text };
}

/** Whether the built-in executor can run in this workspace: a workspace provider, or the environment's. */
export async function builtinConfigured(ctx: WorkspaceCtx): Promise<boolean> {
  try {
    return (await resolveProvider(ctx.db, ctx.workspace.id)) !== null;
  } catch (err) {
    if (err instanceof SecretDecryptionError) {
      throw new ApiError(
        "conflict",
        "This workspace's model provider API key cannot be decrypted (QUIVER_SECRET_KEY changed since it was saved); enter the key again in Settings → Model provider",
      );
    }
    throw err;
  }
}

/** What the new-run form says about the built-in executor: the provider that would run it, or none. */
export async function builtinSummary(ctx: WorkspaceCtx): Promise<
  | {
      source: "workspace" | "environment";
      base_url: string;
      models: Record<"agent" | "user" | "judge", string>;
    }
  | { error: string }
  | null
> {
  try {
    const p = await resolveProvider(ctx.db, ctx.workspace.id);
    return p ? { source: p.source, base_url: p.baseUrl, models: p.models } : null;
  } catch (err) {
    if (err instanceof SecretDecryptionError)
      return {
        error:
          "The workspace's provider API key cannot be decrypted (QUIVER_SECRET_KEY changed); enter it again in Settings → Model provider.",
      };
    throw err;
  }
}

export async function getJob(
  ctx: WorkspaceCtx,
  id: string,
  db: Tx | WorkspaceCtx["db"] = ctx.db,
): Promise<Job> {
  const job = await db.optimizationJob.findFirst({ where: { id, workspaceId: ctx.workspace.id } });
  if (!job) throw jobNotFound(id);
  return job;
}

const audit = (
  tx: Tx,
  ctx: WorkspaceCtx,
  jobId: string,
  action: string,
  summary: Record<string, unknown>,
) =>
  recordAudit(tx, ctx, {
    orgId: ctx.org.id,
    workspaceId: ctx.workspace.id,
    action,
    targetType: "optimization_job",
    targetId: jobId,
    summary,
  });

export interface CreateJobInput {
  target_kind: "prompt" | "capability_agent" | "agent_draft";
  prompt_id?: string;
  agent_id?: string;
  capability_ref?: { name: string; version?: string };
  agent_name?: string;
  mode: "exploratory" | "validation";
  variant_count: number;
  intent: { target_improvements: string[]; hypothesis?: string | null };
  persona_ids?: string[];
  executor?: "builtin" | "external";
  max_turns?: number;
}

async function agentOf(
  ctx: WorkspaceCtx,
  v: StoredVersion,
  agentName: string,
): Promise<{ component: Component; text: string }> {
  const agents = (v.components as unknown as Component[]).filter((c) => c.type === "agent");
  const component = agents.find((c) => c.name === agentName);
  if (!component) {
    throw new ApiError(
      "validation",
      `${v.capability.name} ${v.version} has no agent '${agentName}'; its agents are ${agents.map((a) => `'${a.name}'`).join(", ") || "none"}`,
      {
        errors: [
          {
            loc: ["body", "agent_name"],
            msg: "no such agent in this capability version",
            type: "value_error",
          },
        ],
      },
    );
  }
  const file = v.files.find((f) => f.path === component.path)!;
  return { component, text: (await blobBytes(ctx, file.sha256)).toString("utf8") };
}

export async function createJob(
  ctx: WorkspaceCtx,
  input: CreateJobInput,
  opts: { isDemo?: boolean } = {},
): Promise<Job> {
  // An external run needs no provider: the workspace's is not read (nor its key decrypted) for one.
  const configured = input.executor === "external" ? false : await builtinConfigured(ctx);
  const executor = input.executor ?? (configured ? "builtin" : "external");
  if (executor === "builtin" && !configured) {
    throw new ApiError(
      "validation",
      'The built-in executor needs a model provider: set one for this workspace in Settings → Model provider, or QUIVER_LLM_BASE_URL and QUIVER_LLM_MODEL (and QUIVER_LLM_API_KEY if the endpoint needs one) in the environment; or run with executor "external" and report results through POST …/optimization/jobs/{job_id}/progress',
      {
        errors: [
          {
            loc: ["body", "executor"],
            msg: "no model provider is configured",
            type: "configuration_error",
          },
        ],
      },
    );
  }
  let target: Pick<
    Prisma.OptimizationJobUncheckedCreateInput,
    | "promptId"
    | "promptVersionId"
    | "capabilityVersionId"
    | "capabilityName"
    | "capabilityVersion"
    | "agentName"
    | "agentPath"
    | "originalContent"
    | "agentId"
    | "plan"
  >;
  if (input.target_kind === "agent_draft") {
    // The draft's system prompt as it is now; the judge also applies the draft's evaluator rubric.
    const agent = await getAgent(ctx, input.agent_id!);
    const draft = await getDraft(ctx, agent.id);
    if (!draft.systemPrompt?.trim()) {
      throw new ApiError(
        "validation",
        `The draft of agent '${agent.name}' has no system prompt to optimize; write one first`,
        {
          errors: [
            {
              loc: ["body", "agent_id"],
              msg: "the draft's systemPrompt is empty",
              type: "value_error",
            },
          ],
        },
      );
    }
    const rubric = (draft.evaluator as { rubric?: string } | null)?.rubric ?? null;
    target = {
      agentId: agent.id,
      agentName: agent.name,
      originalContent: draft.systemPrompt,
      plan: rubric ? { rubric } : undefined,
    };
  } else if (input.target_kind === "prompt") {
    const p = await getPrompt(ctx, input.prompt_id!);
    if (!p.active)
      throw new ApiError("conflict", `Prompt '${p.name}' has no active version to optimize`);
    target = { promptId: p.id, promptVersionId: p.active.id, originalContent: p.active.content };
  } else {
    const v = await getVersion(ctx, input.capability_ref!.name, input.capability_ref!.version);
    const { component, text } = await agentOf(ctx, v, input.agent_name!);
    target = {
      capabilityVersionId: v.id,
      capabilityName: v.capability.name,
      capabilityVersion: v.version,
      agentName: component.name,
      agentPath: component.path,
      originalContent: splitFrontmatter(text).body,
    };
  }
  await ensureDefaultPersonas(ctx);
  const all = await ctx.db.persona.findMany({
    where: { workspaceId: ctx.workspace.id },
    select: { id: true },
    orderBy: { name: "asc" },
  });
  let personaIds = all.map((p) => p.id);
  if (input.persona_ids?.length) {
    const known = new Set(personaIds);
    const unknown = input.persona_ids.filter((id) => !known.has(id));
    if (unknown.length) {
      throw new ApiError(
        "validation",
        `Unknown persona ${unknown.map((u) => `'${u}'`).join(", ")} in this workspace`,
        {
          errors: unknown.map((u) => ({
            loc: ["body", "persona_ids", input.persona_ids!.indexOf(u)],
            msg: "no such persona in this workspace",
            type: "value_error",
          })),
        },
      );
    }
    personaIds = [...new Set(input.persona_ids)];
  }
  if (!personaIds.length)
    throw new ApiError("validation", "This workspace has no personas; create one first", {
      errors: [{ loc: ["body", "persona_ids"], msg: "no personas", type: "value_error" }],
    });
  // The plan bounds everything a run may store (lib/optimization/bounds.ts): its personas too.
  if (personaIds.length > MAX_PERSONAS_PER_JOB) {
    throw new ApiError(
      "validation",
      `This workspace has ${personaIds.length} personas; a run plays at most ${MAX_PERSONAS_PER_JOB}: choose them with persona_ids`,
      {
        errors: [
          {
            loc: ["body", "persona_ids"],
            msg: `at most ${MAX_PERSONAS_PER_JOB} personas per run`,
            type: "limit_exceeded",
          },
        ],
      },
    );
  }
  return ctx.db
    .$transaction(async (tx) => {
      const job = await tx.optimizationJob.create({
        data: {
          workspaceId: ctx.workspace.id,
          targetKind: input.target_kind,
          ...target,
          mode: input.mode,
          variantCount: input.variant_count,
          intent: {
            target_improvements: input.intent.target_improvements,
            hypothesis: input.intent.hypothesis ?? null,
          },
          personaIds,
          executor,
          maxTurns: input.max_turns ?? 6,
          status: "queued",
          stage: "queued",
          progressTotal:
            (input.variant_count + 1) * personaIds.length * SCENARIOS_PER_PERSONA[input.mode],
          isDemo: opts.isDemo ?? false,
          createdById: ctx.actor.userId,
        },
      });
      await audit(tx, ctx, job.id, "optimization.create", {
        target_kind: job.targetKind,
        prompt_id: job.promptId,
        capability: job.capabilityName,
        version: job.capabilityVersion,
        agent: job.agentName,
        mode: job.mode,
        variant_count: job.variantCount,
        executor,
      });
      return job;
    })
    .then((job) => {
      if (executor === "builtin") pokeWorker();
      return job;
    });
}

export async function listJobs(
  ctx: WorkspaceCtx,
  q: { status?: string; target_kind?: string; prompt_id?: string; page: number; page_size: number },
) {
  const where: Prisma.OptimizationJobWhereInput = {
    workspaceId: ctx.workspace.id,
    ...(q.status ? { status: q.status } : {}),
    ...(q.target_kind ? { targetKind: q.target_kind } : {}),
    ...(q.prompt_id ? { promptId: q.prompt_id } : {}),
  };
  const [total, jobs] = await Promise.all([
    ctx.db.optimizationJob.count({ where }),
    ctx.db.optimizationJob.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (q.page - 1) * q.page_size,
      take: q.page_size,
    }),
  ]);
  return { total, jobs };
}

export const jobPrimaryMetric = (job: Pick<Job, "intent">): MetricKey =>
  primaryMetric((job.intent as { target_improvements?: string[] }).target_improvements);

/**
 * What completing a job with this analysis writes: the winner variant marked, and the job's
 * verdict fields (status completed). Shared by the external executor's `finished` report and the
 * built-in engine.
 */
export async function completion(
  tx: Tx,
  jobId: string,
  analysis: Analysis,
): Promise<{ winnerKey: string | null; data: Prisma.OptimizationJobUpdateManyMutationInput }> {
  const variantRows = await tx.optimizationVariant.findMany({
    where: { jobId },
    select: { id: true, key: true },
  });
  const winner = analysis.verdict.winner
    ? (variantRows.find((v) => v.key === analysis.verdict.winner) ?? null)
    : null;
  const best = winner ? analysis.variants.find((v) => v.variant === winner.key) : null;
  if (winner)
    await tx.optimizationVariant.update({ where: { id: winner.id }, data: { isWinner: true } });
  return {
    winnerKey: winner?.key ?? null,
    data: {
      status: "completed",
      stage: "completed",
      analysis: analysis as unknown as Prisma.InputJsonValue,
      winnerVariantId: winner?.id ?? null,
      lift: best?.lift ?? null,
      confidence: best?.confidence ?? null,
      verdict: analysis.verdict.reason,
    },
  };
}

/** The job's cells in the shape of the statistics: the main pool, or the held-out one. */
export async function cellsOf(
  db: Tx | WorkspaceCtx["db"],
  jobId: string,
  heldOut = false,
): Promise<Cell[]> {
  const rows = await db.optimizationCell.findMany({
    where: { jobId, heldOut },
    select: {
      variantKey: true,
      persona: true,
      scenario: true,
      taskCompletion: true,
      quality: true,
      sentiment: true,
    },
  });
  return rows.map((r) => ({
    variant: r.variantKey,
    persona: r.persona,
    scenario: r.scenario,
    metrics: {
      ...(r.taskCompletion !== null ? { task_completion: r.taskCompletion } : {}),
      ...(r.quality !== null ? { quality: r.quality } : {}),
      ...(r.sentiment !== null ? { sentiment: r.sentiment } : {}),
    },
  }));
}

/** The statistics: stored once the job completed, computed from the cells so far while it runs. */
export async function analysisOf(ctx: WorkspaceCtx, job: Job): Promise<Analysis | null> {
  if (job.analysis) return job.analysis as unknown as Analysis;
  const control = await ctx.db.optimizationVariant.findFirst({
    where: { jobId: job.id, isOriginal: true },
    select: { key: true },
  });
  if (!control) return null;
  const cells = await cellsOf(ctx.db, job.id);
  if (!cells.length) return null;
  return analyze(cells, {
    control: control.key,
    mode: job.mode as "exploratory" | "validation",
    primary: jobPrimaryMetric(job),
  });
}

export async function jobVariants(ctx: WorkspaceCtx, id: string) {
  const job = await getJob(ctx, id);
  const [variants, counts, analysis] = await Promise.all([
    ctx.db.optimizationVariant.findMany({
      where: { jobId: job.id },
      orderBy: [{ isOriginal: "desc" }, { key: "asc" }],
    }),
    ctx.db.optimizationCell.groupBy({
      by: ["variantKey"],
      where: { jobId: job.id },
      _count: { _all: true },
    }),
    analysisOf(ctx, job),
  ]);
  const n = new Map(counts.map((c) => [c.variantKey, c._count._all]));
  return {
    job,
    analysis,
    variants: variants.map((v) => ({
      ...v,
      cells: n.get(v.key) ?? 0,
      result: analysis?.variants.find((r) => r.variant === v.key) ?? null,
    })),
  };
}

export async function jobLogs(ctx: WorkspaceCtx, id: string) {
  const job = await getJob(ctx, id);
  return ctx.db.optimizationLog.findMany({ where: { jobId: job.id }, orderBy: { seq: "asc" } });
}

const finished = (status: string) =>
  status === "completed" || status === "failed" || status === "stopped";

export async function stopJob(ctx: WorkspaceCtx, id: string, reason?: string): Promise<Job> {
  return ctx.db.$transaction(async (tx) => {
    const job = await getJob(ctx, id, tx);
    if (finished(job.status))
      throw new ApiError("conflict", `Cannot stop optimization: it is already ${job.status}`);
    const updated = await tx.optimizationJob.updateMany({
      where: { id: job.id, status: job.status },
      data: {
        status: "stopped",
        stage: "stopped",
        stopReason: reason ?? null,
        finishedAt: new Date(),
      },
    });
    if (updated.count === 0)
      throw new ApiError("conflict", "The job changed a moment ago; reload it and try again");
    await audit(tx, ctx, job.id, "optimization.stop", { reason: reason ?? null, was: job.status });
    return tx.optimizationJob.findUniqueOrThrow({ where: { id: job.id } });
  });
}

/** A new job with the same target and settings as a failed or stopped one. */
export async function retryJob(ctx: WorkspaceCtx, id: string): Promise<Job> {
  return ctx.db
    .$transaction(async (tx) => {
      const job = await getJob(ctx, id, tx);
      if (job.status !== "failed" && job.status !== "stopped")
        throw new ApiError(
          "conflict",
          `Only a failed or stopped job can be retried; this one is ${job.status}`,
        );
      const copy = await tx.optimizationJob.create({
        data: {
          workspaceId: job.workspaceId,
          targetKind: job.targetKind,
          promptId: job.promptId,
          promptVersionId: job.promptVersionId,
          capabilityVersionId: job.capabilityVersionId,
          capabilityName: job.capabilityName,
          capabilityVersion: job.capabilityVersion,
          agentName: job.agentName,
          agentPath: job.agentPath,
          originalContent: job.originalContent,
          mode: job.mode,
          variantCount: job.variantCount,
          intent: job.intent as Prisma.InputJsonValue,
          personaIds: job.personaIds as Prisma.InputJsonValue,
          executor: job.executor,
          maxTurns: job.maxTurns,
          agentId: job.agentId,
          plan: (job.plan as { rubric?: string } | null)?.rubric
            ? { rubric: (job.plan as { rubric: string }).rubric }
            : undefined,
          status: "queued",
          stage: "queued",
          progressTotal: job.progressTotal,
          retryOfId: job.id,
          createdById: ctx.actor.userId,
        },
      });
      await audit(tx, ctx, copy.id, "optimization.retry", { retry_of: job.id });
      return copy;
    })
    .then((copy) => {
      if (copy.executor === "builtin") pokeWorker();
      return copy;
    });
}

export interface ProgressInput {
  stage?: string;
  variants?: {
    key: string;
    name: string;
    content: string;
    is_original?: boolean;
    strategy?: string;
    rationale?: string;
  }[];
  cells?: {
    variant: string;
    persona: string;
    scenario: string;
    metrics: Partial<Record<MetricKey, number>>;
    transcript?: { role: string; content: string }[];
  }[];
  log?: string[];
  usage?: { model_calls?: number; prompt_tokens?: number; completion_tokens?: number };
  error?: string;
  finished?: boolean;
}

type CellScores = {
  taskCompletion: number | null;
  quality: number | null;
  sentiment: number | null;
};
const cellKey = (v: string, p: string, s: string) => `${v}\u0000${p}\u0000${s}`;
const sameMetrics = (a: CellScores, m: Partial<Record<MetricKey, number>>) =>
  a.taskCompletion === (m.task_completion ?? null) &&
  a.quality === (m.quality ?? null) &&
  a.sentiment === (m.sentiment ?? null);
/** Values per `IN (...)` list: well under SQLite's 999 parameters per statement. */
const IN_SLICE = 500;

/** A reported transcript within the job's turns (from its max_turns) and bytes per cell; else 422. */
function checkTranscript(
  transcript: { role: string; content: string }[] | undefined,
  i: number,
  bounds: JobBounds,
  maxTurns: number,
): void {
  if (!transcript) return;
  const loc = ["body", "cells", i, "transcript"];
  if (transcript.length > bounds.turns) {
    throw new ApiError(
      "validation",
      `Cell ${i}'s transcript has ${transcript.length} turns; this job's conversations have at most ${bounds.turns} (2 × max_turns ${maxTurns} + 2). Nothing from this report was stored.`,
      {
        errors: [
          {
            loc,
            msg: `at most ${bounds.turns} turns per transcript for this job; it has ${transcript.length}`,
            type: "limit_exceeded",
          },
        ],
      },
    );
  }
  const bytes = transcriptBytes(transcript);
  if (bytes > bounds.transcriptBytes) {
    throw new ApiError(
      "validation",
      `Cell ${i}'s transcript is ${bytes} bytes; a transcript holds at most ${bounds.transcriptBytes} bytes (UTF-8). Nothing from this report was stored.`,
      {
        errors: [
          {
            loc,
            msg: `at most ${bounds.transcriptBytes} bytes per transcript; it has ${bytes}`,
            type: "limit_exceeded",
          },
        ],
      },
    );
  }
}

/**
 * An executor's report. Variants are matched by key and cells by (variant, persona, scenario), so
 * a retried call changes nothing; a report that contradicts an earlier one is a 409. Runs in one
 * transaction: a refused report stores none of its parts.
 */
export async function reportProgress(
  ctx: WorkspaceCtx,
  id: string,
  input: ProgressInput,
): Promise<Job> {
  return ctx.db
    .$transaction(
      async (tx) => {
        const job = await getJob(ctx, id, tx);
        if (finished(job.status))
          throw new ApiError("conflict", `The job is ${job.status}; it takes no more progress`);
        const now = new Date();
        const events: [string, Record<string, unknown>][] = [];
        const data: Prisma.OptimizationJobUpdateInput = {};
        if (job.status === "queued") {
          data.status = "running";
          data.startedAt = now;
          events.push(["optimization.start", { stage: input.stage ?? null }]);
        }
        if (input.stage) data.stage = input.stage;

        // Variants: new keys are stored; a repeated key must repeat what it said.
        const stored = await tx.optimizationVariant.findMany({ where: { jobId: job.id } });
        const byKey = new Map(stored.map((v) => [v.key, v]));
        const incoming = new Map<string, NonNullable<ProgressInput["variants"]>[number]>();
        for (const [i, v] of (input.variants ?? []).entries()) {
          const prev = byKey.get(v.key) ?? incoming.get(v.key);
          if (prev) {
            const same =
              prev.name === v.name &&
              prev.content === v.content &&
              ("isOriginal" in prev ? prev.isOriginal : (prev.is_original ?? false)) ===
                (v.is_original ?? false);
            if (!same)
              throw new ApiError(
                "conflict",
                `Variant '${v.key}' was already reported with another name, content or role; variants cannot change`,
                {
                  errors: [
                    {
                      loc: ["body", "variants", i],
                      msg: "contradicts an earlier report",
                      type: "conflict",
                    },
                  ],
                },
              );
            continue;
          }
          incoming.set(v.key, v);
        }
        const allVariants = [
          ...stored.map((v) => ({ key: v.key, isOriginal: v.isOriginal })),
          ...[...incoming.values()].map((v) => ({
            key: v.key,
            isOriginal: v.is_original ?? false,
          })),
        ];
        if (allVariants.filter((v) => v.isOriginal).length > 1)
          throw new ApiError("validation", "Only one variant may be the original (is_original)", {
            errors: [
              { loc: ["body", "variants"], msg: "more than one original", type: "value_error" },
            ],
          });
        const candidates = allVariants.filter((v) => !v.isOriginal).length;
        if (candidates > job.variantCount)
          throw new ApiError(
            "validation",
            `The job asked for ${job.variantCount} variant(s) besides the original; ${candidates} were reported`,
            {
              errors: [
                { loc: ["body", "variants"], msg: "too many variants", type: "limit_exceeded" },
              ],
            },
          );

        // Cells: each (variant, persona, scenario) once; a repeat with the same scores is a no-op.
        // Every bound is checked before anything is written (the transaction makes it whole anyway).
        const bounds = jobBounds(job);
        const keys = new Set(allVariants.map((v) => v.key));
        const cells = input.cells ?? [];
        for (const [i, c] of cells.entries()) {
          if (!keys.has(c.variant))
            throw new ApiError(
              "validation",
              `Cell ${i} names the variant '${c.variant}', which has not been reported`,
              {
                errors: [
                  {
                    loc: ["body", "cells", i, "variant"],
                    msg: "unknown variant key",
                    type: "value_error",
                  },
                ],
              },
            );
          checkTranscript(c.transcript, i, bounds, job.maxTurns);
        }
        const fresh = new Map<string, (typeof cells)[number]>();
        if (cells.length) {
          const named = [...new Set(cells.map((c) => c.persona))];
          const storedPersonas = await tx.optimizationCell.groupBy({
            by: ["persona"],
            where: { jobId: job.id },
          });
          const personas = new Set([...storedPersonas.map((p) => p.persona), ...named]).size;
          if (personas > bounds.personas)
            throw pastBound(
              "personas",
              bounds.personas,
              personas,
              "the personas the job was created with",
              ["body", "cells"],
            );
          const have = new Map<string, CellScores>();
          // One query per slice of personas: SQLite takes at most 999 parameters in one statement.
          for (let i = 0; i < named.length; i += IN_SLICE) {
            const rows = await tx.optimizationCell.findMany({
              where: {
                jobId: job.id,
                variantKey: { in: [...new Set(cells.map((c) => c.variant))] },
                persona: { in: named.slice(i, i + IN_SLICE) },
              },
              select: {
                variantKey: true,
                persona: true,
                scenario: true,
                taskCompletion: true,
                quality: true,
                sentiment: true,
              },
            });
            for (const e of rows) have.set(cellKey(e.variantKey, e.persona, e.scenario), e);
          }
          for (const [i, c] of cells.entries()) {
            const k = cellKey(c.variant, c.persona, c.scenario);
            const prev = have.get(k);
            const again = fresh.get(k);
            if (
              (prev && !sameMetrics(prev, c.metrics)) ||
              (again && JSON.stringify(again.metrics) !== JSON.stringify(c.metrics))
            ) {
              throw new ApiError(
                "conflict",
                `The cell (${c.variant}, ${c.persona}, ${c.scenario}) was already reported with other scores; scores cannot change`,
                {
                  errors: [
                    {
                      loc: ["body", "cells", i],
                      msg: "contradicts an earlier report",
                      type: "conflict",
                    },
                  ],
                },
              );
            }
            if (!prev) fresh.set(k, c);
          }
          if (fresh.size) {
            const total =
              (await tx.optimizationCell.count({ where: { jobId: job.id } })) + fresh.size;
            if (total > bounds.cells) {
              throw pastBound(
                "cells",
                bounds.cells,
                total,
                `${bounds.variants} variant(s) × ${bounds.personas} persona(s) × ${bounds.scenarios} scenario(s) per persona, retries included`,
                ["body", "cells"],
              );
            }
          }
        }
        let logStart = 1;
        if (input.log?.length) {
          const last = await tx.optimizationLog.findFirst({
            where: { jobId: job.id },
            orderBy: { seq: "desc" },
            select: { seq: true },
          });
          logStart = (last?.seq ?? 0) + 1;
          const lines = logStart - 1 + input.log.length;
          if (lines > bounds.logLines)
            throw pastBound(
              "log lines",
              bounds.logLines,
              lines,
              `${LOG_LINES_BASE} and two per cell the job may hold`,
              ["body", "log"],
            );
        }

        if (incoming.size) {
          await tx.optimizationVariant.createMany({
            data: [...incoming.values()].map((v) => ({
              jobId: job.id,
              key: v.key,
              name: v.name,
              content: v.content,
              isOriginal: v.is_original ?? false,
              strategy: v.strategy ?? null,
              rationale: v.rationale ?? null,
            })),
          });
        }
        if (fresh.size) {
          await tx.optimizationCell.createMany({
            data: [...fresh.values()].map((c) => ({
              jobId: job.id,
              variantKey: c.variant,
              persona: c.persona,
              scenario: c.scenario,
              taskCompletion: c.metrics.task_completion ?? null,
              quality: c.metrics.quality ?? null,
              sentiment: c.metrics.sentiment ?? null,
              transcript: (c.transcript ?? undefined) as Prisma.InputJsonValue | undefined,
            })),
          });
        }
        if (input.log?.length)
          await tx.optimizationLog.createMany({
            data: input.log.map((message, i) => ({ jobId: job.id, seq: logStart + i, message })),
          });
        if (input.usage)
          data.usage = { ...((job.usage as Record<string, number> | null) ?? {}), ...input.usage };

        const done = await tx.optimizationCell.count({ where: { jobId: job.id } });
        data.progressDone = done;
        data.progressTotal = Math.max(job.progressTotal, done);

        if (input.error) {
          Object.assign(data, {
            status: "failed",
            stage: "failed",
            error: input.error,
            finishedAt: now,
          });
          events.push(["optimization.fail", { error: input.error }]);
        } else if (input.finished) {
          const control = allVariants.find((v) => v.isOriginal);
          if (!control)
            throw new ApiError(
              "validation",
              "Cannot finish: no variant was reported as the original (is_original: true)",
              {
                errors: [
                  { loc: ["body", "finished"], msg: "no control variant", type: "value_error" },
                ],
              },
            );
          const analysis = analyze(await cellsOf(tx, job.id), {
            control: control.key,
            mode: job.mode as "exploratory" | "validation",
            primary: jobPrimaryMetric(job),
          });
          const result = await completion(tx, job.id, analysis);
          Object.assign(data, result.data, { finishedAt: now });
          events.push([
            "optimization.complete",
            { verdict: analysis.verdict.reason, winner: result.winnerKey, cells: done },
          ]);
        }
        const updated = await tx.optimizationJob.update({ where: { id: job.id }, data });
        for (const [action, summary] of events) await audit(tx, ctx, job.id, action, summary);
        return updated;
      },
      { timeout: 30_000 },
    )
    .catch((err: unknown) => {
      if ((err as { code?: string }).code === "P2002")
        throw new ApiError(
          "conflict",
          "Another progress report for this job arrived at the same moment; send this one again",
        );
      throw err;
    });
}

const notComplete = () =>
  new ApiError("conflict", "Cannot apply variant: optimization not complete");

/** The variant to apply or promote: the one named, else the winner. */
async function chosenVariant(
  tx: Tx,
  job: Job,
  variantId: string | undefined,
  action: "apply" | "promote",
) {
  const id = variantId ?? job.winnerVariantId;
  if (!id)
    throw new ApiError(
      "conflict",
      `Cannot ${action}: the run found no winner (${job.verdict ?? "no verdict"}); name a variant to ${action} it anyway`,
    );
  const v = await tx.optimizationVariant.findFirst({ where: { id, jobId: job.id } });
  if (!v) throw new ApiError("not_found", `Variant '${id}' is not a variant of this job`);
  return v;
}

/**
 * Applies a variant (default: the winner): a prompt job's variant becomes the prompt's new active
 * version; an agent-draft job's becomes a new revision of the draft's system prompt (never the
 * deployed release), linked to the run until the draft is deployed.
 */
export async function applyVariant(
  ctx: WorkspaceCtx,
  id: string,
  variantId?: string,
): Promise<AppliedVariant> {
  return ctx.db.$transaction(async (tx) => {
    const job = await getJob(ctx, id, tx);
    if (job.status !== "completed") throw notComplete();
    if (job.targetKind === "capability_agent")
      throw new ApiError(
        "conflict",
        "This job optimized a capability agent; promote it into a new capability version instead of applying it",
      );
    const v = await chosenVariant(tx, job, variantId, "apply");
    if (job.targetKind === "agent_draft") {
      if (!job.agentId) throw new ApiError("conflict", "This job's agent no longer exists");
      const draft = await applyOptimizationToDraft(
        ctx,
        job.agentId,
        { systemPrompt: v.content, jobId: job.id },
        tx,
      );
      await tx.optimizationJob.update({ where: { id: job.id }, data: { appliedVariantId: v.id } });
      await audit(tx, ctx, job.id, "optimization.apply", {
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
    if (!job.promptId) throw new ApiError("conflict", "This job's prompt no longer exists");
    if (job.appliedVariantId === v.id) {
      const existing = await tx.promptVersion.findMany({
        where: { promptId: job.promptId },
        orderBy: { number: "desc" },
      });
      const applied = existing.find(
        (pv) =>
          (pv.source as { job_id?: string; variant_id?: string }).job_id === job.id &&
          (pv.source as { variant_id?: string }).variant_id === v.id,
      );
      if (applied) return { job, variant: v, version: applied, draft: null };
    }
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
    await audit(tx, ctx, job.id, "optimization.apply", {
      variant_id: v.id,
      variant: v.name,
      prompt_id: job.promptId,
      prompt_version: version.number,
    });
    return { job, variant: v, version, draft: null };
  });
}

export interface AppliedVariant {
  job: Job;
  variant: Prisma.OptimizationVariantGetPayload<object>;
  version: Prisma.PromptVersionGetPayload<object> | null;
  draft: { agent_id: string; revision: number } | null;
}

function nextPatch(version: string): string {
  const [a, b, c] = version.split(".").map(Number);
  return `${a}.${b}.${(c ?? 0) + 1}`;
}

/**
 * Promotes the best candidate (the winner) of a completed capability-agent job into a new version
 * of the capability: the agent file's body replaced, its frontmatter kept, capability.yaml's
 * version (and name, when given) changed, every other file byte for byte the same; ingested and
 * stored as any push is (storeVersion), with an origin that records the job.
 */
export async function promoteJob(
  ctx: WorkspaceCtx,
  id: string,
  input: { name?: string | null; version?: string | null },
) {
  const job = await getJob(ctx, id);
  if (job.status !== "completed")
    throw new ApiError("conflict", `Cannot promote: the job is ${job.status}, not completed`);
  if (job.targetKind !== "capability_agent" || !job.capabilityVersionId || !job.agentPath)
    throw new ApiError(
      "conflict",
      "Cannot promote: this job optimized a standalone prompt; apply it instead",
    );
  if (!job.winnerVariantId)
    throw new ApiError(
      "conflict",
      `Cannot promote: the run found no winner (${job.verdict ?? "no verdict"})`,
    );
  const variant = await chosenVariant(ctx.db, job, undefined, "promote");
  const source = await ctx.db.capabilityVersion.findUnique({
    where: { id: job.capabilityVersionId },
    include: {
      capability: { include: { org: { select: { slug: true } } } },
      files: { orderBy: { path: "asc" } },
    },
  });
  if (!source)
    throw new ApiError(
      "conflict",
      `Cannot promote: ${job.capabilityName} ${job.capabilityVersion} no longer exists`,
    );
  const name = input.name ?? source.capability.name;
  const version = input.version ?? nextPatch(source.version);
  const taken = await ctx.db.capabilityVersion.findFirst({
    where: { version, capability: { orgId: ctx.org.id, name } },
    select: { id: true },
  });
  if (taken)
    throw new ApiError(
      "already_exists",
      `Cannot promote: ${name} ${version} already exists; give another version`,
    );

  const entries = await Promise.all(
    source.files.map(async (f) => {
      let data = await blobBytes(ctx, f.sha256);
      if (f.path === job.agentPath)
        data = Buffer.from(
          splitFrontmatter(data.toString("utf8")).frontmatter + variant.content,
          "utf8",
        );
      else if (f.path === MANIFEST_FILE)
        data = Buffer.from(rewriteManifest(data.toString("utf8"), name, version), "utf8");
      return { path: f.path, data };
    }),
  );
  const origin = {
    type: "promotion",
    via: "promotion",
    job_id: job.id,
    source: { name: job.capabilityName, version: source.version, artifact_id: source.id },
    agent: job.agentName,
    variant: { id: variant.id, key: variant.key, name: variant.name },
    lift: job.lift,
    confidence: job.confidence,
    promoted_by: {
      id: ctx.actor.userId,
      email: ctx.actor.email,
      ...(ctx.actor.token ? { token: ctx.actor.token.name } : {}),
    },
    promoted_at: new Date().toISOString(),
  };
  // Stored as a push stores, without a round trip through an archive: the files as they are, and
  // the download artifact packed once.
  const prepared = await prepareVersion(ctx.db, await ingestFiles(entries, ingestLimits()), {
    data: packTarGz(entries),
    kind: "tar.gz",
  });
  return versionTransaction(ctx, { name, version }, async (tx) => {
    const stored = await storeVersion(tx, ctx, prepared, { via: "promotion", origin });
    // The same content stored under that version a moment ago: answered as it is, job unmarked.
    if (!stored.created) return stored;
    const claimed = await tx.optimizationJob.updateMany({
      where: { id: job.id, promotedVersionId: null },
      data: { promotedVersionId: stored.version.id },
    });
    if (claimed.count === 0)
      throw new ApiError("conflict", "Cannot promote: this job was promoted a moment ago");
    await audit(tx, ctx, job.id, "optimization.promote", {
      capability: name,
      version,
      variant: variant.name,
      artifact_id: stored.version.id,
    });
    return stored;
  });
}

/** capability.yaml with its `version:` (and `name:`) lines replaced; everything else as it was. */
export function rewriteManifest(yaml: string, name: string, version: string): string {
  const replaced = yaml
    .replace(/^version:[ \t]*.*$/m, `version: ${version}`)
    .replace(/^name:[ \t]*.*$/m, `name: ${name}`);
  if (!/^version:/m.test(yaml) || !/^name:/m.test(yaml))
    throw new ApiError(
      "conflict",
      "Cannot promote: capability.yaml has no top-level name or version line to rewrite",
    );
  return replaced;
}
