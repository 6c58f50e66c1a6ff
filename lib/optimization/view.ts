// How optimization results read to people: confidence bands, the verdict line with the variants'
// names, the best candidate of a run without a winner, and what each action may do now and why
// not. Pure functions shared by the pages (server and browser) and their unit tests.
import type { Analysis } from "./stats";
import { CONFIDENCE_THRESHOLDS, METRIC_LABELS } from "./stats";

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

/** One line on how close a run without a winner came, e.g. "Best: Variant C, +3.1% task completion at 62% confidence; a winner needs 95%." */
export function nearestMiss(
  analysis: Analysis,
  variants: NamedVariant[],
  mode: "exploratory" | "validation",
): string | null {
  if (analysis.verdict.kind === "winner") return null;
  const best = bestCandidate(analysis);
  if (!best) return null;
  const name = variants.find((v) => v.key === best.key)?.name ?? `Variant ${best.key}`;
  const gain =
    best.lift !== null ? formatLift(best.lift) : `${formatPoints(best.mean_diff)} points`;
  const at =
    best.confidence !== null
      ? ` at ${formatConfidence(best.confidence)} confidence`
      : " (too few cells to test)";
  return `Best candidate: ${name}, ${gain} ${METRIC_LABELS[analysis.primary_metric]}${at}; a winner needs ${formatConfidence(CONFIDENCE_THRESHOLDS[mode])} (${mode}) and no regression on another metric.`;
}

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
): string | null {
  if (!canWrite) return OPTIMIZATION_VIEWER_REASON;
  switch (action) {
    case "apply":
      if (job.target_kind === "capability_agent")
        return "This run optimized a capability agent: promote it into a new capability version instead.";
      if (job.status !== "completed")
        return `Only a completed run can be applied; this one is ${job.status}.`;
      return null;
    case "promote":
      if (job.target_kind !== "capability_agent")
        return job.target_kind === "agent_draft"
          ? "This run optimized an agent's draft: apply it to the draft instead."
          : "This run optimized a standalone prompt: apply it to the prompt instead.";
      if (job.status !== "completed")
        return `Only a completed run can be promoted; this one is ${job.status}.`;
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
