// How results read: bands at their edges, the verdict with names, the nearest miss, and the rules
// that enable or disable each action.
import { describe, expect, it } from "vitest";
import { analyze, type Cell } from "./stats";
import {
  actionBlocked,
  bestCandidate,
  byEffect,
  comparisonTone,
  confidenceBand,
  decidingVariant,
  effectWords,
  formatConfidence,
  formatLift,
  intervalWords,
  scoredCells,
  verdictLine,
} from "./view";

function cells(variant: string, center: number, spread = 4): Cell[] {
  const out: Cell[] = [];
  const salt = variant.charCodeAt(0);
  for (let p = 0; p < 5; p++) {
    for (let s = 0; s < 8; s++) {
      // Noise that differs per variant, so that paired differences vary.
      const jitter = ((p * 7 + s * 13 + salt * (s + 1)) % 9) - 4;
      out.push({
        variant,
        persona: `p${p}`,
        scenario: `s${s}`,
        metrics: {
          task_completion: center + (jitter * spread) / 4,
          quality: 70 + jitter,
          sentiment: 70 + jitter,
        },
      });
    }
  }
  return out;
}

const names = [
  { key: "control", name: "Control (Original)" },
  { key: "b", name: "Variant B" },
  { key: "c", name: "Shorter replies" },
];

describe("confidence bands", () => {
  it("are High from 95%, Medium from 80%, Low below, none without a confidence", () => {
    expect([0.95, 0.9499, 0.8, 0.7999, 0, null, undefined, NaN].map(confidenceBand)).toEqual([
      "high",
      "medium",
      "medium",
      "low",
      "low",
      null,
      null,
      null,
    ]);
  });

  it("format without rounding up across a threshold", () => {
    expect(formatConfidence(0.9499)).toBe("94%");
    expect(formatConfidence(0.97)).toBe("97%");
    expect(formatLift(18.44)).toBe("+18.4%");
    expect(formatLift(-3)).toBe("−3.0%");
    expect(formatLift(null)).toBe("—");
  });
});

describe("the verdict line", () => {
  it("names the winner", () => {
    const a = analyze([...cells("control", 60), ...cells("b", 72), ...cells("c", 61)], {
      control: "control",
      mode: "validation",
    });
    expect(a.verdict.winner).toBe("b");
    expect(verdictLine(a, names)).toMatch(
      /^Variant B won: \+\d+\.\d% task completion, \d+% confidence$/,
    );
  });

  it("names a variant that regresses another metric", () => {
    const worse = cells("c", 75).map((c) => ({
      ...c,
      metrics: { ...c.metrics, sentiment: c.metrics.sentiment! - 20 },
    }));
    const a = analyze([...cells("control", 60), ...worse], {
      control: "control",
      mode: "validation",
    });
    expect(a.verdict.code).toBe("regression");
    expect(verdictLine(a, names)).toBe("Inconclusive: Shorter replies regresses sentiment");
  });

  it("says how close a run without a winner came", () => {
    const a = analyze([...cells("control", 60, 16), ...cells("b", 61, 16), ...cells("c", 58, 16)], {
      control: "control",
      mode: "validation",
    });
    expect(a.verdict.kind).toBe("inconclusive");
    expect(bestCandidate(a)?.key).toBe("b");
    const c = a.variants[1]!.comparisons.find((x) => x.metric === "task_completion")!;
    expect(effectWords(c, a.verdict.threshold)).toMatch(
      /^no clear difference \(between −\d+\.\d and \+\d+\.\d points\)$/,
    );
    expect(decidingVariant(a)).toEqual({ key: "b", why: "the best candidate, short of the bar" });
  });
});

describe("comparisons in words", () => {
  const base = { n: 40, mean_diff: 5, regresses: false, p_value_adjusted: 0.1 };

  it("read by the verdict's rules: better at the threshold, worse when it regresses", () => {
    // 1 − 0.1 = 90%: likely better in exploratory (80%), not in validation (95%).
    expect(comparisonTone(base, 0.8)).toBe("better");
    expect(comparisonTone(base, 0.95)).toBe("unclear");
    expect(comparisonTone({ ...base, p_value_adjusted: 0.2 }, 0.8)).toBe("better");
    expect(comparisonTone({ ...base, p_value_adjusted: 0.2001 }, 0.8)).toBe("unclear");
    // A high confidence with a negative difference is not "better" (it cannot be, but say so).
    expect(comparisonTone({ ...base, mean_diff: -1, p_value_adjusted: 0.01 }, 0.8)).toBe("unclear");
    // Worse: what the verdict calls a regression; a worse variant's "7% confidence" is not shown.
    expect(
      comparisonTone({ ...base, mean_diff: -6, p_value_adjusted: 0.93, regresses: true }, 0.8),
    ).toBe("worse");
    expect(comparisonTone({ ...base, mean_diff: -6, p_value_adjusted: 0.93 }, 0.8)).toBe("unclear");
    expect(comparisonTone({ ...base, p_value_adjusted: null, n: 2 }, 0.8)).toBe("untested");
  });

  it("say the interval as a range of points", () => {
    expect(intervalWords({ low: 2.04, high: 9.26 })).toBe("between +2.0 and +9.3 points");
    expect(intervalWords({ low: -3.25, high: 1 })).toBe("between −3.3 and +1.0 points");
    expect(intervalWords({ low: 4, high: 4 })).toBe("exactly +4.0 points on every cell");
    expect(intervalWords(null)).toBe("no range yet (too few cells)");
  });

  it("a clear winner, an inconclusive and a worse variant of one run", () => {
    const worse = cells("e", 50);
    const a = analyze([...cells("control", 60), ...cells("b", 72), ...worse, ...cells("d", 60.5)], {
      control: "control",
      mode: "validation",
    });
    const primary = (k: string) =>
      a.variants
        .find((v) => v.variant === k)!
        .comparisons.find((c) => c.metric === a.primary_metric)!;
    expect(effectWords(primary("b"), 0.95)).toMatch(
      /^likely better \(between \+\d+\.\d and \+\d+\.\d points\)$/,
    );
    expect(effectWords(primary("e"), 0.95)).toMatch(
      /^likely worse \(between −\d+\.\d and −\d+\.\d points\)$/,
    );
    expect(effectWords(primary("d"), 0.95)).toMatch(
      /^no clear difference \(between −\d+\.\d and \+\d+\.\d points\)$/,
    );
    // Sorted by effect, largest gain first; the verdict rests on the winner.
    expect(byEffect(a, ["control", "e", "d", "b"])).toEqual(["b", "d", "e"]);
    expect(decidingVariant(a)).toEqual({ key: "b", why: "the winner" });
    expect(scoredCells(a)).toBe(160);
    expect(scoredCells({ cells_per_variant: { control: 3, b: 2 } })).toBe(5);
  });

  it("the deciding variant of a run without a winner", () => {
    const sour = cells("c", 75).map((c) => ({
      ...c,
      metrics: { ...c.metrics, sentiment: c.metrics.sentiment! - 20 },
    }));
    const blocked = analyze([...cells("control", 60), ...cells("b", 61), ...sour], {
      control: "control",
      mode: "validation",
    });
    expect(decidingVariant(blocked)).toEqual({
      key: "c",
      why: "met the bar but is worse on sentiment",
    });
    const lost = analyze([...cells("control", 60), ...cells("b", 50), ...cells("c", 55)], {
      control: "control",
      mode: "validation",
    });
    expect(lost.verdict.kind).toBe("original_won");
    expect(decidingVariant(lost)).toEqual({
      key: "c",
      why: "the best candidate, and still no better than the original",
    });
    // Untested variants (no paired cells) sort last.
    const partial = analyze([...cells("control", 60), ...cells("b", 58)], {
      control: "control",
      mode: "validation",
    });
    expect(byEffect(partial, ["z", "b"])).toEqual(["b", "z"]);
  });
});

describe("actions", () => {
  const job = (
    status: string,
    target_kind = "prompt",
    winner = true,
    promoted: string | null = null,
  ) => ({
    status,
    target_kind,
    results: status === "completed" ? { winner_selected: winner } : null,
    promoted_version_id: promoted,
  });

  it("apply only completed prompt runs", () => {
    expect(actionBlocked("apply", job("completed"), true)).toBeNull();
    expect(actionBlocked("apply", job("completed", "prompt", false), true)).toBeNull();
    expect(actionBlocked("apply", job("running"), true)).toMatch(/this one is running/);
    expect(actionBlocked("apply", job("completed", "capability_agent"), true)).toMatch(/promote/);
  });

  it("a completed run without one scored cell can be neither applied nor promoted", () => {
    expect(actionBlocked("apply", job("completed"), true, 0)).toBe(
      "No cell of this run was scored, so it has no result to be applied.",
    );
    expect(actionBlocked("promote", job("completed", "capability_agent"), true, 0)).toMatch(
      /No cell of this run was scored/,
    );
    expect(actionBlocked("apply", job("completed"), true, 1)).toBeNull();
    expect(actionBlocked("apply", job("completed"), true, null)).toBeNull();
    // A run that failed for it says so by its status.
    expect(actionBlocked("apply", job("failed"), true, 0)).toMatch(/this one is failed/);
  });

  it("promote only completed capability-agent runs with a winner, once", () => {
    expect(actionBlocked("promote", job("completed", "capability_agent"), true)).toBeNull();
    expect(actionBlocked("promote", job("completed", "capability_agent", false), true)).toMatch(
      /no winner/,
    );
    expect(
      actionBlocked("promote", job("completed", "capability_agent", true, "v1"), true),
    ).toMatch(/already promoted/);
    expect(actionBlocked("promote", job("completed"), true)).toMatch(/apply/);
  });

  it("stop only queued or running runs, retry only failed or stopped ones; viewers neither", () => {
    expect(
      ["queued", "running", "completed", "failed", "stopped"].map(
        (s) => actionBlocked("stop", job(s), true) === null,
      ),
    ).toEqual([true, true, false, false, false]);
    expect(
      ["queued", "running", "completed", "failed", "stopped"].map(
        (s) => actionBlocked("retry", job(s), true) === null,
      ),
    ).toEqual([false, false, false, true, true]);
    expect(actionBlocked("stop", job("running"), false)).toMatch(/Viewers/);
  });
});
