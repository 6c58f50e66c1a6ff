// What a run can detect before it starts: the minimum detectable effect (MDE) of the paired
// comparison the statistics run (lib/optimization/stats.ts), in points on the 0–100 scale. Pure
// (no I/O, no server imports), so the new-run form computes it in the browser.
//
// Assumptions, each a choice a reader should know:
// • The test is the one the verdict reads: one-sided, paired by (persona, scenario), at the
//   mode's alpha = 1 − confidence threshold (exploratory 0.20, validation 0.05), divided by the
//   number of candidates (Bonferroni: the strictest step of Holm, which is what the best
//   candidate faces), at 80% power.
// • MDE = (t(1 − alpha/k, n − 1) + t(power, n − 1)) × SD / √n, with n the paired cells per
//   candidate (personas × scenarios). Student's t rather than the normal keeps it honest for the
//   small n of exploratory runs. Below 10 cells the statistics take the more conservative of a
//   bootstrap and the t, so there the true MDE is somewhat larger than this.
// • SD is the standard deviation of the paired differences (candidate − original on the same
//   persona and scenario). Nothing is measured before a run, so it is assumed: 15 points, a
//   judge's 0–100 scores of two prompts on the same conversation differing by about that much
//   (the demo's scripted scores differ by about 8.5; a caller may pass its own).
// • No test can give a one-sided p below 2^-n with n paired cells (the floor in stats.ts): when
//   2^-n > alpha/k no difference, however large, reaches the bar, and the MDE is null; so it is
//   below 3 cells, where there is no test at all.
import { studentTQuantile } from "./distributions";
import { CONFIDENCE_THRESHOLDS, type Mode } from "./stats";

/** The SD of paired differences assumed before a run has data, in points (see the header). */
export const ASSUMED_DIFF_SD = 15;
/** The power the detectable difference is quoted at. */
export const DETECTION_POWER = 0.8;
/** Below this many paired cells there is no test (stats.ts MIN_TEST_CELLS). */
const MIN_TEST_CELLS = 3;

export interface DetectableInput {
  /** Paired cells per candidate: personas × scenarios. */
  pairs: number;
  /** One-sided alpha of the verdict: 1 − the mode's confidence threshold. */
  alpha: number;
  /** Candidates compared with the original (the Holm family); at least 1. */
  candidates: number;
  /** SD of the paired differences in points; default ASSUMED_DIFF_SD. */
  sd?: number;
  /** Default DETECTION_POWER. */
  power?: number;
}

/**
 * The smallest true difference (points) the run detects with the given power, or null when the
 * run is too small to reach its bar at all (see the header).
 */
export function detectableDifference(input: DetectableInput): number | null {
  const { pairs: n, alpha } = input;
  const k = Math.max(1, Math.floor(input.candidates));
  const sd = input.sd ?? ASSUMED_DIFF_SD;
  const power = input.power ?? DETECTION_POWER;
  if (!Number.isFinite(n) || n < MIN_TEST_CELLS || !(alpha > 0 && alpha < 1)) return null;
  if (!(sd >= 0) || !(power > 0 && power < 1)) return null;
  const level = alpha / k;
  if (Math.pow(0.5, Math.floor(n)) > level) return null;
  const df = Math.floor(n) - 1;
  const t = studentTQuantile(1 - level, df) + studentTQuantile(power, df);
  return (t * sd) / Math.sqrt(Math.floor(n));
}

/** A run's plan as the detectable difference needs it (the form before a start, the run page after). */
export interface RunPlan {
  personas: number;
  /** Scenarios per persona (SCENARIOS_PER_PERSONA of the mode). */
  scenarios: number;
  mode: Mode;
  /** Candidates besides the original. */
  candidates: number;
}

/** The detectable difference of a planned run, at its mode's bar (see the header). */
const detectableForPlan = (plan: RunPlan): number | null =>
  detectableDifference({
    pairs: plan.personas * plan.scenarios,
    alpha: 1 - CONFIDENCE_THRESHOLDS[plan.mode],
    candidates: plan.candidates,
  });

/**
 * "With 5 personas × 8 scenarios this run can detect a difference of about 7.5 points", or why it
 * cannot detect any.
 */
export function detectableSentence(plan: RunPlan, tense: "can" | "could" = "can"): string {
  const size = `${plan.personas} ${plan.personas === 1 ? "persona" : "personas"} × ${plan.scenarios} ${plan.scenarios === 1 ? "scenario" : "scenarios"}`;
  const mde = detectableForPlan(plan);
  if (mde === null)
    return `With ${size} this run is too small to tell any difference apart at its ${Math.round(CONFIDENCE_THRESHOLDS[plan.mode] * 100)}% bar: add personas.`;
  return `With ${size} this run ${tense} detect a difference of about ${mde.toFixed(1)} points (0–100 scale) on the primary metric.`;
}
