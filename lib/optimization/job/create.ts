// Creating an optimization job: the executor (built-in when a model provider is configured, else
// external), the target resolved to the text the variants are measured against (a prompt's active
// version, a capability version's agent body after its frontmatter, or an agent draft's system
// prompt), the personas it plays; and retrying a failed or stopped job as a new one like it.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Prisma } from "@/lib/db/types";
import type { WorkspaceCtx } from "@/lib/api/context";
import { ApiError } from "@/lib/api/errors";
import { SecretDecryptionError } from "@/lib/crypto/secrets";
import { resolveProvider } from "@/lib/llm/providers";
import { pokeWorker } from "@/lib/optimization/engine/poke";
import type { Component } from "@/lib/catalog/ingest/components";
import { blobBytes, getVersion } from "@/lib/catalog/service";
import type { StoredVersion } from "@/lib/catalog/version-shape";
import { splitFrontmatter } from "@/lib/text/frontmatter";
import { getAgent } from "@/lib/agents/agents";
import { getDraft } from "@/lib/agents/drafts";
import { MAX_PERSONAS_PER_JOB, SCENARIOS_PER_PERSONA } from "@/lib/optimization/bounds";
import { ensureDefaultPersonas } from "@/lib/optimization/personas";
import { getPrompt } from "@/lib/optimization/prompts";
import type { createJobBody } from "@/lib/optimization/schemas";
import { placeOf, recordJobEvent } from "./journal";
import { getJob, parseJob, type Job } from "./read";

export type CreateJobInput = z.output<typeof createJobBody>;

/** Whether the built-in executor can run in this workspace: a workspace provider, or the environment's. */
async function builtinConfigured(ctx: WorkspaceCtx): Promise<boolean> {
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

/** The executor asked for, or the default; a built-in run without a provider is a 422. */
async function chooseExecutor(
  ctx: WorkspaceCtx,
  asked: CreateJobInput["executor"],
): Promise<"builtin" | "external"> {
  // An external run needs no provider: the workspace's is not read (nor its key decrypted) for one.
  const configured = asked === "external" ? false : await builtinConfigured(ctx);
  const executor = asked ?? (configured ? "builtin" : "external");
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
  return executor;
}

/** What a job records of its target. */
type Target = Pick<
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

/** The draft's system prompt as it is now; the judge also applies the draft's evaluator rubric. */
async function draftTarget(ctx: WorkspaceCtx, agentId: string): Promise<Target> {
  const agent = await getAgent(ctx, agentId);
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
  return {
    agentId: agent.id,
    agentName: agent.name,
    originalContent: draft.systemPrompt,
    plan: rubric ? { rubric } : undefined,
  };
}

async function promptTarget(ctx: WorkspaceCtx, promptId: string): Promise<Target> {
  const p = await getPrompt(ctx, promptId);
  if (!p.active)
    throw new ApiError("conflict", `Prompt '${p.name}' has no active version to optimize`);
  return { promptId: p.id, promptVersionId: p.active.id, originalContent: p.active.content };
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

/** A capability version's agent: its body after the frontmatter. */
async function capabilityTarget(
  ctx: WorkspaceCtx,
  ref: NonNullable<CreateJobInput["capability_ref"]>,
  agentName: string,
): Promise<Target> {
  const v = await getVersion(ctx, ref.name, ref.version);
  const { component, text } = await agentOf(ctx, v, agentName);
  return {
    capabilityVersionId: v.id,
    capabilityName: v.capability.name,
    capabilityVersion: v.version,
    agentName: component.name,
    agentPath: component.path,
    originalContent: splitFrontmatter(text).body,
  };
}

// The request schema makes sure the target's own fields are there for its kind.
const targetOf = (ctx: WorkspaceCtx, input: CreateJobInput): Promise<Target> =>
  input.target_kind === "agent_draft"
    ? draftTarget(ctx, input.agent_id!)
    : input.target_kind === "prompt"
      ? promptTarget(ctx, input.prompt_id!)
      : capabilityTarget(ctx, input.capability_ref!, input.agent_name!);

/** The personas asked for (all of the workspace's when none are named), each known here. */
async function personasOf(ctx: WorkspaceCtx, asked: string[] | undefined): Promise<string[]> {
  await ensureDefaultPersonas(ctx);
  const all = await ctx.db.persona.findMany({
    where: { workspaceId: ctx.workspace.id },
    select: { id: true },
    orderBy: { name: "asc" },
  });
  let personaIds = all.map((p) => p.id);
  if (asked?.length) {
    const known = new Set(personaIds);
    const unknown = asked.filter((id) => !known.has(id));
    if (unknown.length) {
      throw new ApiError(
        "validation",
        `Unknown persona ${unknown.map((u) => `'${u}'`).join(", ")} in this workspace`,
        {
          errors: unknown.map((u) => ({
            loc: ["body", "persona_ids", asked.indexOf(u)],
            msg: "no such persona in this workspace",
            type: "value_error",
          })),
        },
      );
    }
    personaIds = [...new Set(asked)];
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
  return personaIds;
}

/** A new run's default name: what it optimizes, and the first 8 characters of its id. */
async function defaultName(ctx: WorkspaceCtx, target: Target, id: string): Promise<string> {
  const prompt = target.promptId
    ? await ctx.db.prompt.findUnique({ where: { id: target.promptId }, select: { name: true } })
    : null;
  const what = prompt
    ? prompt.name
    : target.capabilityName
      ? `${target.capabilityName} · ${target.agentName}`
      : target.agentName
        ? `${target.agentName} · draft`
        : "run";
  return `${what} · ${id.slice(0, 8)}`;
}

/** Wakes this process's worker for a built-in job, once its transaction committed. */
const poked = (job: Job): Job => {
  if (job.executor === "builtin") pokeWorker();
  return job;
};

export async function createJob(
  ctx: WorkspaceCtx,
  input: CreateJobInput,
  opts: { isDemo?: boolean } = {},
): Promise<Job> {
  const executor = await chooseExecutor(ctx, input.executor);
  const target = await targetOf(ctx, input);
  const personaIds = await personasOf(ctx, input.persona_ids);
  const id = randomUUID();
  const name = input.name ?? (await defaultName(ctx, target, id));
  const job = await ctx.db.$transaction(async (tx) => {
    const job = await tx.optimizationJob.create({
      data: {
        id,
        name,
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
        maxTurns: input.max_turns,
        status: "queued",
        stage: "queued",
        progressTotal:
          (input.variant_count + 1) * personaIds.length * SCENARIOS_PER_PERSONA[input.mode],
        isDemo: opts.isDemo ?? false,
        createdById: ctx.actor.userId,
      },
    });
    await recordJobEvent(tx, placeOf(ctx), job.id, "optimization.create", {
      name,
      target_kind: job.targetKind,
      prompt_id: job.promptId,
      capability: job.capabilityName,
      version: job.capabilityVersion,
      agent: job.agentName,
      mode: job.mode,
      variant_count: job.variantCount,
      executor,
    });
    return parseJob(job);
  });
  return poked(job);
}

/** A retry's name: the original's, its short id replaced by the retry's (a custom name is kept whole). */
const retryBase = (name: string) => name.replace(/ · [0-9a-f]{8}$/, "");

/** A new job with the same target and settings as a failed or stopped one. */
export async function retryJob(ctx: WorkspaceCtx, id: string): Promise<Job> {
  const copy = await ctx.db.$transaction(async (tx) => {
    const job = await getJob(ctx, id, tx);
    if (job.status !== "failed" && job.status !== "stopped")
      throw new ApiError(
        "conflict",
        `Only a failed or stopped job can be retried; this one is ${job.status}`,
      );
    const rubric = (job.plan as { rubric?: string } | null)?.rubric;
    const copyId = randomUUID();
    const copy = await tx.optimizationJob.create({
      data: {
        id: copyId,
        name: `${retryBase(job.name)} · ${copyId.slice(0, 8)}`,
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
        plan: rubric ? { rubric } : undefined,
        status: "queued",
        stage: "queued",
        progressTotal: job.progressTotal,
        retryOfId: job.id,
        createdById: ctx.actor.userId,
      },
    });
    await recordJobEvent(tx, placeOf(ctx), copy.id, "optimization.retry", { retry_of: job.id });
    return parseJob(copy);
  });
  return poked(copy);
}
