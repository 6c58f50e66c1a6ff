// Prompts, personas, jobs and variants in the shapes of both surfaces: canonical (snake_case) and
// seeds/004 (camelCase).
import type { z } from "zod";
import type { Prisma } from "@/lib/db/types";
import type {
  job as jobSchema,
  persona as personaSchema,
  prompt as promptSchema,
  promptVersion as promptVersionSchema,
  variant as variantSchema,
} from "./schemas";
import { promptStatus } from "./schemas";
import type { Job, jobVariants } from "./job/read";
import type { StoredPrompt } from "./prompts";

type PromptVersionRow = Prisma.PromptVersionGetPayload<object>;
type PersonaRow = Prisma.PersonaGetPayload<object>;
type VariantRow = Awaited<ReturnType<typeof jobVariants>>["variants"][number];

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toPromptVersion(v: PromptVersionRow): z.input<typeof promptVersionSchema> {
  return {
    id: v.id,
    number: v.number,
    content: v.content,
    note: v.note,
    source: v.source as Record<string, unknown>,
    created_at: v.createdAt.toISOString(),
  };
}

export function toPrompt(p: StoredPrompt): z.input<typeof promptSchema> {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    tags: p.tags as string[],
    status: p.status as z.input<typeof promptSchema>["status"],
    active_version: p.active ? toPromptVersion(p.active) : null,
    version_count: p._count.versions,
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}

export function toPersona(p: PersonaRow): z.input<typeof personaSchema> {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    goals: p.goals as string[],
    traits: p.traits as string[],
    difficulty: p.difficulty as z.input<typeof personaSchema>["difficulty"],
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}

export function toJob(j: Job): z.input<typeof jobSchema> {
  const intent = j.intent as { target_improvements?: string[]; hypothesis?: string | null };
  return {
    id: j.id,
    name: j.name,
    archived_at: iso(j.archivedAt),
    status: j.status,
    target_kind: j.targetKind as z.input<typeof jobSchema>["target_kind"],
    prompt_id: j.promptId,
    capability_ref:
      j.capabilityName && j.capabilityVersion
        ? { name: j.capabilityName, version: j.capabilityVersion }
        : null,
    agent_name: j.agentName,
    agent_id: j.agentId,
    original_content: j.originalContent,
    mode: j.mode,
    variant_count: j.variantCount,
    intent: {
      target_improvements: intent.target_improvements ?? [],
      hypothesis: intent.hypothesis ?? null,
    },
    persona_ids: j.personaIds as string[],
    executor: j.executor as z.input<typeof jobSchema>["executor"],
    max_turns: j.maxTurns,
    attempts: j.attempts,
    stage: j.stage,
    progress: { done: j.progressDone, total: j.progressTotal },
    results:
      j.status === "completed"
        ? {
            winner_selected: j.winnerVariantId !== null,
            winning_variant_id: j.winnerVariantId,
            lift: j.lift,
            confidence: j.confidence,
            verdict: j.verdict ?? "",
          }
        : null,
    error: j.error,
    stop_reason: j.stopReason,
    usage: (j.usage as Record<string, number> | null) ?? null,
    applied_variant_id: j.appliedVariantId,
    promoted_version_id: j.promotedVersionId,
    retry_of: j.retryOfId,
    is_demo: j.isDemo,
    created_by: j.createdById,
    created_at: j.createdAt.toISOString(),
    updated_at: j.updatedAt.toISOString(),
    started_at: iso(j.startedAt),
    finished_at: iso(j.finishedAt),
  };
}

export function toVariant(v: VariantRow): z.input<typeof variantSchema> {
  const means = v.result?.means;
  return {
    id: v.id,
    key: v.key,
    name: v.name,
    content: v.content,
    is_original: v.isOriginal,
    is_winner: v.isWinner,
    strategy: v.strategy,
    rationale: v.rationale,
    cells: v.cells,
    metrics: {
      task_completion: means?.task_completion ?? null,
      quality: means?.quality ?? null,
      sentiment: means?.sentiment ?? null,
    },
    lift: v.isOriginal ? null : (v.result?.lift ?? null),
    confidence: v.isOriginal ? null : (v.result?.confidence ?? null),
  };
}

// ---- seeds/004 (camelCase) ------------------------------------------------------------------------

/** The seed's rounding: lift to one decimal, confidence to two, metrics to whole points. */
const round = (n: number | null | undefined, digits: number) =>
  n === null || n === undefined ? null : Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * The seed types winningVariantId, lift and confidence as string and numbers, never null: a run
 * that completed without a winner has none of them, so they are left out (winnerSelected: false).
 */
function compatResults(j: Job) {
  const lift = round(j.lift, 1);
  const confidence = round(j.confidence, 2);
  return {
    winnerSelected: j.winnerVariantId !== null,
    ...(j.winnerVariantId !== null ? { winningVariantId: j.winnerVariantId } : {}),
    ...(lift !== null ? { lift } : {}),
    ...(confidence !== null ? { confidence } : {}),
  };
}

/** A prompt run in the seed's shape; the surface serves prompt runs only (promptId is a string). */
export function toCompatJob(j: Job) {
  return {
    id: j.id,
    promptId: j.promptId ?? "",
    status: j.status,
    mode: j.mode,
    variantCount: j.variantCount,
    ...(j.status === "completed" ? { results: compatResults(j) } : {}),
    createdAt: j.createdAt.toISOString(),
    ...(j.finishedAt && j.status === "completed"
      ? { completedAt: j.finishedAt.toISOString() }
      : {}),
  };
}

export function toCompatVariant(v: VariantRow) {
  const means = v.result?.means;
  return {
    id: v.id,
    name: v.name,
    isOriginal: v.isOriginal,
    content: v.content,
    metrics: {
      taskCompletion: round(means?.task_completion, 0),
      sentiment: round(means?.sentiment, 0),
      quality: round(means?.quality, 0),
    },
    ...(v.isOriginal ? {} : { lift: round(v.result?.lift, 1), isWinner: v.isWinner }),
  };
}

export function toCompatPrompt(p: StoredPrompt) {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    tags: p.tags as string[],
    status: promptStatus.parse(p.status),
    content: p.active?.content ?? null,
    version: p.active?.number ?? null,
    activeVersionId: p.activeVersionId,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
