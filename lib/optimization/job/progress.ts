// A running job: an executor's progress reports (variants by key, cells by variant, persona and
// scenario, stage, log lines, usage, then `error` or `finished`), and a stop. A report is checked
// whole against the job's bounds (lib/optimization/bounds.ts) before anything of it is written.
import type { z } from "zod";
import type { Prisma } from "@/lib/db/types";
import type { Tx } from "@/lib/db/client";
import type { WorkspaceCtx } from "@/lib/api/context";
import { ApiError } from "@/lib/api/errors";
import {
  jobBounds,
  LOG_LINES_BASE,
  pastBound,
  transcriptBytes,
  type JobBounds,
} from "@/lib/optimization/bounds";
import type { jobStatus, progressBody } from "@/lib/optimization/schemas";
import { appendLog, logLength, placeOf, recordJobEvent, type JobAction } from "./journal";
import { getJob, parseJob, type Job } from "./read";
import { analyzeJob, cellsOf, completion, scoreSelect } from "./results";

export type ProgressInput = z.output<typeof progressBody>;
type ReportedVariant = NonNullable<ProgressInput["variants"]>[number];
type ReportedCell = NonNullable<ProgressInput["cells"]>[number];
type Metrics = ReportedCell["metrics"];
type Event = [JobAction, Record<string, unknown>];

const finished = (status: z.output<typeof jobStatus>) =>
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
    await recordJobEvent(tx, placeOf(ctx), job.id, "optimization.stop", {
      reason: reason ?? null,
      was: job.status,
    });
    return parseJob(await tx.optimizationJob.findUniqueOrThrow({ where: { id: job.id } }));
  });
}

type CellScores = {
  taskCompletion: number | null;
  quality: number | null;
  sentiment: number | null;
};
const cellKey = (v: string, p: string, s: string) => `${v}\u0000${p}\u0000${s}`;
const sameMetrics = (a: CellScores, m: Metrics) =>
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

/** Variants: new keys are kept to store; a repeated key must repeat what it said. */
async function checkVariants(tx: Tx, job: Job, reported: ReportedVariant[]) {
  const stored = await tx.optimizationVariant.findMany({ where: { jobId: job.id } });
  const byKey = new Map(stored.map((v) => [v.key, v]));
  const incoming = new Map<string, ReportedVariant>();
  for (const [i, v] of reported.entries()) {
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
  const all = [
    ...stored.map((v) => ({ key: v.key, isOriginal: v.isOriginal })),
    ...[...incoming.values()].map((v) => ({ key: v.key, isOriginal: v.is_original ?? false })),
  ];
  if (all.filter((v) => v.isOriginal).length > 1)
    throw new ApiError("validation", "Only one variant may be the original (is_original)", {
      errors: [{ loc: ["body", "variants"], msg: "more than one original", type: "value_error" }],
    });
  const candidates = all.filter((v) => !v.isOriginal).length;
  if (candidates > job.variantCount)
    throw new ApiError(
      "validation",
      `The job asked for ${job.variantCount} variant(s) besides the original; ${candidates} were reported`,
      { errors: [{ loc: ["body", "variants"], msg: "too many variants", type: "limit_exceeded" }] },
    );
  return { incoming, all };
}

/** Each cell names a reported variant and its transcript fits the job. */
function checkCellShapes(cells: ReportedCell[], keys: Set<string>, job: Job, bounds: JobBounds) {
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
}

/** The personas the job's cells would name with these, at most the job's. */
async function checkPersonas(tx: Tx, job: Job, named: string[], bounds: JobBounds) {
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
}

/** The stored cells these cells name, by key. */
async function storedScores(tx: Tx, job: Job, cells: ReportedCell[], named: string[]) {
  const have = new Map<string, CellScores>();
  // One query per slice of personas: SQLite takes at most 999 parameters in one statement.
  for (let i = 0; i < named.length; i += IN_SLICE) {
    const rows = await tx.optimizationCell.findMany({
      where: {
        jobId: job.id,
        variantKey: { in: [...new Set(cells.map((c) => c.variant))] },
        persona: { in: named.slice(i, i + IN_SLICE) },
      },
      select: scoreSelect,
    });
    for (const e of rows) have.set(cellKey(e.variantKey, e.persona, e.scenario), e);
  }
  return have;
}

/**
 * Cells: each (variant, persona, scenario) once; a repeat with the same scores is a no-op, other
 * scores a 409. Returns the cells to store, within the job's bounds.
 */
async function freshCells(tx: Tx, job: Job, cells: ReportedCell[], bounds: JobBounds) {
  const fresh = new Map<string, ReportedCell>();
  if (!cells.length) return fresh;
  const named = [...new Set(cells.map((c) => c.persona))];
  await checkPersonas(tx, job, named, bounds);
  const have = await storedScores(tx, job, cells, named);
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
            { loc: ["body", "cells", i], msg: "contradicts an earlier report", type: "conflict" },
          ],
        },
      );
    }
    if (!prev) fresh.set(k, c);
  }
  if (fresh.size) {
    const total = (await tx.optimizationCell.count({ where: { jobId: job.id } })) + fresh.size;
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
  return fresh;
}

/** The log the job would hold with these lines, at most its bound. */
async function checkLog(tx: Tx, job: Job, log: string[] | undefined, bounds: JobBounds) {
  if (!log?.length) return;
  const lines = (await logLength(tx, job.id)) + log.length;
  if (lines > bounds.logLines)
    throw pastBound(
      "log lines",
      bounds.logLines,
      lines,
      `${LOG_LINES_BASE} and two per cell the job may hold`,
      ["body", "log"],
    );
}

async function storeParts(
  tx: Tx,
  job: Job,
  variants: ReportedVariant[],
  cells: ReportedCell[],
  log: string[] | undefined,
) {
  if (variants.length) {
    await tx.optimizationVariant.createMany({
      data: variants.map((v) => ({
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
  if (cells.length) {
    await tx.optimizationCell.createMany({
      data: cells.map((c) => ({
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
  if (log?.length) await appendLog(tx, job.id, log);
}

/**
 * `finished: true`: the verdict from the job's cells, against the variant reported as the
 * original; a job without one scored cell fails instead (results.ts `completion`).
 */
async function finish(tx: Tx, job: Job, control: string | undefined, done: number, total: number) {
  if (!control)
    throw new ApiError(
      "validation",
      "Cannot finish: no variant was reported as the original (is_original: true)",
      { errors: [{ loc: ["body", "finished"], msg: "no control variant", type: "value_error" }] },
    );
  const analysis = analyzeJob(await cellsOf(tx, job.id), job, control);
  const result = await completion(tx, { id: job.id, progressTotal: total }, analysis);
  const event: Event = result.failure
    ? ["optimization.fail", { error: result.failure, cells: done }]
    : [
        "optimization.complete",
        { verdict: analysis.verdict.reason, winner: result.winnerKey, cells: done },
      ];
  return { data: result.data, event };
}

/** Checks the whole report, stores it, and returns the job's new fields and audit events. */
async function applyReport(tx: Tx, job: Job, input: ProgressInput, now: Date) {
  const events: Event[] = [];
  const data: Prisma.OptimizationJobUpdateInput = {};
  if (job.status === "queued") {
    data.status = "running";
    data.startedAt = now;
    events.push(["optimization.start", { stage: input.stage ?? null }]);
  }
  if (input.stage) data.stage = input.stage;
  const variants = await checkVariants(tx, job, input.variants ?? []);
  // Every bound is checked before anything is written (the transaction makes it whole anyway).
  const bounds = jobBounds(job);
  const cells = input.cells ?? [];
  checkCellShapes(cells, new Set(variants.all.map((v) => v.key)), job, bounds);
  const fresh = await freshCells(tx, job, cells, bounds);
  await checkLog(tx, job, input.log, bounds);
  await storeParts(tx, job, [...variants.incoming.values()], [...fresh.values()], input.log);
  if (input.usage)
    data.usage = { ...((job.usage as Record<string, number> | null) ?? {}), ...input.usage };
  const done = await tx.optimizationCell.count({ where: { jobId: job.id } });
  data.progressDone = done;
  const total = Math.max(job.progressTotal, done);
  data.progressTotal = total;
  if (input.error) {
    Object.assign(data, { status: "failed", stage: "failed", error: input.error, finishedAt: now });
    events.push(["optimization.fail", { error: input.error }]);
  } else if (input.finished) {
    const control = variants.all.find((v) => v.isOriginal)?.key;
    const result = await finish(tx, job, control, done, total);
    Object.assign(data, result.data, { finishedAt: now });
    events.push(result.event);
  }
  return { data, events };
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
        const { data, events } = await applyReport(tx, job, input, new Date());
        const updated = await tx.optimizationJob.update({ where: { id: job.id }, data });
        for (const [action, summary] of events)
          await recordJobEvent(tx, placeOf(ctx), job.id, action, summary);
        return parseJob(updated);
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
