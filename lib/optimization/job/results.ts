// A job's results: its cells in the shape of the statistics, their analysis, and the verdict
// writer that completes a job. Both executors finish through here: the external executor's
// `finished` report (progress.ts) and the built-in engine (lib/optimization/engine/pipeline.ts).
import type { z } from "zod";
import type { Prisma } from "@/lib/db/types";
import type { Db, Tx } from "@/lib/db/client";
import type { jobMode } from "@/lib/optimization/schemas";
import {
  analyze,
  primaryMetric,
  type Analysis,
  type Cell,
  type MetricKey,
} from "@/lib/optimization/stats";
import { NOTHING_SCORED_REASON } from "@/lib/optimization/view";

/** What the statistics need of a job: its mode (parsed) and its intent's target improvements. */
export interface AnalyzedJob {
  id: string;
  mode: z.output<typeof jobMode>;
  intent: Prisma.JsonValue;
}

const jobPrimaryMetric = (job: Pick<AnalyzedJob, "intent">): MetricKey =>
  primaryMetric((job.intent as { target_improvements?: string[] }).target_improvements);

/** The columns of a cell that the statistics read: where it was scored, and its three scores. */
export const scoreSelect = {
  variantKey: true,
  persona: true,
  scenario: true,
  taskCompletion: true,
  quality: true,
  sentiment: true,
} as const;

/** Whether any cell of the job's main pool has a score. */
export async function hasScoredCell(db: Tx | Db, jobId: string): Promise<boolean> {
  const scored = await db.optimizationCell.findFirst({
    where: {
      jobId,
      heldOut: false,
      OR: [
        { taskCompletion: { not: null } },
        { quality: { not: null } },
        { sentiment: { not: null } },
      ],
    },
    select: { id: true },
  });
  return scored !== null;
}

/** The job's cells in the shape of the statistics: the main pool, or the held-out one. */
export async function cellsOf(db: Tx | Db, jobId: string, heldOut = false): Promise<Cell[]> {
  const rows = await db.optimizationCell.findMany({
    where: { jobId, heldOut },
    select: scoreSelect,
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

/** The statistics of these cells of the job against its control variant, by the job's mode and intent. */
export const analyzeJob = (cells: Cell[], job: AnalyzedJob, control: string): Analysis =>
  analyze(cells, { control, mode: job.mode, primary: jobPrimaryMetric(job) });

/** Why a job that finished without a single scored cell failed (it has nothing to compare). */
const nothingScored = (planned: number) =>
  `${NOTHING_SCORED_REASON} (${planned} planned): there is nothing to compare, so no verdict.`;

export interface Completion {
  winnerKey: string | null;
  /** Set when the job failed instead of completing: no cell of its main pool was scored. */
  failure: string | null;
  data: Prisma.OptimizationJobUpdateManyMutationInput;
}

/**
 * What finishing a job with this analysis writes, for the caller to write with its own fields:
 * the winner variant marked and the verdict fields (status completed); or, when not one cell of
 * the main pool was scored, status failed with the reason (seeds/004 has no other status for it).
 */
export async function completion(
  tx: Tx,
  job: { id: string; progressTotal: number },
  analysis: Analysis,
): Promise<Completion> {
  const jobId = job.id;
  if (!analysis.scored_cells) {
    const failure = nothingScored(job.progressTotal);
    return {
      winnerKey: null,
      failure,
      data: { status: "failed", stage: "failed", error: failure, verdict: null },
    };
  }
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
    failure: null,
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
