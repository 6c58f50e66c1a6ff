// Optimization statistics: building blocks against worked textbook examples (Student's sleep
// data, the shoe-wear data of Box, Hunter & Hunter, Holm's procedure as in its usual worked
// example), edge cases (all ties, one cell, zero variance, a control mean of 0, missing metrics,
// unpaired and repeated cells), the verdict rules in both modes, Holm across 5 variants,
// bootstrap determinism and the primary-metric mapping. Reference values: R / SciPy.
import { describe, expect, it } from "vitest";
import {
  analyze,
  compareMetric,
  decide,
  holm,
  mean,
  METRICS,
  pairedBootstrap,
  pairedT,
  primaryMetric,
  skewness,
  studentTCdf,
  studentTQuantile,
  variance,
  type Cell,
  type MetricComparison,
  type MetricKey,
  type VariantResult,
} from "./stats";

// Student (1908), Cushny & Peebles: extra hours of sleep with two drugs on the same 10 patients
// (R's `sleep`). t.test(extra ~ group, paired = TRUE): t = 4.0621, df = 9, p = 0.002833,
// 95% CI 0.7001142 to 2.4598858, mean difference 1.58.
const SLEEP_DRUG_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const SLEEP_DRUG_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
// Box, Hunter & Hunter (1978), shoe-sole wear, materials A and B on the same 10 boys (MASS::shoes).
// t.test(B, A, paired = TRUE): t = 3.3489, df = 9, p = 0.008539, 95% CI 0.1330461 to 0.6869539.
const SHOES_A = [13.2, 8.2, 10.9, 14.3, 10.7, 6.6, 9.5, 10.8, 8.8, 13.3];
const SHOES_B = [14.0, 8.8, 11.2, 14.2, 11.8, 6.4, 9.8, 11.3, 9.3, 13.6];
const minus = (a: number[], b: number[]) => a.map((x, i) => x - b[i]!);

// 20 paired differences, not skewed (t-test). One-sided p (SciPy): STRONG 0.0114400, MID 0.1307392, WEAK 0.2468213.
const STRONG = [5, -3, 4, 2, -1, 6, 0, 3, -2, 4, 1, 5, -4, 3, 2, -1, 4, 0, 2, 1];
const MID = [4, -5, 3, 2, -3, 6, 0, 3, -4, 4, 1, 5, -6, 3, 2, -3, 4, -1, 2, 1];
const WEAK = [4, -6, 3, 2, -4, 6, 0, 3, -5, 4, 1, 5, -7, 3, 2, -3, 4, -2, 2, 0];

/** Cells for one variant: cell i is (persona p{i mod 2}, scenario s{i}); each metric = base + diff[i] (diff 0 when not given). */
function cellsOf(
  variant: string,
  n: number,
  diffs: Partial<Record<MetricKey, number[]>> = {},
  base = 50,
): Cell[] {
  return Array.from({ length: n }, (_, i) => ({
    variant,
    persona: `p${i % 2}`,
    scenario: `s${i}`,
    metrics: Object.fromEntries(METRICS.map((m) => [m, base + (diffs[m]?.[i] ?? 0)])) as Record<
      MetricKey,
      number
    >,
  }));
}

describe("mean, variance, skewness", () => {
  it("computes the textbook values", () => {
    expect(mean([2, 4, 4, 4, 5, 5, 7, 9])).toBe(5);
    expect(variance([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(32 / 7, 12);
    expect(skewness([1, 2, 3])).toBe(0);
    expect(skewness([0, 0, 0, 10])).toBeCloseTo(1.1547005, 6); // SciPy skew(bias=True)
    expect(skewness([4, 4, 4])).toBe(0);
  });
  it("is NaN where undefined", () => {
    expect(mean([])).toBeNaN();
    expect(variance([3])).toBeNaN();
  });
});

describe("paired t-test", () => {
  it("Student's sleep data: mean 1.58, t = 4.0621, df = 9, p = 0.002833, CI [0.7001, 2.4599]", () => {
    const r = pairedT(minus(SLEEP_DRUG_2, SLEEP_DRUG_1));
    expect(r.mean).toBeCloseTo(1.58, 10);
    expect(r.t).toBeCloseTo(4.0621, 4);
    expect(r.df).toBe(9);
    expect(r.pTwoSided).toBeCloseTo(0.002833, 6);
    expect(r.pOneSidedGreater).toBeCloseTo(0.0014164, 6);
    expect(r.ci!.low).toBeCloseTo(0.7001142, 6);
    expect(r.ci!.high).toBeCloseTo(2.4598858, 6);
  });
  it("shoe-wear data: mean 0.41, t = 3.3489, p = 0.008539, CI [0.1330, 0.6870]", () => {
    const r = pairedT(minus(SHOES_B, SHOES_A));
    expect(r.mean).toBeCloseTo(0.41, 10);
    expect(r.t).toBeCloseTo(3.3489, 4);
    expect(r.pTwoSided).toBeCloseTo(0.008539, 6);
    expect(r.ci!.low).toBeCloseTo(0.1330461, 6);
    expect(r.ci!.high).toBeCloseTo(0.6869539, 6);
  });
  it("is consistent with the t distribution: the interval half-width is t(0.975; df)·se", () => {
    const r = pairedT(STRONG);
    expect((r.ci!.high - r.ci!.low) / 2).toBeCloseTo(studentTQuantile(0.975, 19) * r.se, 12);
    expect(r.pOneSidedGreater).toBeCloseTo(1 - studentTCdf(r.t!, 19), 12);
    expect(r.pOneSidedGreater).toBeCloseTo(0.0114399, 6);
  });
  it("has no interval or p below 2 cells, and handles zero variance (all equal)", () => {
    expect(pairedT([]).ci).toBeNull();
    expect(pairedT([3]).pOneSidedGreater).toBeNull();
    expect(pairedT([2, 2, 2])).toMatchObject({
      t: Infinity,
      ci: { low: 2, high: 2 },
      pOneSidedGreater: 0,
      pTwoSided: 0,
    });
    expect(pairedT([-1, -1])).toMatchObject({ t: -Infinity, pOneSidedGreater: 1 });
    expect(pairedT([0, 0, 0])).toMatchObject({
      t: null,
      ci: { low: 0, high: 0 },
      pOneSidedGreater: 0.5,
      pTwoSided: 1,
    });
  });
});

describe("paired bootstrap", () => {
  const diffs = minus(SLEEP_DRUG_2, SLEEP_DRUG_1);
  it("is deterministic for a seed and changes (a little) with the seed", () => {
    const a = pairedBootstrap(diffs, 123, 10_000);
    const b = pairedBootstrap(diffs, 123, 10_000);
    const c = pairedBootstrap(diffs, 124, 10_000);
    expect(b).toEqual(a);
    expect(c.ci).not.toEqual(a.ci);
    expect(Math.abs(c.ci!.low - a.ci!.low)).toBeLessThan(0.1);
  });
  it("gives a percentile interval around the mean and a small p for clearly positive differences", () => {
    const r = pairedBootstrap(diffs, 1, 10_000);
    expect(r.ci!.low).toBeGreaterThan(0.6);
    expect(r.ci!.low).toBeLessThan(1.58);
    expect(r.ci!.high).toBeGreaterThan(1.58);
    expect(r.ci!.high).toBeLessThan(2.8);
    expect(r.pOneSidedGreater).toBeLessThan(0.01);
    expect(r.pOneSidedLess).toBeGreaterThan(0.99);
  });
  it("never gives p = 0 and gives ½ for all ties", () => {
    expect(pairedBootstrap([1, 2, 3, 4], 5, 1000).pOneSidedGreater).toBeCloseTo(1 / 1001, 12);
    const ties = pairedBootstrap([0, 0, 0, 0], 5, 1000);
    expect(ties.ci).toEqual({ low: 0, high: 0 });
    expect(ties.pOneSidedGreater).toBeCloseTo(0.5, 3); // (500 + 1) / 1001
    expect(ties.pTwoSided).toBe(1);
    expect(pairedBootstrap([], 5, 1000).ci).toBeNull();
  });
});

describe("Holm", () => {
  it("adjusts the usual worked example: 0.01, 0.04, 0.03, 0.005 → 0.03, 0.06, 0.06, 0.02", () => {
    const adjusted = holm([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((p, i) => expect(adjusted[i]).toBeCloseTo(p, 12));
  });
  it("is monotone, capped at 1, and skips untested hypotheses", () => {
    holm([0.5, 0.4, 0.3]).forEach((p) => expect(p).toBeCloseTo(0.9, 12)); // 3 × 0.3, then carried up
    expect(holm([0.5, 0.6])).toEqual([1, 1]);
    const adjusted = holm([0.02, null, 0.04]);
    expect(adjusted[0]).toBeCloseTo(0.04, 12);
    expect(adjusted[1]).toBeNull();
    expect(adjusted[2]).toBeCloseTo(0.04, 12);
    expect(holm([])).toEqual([]);
    expect(holm([0.3])).toEqual([0.3]);
  });
});

describe("one metric compared", () => {
  const control = (n: number, value = 50) => Array.from({ length: n }, () => value);
  const plus = (xs: number[], base = 50) => xs.map((d) => base + d);

  it("uses the t-test on 10+ unskewed cells and reports lift = diff / control mean", () => {
    const c = compareMetric("quality", control(20), plus(STRONG));
    expect(c).toMatchObject({ n: 20, method: "t", control_mean: 50, variant_mean: 51.55 });
    expect(c.mean_diff).toBeCloseTo(1.55, 12);
    expect(c.lift).toBeCloseTo(3.1, 12);
    expect(c.p_value).toBeCloseTo(0.0114399, 6);
    expect(c.lift_ci!.low).toBeCloseTo((c.diff_ci!.low / 50) * 100, 12);
    expect(c.lift_ci!.high).toBeCloseTo((c.diff_ci!.high / 50) * 100, 12);
  });
  it("uses the bootstrap on skewed differences, never less conservative than the t", () => {
    const diffs = minus(SLEEP_DRUG_2, SLEEP_DRUG_1); // skewness 1.47
    const c = compareMetric("quality", control(10), plus(diffs));
    const t = pairedT(diffs.map((d) => 50 + d - 50)); // the same floating-point differences
    expect(c.method).toBe("bootstrap");
    expect(c.skewness).toBeCloseTo(1.4719767, 6);
    expect(c.p_value!).toBeGreaterThanOrEqual(t.pOneSidedGreater!);
    expect(c.diff_ci!.low).toBeLessThanOrEqual(t.ci!.low);
    expect(c.diff_ci!.high).toBeGreaterThanOrEqual(t.ci!.high);
  });
  it("uses the bootstrap with few cells (3 to 9)", () => {
    expect(compareMetric("quality", control(5), plus([1, 3, 2, 5, 4])).method).toBe("bootstrap");
  });
  it("uses the t on 100+ cells however skewed", () => {
    const skewed = Array.from({ length: 120 }, (_, i) => (i % 10 === 0 ? 40 : -1));
    expect(skewness(skewed)).toBeGreaterThan(2);
    expect(compareMetric("quality", control(120), plus(skewed)).method).toBe("t");
    expect(compareMetric("quality", control(60), plus(skewed.slice(0, 60))).method).toBe(
      "bootstrap",
    );
  });
  it("all ties: mean 0, interval [0, 0], p = ½ (no evidence), lift 0", () => {
    const c = compareMetric("quality", control(12), control(12));
    expect(c).toMatchObject({
      mean_diff: 0,
      diff_ci: { low: 0, high: 0 },
      p_value: 0.5,
      p_two_sided: 1,
      lift: 0,
      lift_ci: { low: 0, high: 0 },
    });
  });
  it("one cell: no interval, no test, a point lift", () => {
    const c = compareMetric("quality", [40], [50]);
    expect(c).toMatchObject({
      n: 1,
      mean_diff: 10,
      lift: 25,
      diff_ci: null,
      lift_ci: null,
      p_value: null,
      method: "none",
    });
    expect(c.note).toMatch(/too few cells/);
  });
  it("two cells: a (very wide, df = 1) interval but no test", () => {
    const c = compareMetric("quality", [40, 50], [45, 60]);
    expect(c.p_value).toBeNull();
    expect(c.diff_ci!.low).toBeCloseTo(7.5 - 12.706204736174694 * 2.5, 9);
  });
  it("no paired cells", () => {
    expect(compareMetric("quality", [], [])).toMatchObject({
      n: 0,
      method: "none",
      lift: null,
      p_value: null,
      diff_ci: null,
    });
  });
  it("zero variance (every cell +d): interval [d, d], p = 2^-n, the exact sign test", () => {
    const three = compareMetric("quality", control(3), control(3, 60));
    expect(three).toMatchObject({
      mean_diff: 10,
      diff_ci: { low: 10, high: 10 },
      p_value: 0.125,
      p_two_sided: 0.25,
    });
    expect(compareMetric("quality", control(5), control(5, 60)).p_value).toBe(1 / 32);
    expect(compareMetric("quality", control(12), control(12, 60)).p_value).toBe(2 ** -12);
    expect(compareMetric("quality", control(5), control(5, 40))).toMatchObject({
      p_value: 1,
      p_two_sided: 1 / 16,
    });
  });
  it("floors p at 2^-k for k non-zero differences (ties cannot be sign-flipped)", () => {
    const c = compareMetric("quality", control(5), plus([0, 0, 0, 0, 5]));
    expect(c.p_value).toBe(0.5);
    expect(c.note).toContain("p limited to ≥ 1/2 (1 non-zero paired difference)");
    // Close to zero variance (t is huge) still cannot beat the sign test on 4 cells.
    expect(compareMetric("quality", control(4), plus([10, 10, 10, 10.001])).p_value).toBe(1 / 16);
  });
  it("a control mean of 0: lift and its interval are null, the difference is still tested", () => {
    const c = compareMetric(
      "task_completion",
      control(12, 0),
      plus(STRONG.slice(0, 12).map(Math.abs), 0),
    );
    expect(c.control_mean).toBe(0);
    expect(c.lift).toBeNull();
    expect(c.lift_ci).toBeNull();
    expect(c.p_value).not.toBeNull();
    expect(c.note).toMatch(/control mean is 0/);
  });
});

describe("analyze: pairing, means, per persona", () => {
  it("pairs by persona × scenario, ignores unpaired cells, averages repeats, skips missing metrics", () => {
    const cells: Cell[] = [
      {
        variant: "control",
        persona: "ann",
        scenario: "s1",
        metrics: { task_completion: 50, quality: 60 },
      },
      {
        variant: "control",
        persona: "ann",
        scenario: "s2",
        metrics: { task_completion: 70, quality: 60 },
      },
      { variant: "control", persona: "bob", scenario: "s1", metrics: { task_completion: 30 } },
      { variant: "control", persona: "bob", scenario: "s9", metrics: { task_completion: 0 } }, // unpaired
      {
        variant: "b",
        persona: "ann",
        scenario: "s1",
        metrics: { task_completion: 60, quality: 70 },
      },
      {
        variant: "b",
        persona: "ann",
        scenario: "s1",
        metrics: { task_completion: 80, quality: NaN },
      }, // repeat: averaged (70)
      { variant: "b", persona: "ann", scenario: "s2", metrics: { task_completion: 75 } },
      {
        variant: "b",
        persona: "bob",
        scenario: "s1",
        metrics: { task_completion: 45, quality: 10 },
      },
      { variant: "b", persona: "cy", scenario: "s1", metrics: { task_completion: 100 } }, // unpaired
    ];
    const a = analyze(cells, { control: "control", mode: "exploratory" });
    expect(a.variants.map((v) => v.variant)).toEqual(["control", "b"]);
    expect(a.cells_per_variant).toEqual({ control: 4, b: 5 });
    const [control, b] = a.variants;
    expect(control!.comparisons).toEqual([]);
    expect(control!.confidence).toBeNull();
    expect(control!.means).toEqual({ task_completion: 37.5, quality: 60, sentiment: null });
    expect(b!.means).toEqual({ task_completion: 72, quality: 40, sentiment: null });
    expect(b!.per_persona).toEqual({
      ann: { task_completion: 215 / 3, quality: 70, sentiment: null },
      bob: { task_completion: 45, quality: 10, sentiment: null },
      cy: { task_completion: 100, quality: null, sentiment: null },
    });
    const tc = b!.comparisons.find((c) => c.metric === "task_completion")!;
    expect(tc).toMatchObject({ n: 3, control_mean: 50, variant_mean: (70 + 75 + 45) / 3 });
    expect(tc.mean_diff).toBeCloseTo((20 + 5 + 15) / 3, 12);
    expect(b!.comparisons.find((c) => c.metric === "quality")).toMatchObject({
      n: 1,
      p_value: null,
    }); // ann/s1 only
    expect(b!.comparisons.find((c) => c.metric === "sentiment")).toMatchObject({
      n: 0,
      method: "none",
    });
  });
  it("lists the control first even if absent, and then says too few cells", () => {
    const a = analyze(cellsOf("b", 5), { control: "control", mode: "exploratory" });
    expect(a.variants.map((v) => v.variant)).toEqual(["control", "b"]);
    expect(a.cells_per_variant.control).toBe(0);
    expect(a.verdict).toMatchObject({
      kind: "inconclusive",
      reason: "Inconclusive: too few cells",
    });
  });
  it("is deterministic for a seed, and does not depend on the order of the cells", () => {
    const cells = [
      ...cellsOf("control", 6),
      ...cellsOf("b", 6, { task_completion: [1, 3, 2, 5, 4, 9] }),
      ...cellsOf("c", 6, { task_completion: [2, 2, 1, 0, 3, 1] }),
    ];
    const one = analyze(cells, { control: "control", mode: "validation", bootstrapSeed: 9 });
    expect(analyze(cells, { control: "control", mode: "validation", bootstrapSeed: 9 })).toEqual(
      one,
    );
    const reversed = analyze([...cells].reverse(), {
      control: "control",
      mode: "validation",
      bootstrapSeed: 9,
    });
    expect(reversed.variants.find((v) => v.variant === "b")!.comparisons).toEqual(
      one.variants.find((v) => v.variant === "b")!.comparisons,
    );
    expect(one.variants[1]!.comparisons[0]!.method).toBe("bootstrap");
  });
});

describe("analyze: verdicts", () => {
  const control20 = cellsOf("control", 20);

  it("declares a winner with lift and confidence in the reason", () => {
    const a = analyze([...control20, ...cellsOf("b", 20, { task_completion: STRONG })], {
      control: "control",
      mode: "validation",
    });
    const b = a.variants[1]!;
    expect(b.confidence).toBeCloseTo(1 - 0.0114399, 6);
    expect(b.lift).toBeCloseTo(3.1, 10);
    expect(a.verdict).toMatchObject({
      kind: "winner",
      winner: "b",
      primary_metric: "task_completion",
      threshold: 0.95,
      code: "winner",
    });
    expect(a.verdict.reason).toBe("Variant b won: +3.1% task completion, 98% confidence");
  });
  it("0.80 vs 0.95: a variant at 87% confidence wins exploratory, not validation", () => {
    const cells = [...control20, ...cellsOf("b", 20, { task_completion: MID })];
    const exploratory = analyze(cells, { control: "control", mode: "exploratory" });
    expect(exploratory.variants[1]!.confidence).toBeCloseTo(0.8692608, 6);
    expect(exploratory.verdict).toMatchObject({ kind: "winner", winner: "b", threshold: 0.8 });
    expect(analyze(cells, { control: "control", mode: "validation" }).verdict).toMatchObject({
      kind: "inconclusive",
      winner: null,
      reason: "Inconclusive: not enough difference",
      threshold: 0.95,
    });
  });
  it("inconclusive in both modes at 75% confidence", () => {
    const cells = [...control20, ...cellsOf("b", 20, { task_completion: WEAK })];
    for (const mode of ["exploratory", "validation"] as const)
      expect(analyze(cells, { control: "control", mode }).verdict.reason).toBe(
        "Inconclusive: not enough difference",
      );
  });
  it("Holm: a variant that wins alone (98.9%) loses among 5 variants (1 − 5p = 94.3%)", () => {
    const alone = analyze([...control20, ...cellsOf("b", 20, { task_completion: STRONG })], {
      control: "control",
      mode: "validation",
    });
    expect(alone.verdict.kind).toBe("winner");
    const crowd = analyze(
      [
        ...control20,
        ...cellsOf("b", 20, { task_completion: STRONG }),
        ...["c", "d", "e", "f"].flatMap((v) => cellsOf(v, 20)),
      ],
      { control: "control", mode: "validation" },
    );
    const b = crowd.variants.find((v) => v.variant === "b")!;
    expect(b.comparisons[0]!.p_value).toBeCloseTo(0.0114399, 6);
    expect(b.confidence).toBeCloseTo(1 - 5 * 0.0114399, 6);
    expect(crowd.verdict).toMatchObject({
      kind: "inconclusive",
      reason: "Inconclusive: not enough difference",
    });
    // Exploratory: 0.943 ≥ 0.80, b still wins.
    expect(
      analyze(
        [
          ...control20,
          ...cellsOf("b", 20, { task_completion: STRONG }),
          ...["c", "d", "e", "f"].flatMap((v) => cellsOf(v, 20)),
        ],
        { control: "control", mode: "exploratory" },
      ).verdict.winner,
    ).toBe("b");
  });
  it("a winner on the primary that significantly regresses another metric is blocked, and the reason names it", () => {
    const worse = STRONG.map((d) => -d); // two-sided p = 0.0229
    const a = analyze(
      [
        ...control20,
        ...cellsOf("b", 20, { task_completion: STRONG.map((d) => d + 5), sentiment: worse }),
      ],
      { control: "control", mode: "validation" },
    );
    const b = a.variants[1]!;
    expect(b.confidence).toBeGreaterThan(0.99);
    expect(b.comparisons.find((c) => c.metric === "sentiment")).toMatchObject({ regresses: true });
    expect(a.verdict).toMatchObject({
      kind: "inconclusive",
      code: "regression",
      reason: "Inconclusive: b regresses sentiment",
      regressed_metrics: ["sentiment"],
    });
  });
  it("another variant that qualifies wins over a blocked one", () => {
    const a = analyze(
      [
        ...control20,
        ...cellsOf("b", 20, {
          task_completion: STRONG.map((d) => d + 5),
          quality: STRONG.map((d) => -d - 3),
          sentiment: STRONG.map((d) => -d),
        }),
        ...cellsOf("c", 20, { task_completion: STRONG.map((d) => d + 2) }),
      ],
      { control: "control", mode: "validation" },
    );
    expect(a.verdict).toMatchObject({ kind: "winner", winner: "c" });
    // Had c not existed, the reason would list both regressions.
    const alone = analyze(
      [
        ...control20,
        ...cellsOf("b", 20, {
          task_completion: STRONG.map((d) => d + 5),
          quality: STRONG.map((d) => -d - 3),
          sentiment: STRONG.map((d) => -d),
        }),
      ],
      { control: "control", mode: "validation" },
    );
    expect(alone.verdict.reason).toBe("Inconclusive: b regresses quality and sentiment");
  });
  it("a non-significant dip in another metric does not block", () => {
    const a = analyze(
      [
        ...control20,
        ...cellsOf("b", 20, { task_completion: STRONG, quality: WEAK.map((d) => -d) }),
      ],
      { control: "control", mode: "validation" },
    );
    expect(a.verdict.winner).toBe("b");
  });
  it("picks, among several qualifying variants, the largest difference on the primary", () => {
    const a = analyze(
      [
        ...control20,
        ...cellsOf("b", 20, { task_completion: STRONG.map((d) => d + 4) }),
        ...cellsOf("c", 20, { task_completion: STRONG.map((d) => d + 8) }),
      ],
      { control: "control", mode: "validation" },
    );
    expect(a.verdict.winner).toBe("c");
  });
  it("Original won when every variant is worse or equal on the primary", () => {
    const a = analyze(
      [
        ...control20,
        ...cellsOf("b", 20, { task_completion: STRONG.map((d) => -d) }),
        ...cellsOf("c", 20, { task_completion: WEAK.map((d) => -d) }),
      ],
      { control: "control", mode: "exploratory" },
    );
    expect(a.verdict).toMatchObject({
      kind: "original_won",
      winner: null,
      code: "no_improvement",
      reason: "Original won: no variant improves task completion",
    });
    const ties = analyze([...control20, ...cellsOf("b", 20)], {
      control: "control",
      mode: "exploratory",
    });
    expect(ties.variants[1]!.confidence).toBe(0.5);
    expect(ties.verdict.kind).toBe("original_won");
  });
  it("too few cells: fewer than 3 paired cells on the primary", () => {
    const a = analyze(
      [...cellsOf("control", 2), ...cellsOf("b", 2, { task_completion: [40, 40] })],
      { control: "control", mode: "exploratory" },
    );
    expect(a.variants[1]!.confidence).toBeNull();
    expect(a.verdict).toMatchObject({
      kind: "inconclusive",
      code: "too_few_cells",
      reason: "Inconclusive: too few cells",
    });
  });
  it("too few cells rather than Original won when an untested variant might be better", () => {
    const cells = [
      ...control20,
      ...cellsOf("b", 20, { task_completion: STRONG.map((d) => -d) }),
      ...cellsOf("c", 2, { task_completion: [30, 30] }),
    ];
    expect(analyze(cells, { control: "control", mode: "exploratory" }).verdict.reason).toBe(
      "Inconclusive: too few cells",
    );
  });
  it("3 cells all +10 (zero variance): 87.5% confidence wins exploratory only", () => {
    const cells = [...cellsOf("control", 3), ...cellsOf("b", 3, { task_completion: [10, 10, 10] })];
    const a = analyze(cells, { control: "control", mode: "exploratory" });
    expect(a.variants[1]!.confidence).toBe(0.875);
    expect(a.verdict.winner).toBe("b");
    expect(analyze(cells, { control: "control", mode: "validation" }).verdict.reason).toBe(
      "Inconclusive: not enough difference",
    );
  });
  it("a control mean of 0 reports the gain in points", () => {
    const a = analyze(
      [
        ...cellsOf("control", 20, {}, 0),
        ...cellsOf("b", 20, { task_completion: STRONG.map((d) => d + 10) }, 0),
      ],
      { control: "control", mode: "validation" },
    );
    expect(a.variants[1]!.lift).toBeNull();
    expect(a.verdict.reason).toBe("Variant b won: +11.6 points task completion, 99% confidence");
  });
  it("uses the primary metric given", () => {
    const cells = [...control20, ...cellsOf("b", 20, { quality: STRONG })];
    expect(analyze(cells, { control: "control", mode: "validation" }).verdict.kind).toBe(
      "original_won",
    );
    const byQuality = analyze(cells, {
      control: "control",
      mode: "validation",
      primary: "quality",
    });
    expect(byQuality.primary_metric).toBe("quality");
    expect(byQuality.verdict.reason).toBe("Variant b won: +3.1% quality, 98% confidence");
  });
  it("no variant at all", () => {
    expect(analyze(control20, { control: "control", mode: "validation" }).verdict).toMatchObject({
      kind: "inconclusive",
      code: "no_variants",
    });
    expect(analyze([], { control: "control", mode: "validation" }).verdict.code).toBe(
      "no_variants",
    );
  });
});

describe("decide: threshold boundaries", () => {
  function variant(
    name: string,
    confidence: number | null,
    meanDiff = 5,
    regressed: MetricKey[] = [],
  ): VariantResult {
    const comparisons: MetricComparison[] = METRICS.map((metric) => ({
      metric,
      n: 20,
      control_mean: 50,
      variant_mean: 50,
      mean_diff: metric === "task_completion" ? meanDiff : regressed.includes(metric) ? -5 : 0,
      diff_ci: null,
      lift: metric === "task_completion" ? meanDiff * 2 : 0,
      lift_ci: null,
      p_value: confidence === null ? null : 1 - confidence,
      method: "t",
      regresses: regressed.includes(metric),
      p_two_sided: null,
      p_value_adjusted: confidence === null ? null : 1 - confidence,
      p_two_sided_adjusted: null,
      skewness: 0,
      note: null,
    }));
    return {
      variant: name,
      means: { task_completion: 55, quality: 50, sentiment: 50 },
      per_persona: {},
      comparisons,
      confidence,
      lift: meanDiff * 2,
    };
  }
  const control: VariantResult = {
    variant: "control",
    means: { task_completion: 50, quality: 50, sentiment: 50 },
    per_persona: {},
    comparisons: [],
    confidence: null,
    lift: null,
  };
  const run = (mode: "exploratory" | "validation", ...variants: VariantResult[]) =>
    decide([control, ...variants], { control: "control", mode, primary: "task_completion" });

  it("validation: 0.95 exactly wins, 0.9499 does not", () => {
    expect(run("validation", variant("b", 0.95))).toMatchObject({
      kind: "winner",
      reason: "Variant b won: +10.0% task completion, 95% confidence",
    });
    expect(run("validation", variant("b", 0.9499))).toMatchObject({
      kind: "inconclusive",
      reason: "Inconclusive: not enough difference",
    });
  });
  it("exploratory: 0.80 exactly wins, 0.7999 does not", () => {
    expect(run("exploratory", variant("b", 0.8))).toMatchObject({
      kind: "winner",
      winner: "b",
      threshold: 0.8,
    });
    expect(run("exploratory", variant("b", 0.7999)).kind).toBe("inconclusive");
  });
  it("never rounds a confidence up to 100% in the reason", () => {
    expect(run("validation", variant("b", 0.99999)).reason).toBe(
      "Variant b won: +10.0% task completion, 99% confidence",
    );
  });
  it("a regression blocks even at 0.999; ties in confidence go to the larger difference", () => {
    expect(run("validation", variant("b", 0.999, 5, ["quality"])).reason).toBe(
      "Inconclusive: b regresses quality",
    );
    expect(run("validation", variant("b", 0.99, 5), variant("c", 0.99, 7)).winner).toBe("c");
  });
  it("a variant worse on the primary: Original won", () => {
    expect(run("exploratory", variant("b", 0.01, -3), variant("c", 0.4, 0))).toMatchObject({
      kind: "original_won",
      reason: "Original won: no variant improves task completion",
    });
  });
});

describe("primary metric from the intent", () => {
  it("maps free text", () => {
    expect(primaryMetric(["task completion"])).toBe("task_completion");
    expect(primaryMetric(["Task-Completion"])).toBe("task_completion");
    expect(primaryMetric(["TASK_COMPLETION rate"])).toBe("task_completion");
    expect(primaryMetric(["quality"])).toBe("quality");
    expect(primaryMetric(["Clarity of answers"])).toBe("quality");
    expect(primaryMetric(["sentiment"])).toBe("sentiment");
    expect(primaryMetric(["a friendlier tone"])).toBe("sentiment");
  });
  it("takes the first target that names a metric, else task completion", () => {
    expect(primaryMetric(["tone", "task completion"])).toBe("sentiment");
    expect(primaryMetric(["latency", "clarity"])).toBe("quality");
    expect(primaryMetric(["latency"])).toBe("task_completion");
    expect(primaryMetric([])).toBe("task_completion");
    expect(primaryMetric(undefined)).toBe("task_completion");
    expect(primaryMetric(["stone"])).toBe("task_completion"); // whole words only
  });
});
