// Reading optimization jobs: one job (its mode and status parsed once, here), the list, the
// variants with their results, the log, and the statistics (stored once the job completed,
// computed from the cells so far while it runs).
import type { z } from "zod";
import type { Prisma } from "@/lib/db/types";
import type { Db, Tx } from "@/lib/db/client";
import type { WorkspaceCtx } from "@/lib/api/context";
import { ApiError } from "@/lib/api/errors";
import { byProvider } from "@/lib/db/provider";
import { jobMode, jobStatus, type jobListQuery, type jobVerdict } from "@/lib/optimization/schemas";
import { ORIGINAL_WON, type Analysis } from "@/lib/optimization/stats";
import { analyzeJob, cellsOf } from "./results";

type JobRow = Prisma.OptimizationJobGetPayload<object>;
type JobListQuery = z.output<typeof jobListQuery>;
type JobVerdict = z.output<typeof jobVerdict>;

/** A job as stored, with its mode and status parsed. */
export type Job = Omit<JobRow, "mode" | "status"> & {
  mode: z.output<typeof jobMode>;
  status: z.output<typeof jobStatus>;
};

export const parseJob = (row: JobRow): Job => ({
  ...row,
  mode: jobMode.parse(row.mode),
  status: jobStatus.parse(row.status),
});

const jobNotFound = (id: string) => new ApiError("not_found", `Optimization job '${id}' not found`);

export async function getJob(ctx: WorkspaceCtx, id: string, db: Tx | Db = ctx.db): Promise<Job> {
  const job = await db.optimizationJob.findFirst({ where: { id, workspaceId: ctx.workspace.id } });
  if (!job) throw jobNotFound(id);
  return parseJob(job);
}

/** Part of a text, ignoring case: SQLite's LIKE already does (ASCII), PostgreSQL is told to. */
const containing = (db: Db, text: string): Prisma.StringFilter =>
  byProvider(db, {
    sqlite: () => ({ contains: text }),
    postgresql: () => ({ contains: text, mode: "insensitive" as const }),
  });

// A verdict's reason starts with ORIGINAL_WON when the original won (stats.ts, decide()); a
// completed run without a winner that the original did not win was inconclusive.
const verdictWhere: Record<JobVerdict, Prisma.OptimizationJobWhereInput> = {
  winner: { status: "completed", winnerVariantId: { not: null } },
  original_won: {
    status: "completed",
    winnerVariantId: null,
    verdict: { startsWith: ORIGINAL_WON },
  },
  inconclusive: {
    status: "completed",
    winnerVariantId: null,
    NOT: { verdict: { startsWith: ORIGINAL_WON } },
  },
};

/** The list's filters, all in SQL (indexes by workspace with status, executor, archived). */
function listWhere(ctx: WorkspaceCtx, q: JobListQuery): Prisma.OptimizationJobWhereInput {
  const archived = q.archived ?? "exclude";
  const text = q.search ? containing(ctx.db, q.search) : null;
  return {
    workspaceId: ctx.workspace.id,
    ...(q.status ? { status: q.status } : {}),
    ...(q.target_kind ? { targetKind: q.target_kind } : {}),
    ...(q.prompt_id ? { promptId: q.prompt_id } : {}),
    ...(q.executor ? { executor: q.executor } : {}),
    ...(archived === "exclude" ? { archivedAt: null } : {}),
    ...(archived === "only" ? { archivedAt: { not: null } } : {}),
    AND: [
      q.verdict ? verdictWhere[q.verdict] : {},
      text
        ? {
            OR: [
              { name: text },
              { capabilityName: text },
              { agentName: text },
              { prompt: { name: text } },
            ],
          }
        : {},
    ],
  };
}

/** The list's orders; the id last, so that pages never overlap. */
const listOrder: Record<
  NonNullable<JobListQuery["sort"]>,
  Prisma.OptimizationJobOrderByWithRelationInput[]
> = {
  newest: [{ createdAt: "desc" }, { id: "desc" }],
  oldest: [{ createdAt: "asc" }, { id: "asc" }],
  name: [{ name: "asc" }, { createdAt: "desc" }, { id: "desc" }],
};

export async function listJobs(ctx: WorkspaceCtx, q: JobListQuery) {
  const where = listWhere(ctx, q);
  const [total, jobs] = await Promise.all([
    ctx.db.optimizationJob.count({ where }),
    ctx.db.optimizationJob.findMany({
      where,
      orderBy: listOrder[q.sort ?? "newest"],
      skip: (q.page - 1) * q.page_size,
      take: q.page_size,
    }),
  ]);
  return { total, jobs: jobs.map(parseJob) };
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
  return analyzeJob(cells, job, control.key);
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

/** The variant to apply or promote: the one named, else the winner. */
export async function chosenVariant(
  tx: Tx | Db,
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
