// How results read: bands at their edges, the verdict with names, the nearest miss, and the rules
// that enable or disable each action.
import { describe, expect, it } from "vitest";
import { analyze, type Cell } from "./stats";
import {
  actionBlocked,
  bestCandidate,
  confidenceBand,
  formatConfidence,
  formatLift,
  nearestMiss,
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
    expect(nearestMiss(a, names, "validation")).toBeNull();
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
    expect(nearestMiss(a, names, "validation")).toMatch(
      /^Best candidate: Variant B, \+\d\.\d% task completion at \d+% confidence; a winner needs 95% \(validation\)/,
    );
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
