import { describe, expect, it } from "vitest";
import { jobBounds, transcriptBytes } from "./bounds";

describe("a job's bounds from its plan", () => {
  it("exploratory: (variants + 1) × personas × (3 + 1 retry) cells; turns from max_turns; log lines from cells", () => {
    expect(
      jobBounds({
        variantCount: 3,
        personaIds: ["a", "b", "c", "d", "e"],
        mode: "exploratory",
        maxTurns: 6,
      }),
    ).toEqual({
      variants: 4,
      personas: 5,
      scenarios: 4,
      cells: 80,
      turns: 14,
      transcriptBytes: 128 * 1024,
      logLines: 260,
    });
  });

  it("validation: 8 scenarios per persona and 2 for retries", () => {
    const b = jobBounds({ variantCount: 1, personaIds: ["a"], mode: "validation", maxTurns: 20 });
    expect(b).toMatchObject({ scenarios: 10, cells: 20, turns: 42, logLines: 140 });
  });

  it("counts transcript bytes as UTF-8, roles included", () => {
    expect(transcriptBytes([{ role: "user", content: "é😀" }])).toBe(4 + 2 + 4);
  });
});
