// API shape of an optimization job's statistics (GET …/jobs/{job_id}/analysis): the Analysis that
// lib/optimization/stats.ts computes, or null while there is none yet (no control variant or no
// scored cells). The route returns stats' own type through this schema, so the two cannot drift.
import { z } from "zod";

const metricKey = z.enum(["task_completion", "quality", "sentiment"]);
const interval = z.object({ low: z.number(), high: z.number() });
const metricValues = z.object({
  task_completion: z.number().nullable(),
  quality: z.number().nullable(),
  sentiment: z.number().nullable(),
});

const metricComparison = z.object({
  metric: metricKey,
  n: z.number().int(),
  control_mean: z.number(),
  variant_mean: z.number(),
  mean_diff: z.number(),
  diff_ci: interval.nullable(),
  lift: z.number().nullable(),
  lift_ci: interval.nullable(),
  p_value: z.number().nullable(),
  method: z.enum(["t", "bootstrap", "none"]),
  regresses: z.boolean(),
  p_two_sided: z.number().nullable(),
  p_value_adjusted: z.number().nullable(),
  p_two_sided_adjusted: z.number().nullable(),
  skewness: z.number().nullable(),
  note: z.string().nullable(),
});

const variantResult = z.object({
  variant: z.string(),
  means: metricValues,
  per_persona: z.record(z.string(), metricValues),
  comparisons: z.array(metricComparison),
  confidence: z.number().nullable(),
  lift: z.number().nullable(),
});

const verdict = z.object({
  kind: z.enum(["winner", "original_won", "inconclusive"]),
  winner: z.string().nullable(),
  primary_metric: metricKey,
  reason: z
    .string()
    .meta({ description: "e.g. “Variant b won: +18.4% task completion, 97% confidence”" }),
  threshold: z.number().meta({ description: "0.95 validation, 0.80 exploratory" }),
  code: z.enum([
    "winner",
    "regression",
    "too_few_cells",
    "not_enough_difference",
    "no_improvement",
    "no_variants",
    "not_confirmed",
  ]),
  regressed_metrics: z.array(metricKey),
});

const holdoutCheck = z.object({
  variant: z.string(),
  cells: z.number().int(),
  lift: z.number().nullable(),
  confidence: z.number().nullable(),
  confirmed: z.boolean(),
  main_verdict: z.string(),
});

export const analysis = z
  .object({
    control: z.string(),
    primary_metric: metricKey,
    variants: z.array(variantResult),
    verdict,
    cells_per_variant: z.record(z.string(), z.number().int()),
    scored_cells: z
      .number()
      .int()
      .optional()
      .meta({ description: "Cells with at least one score (absent on runs analysed before it)" }),
    holdout: holdoutCheck.optional(),
  })
  .meta({
    id: "OptimizationAnalysis",
    description:
      "The statistics: paired differences with intervals per metric, per-persona means, the verdict",
  });

export const analysisResponse = z
  .object({
    analysis: analysis.nullable().meta({
      description: "null until the job has a control variant and scored cells",
    }),
  })
  .meta({ id: "OptimizationAnalysisResponse" });
