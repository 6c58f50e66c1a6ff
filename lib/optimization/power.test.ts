// The detectable difference: a textbook value (R's qt), the assumptions it documents (Bonferroni
// over candidates, the 2^-n floor, no test below 3 cells), and, by simulation, that a true
// difference of that size is detected about 80% of the time by the paired t-test stats.ts runs.
import { describe, expect, it } from "vitest";
import { mulberry32 } from "./distributions";
import { ASSUMED_DIFF_SD, detectableDifference, detectableSentence } from "./power";
import { pairedT } from "./stats";

describe("detectableDifference", () => {
  it("is (t(1 − α) + t(power)) · SD / √n: n = 10, α = 0.05, SD 1 (R: qt(.95, 9) + qt(.8, 9))", () => {
    const expected = (1.833113 + 0.8834039) / Math.sqrt(10);
    expect(detectableDifference({ pairs: 10, alpha: 0.05, candidates: 1, sd: 1 })).toBeCloseTo(
      expected,
      5,
    );
  });

  it("scales with the SD, assumed 15 points by default", () => {
    const one = detectableDifference({ pairs: 40, alpha: 0.05, candidates: 3, sd: 1 })!;
    expect(detectableDifference({ pairs: 40, alpha: 0.05, candidates: 3 })).toBeCloseTo(
      one * ASSUMED_DIFF_SD,
      9,
    );
  });

  it("divides alpha by the candidates (the strictest Holm step) and shrinks with more cells", () => {
    const single = detectableDifference({ pairs: 15, alpha: 0.2, candidates: 1 })!;
    const three = detectableDifference({ pairs: 15, alpha: 0.2, candidates: 3 })!;
    expect(three).toBeGreaterThan(single);
    const bigger = detectableDifference({ pairs: 40, alpha: 0.2, candidates: 3 })!;
    expect(bigger).toBeLessThan(three);
    // 5 personas × 3 scenarios, 3 candidates, exploratory: about 9.6 points; validation 5 × 8: about 7.5.
    expect(three).toBeGreaterThan(9);
    expect(three).toBeLessThan(10.5);
    const validation = detectableDifference({ pairs: 40, alpha: 0.05, candidates: 3 })!;
    expect(validation).toBeGreaterThan(7);
    expect(validation).toBeLessThan(8);
  });

  it("is null when no test can reach the bar: under 3 cells, or 2^-n above alpha / candidates", () => {
    expect(detectableDifference({ pairs: 2, alpha: 0.2, candidates: 1 })).toBeNull();
    expect(detectableDifference({ pairs: 0, alpha: 0.2, candidates: 1 })).toBeNull();
    // 4 cells: the smallest p is 1/16 = 0.0625 > 0.05 / 3.
    expect(detectableDifference({ pairs: 4, alpha: 0.05, candidates: 3 })).toBeNull();
    // 6 cells: 1/64 ≈ 0.0156 < 0.0167.
    expect(detectableDifference({ pairs: 6, alpha: 0.05, candidates: 3 })).not.toBeNull();
    expect(detectableDifference({ pairs: 3, alpha: 0.2, candidates: 1 })).not.toBeNull();
  });

  it("refuses nonsense input", () => {
    expect(detectableDifference({ pairs: 20, alpha: 0, candidates: 1 })).toBeNull();
    expect(detectableDifference({ pairs: 20, alpha: 1, candidates: 1 })).toBeNull();
    expect(detectableDifference({ pairs: Number.NaN, alpha: 0.05, candidates: 1 })).toBeNull();
    expect(detectableDifference({ pairs: 20, alpha: 0.05, candidates: 1, sd: -1 })).toBeNull();
    expect(detectableDifference({ pairs: 20, alpha: 0.05, candidates: 1, power: 1 })).toBeNull();
    // Zero candidates count as one: the original against itself still needs one comparison.
    expect(detectableDifference({ pairs: 20, alpha: 0.05, candidates: 0 })).toBe(
      detectableDifference({ pairs: 20, alpha: 0.05, candidates: 1 }),
    );
  });

  it("a true difference of that size is found about 80% of the time (simulated paired t)", () => {
    const n = 20;
    const alpha = 0.05;
    const sd = 15;
    const mde = detectableDifference({ pairs: n, alpha, candidates: 1, sd })!;
    const rand = mulberry32(42);
    const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    const runs = 4000;
    let detected = 0;
    let atHalf = 0;
    for (let r = 0; r < runs; r++) {
      const diffs = Array.from({ length: n }, () => mde + sd * normal());
      if (pairedT(diffs).pOneSidedGreater! < alpha) detected++;
      const half = diffs.map((d) => d - mde / 2);
      if (pairedT(half).pOneSidedGreater! < alpha) atHalf++;
    }
    expect(detected / runs).toBeGreaterThan(0.76);
    expect(detected / runs).toBeLessThan(0.84);
    // Half the difference is mostly missed: the number is a floor, not a promise for anything smaller.
    expect(atHalf / runs).toBeLessThan(0.45);
  });
});

describe("detectableSentence", () => {
  it("says what a planned run can detect at its mode's bar", () => {
    const plan = { personas: 5, scenarios: 8, mode: "validation" as const, candidates: 3 };
    const mde = detectableDifference({ pairs: 40, alpha: 0.05, candidates: 3 })!;
    expect(detectableSentence(plan)).toBe(
      `With 5 personas × 8 scenarios this run can detect a difference of about ${mde.toFixed(1)} points (0–100 scale) on the primary metric.`,
    );
    expect(detectableSentence({ ...plan, mode: "exploratory", scenarios: 3 }, "could")).toMatch(
      /^With 5 personas × 3 scenarios this run could detect a difference of about \d+\.\d points/,
    );
  });

  it("says when a run is too small to detect anything", () => {
    expect(
      detectableSentence({ personas: 1, scenarios: 3, mode: "validation", candidates: 3 }),
    ).toBe(
      "With 1 persona × 3 scenarios this run is too small to tell any difference apart at its 95% bar: add personas.",
    );
  });
});
