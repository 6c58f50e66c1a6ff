// Reading an optimization job's cells: the scores and transcript of each simulated conversation,
// filtered by variant, persona or scenario, a page at a time (a run has hundreds to thousands).
import "server-only";
import type { z } from "zod";
import type { Prisma } from "@/lib/db/types";
import type { WorkspaceCtx } from "@/lib/api/context";
import type { jobCell } from "./cell-schemas";
import { getJob } from "./job/read";

type CellRow = Prisma.OptimizationCellGetPayload<object>;

export interface CellFilter {
  variant?: string;
  persona?: string;
  scenario?: string;
  page: number;
  limit: number;
}

export async function listJobCells(
  ctx: WorkspaceCtx,
  jobId: string,
  q: CellFilter,
): Promise<{ total: number; cells: CellRow[] }> {
  const job = await getJob(ctx, jobId);
  const where: Prisma.OptimizationCellWhereInput = {
    jobId: job.id,
    ...(q.variant ? { variantKey: q.variant } : {}),
    ...(q.persona ? { persona: q.persona } : {}),
    ...(q.scenario ? { scenario: q.scenario } : {}),
  };
  const [total, cells] = await Promise.all([
    ctx.db.optimizationCell.count({ where }),
    ctx.db.optimizationCell.findMany({
      where,
      orderBy: [{ persona: "asc" }, { scenario: "asc" }, { variantKey: "asc" }],
      skip: (q.page - 1) * q.limit,
      take: q.limit,
    }),
  ]);
  return { total, cells };
}

/** A transcript as stored, kept only if it has the reported shape. */
function transcriptOf(value: Prisma.JsonValue | null): { role: string; content: string }[] | null {
  if (!Array.isArray(value)) return null;
  return value.flatMap((t) =>
    t &&
    typeof t === "object" &&
    !Array.isArray(t) &&
    typeof t.role === "string" &&
    typeof t.content === "string"
      ? [{ role: t.role, content: t.content }]
      : [],
  );
}

export function toJobCell(c: CellRow): z.input<typeof jobCell> {
  return {
    id: c.id,
    variant: c.variantKey,
    persona: c.persona,
    scenario: c.scenario,
    metrics: { task_completion: c.taskCompletion, quality: c.quality, sentiment: c.sentiment },
    transcript: transcriptOf(c.transcript),
    held_out: c.heldOut,
    judge_note: c.judgeNote,
    created_at: c.createdAt.toISOString(),
  };
}
