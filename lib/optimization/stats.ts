// Statistics for optimization runs: variants against the control, compared paired on the cells
// (persona × scenario) both were scored on, with confidence intervals, one-sided p-values
// corrected for the number of variants (Holm), and a verdict. Pure functions, no I/O.
//
// Decisions (each one is also noted where it is implemented):
//
// • Pairing. A cell is identified by (persona, scenario). Cells scored for only one side are
//   ignored by the comparisons (they still count in a variant's own `means` / `per_persona` /
//   `cells_per_variant`). Several cells with the same (variant, persona, scenario), e.g. repeats,
//   are averaged into one before pairing, so a repeated cell does not count as extra evidence.
//   A metric missing (or not a finite number) on either side drops that cell for that metric
//   only; `n` is the number of cells paired for that metric.
// • Minimum. With fewer than 3 paired cells there is no test (p = null, "too few cells"); with 2
//   a t-interval (df = 1, very wide) is still reported, with 1 or 0 none.
// • t or bootstrap. The paired t-test is the default. A paired bootstrap (percentile, 10,000
//   resamples of the cells, seeded) is used when cells are few (n < 10) or the differences are
//   skewed (|sample skewness| > 1) with n < 100. The percentile bootstrap is anti-conservative
//   for small n (it under-covers), and the t-test leans on normality that few or skewed cells
//   cannot support, so when the bootstrap is used the reported result is the more conservative
//   of the two: the union of both intervals and the larger p-value. From 100 cells on, the t is
//   used whatever the skew (the CLT makes it adequate, and it keeps large runs fast).
// • Floor on p. With k non-zero paired differences, no test that only assumes the differences
//   are symmetric around 0 under the null (the exact sign-flip randomization test) can give a
//   one-sided p below 2^-k; a parametric test claiming more relies on a normality that so few
//   cells cannot check. So p ≥ 2^-k (two-sided ≥ 2^(1-k)). It matters only for small n: 3 cells
//   all better can never be more than 87.5% "confident"; beyond 20 cells the floor is < 1e-6.
// • Zero variance. All differences 0 (all ties): mean 0, interval [0, 0], one-sided p = 0.5
//   (no evidence either way, confidence 0.5), two-sided p = 1. All differences equal to d ≠ 0:
//   the t statistic is infinite, so the p-value is exactly the floor above, 2^-n, i.e. the
//   exact sign test (3 cells: 0.125, 5: 0.031, 10: 0.001); the interval is [d, d], which is
//   all the data shows. Ties (some differences 0) are kept in the t-test and bootstrap: they
//   are evidence of no difference, dropping them (as the Wilcoxon convention does) would
//   inflate the effect; they only reduce k in the floor, since a zero cannot be sign-flipped.
// • Lift. lift = mean_diff / |control mean| × 100, where both means are over the paired cells
//   (so variant_mean − control_mean = mean_diff exactly). Its interval is the difference's
//   interval divided by the same |control mean|: the control mean is treated as fixed, which
//   ignores its own sampling error (slightly too narrow for very few cells) but always agrees in
//   sign with the difference's interval and the test. A control mean of 0 (|mean| < 1e-9) gives
//   lift = null and lift_ci = null: a relative change from 0 is undefined, read mean_diff.
// • Holm. For each metric, the one-sided p-values of the variants that could be tested form a
//   family and are Holm-adjusted (a variant with too few cells is not a test and does not count).
//   `confidence` = 1 − Holm-adjusted one-sided p on the primary metric. It is the frequentist
//   1 − p, not a posterior probability. `regresses` = two-sided Holm-adjusted p < 0.05 and
//   mean_diff < 0 (the same 95% in both modes).
// • Verdict. Threshold: 0.95 (validation) or 0.80 (exploratory) on the primary metric (the
//   intent's first recognised target, else task completion). A variant qualifies when its
//   confidence ≥ threshold and no other metric regresses. Among several qualifying variants the
//   one with the largest mean difference on the primary wins (all beat the control; none is
//   shown to beat the others). Otherwise, in this order:
//     1. a variant met the threshold but regresses another metric → "Inconclusive: b regresses sentiment";
//     2. no variant could be tested on the primary → "Inconclusive: too few cells";
//     3. some tested variant has a positive mean difference → "Inconclusive: not enough difference";
//     4. some variant could not be tested (it might be better) → "Inconclusive: too few cells";
//     5. every variant's mean difference is ≤ 0 (all ties included) → "Original won: no variant improves …".
//   A variant significantly worse on the primary never wins and never, on its own, makes the
//   result inconclusive: "Original won" unless another variant is better or untested.
// • Cost. Grouping the cells dominates (dense typed arrays, no per-cell key strings); the tests
//   are O(n) per comparison, except the bootstrap, used only below 100 cells (≤ 10^6 draws).
import { hashString, mulberry32, studentTCdf, studentTQuantile } from "./distributions";

export { studentTCdf, studentTQuantile } from "./distributions";

export type MetricKey = "task_completion" | "quality" | "sentiment";
export const METRICS: MetricKey[] = ["task_completion", "quality", "sentiment"];
export const METRIC_LABELS: Record<MetricKey, string> = {
  task_completion: "task completion",
  quality: "quality",
  sentiment: "sentiment",
};

export interface Cell {
  variant: string;
  persona: string;
  scenario: string;
  metrics: Partial<Record<MetricKey, number>>;
}
interface Interval {
  low: number;
  high: number;
}

export interface MetricComparison {
  metric: MetricKey;
  /** Paired cells with this metric on both sides. */
  n: number;
  /** Means over the paired cells (0 when n = 0: read n first). */
  control_mean: number;
  variant_mean: number;
  mean_diff: number;
  /** 95% interval of the mean difference; null when n < 2. */
  diff_ci: Interval | null;
  /** % of the control mean; null when the control mean is 0 or n = 0. */
  lift: number | null;
  lift_ci: Interval | null;
  /** One-sided p, H1: variant > control, not adjusted; null when n < 3. */
  p_value: number | null;
  method: "t" | "bootstrap" | "none";
  /** Significantly worse: two-sided Holm-adjusted p < 0.05 (across variants) and mean_diff < 0. */
  regresses: boolean;
  /** Two-sided p (H1: variant ≠ control), not adjusted. */
  p_two_sided: number | null;
  /** Holm-adjusted (across variants, this metric) one-sided and two-sided p-values. */
  p_value_adjusted: number | null;
  p_two_sided_adjusted: number | null;
  /** Sample skewness of the paired differences (0 when they have no spread; null when n < 3). */
  skewness: number | null;
  /** Why the numbers are what they are, for people: too few cells, zero variance, bootstrap… */
  note: string | null;
}

export interface VariantResult {
  variant: string;
  /** The variant's own mean per metric over all its cells (paired or not). */
  means: Record<MetricKey, number | null>;
  per_persona: Record<string, Record<MetricKey, number | null>>;
  /** vs control, one per metric (empty for the control itself). */
  comparisons: MetricComparison[];
  /** Holm-adjusted 1 − p on the primary metric (null for the control or when not testable). */
  confidence: number | null;
  /** Lift on the primary metric. */
  lift: number | null;
}

type VerdictKind = "winner" | "original_won" | "inconclusive";
type VerdictCode =
  | "winner"
  | "regression"
  | "too_few_cells"
  | "not_enough_difference"
  | "no_improvement"
  | "no_variants"
  | "not_confirmed";
export interface Verdict {
  kind: VerdictKind;
  winner: string | null;
  primary_metric: MetricKey;
  /** e.g. "Variant b won: +18.4% task completion, 97% confidence", "Inconclusive: too few cells". */
  reason: string;
  /** 0.95 validation, 0.80 exploratory. */
  threshold: number;
  /** Machine-readable reason. */
  code: VerdictCode;
  /** With "regression": the blocked variant and the metrics it regresses. */
  regressed_metrics: MetricKey[];
}

/** Validation mode: the candidate winner re-checked on scenarios drawn separately (held out). */
interface HoldoutCheck {
  variant: string;
  /** Paired cells of the held-out pool (per variant). */
  cells: number;
  lift: number | null;
  confidence: number | null;
  confirmed: boolean;
  /** The main pool's verdict before the re-check. */
  main_verdict: string;
}
export interface Analysis {
  control: string;
  primary_metric: MetricKey;
  variants: VariantResult[];
  verdict: Verdict;
  cells_per_variant: Record<string, number>;
  /** Cells (all variants) with at least one score; absent from analyses stored before it was added. */
  scored_cells?: number;
  holdout?: HoldoutCheck;
}

export type Mode = "exploratory" | "validation";
export const CONFIDENCE_THRESHOLDS: Record<Mode, number> = { validation: 0.95, exploratory: 0.8 };

/** Below this many paired cells, no test. */
const MIN_TEST_CELLS = 3;
/** Below this many paired cells, the bootstrap is used (with the t as a conservative envelope). */
const BOOTSTRAP_BELOW_CELLS = 10;
/** |skewness| above this, with fewer than SKEWED_BOOTSTRAP_MAX_CELLS cells, uses the bootstrap. */
const SKEWNESS_LIMIT = 1;
const SKEWED_BOOTSTRAP_MAX_CELLS = 100;
const BOOTSTRAP_ITERATIONS = 10_000;
const DEFAULT_BOOTSTRAP_SEED = 0x5eed;
/** Two-sided significance for regressions. */
const REGRESSION_ALPHA = 0.05;
const CONFIDENCE_LEVEL = 0.95;
const ZERO_MEAN_EPSILON = 1e-9;

// ——— Primary metric ———————————————————————————————————————————————————————————————————————

const METRIC_PATTERNS: [MetricKey, RegExp][] = [
  [
    "task_completion",
    /\b(task|completion|complete[sd]?|completing|success|succeed|resolution|resolve[sd]?|solved?)\b/,
  ],
  [
    "sentiment",
    /\b(sentiment|tone|satisfaction|satisfied|empathy|empathetic|friendl(y|iness)|polite(ness)?|warmth|mood)\b/,
  ],
  [
    "quality",
    /\b(quality|clarity|clear(er|ness)?|accuracy|accurate|correct(ness)?|helpful(ness)?|precision|concise(ness)?|relevance)\b/,
  ],
];

/** The metric a free-text target names, or null when it names none. */
export function metricFromText(text: string): MetricKey | null {
  const normalized = text
    .toLowerCase()
    .replace(/[-_\s]+/g, " ")
    .trim();
  for (const [metric, pattern] of METRIC_PATTERNS) if (pattern.test(normalized)) return metric;
  return null;
}

/**
 * The primary metric of an intent: its first target that names a metric ("Task-Completion",
 * "clarity" → quality, "tone" → sentiment); unrecognised targets are skipped; default task_completion.
 */
export function primaryMetric(targetImprovements: string[] | undefined): MetricKey {
  for (const target of targetImprovements ?? []) {
    const metric = metricFromText(target);
    if (metric) return metric;
  }
  return "task_completion";
}

// ——— Building blocks ————————————————————————————————————————————————————————————————————

/** Arithmetic mean; NaN for an empty list. */
export function mean(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += xs[i]!;
  return sum / n;
}

/** Sample variance (n − 1 denominator, two-pass); NaN with fewer than 2 values. */
export function variance(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 2) return NaN;
  const m = mean(xs);
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i]! - m;
    ss += d * d;
  }
  return ss / (n - 1);
}

/** Sample skewness g1 = m3 / m2^1.5 (biased moments); 0 when there is no spread, NaN when empty. */
export function skewness(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n === 0) return NaN;
  const m = mean(xs);
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i]! - m;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= n;
  m3 /= n;
  return m2 > 0 ? m3 / Math.pow(m2, 1.5) : 0;
}

export interface PairedTResult {
  n: number;
  mean: number;
  sd: number;
  se: number;
  /** ±Infinity when all differences are equal and non-zero; null when undefined (n < 2, or all 0). */
  t: number | null;
  df: number;
  ci: Interval | null;
  pOneSidedGreater: number | null;
  pTwoSided: number | null;
}

/**
 * The paired t-test on differences (variant − control): mean, t = mean / (sd/√n), df = n − 1,
 * the `level` interval mean ± t_{(1+level)/2, df}·se, and p-values. n < 2: no interval, no p.
 * All differences equal: sd = 0, interval [d, d], p = 0 / 1 (d > 0 / d < 0) or 0.5 (all 0);
 * the textbook limit, which `analyze` then floors (see the header).
 */
export function pairedT(diffs: ArrayLike<number>, level = CONFIDENCE_LEVEL): PairedTResult {
  return tTest(summarize(diffs), level);
}

/** What the tests need from the differences, in two passes (it matters on a first, unoptimized call). */
interface Summary {
  n: number;
  mean: number;
  /** Sample variance (n − 1); NaN when n < 2. */
  variance: number;
  /** Sample skewness g1; 0 with no spread, NaN when empty. */
  skewness: number;
  nonZero: number;
  allEqual: boolean;
  first: number;
}

function summarize(xs: ArrayLike<number>): Summary {
  const n = xs.length;
  const first = n > 0 ? xs[0]! : NaN;
  let sum = 0;
  let nonZero = 0;
  let equal = true;
  for (let i = 0; i < n; i++) {
    const x = xs[i]!;
    sum += x;
    if (x !== 0) nonZero++;
    if (x !== first) equal = false;
  }
  const m = n > 0 ? sum / n : NaN;
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i]! - m;
    m2 += d * d;
    m3 += d * d * d;
  }
  const skew = n === 0 ? NaN : m2 > 0 ? m3 / n / Math.pow(m2 / n, 1.5) : 0;
  return {
    n,
    mean: m,
    variance: n < 2 ? NaN : m2 / (n - 1),
    skewness: skew,
    nonZero,
    allEqual: equal,
    first,
  };
}

function tTest(s: Summary, level: number): PairedTResult {
  const { n, mean: m } = s;
  if (n < 2)
    return {
      n,
      mean: m,
      sd: NaN,
      se: NaN,
      t: null,
      df: Math.max(0, n - 1),
      ci: null,
      pOneSidedGreater: null,
      pTwoSided: null,
    };
  const df = n - 1;
  if (s.allEqual) {
    const d = s.first;
    return {
      n,
      mean: d,
      sd: 0,
      se: 0,
      df,
      t: d === 0 ? null : d > 0 ? Infinity : -Infinity,
      ci: { low: d, high: d },
      pOneSidedGreater: d > 0 ? 0 : d < 0 ? 1 : 0.5,
      pTwoSided: d === 0 ? 1 : 0,
    };
  }
  const sd = Math.sqrt(s.variance);
  const se = sd / Math.sqrt(n);
  const t = m / se;
  const q = studentTQuantile(1 - (1 - level) / 2, df);
  return {
    n,
    mean: m,
    sd,
    se,
    t,
    df,
    ci: { low: m - q * se, high: m + q * se },
    pOneSidedGreater: studentTCdf(-t, df),
    pTwoSided: Math.min(1, 2 * studentTCdf(-Math.abs(t), df)),
  };
}

export interface PairedBootstrapResult {
  iterations: number;
  ci: Interval | null;
  pOneSidedGreater: number | null;
  pOneSidedLess: number | null;
  pTwoSided: number | null;
}

/** Linear-interpolation quantile (type 7) of sorted values. */
function sortedQuantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Paired bootstrap of the mean difference: `iterations` resamples of the cells with replacement
 * (mulberry32 seeded with `seed`, so the same input and seed give the same result), a percentile
 * interval, and p-values read off the same distribution (the share of resampled means ≤ 0, ties
 * at 0 counted half, with the (count + 1)/(B + 1) correction so p is never 0).
 */
export function pairedBootstrap(
  diffs: ArrayLike<number>,
  seed: number,
  iterations = BOOTSTRAP_ITERATIONS,
  level = CONFIDENCE_LEVEL,
): PairedBootstrapResult {
  const n = diffs.length;
  const b = Math.max(1, Math.floor(iterations));
  if (n === 0)
    return {
      iterations: b,
      ci: null,
      pOneSidedGreater: null,
      pOneSidedLess: null,
      pTwoSided: null,
    };
  const values = Float64Array.from(diffs as ArrayLike<number>);
  const random = mulberry32(seed);
  const means = new Float64Array(b);
  for (let i = 0; i < b; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += values[(random() * n) | 0]!;
    means[i] = sum / n;
  }
  means.sort();
  let below = 0;
  let zero = 0;
  let above = 0;
  for (let i = 0; i < b; i++) {
    const x = means[i]!;
    if (x < 0) below++;
    else if (x === 0) zero++;
    else above++;
  }
  const pGreater = (below + zero / 2 + 1) / (b + 1);
  const pLess = (above + zero / 2 + 1) / (b + 1);
  const alpha = 1 - level;
  return {
    iterations: b,
    ci: { low: sortedQuantile(means, alpha / 2), high: sortedQuantile(means, 1 - alpha / 2) },
    pOneSidedGreater: pGreater,
    pOneSidedLess: pLess,
    pTwoSided: Math.min(1, 2 * Math.min(pGreater, pLess)),
  };
}

/**
 * Holm's step-down adjustment: sort the m p-values ascending, adjusted p_(i) = max over j ≤ i of
 * min(1, (m − j + 1)·p_(j)), returned in the input order. Nulls (no test) are passed through and
 * do not count in m.
 */
export function holm(pValues: (number | null)[]): (number | null)[] {
  const tested = pValues
    .map((p, index) => ({ p, index }))
    .filter((x): x is { p: number; index: number } => x.p !== null);
  tested.sort((a, b) => a.p - b.p || a.index - b.index);
  const m = tested.length;
  const adjusted: (number | null)[] = pValues.map(() => null);
  let running = 0;
  tested.forEach(({ p, index }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[index] = running;
  });
  return adjusted;
}

// ——— One comparison ——————————————————————————————————————————————————————————————————————

export type RawComparison = Omit<
  MetricComparison,
  "regresses" | "p_value_adjusted" | "p_two_sided_adjusted"
>;

/**
 * Compares one metric of a variant with the control on paired values (same index = same cell).
 * Applies the decisions in the header: minimum cells, t vs bootstrap (conservative envelope),
 * the 2^-k floor, zero variance, lift. Holm and `regresses` are filled in by `analyze`.
 */
export function compareMetric(
  metric: MetricKey,
  control: ArrayLike<number>,
  variant: ArrayLike<number>,
  seed = DEFAULT_BOOTSTRAP_SEED,
): RawComparison {
  const n = Math.min(control.length, variant.length);
  const diffs = new Float64Array(n);
  let controlSum = 0;
  let variantSum = 0;
  for (let i = 0; i < n; i++) {
    controlSum += control[i]!;
    variantSum += variant[i]!;
    diffs[i] = variant[i]! - control[i]!;
  }
  const base = {
    metric,
    n,
    p_value: null,
    p_two_sided: null,
    skewness: null,
    diff_ci: null,
    lift_ci: null,
  };
  if (n === 0) {
    return {
      ...base,
      control_mean: 0,
      variant_mean: 0,
      mean_diff: 0,
      lift: null,
      method: "none",
      note: "no paired cells",
    };
  }
  const controlMean = controlSum / n;
  const variantMean = variantSum / n;
  const summary = summarize(diffs);
  const meanDiff = summary.mean;
  const scale = Math.abs(controlMean) < ZERO_MEAN_EPSILON ? null : 100 / Math.abs(controlMean);
  const lift = scale === null ? null : meanDiff * scale;
  const liftInterval = (ci: Interval | null) =>
    ci && scale !== null ? { low: ci.low * scale, high: ci.high * scale } : null;
  const common = {
    ...base,
    control_mean: controlMean,
    variant_mean: variantMean,
    mean_diff: meanDiff,
    lift,
  };
  const zeroLiftNote = scale === null ? "; control mean is 0, so no lift" : "";

  if (n < MIN_TEST_CELLS) {
    const t = tTest(summary, CONFIDENCE_LEVEL);
    return {
      ...common,
      diff_ci: t.ci,
      lift_ci: liftInterval(t.ci),
      method: t.ci ? "t" : "none",
      note: `too few cells (${n} paired, at least ${MIN_TEST_CELLS} needed for a test)${zeroLiftNote}`,
    };
  }

  const { nonZero, skewness: skew } = summary;

  if (nonZero === 0) {
    return {
      ...common,
      diff_ci: { low: 0, high: 0 },
      lift_ci: liftInterval({ low: 0, high: 0 }),
      p_value: 0.5,
      p_two_sided: 1,
      skewness: 0,
      method: "t",
      note: `all paired cells tie: no evidence either way${zeroLiftNote}`,
    };
  }

  const t = tTest(summary, CONFIDENCE_LEVEL);
  let ci = t.ci!;
  let pGreater = t.pOneSidedGreater!;
  let pTwo = t.pTwoSided!;
  let method: "t" | "bootstrap" = "t";
  const notes: string[] = [];
  const degenerate = summary.allEqual;
  if (degenerate) {
    notes.push("every paired cell differs by the same amount: exact sign test");
  } else if (
    n < BOOTSTRAP_BELOW_CELLS ||
    (Math.abs(skew) > SKEWNESS_LIMIT && n < SKEWED_BOOTSTRAP_MAX_CELLS)
  ) {
    const boot = pairedBootstrap(diffs, seed);
    method = "bootstrap";
    ci = { low: Math.min(ci.low, boot.ci!.low), high: Math.max(ci.high, boot.ci!.high) };
    pGreater = Math.max(pGreater, boot.pOneSidedGreater!);
    pTwo = Math.max(pTwo, boot.pTwoSided!);
    notes.push(
      `${n < BOOTSTRAP_BELOW_CELLS ? "few cells" : "skewed differences"}: paired bootstrap, the more conservative of bootstrap and t`,
    );
  }
  // Floor: the smallest p an exact sign-flip test can give with `nonZero` non-zero differences.
  const floor = Math.pow(0.5, nonZero);
  if (!degenerate && (pGreater < floor || pTwo < 2 * floor))
    notes.push(
      `p limited to ≥ 1/${2 ** nonZero} (${nonZero} non-zero paired difference${nonZero === 1 ? "" : "s"})`,
    );
  pGreater = Math.max(pGreater, floor);
  pTwo = Math.min(1, Math.max(pTwo, 2 * floor));
  if (zeroLiftNote) notes.push("control mean is 0, so no lift");
  return {
    ...common,
    diff_ci: ci,
    lift_ci: liftInterval(ci),
    p_value: pGreater,
    p_two_sided: pTwo,
    skewness: skew,
    method,
    note: notes.length ? notes.join("; ") : null,
  };
}

// ——— Analysis ————————————————————————————————————————————————————————————————————————————

const K = METRICS.length; // 3: task_completion, quality, sentiment, in that order (see aggregate)

/**
 * Cells grouped into dense arrays: every variant, persona and (persona, scenario) cell gets an
 * index, and sums/counts live in flat typed arrays (variant-major, then cell or persona, then
 * metric). Nested maps persona → scenario → index avoid building a key string per cell; this,
 * and not the statistics, is what dominates the time on large runs.
 */
interface Aggregate {
  variants: string[];
  personas: string[];
  cellCount: number;
  rawCells: number[];
  personaCells: Uint32Array; // [v·P + p]
  totalSums: Float64Array;
  totalCounts: Uint32Array; // [v·K + k]
  personaSums: Float64Array;
  personaCounts: Uint32Array; // [(v·P + p)·K + k]
  cellSums: Float64Array;
  cellCounts: Uint32Array; // [(v·C + c)·K + k]
}

function aggregate(cells: Cell[], control: string): Aggregate {
  const variantIndex = new Map<string, number>([[control, 0]]);
  const variants = [control];
  const personaIndex = new Map<string, { index: number; scenarios: Map<string, number> }>();
  const personas: string[] = [];
  let cellCount = 0;
  const cv = new Int32Array(cells.length);
  const cp = new Int32Array(cells.length);
  const cc = new Int32Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    let v = variantIndex.get(cell.variant);
    if (v === undefined) {
      v = variants.length;
      variantIndex.set(cell.variant, v);
      variants.push(cell.variant);
    }
    let p = personaIndex.get(cell.persona);
    if (!p) {
      p = { index: personas.length, scenarios: new Map() };
      personaIndex.set(cell.persona, p);
      personas.push(cell.persona);
    }
    let c = p.scenarios.get(cell.scenario);
    if (c === undefined) p.scenarios.set(cell.scenario, (c = cellCount++));
    cv[i] = v;
    cp[i] = p.index;
    cc[i] = c;
  }
  const V = variants.length;
  const P = personas.length;
  const agg: Aggregate = {
    variants,
    personas,
    cellCount,
    rawCells: variants.map(() => 0),
    personaCells: new Uint32Array(V * P),
    totalSums: new Float64Array(V * K),
    totalCounts: new Uint32Array(V * K),
    personaSums: new Float64Array(V * P * K),
    personaCounts: new Uint32Array(V * P * K),
    cellSums: new Float64Array(V * cellCount * K),
    cellCounts: new Uint32Array(V * cellCount * K),
  };
  // Plain loops and named property reads (not metrics[METRICS[k]]): this loop runs once per cell
  // and is most of the cost on a first, not yet optimized, call.
  for (let i = 0; i < cells.length; i++) {
    const v = cv[i]!;
    agg.rawCells[v]!++;
    agg.personaCells[v * P + cp[i]!]!++;
    const metrics = cells[i]!.metrics;
    addMetric(
      agg,
      v * K,
      (v * P + cp[i]!) * K,
      (v * cellCount + cc[i]!) * K,
      0,
      metrics.task_completion,
    );
    addMetric(agg, v * K, (v * P + cp[i]!) * K, (v * cellCount + cc[i]!) * K, 1, metrics.quality);
    addMetric(agg, v * K, (v * P + cp[i]!) * K, (v * cellCount + cc[i]!) * K, 2, metrics.sentiment);
  }
  return agg;
}

function addMetric(
  agg: Aggregate,
  tBase: number,
  pBase: number,
  cBase: number,
  k: number,
  x: number | undefined,
): void {
  if (typeof x !== "number" || !Number.isFinite(x)) return; // missing metric: skipped for this metric only
  agg.totalSums[tBase + k]! += x;
  agg.totalCounts[tBase + k]!++;
  agg.personaSums[pBase + k]! += x;
  agg.personaCounts[pBase + k]!++;
  agg.cellSums[cBase + k]! += x;
  agg.cellCounts[cBase + k]!++;
}

function meansAt(
  sums: Float64Array,
  counts: Uint32Array,
  base: number,
): Record<MetricKey, number | null> {
  const out = {} as Record<MetricKey, number | null>;
  METRICS.forEach((metric, k) => {
    const count = counts[base + k]!;
    out[metric] = count > 0 ? sums[base + k]! / count : null;
  });
  return out;
}

/**
 * Paired values per metric: cells present on both sides with the metric on both sides (unpaired
 * cells are ignored for comparisons); repeated cells are averaged first.
 */
function pairUp(
  agg: Aggregate,
  variant: number,
): { control: Float64Array; variant: Float64Array }[] {
  const C = agg.cellCount;
  return METRICS.map((_, k) => {
    const control = new Float64Array(C);
    const values = new Float64Array(C);
    let n = 0;
    for (let c = 0; c < C; c++) {
      const ci = c * K + k;
      const vi = (variant * C + c) * K + k;
      const cn = agg.cellCounts[ci]!;
      const vn = agg.cellCounts[vi]!;
      if (cn === 0 || vn === 0) continue;
      control[n] = agg.cellSums[ci]! / cn;
      values[n] = agg.cellSums[vi]! / vn;
      n++;
    }
    return { control: control.subarray(0, n), variant: values.subarray(0, n) };
  });
}

export interface AnalyzeOptions {
  control: string;
  mode: Mode;
  primary?: MetricKey;
  bootstrapSeed?: number;
}

/** Compares every variant with the control, per metric, and decides a verdict (see the header). */
export function analyze(cells: Cell[], opts: AnalyzeOptions): Analysis {
  const primary = opts.primary ?? "task_completion";
  const seed = opts.bootstrapSeed ?? DEFAULT_BOOTSTRAP_SEED;
  const agg = aggregate(cells, opts.control);
  const P = agg.personas.length;

  const results: VariantResult[] = agg.variants.map((name, v) => {
    const perPersona = Object.fromEntries(
      agg.personas
        .map((persona, p) => [persona, p] as const)
        .filter(([, p]) => agg.personaCells[v * P + p]! > 0)
        .map(([persona, p]) => [
          persona,
          meansAt(agg.personaSums, agg.personaCounts, (v * P + p) * K),
        ]),
    );
    let comparisons: MetricComparison[] = [];
    if (v !== 0) {
      const paired = pairUp(agg, v);
      comparisons = METRICS.map((metric, k) => ({
        // Each comparison gets its own seed, so results do not depend on the order of variants.
        ...compareMetric(
          metric,
          paired[k]!.control,
          paired[k]!.variant,
          hashString(`${name}\u0000${metric}`, seed),
        ),
        regresses: false,
        p_value_adjusted: null,
        p_two_sided_adjusted: null,
      }));
    }
    return {
      variant: name,
      means: meansAt(agg.totalSums, agg.totalCounts, v * K),
      per_persona: perPersona,
      comparisons,
      confidence: null,
      lift: null,
    };
  });

  // Holm across variants, per metric, for both the one-sided (confidence) and two-sided (regression) p.
  const others = results.slice(1);
  METRICS.forEach((_, k) => {
    const rows = others.map((r) => r.comparisons[k]!);
    const oneSided = holm(rows.map((c) => c.p_value));
    const twoSided = holm(rows.map((c) => c.p_two_sided));
    rows.forEach((c, i) => {
      c.p_value_adjusted = oneSided[i]!;
      c.p_two_sided_adjusted = twoSided[i]!;
      c.regresses =
        c.p_two_sided_adjusted !== null &&
        c.p_two_sided_adjusted < REGRESSION_ALPHA &&
        c.mean_diff < 0;
    });
  });
  for (const r of others) {
    const c = r.comparisons.find((x) => x.metric === primary)!;
    r.confidence = c.p_value_adjusted === null ? null : 1 - c.p_value_adjusted;
    r.lift = c.lift;
  }

  return {
    control: opts.control,
    primary_metric: primary,
    variants: results,
    verdict: decide(results, { control: opts.control, mode: opts.mode, primary }),
    cells_per_variant: Object.fromEntries(agg.variants.map((name, v) => [name, agg.rawCells[v]!])),
    scored_cells: countScored(cells),
  };
}

const scoredValue = (x: number | undefined) => typeof x === "number" && Number.isFinite(x);

/** Cells with at least one finite score. */
function countScored(cells: Cell[]): number {
  let n = 0;
  for (const { metrics: m } of cells)
    if (scoredValue(m.task_completion) || scoredValue(m.quality) || scoredValue(m.sentiment)) n++;
  return n;
}

function percent(confidence: number): string {
  return `${Math.floor(confidence * 100 + 1e-9)}%`;
}

function describeGain(c: MetricComparison): string {
  if (c.lift !== null) return `${c.lift >= 0 ? "+" : ""}${c.lift.toFixed(1)}%`;
  return `${c.mean_diff >= 0 ? "+" : ""}${c.mean_diff.toFixed(1)} points`;
}

function joinWords(words: string[]): string {
  return words.length <= 1
    ? (words[0] ?? "")
    : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

/** How a stored verdict reason starts when the original won (the runs list filters on it). */
export const ORIGINAL_WON = "Original won";

/**
 * The verdict from compared variants (exported to test the rules on exact confidences). Uses each
 * variant's `confidence` and its primary comparison's `mean_diff`/`p_value`, and `regresses` on
 * the other metrics. Rules and their order: see the header.
 */
export function decide(
  variants: VariantResult[],
  opts: { control: string; mode: Mode; primary: MetricKey },
): Verdict {
  const { primary } = opts;
  const threshold = CONFIDENCE_THRESHOLDS[opts.mode];
  const label = METRIC_LABELS[primary];
  const verdict = (
    kind: VerdictKind,
    code: VerdictCode,
    reason: string,
    winner: string | null = null,
    regressed: MetricKey[] = [],
  ): Verdict => ({
    kind,
    code,
    reason,
    winner,
    primary_metric: primary,
    threshold,
    regressed_metrics: regressed,
  });

  const rows = variants
    .filter((v) => v.variant !== opts.control)
    .map((v) => ({ v, c: v.comparisons.find((x) => x.metric === primary) }))
    .filter((x): x is { v: VariantResult; c: MetricComparison } => x.c !== undefined);
  if (rows.length === 0)
    return verdict("inconclusive", "no_variants", "Inconclusive: no variant to compare");

  const tested = rows.filter((x) => x.c.p_value !== null && x.v.confidence !== null);
  const regressions = (v: VariantResult) =>
    v.comparisons.filter((x) => x.metric !== primary && x.regresses).map((x) => x.metric);
  const byGain = (
    a: { c: MetricComparison; v: VariantResult },
    b: { c: MetricComparison; v: VariantResult },
  ) => b.c.mean_diff - a.c.mean_diff || (b.v.confidence ?? 0) - (a.v.confidence ?? 0);
  const confident = tested
    .filter((x) => x.v.confidence! >= threshold && x.c.mean_diff > 0)
    .sort(byGain);
  const qualifying = confident.filter((x) => regressions(x.v).length === 0);

  const best = qualifying[0];
  if (best) {
    const reason = `Variant ${best.v.variant} won: ${describeGain(best.c)} ${label}, ${percent(best.v.confidence!)} confidence`;
    return verdict("winner", "winner", reason, best.v.variant);
  }
  const blocked = confident[0];
  if (blocked) {
    const metrics = regressions(blocked.v);
    const reason = `Inconclusive: ${blocked.v.variant} regresses ${joinWords(metrics.map((m) => METRIC_LABELS[m]))}`;
    return verdict("inconclusive", "regression", reason, null, metrics);
  }
  if (tested.length === 0)
    return verdict("inconclusive", "too_few_cells", "Inconclusive: too few cells");
  if (tested.some((x) => x.c.mean_diff > 0))
    return verdict("inconclusive", "not_enough_difference", "Inconclusive: not enough difference");
  if (tested.length < rows.length)
    return verdict("inconclusive", "too_few_cells", "Inconclusive: too few cells");
  return verdict("original_won", "no_improvement", `${ORIGINAL_WON}: no variant improves ${label}`);
}
