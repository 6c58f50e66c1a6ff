// Reading an optimization job's cells: the scores and transcript of each simulated conversation,
// filtered by variant, persona or scenario, a page at a time (a run has hundreds to thousands).
import "server-only";
import type { z } from "zod";
import type { Prisma } from "@/lib/db/types";
import type { WorkspaceCtx } from "@/lib/api/context";
import type { jobCell, jobCellsQuery } from "./cell-schemas";
import { getJob } from "./job/read";

type CellRow = Prisma.OptimizationCellGetPayload<object>;

export type CellFilter = z.output<typeof jobCellsQuery>;
type CellSort = NonNullable<CellFilter["sort"]>;

const COLUMN = {
  persona: "persona",
  scenario: "scenario",
  variant: "variantKey",
  task_completion: "taskCompletion",
  quality: "quality",
  sentiment: "sentiment",
} as const;
const DEFAULT_ORDER: Prisma.OptimizationCellOrderByWithRelationInput[] = [
  { persona: "asc" },
  { scenario: "asc" },
  { variantKey: "asc" },
];

/** The order of a sort: its column (unscored cells last), then the default order, then the id. */
function orderOf(sort: CellSort | undefined): Prisma.OptimizationCellOrderByWithRelationInput[] {
  if (!sort) return [...DEFAULT_ORDER, { id: "asc" }];
  const desc = sort.startsWith("-");
  const column = COLUMN[(desc ? sort.slice(1) : sort) as keyof typeof COLUMN];
  const dir = desc ? "desc" : "asc";
  const first =
    column === "persona" || column === "scenario" || column === "variantKey"
      ? { [column]: dir }
      : { [column]: { sort: dir, nulls: "last" } };
  return [first, ...DEFAULT_ORDER.filter((o) => !(column in o)), { id: "asc" }];
}

/** The cells' filters, all in SQL: by variant, persona and scenario, and a score range on one metric. */
function cellsWhere(jobId: string, q: CellFilter): Prisma.OptimizationCellWhereInput {
  const scored = q.min_score !== undefined || q.max_score !== undefined;
  return {
    jobId,
    ...(q.variant ? { variantKey: q.variant } : {}),
    ...(q.persona ? { persona: q.persona } : {}),
    ...(q.scenario ? { scenario: q.scenario } : {}),
    ...(scored
      ? {
          [COLUMN[q.metric ?? "task_completion"]]: {
            ...(q.min_score !== undefined ? { gte: q.min_score } : {}),
            ...(q.max_score !== undefined ? { lte: q.max_score } : {}),
          },
        }
      : {}),
  };
}

export async function listJobCells(
  ctx: WorkspaceCtx,
  jobId: string,
  q: CellFilter,
): Promise<{ total: number; cells: CellRow[]; scenarios: string[] }> {
  const job = await getJob(ctx, jobId);
  const where = cellsWhere(job.id, q);
  const [total, cells, scenarios] = await Promise.all([
    ctx.db.optimizationCell.count({ where }),
    ctx.db.optimizationCell.findMany({
      where,
      orderBy: orderOf(q.sort),
      skip: (q.page - 1) * q.limit,
      take: q.limit,
    }),
    ctx.db.optimizationCell.findMany({
      where: { jobId: job.id },
      distinct: ["scenario"],
      select: { scenario: true },
      orderBy: { scenario: "asc" },
    }),
  ]);
  return { total, cells, scenarios: scenarios.map((s) => s.scenario) };
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
