"use client";
// A run's verdict: the line (said as a standing before the run completes), the variant it is
// decided on in words with its range, how close a run without a winner came, the held-out
// re-check, and the bar the verdict applies, without the methods' names (run-method.tsx has them).
import { METRIC_LABELS } from "@/lib/optimization/stats";
import {
  decidingVariant,
  effectWords,
  isLive,
  verdictLine,
  type Deciding,
} from "@/lib/optimization/view";
import type { Analysis, JobView, VariantView } from "./hooks";

/** "Variant B won: …" → "Variant B leads: …", "Original won: …" → "The original leads: …". */
function provisional(line: string): string {
  return line
    .replace(/^Original won:/, "The original leads:")
    .replace(/^(.+?) won:/, "$1 leads:")
    .replace(/^Inconclusive:/, "Inconclusive so far:");
}

/** "★ Variant B, the winner: likely better on task completion (between +2.0 and +9.3 points)." */
function DecidingLine({
  analysis,
  variants,
  deciding,
}: {
  analysis: Analysis;
  variants: VariantView[];
  deciding: Deciding;
}) {
  const c = analysis.variants
    .find((v) => v.variant === deciding.key)
    ?.comparisons.find((x) => x.metric === analysis.primary_metric);
  if (!c) return null;
  const name = variants.find((v) => v.key === deciding.key)?.name ?? deciding.key;
  return (
    <p className="mt-1 text-sm text-slate-800" data-testid="verdict-words">
      ★ {name}, {deciding.why}: {effectWords(c, analysis.verdict.threshold)} on{" "}
      {METRIC_LABELS[analysis.primary_metric]}.
    </p>
  );
}

export function Verdict({
  job,
  analysis,
  variants,
}: {
  job: JobView;
  analysis: Analysis;
  variants: VariantView[];
}) {
  const deciding = decidingVariant(analysis);
  const interim = job.status !== "completed";
  // Before the run completes nothing has won yet: the same line, said as a standing.
  const line = interim
    ? provisional(verdictLine(analysis, variants))
    : verdictLine(analysis, variants);
  const tone = interim
    ? "bg-slate-50 ring-slate-200"
    : analysis.verdict.kind === "winner"
      ? "bg-emerald-50 ring-emerald-200"
      : analysis.verdict.kind === "original_won"
        ? "bg-slate-50 ring-slate-200"
        : "bg-amber-50 ring-amber-200";
  return (
    <div className={`rounded-lg px-5 py-4 ring-1 ring-inset ${tone}`}>
      {interim ? (
        <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
          {isLive(job.status)
            ? `Interim, from the ${job.progress.done} cells reported so far; not a verdict`
            : `Partial, from the ${job.progress.done} cells reported before it ${job.status === "stopped" ? "stopped" : "failed"}; not a verdict`}
        </p>
      ) : null}
      <p className="text-lg font-semibold text-slate-900" data-testid="verdict">
        {line}
      </p>
      {deciding ? (
        <DecidingLine analysis={analysis} variants={variants} deciding={deciding} />
      ) : null}
      {analysis.holdout ? (
        <p className="mt-1 text-sm text-slate-700" data-testid="holdout">
          Held-out re-check of {analysis.holdout.variant}: {analysis.holdout.cells} paired cells on
          scenarios drawn separately
          {analysis.holdout.lift !== null
            ? `, ${analysis.holdout.lift >= 0 ? "+" : ""}${analysis.holdout.lift.toFixed(1)}%`
            : ""}
          {analysis.holdout.confidence !== null
            ? `, ${Math.floor(analysis.holdout.confidence * 100)}% confidence`
            : ""}
          : {analysis.holdout.confirmed ? "confirmed" : "not confirmed, so no winner"}.
        </p>
      ) : null}
      <p className="mt-1 text-xs text-slate-500">
        Decided on {METRIC_LABELS[analysis.primary_metric]} in {job.mode} mode: a winner must be
        likely better at {Math.round(analysis.verdict.threshold * 100)}% confidence and not likely
        worse on another metric. Ranges are 95%; how they were computed is under the results.
      </p>
    </div>
  );
}
