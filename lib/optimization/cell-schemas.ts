// API shapes of an optimization job's cells (one simulated conversation each: a variant, a
// persona, a scenario, its scores and its transcript), read page by page.
import { z } from "zod";
import { paginationMeta } from "@/lib/api/schemas";

export const jobCellsQuery = z.object({
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
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

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

export const jobCellList = z.object({ cells: z.array(jobCell), ...paginationMeta }).meta({
  id: "OptimizationCellList",
  description: "Cells ordered by persona, scenario and variant key",
});
