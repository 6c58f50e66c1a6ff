// API shapes of an optimization job's cells (one simulated conversation each: a variant, a
// persona, a scenario, its scores and its transcript), read page by page.
import { z } from "zod";
import { paginationMeta } from "@/lib/api/schemas";

const cellMetric = z.enum(["task_completion", "quality", "sentiment"]);
const cellColumns = ["persona", "scenario", "variant", ...cellMetric.options] as const;
const cellSort = z.enum([...cellColumns, ...cellColumns.map((c) => `-${c}` as const)]);
const score100 = z.coerce.number().min(0, "scores are 0–100").max(100, "scores are 0–100");

export const jobCellsQuery = z
  .object({
    variant: z
      .string()
      .trim()
      .min(1)
      .max(50)
      .optional()
      .meta({ description: "A variant key, e.g. `control` or `b`" }),
    persona: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .meta({ description: "A persona as the executor named it" }),
    scenario: z.string().trim().min(1).max(200).optional(),
    metric: cellMetric.optional().meta({
      description: "The metric `min_score` and `max_score` bound (default `task_completion`)",
    }),
    min_score: score100.optional(),
    max_score: score100.optional(),
    sort: cellSort.optional().meta({
      description:
        "Order by a column, `-` first for descending (default: persona, scenario, variant); unscored cells last",
    }),
    page: z.coerce.number().int().min(1).default(1),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .refine(
    (q) => q.min_score === undefined || q.max_score === undefined || q.min_score <= q.max_score,
    {
      path: ["max_score"],
      error: "must not be below min_score",
    },
  );

const score = z.number().nullable();

export const jobCell = z
  .object({
    id: z.string(),
    variant: z.string().meta({ description: "The variant's key" }),
    persona: z.string(),
    scenario: z.string(),
    metrics: z.object({ task_completion: score, quality: score, sentiment: score }),
    transcript: z
      .array(z.object({ role: z.string(), content: z.string() }))
      .nullable()
      .meta({
        description: "The conversation as the executor reported it; null when it sent none",
      }),
    held_out: z.boolean().meta({
      description:
        "Played on the held-out pool (validation re-check of the winner), outside the main statistics",
    }),
    judge_note: z
      .string()
      .nullable()
      .meta({ description: "The built-in judge's one-line reason for the scores" }),
    created_at: z.string(),
  })
  .meta({ id: "OptimizationCell" });

export const jobCellList = z
  .object({
    cells: z.array(jobCell),
    ...paginationMeta,
    scenarios: z
      .array(z.string())
      .optional()
      .meta({ description: "Every scenario of the job's cells, in order (for a filter)" }),
  })
  .meta({
    id: "OptimizationCellList",
    description: "Cells ordered by `sort`, else by persona, scenario and variant key",
  });
