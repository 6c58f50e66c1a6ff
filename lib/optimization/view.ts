// How optimization results read to people: confidence bands, the verdict line with the variants'
// names, each comparison in words ("likely better: between +2.1 and +9.3 points"), the order of
// the variants and the one the verdict is decided on, the best candidate of a run without a
// winner, and what each action may do now and why not. Pure functions shared by the pages (server
// and browser) and their unit tests.
import type { Analysis, MetricComparison } from "./stats";
import { METRIC_LABELS } from "./stats";

/** How the reason of a run that failed because it finished with no scored cell begins (job/results.ts). */
export const NOTHING_SCORED_REASON = "Finished without a single scored cell";

/** Why a viewer's controls are disabled in the optimization area (runs, prompts, personas). */
export const OPTIMIZATION_VIEWER_REASON =
  "Viewers can read optimization runs, prompts and personas but not change them. Ask an admin of this organization for the member role.";

export type ConfidenceBand = "high" | "medium" | "low";

/** High ≥ 95%, Medium 80–95%, Low < 80%; null when there is no confidence to band. */
export function confidenceBand(confidence: number | null | undefined): ConfidenceBand | null {
  if (confidence === null || confidence === undefined || !Number.isFinite(confidence)) return null;
  if (confidence >= 0.95) return "high";
  if (confidence >= 0.8) return "medium";
  return "low";
}

export const BAND_LABELS: Record<ConfidenceBand, string> = {
  high: "High",
  medium: "Medium",
  low: "Low",
};

/** "97%": floored like the verdict, so that 94.99% never reads as 95%. */
export function formatConfidence(confidence: number | null | undefined): string {
  if (confidence === null || confidence === undefined) return "—";
  return `${Math.floor(confidence * 100 + 1e-9)}%`;
}

/** "+18.4%", "−3.0%". */
export function formatLift(lift: number | null | undefined): string {
  if (lift === null || lift === undefined) return "—";
  return `${lift >= 0 ? "+" : "−"}${Math.abs(lift).toFixed(1)}%`;
}

/** "+4.2", "−1.0" points on the 0–100 scale. */
export function formatPoints(diff: number | null | undefined): string {
  if (diff === null || diff === undefined) return "—";
  return `${diff >= 0 ? "+" : "−"}${Math.abs(diff).toFixed(1)}`;
}

export interface NamedVariant {
  key: string;
  name: string;
}

/**
 * The verdict as one line, with the variants' names in place of their keys:
 * "Variant B won: +18.4% task completion, 97% confidence", "Inconclusive: Shorter replies regresses sentiment".
 */
export function verdictLine(analysis: Pick<Analysis, "verdict">, variants: NamedVariant[]): string {
  const { verdict } = analysis;
  const name = (key: string | null) =>
    variants.find((v) => v.key === key)?.name ?? (key ? `Variant ${key}` : "");
  if (verdict.code === "winner" && verdict.winner)
    return verdict.reason.replace(`Variant ${verdict.winner} won`, `${name(verdict.winner)} won`);
  if (verdict.code === "regression") {
    const m = /^Inconclusive: (\S+) regresses/.exec(verdict.reason);
    if (m)
      return verdict.reason.replace(
        `Inconclusive: ${m[1]} regresses`,
        `Inconclusive: ${name(m[1]!)} regresses`,
      );
  }
  return verdict.reason;
}

export interface BestCandidate {
  key: string;
  lift: number | null;
  mean_diff: number;
  confidence: number | null;
}

/** The candidate with the largest gain on the primary metric (for a run without a winner). */
export function bestCandidate(
  analysis: Pick<Analysis, "variants" | "control" | "primary_metric">,
): BestCandidate | null {
  let best: BestCandidate | null = null;
  for (const v of analysis.variants) {
    if (v.variant === analysis.control) continue;
    const c = v.comparisons.find((x) => x.metric === analysis.primary_metric);
    if (!c || c.n === 0) continue;
    if (!best || c.mean_diff > best.mean_diff)
      best = { key: v.variant, lift: c.lift, mean_diff: c.mean_diff, confidence: v.confidence };
  }
  return best;
}

// ——— Comparisons in words ————————————————————————————————————————————————————————————————

/** better / worse: the verdict's own rules; unclear: tested, neither; untested: too few cells. */
export type Tone = "better" | "worse" | "unclear" | "untested";

/**
 * How a comparison reads, by the verdict's rules: likely better when its Holm-adjusted confidence
 * reaches the run's threshold with a positive difference, likely worse when it regresses
 * (two-sided Holm p < 0.05, negative difference), no clear difference otherwise.
 */
export function comparisonTone(
  c: Pick<MetricComparison, "p_value_adjusted" | "mean_diff" | "regresses" | "n">,
  threshold: number,
): Tone {
  if (c.regresses) return "worse";
  if (c.p_value_adjusted === null || c.n === 0) return "untested";
  if (c.mean_diff > 0 && 1 - c.p_value_adjusted >= threshold) return "better";
  return "unclear";
}

export const TONE_WORDS: Record<Tone, string> = {
  better: "likely better",
  worse: "likely worse",
  unclear: "no clear difference",
  untested: "too few cells to tell",
};

/** A sign that does not rely on colour. */
export const TONE_ARROWS: Record<Tone, string> = {
  better: "▲",
  worse: "▼",
  unclear: "◆",
  untested: "○",
};

/**
 * Okabe–Ito's colour-blind-safe bluish green and vermillion (better, worse) and a neutral grey,
 * as chart fills; text uses the `ink` for contrast on the card (≥ 4.5:1). CSS variables with a
 * light and a dark value (app/globals.css), so they follow the theme.
 */
export const TONE_COLORS: Record<Tone, { fill: string; ink: string }> = {
  better: { fill: "var(--quiver-better)", ink: "var(--quiver-better-ink)" },
  worse: { fill: "var(--quiver-worse)", ink: "var(--quiver-worse-ink)" },
  unclear: { fill: "var(--quiver-unclear)", ink: "var(--quiver-unclear-ink)" },
  untested: { fill: "var(--quiver-untested)", ink: "var(--quiver-untested-ink)" },
};

/** "between +2.1 and +9.3 points" (the 95% interval of the difference), or why there is none. */
export function intervalWords(ci: { low: number; high: number } | null): string {
  if (!ci) return "no range yet (too few cells)";
  if (ci.low === ci.high) return `exactly ${formatPoints(ci.low)} points on every cell`;
  return `between ${formatPoints(ci.low)} and ${formatPoints(ci.high)} points`;
}

/** "likely better (between +2.1 and +9.3 points)". */
export function effectWords(c: MetricComparison, threshold: number): string {
  const tone = comparisonTone(c, threshold);
  if (tone === "untested" && !c.diff_ci) return TONE_WORDS.untested;
  return `${TONE_WORDS[tone]} (${intervalWords(c.diff_ci)})`;
}

// ——— Order and the deciding variant —————————————————————————————————————————————————————

const primaryOf = (analysis: Pick<Analysis, "variants" | "primary_metric">, key: string) =>
  analysis.variants
    .find((v) => v.variant === key)
    ?.comparisons.find((c) => c.metric === analysis.primary_metric);

/**
 * The candidates' keys by their effect on the primary metric, largest gain first; those without
 * paired cells last, then by key.
 */
export function byEffect(
  analysis: Pick<Analysis, "variants" | "primary_metric" | "control">,
  keys: string[],
): string[] {
  const effect = (k: string) => {
    const c = primaryOf(analysis, k);
    return c && c.n > 0 ? c.mean_diff : -Infinity;
  };
  return keys
    .filter((k) => k !== analysis.control)
    .sort((a, b) => effect(b) - effect(a) || (a < b ? -1 : a > b ? 1 : 0));
}

export interface Deciding {
  key: string;
  /** Why the verdict rests on this variant, for people. */
  why: string;
}

/**
 * The variant the verdict is decided on: the winner; else the one that did not hold up on the
 * held-out scenarios, or that met the bar but regresses another metric; else the best candidate.
 */
export function decidingVariant(analysis: Analysis): Deciding | null {
  const { verdict } = analysis;
  if (verdict.winner) return { key: verdict.winner, why: "the winner" };
  if (verdict.code === "not_confirmed" && analysis.holdout)
    return { key: analysis.holdout.variant, why: "won, but did not hold up on held-out scenarios" };
  if (verdict.code === "regression") {
    const m = /^Inconclusive: (\S+) regresses/.exec(verdict.reason);
    if (m)
      return {
        key: m[1]!,
        why: `met the bar but is worse on ${verdict.regressed_metrics.map((x) => METRIC_LABELS[x]).join(" and ")}`,
      };
  }
  const best = bestCandidate(analysis);
  if (!best) return null;
  return {
    key: best.key,
    why:
      verdict.kind === "original_won"
        ? "the best candidate, and still no better than the original"
        : "the best candidate, short of the bar",
  };
}

/** Cells with at least one score (older stored analyses: the cells reported). */
export function scoredCells(
  analysis: Pick<Analysis, "cells_per_variant" | "scored_cells">,
): number {
  return (
    analysis.scored_cells ?? Object.values(analysis.cells_per_variant).reduce((n, x) => n + x, 0)
  );
}

const NOTHING_SCORED = (what: string) =>
  `No cell of this run was scored, so it has no result to be ${what}.`;

export const isLive = (status: string) => status === "queued" || status === "running";

export interface ActionJob {
  status: string;
  target_kind: string;
  results: { winner_selected: boolean } | null;
  promoted_version_id: string | null;
}

/** Why an action is not allowed now (null: allowed). The server enforces the same rules. */
export function actionBlocked(
  action: "apply" | "promote" | "stop" | "retry",
  job: ActionJob,
  canWrite: boolean,
  /** Cells with a score, when known: a completed run with none has nothing to apply or promote. */
  scored?: number | null,
): string | null {
  if (!canWrite) return OPTIMIZATION_VIEWER_REASON;
  switch (action) {
    case "apply":
      if (job.target_kind === "capability_agent")
        return "This run optimized a capability agent: promote it into a new capability version instead.";
      if (job.status !== "completed")
        return `Only a completed run can be applied; this one is ${job.status}.`;
      if (scored === 0) return NOTHING_SCORED("applied");
      return null;
    case "promote":
      if (job.target_kind !== "capability_agent")
        return job.target_kind === "agent_draft"
          ? "This run optimized an agent's draft: apply it to the draft instead."
          : "This run optimized a standalone prompt: apply it to the prompt instead.";
      if (job.status !== "completed")
        return `Only a completed run can be promoted; this one is ${job.status}.`;
      if (scored === 0) return NOTHING_SCORED("promoted");
      if (!job.results?.winner_selected)
        return "The run found no winner, so there is nothing to promote.";
      if (job.promoted_version_id) return "This run was already promoted.";
      return null;
    case "stop":
      return isLive(job.status)
        ? null
        : `Only a queued or running run can be stopped; this one is ${job.status}.`;
    case "retry":
      return job.status === "failed" || job.status === "stopped"
        ? null
        : `Only a failed or stopped run can be retried; this one is ${job.status}.`;
  }
}
