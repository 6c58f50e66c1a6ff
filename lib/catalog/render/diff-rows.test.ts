// A unified diff as rows: numbering from hunk headers, changed words of paired lines, and the
// side-by-side pairing of removed and added blocks.
import { describe, expect, it } from "vitest";
import { parseUnifiedDiff, splitRows, wordDiff } from "./diff-rows";
import { unifiedDiff } from "./unified-diff";

const diffOf = (a: string, b: string) => unifiedDiff("f.md", a, b)!.diff;

describe("parseUnifiedDiff", () => {
  it("drops the file headers and numbers old and new lines from the hunk header", () => {
    const lines = parseUnifiedDiff(
      diffOf("a\nb\nc\nd\ne\nf\ng\nh\n", "a\nb\nc\nd\ne\nF\nNEW\ng\nh\n"),
    );
    expect(lines[0]).toMatchObject({ kind: "hunk", text: "@@ -3,6 +3,7 @@" });
    expect(lines.map((l) => [l.kind, l.text, l.oldNo, l.newNo])).toEqual([
      ["hunk", "@@ -3,6 +3,7 @@", null, null],
      ["context", "c", 3, 3],
      ["context", "d", 4, 4],
      ["context", "e", 5, 5],
      ["removed", "f", 6, null],
      ["added", "F", null, 6],
      ["added", "NEW", null, 7],
      ["context", "g", 7, 8],
      ["context", "h", 8, 9],
    ]);
  });

  it("numbers an added file from line 1 and keeps the no-newline note", () => {
    const lines = parseUnifiedDiff(diffOf("", "one\ntwo"));
    expect(lines.map((l) => [l.kind, l.newNo])).toEqual([
      ["hunk", null],
      ["added", 1],
      ["added", 2],
      ["note", null],
    ]);
    expect(lines.at(-1)!.text).toBe("\\ No newline at end of file");
  });

  it("marks the changed words of a removed line and the added line it became", () => {
    const [, del, add] = parseUnifiedDiff(
      diffOf("Only restart services\n", "Only stop all services\n"),
    );
    expect(del!.words).toEqual([
      { text: "Only ", changed: false },
      { text: "restart", changed: true },
      { text: " services", changed: false },
    ]);
    expect(
      add!
        .words!.filter((w) => w.changed)
        .map((w) => w.text)
        .join(""),
    ).toBe("stop all ");
    expect(add!.words!.map((w) => w.text).join("")).toBe("Only stop all services");
  });

  it("leaves lines unpaired when nothing but spaces is shared, or when one is very long", () => {
    const [, del, add] = parseUnifiedDiff(diffOf("alpha beta\n", "gamma delta\n"));
    expect(del!.words).toBeUndefined();
    expect(add!.words).toBeUndefined();
    expect(wordDiff(`x ${"a".repeat(3000)}`, `x ${"b".repeat(3000)}`)).toBeNull();
  });
});

describe("splitRows", () => {
  it("puts a removed block beside the added block after it, context on both sides", () => {
    const rows = splitRows(parseUnifiedDiff(diffOf("a\nb\nc\nz\n", "a\nB\nz\nnew1\nnew2\n")));
    const side = (l: { text: string } | null) => l?.text ?? null;
    expect(rows.map((r) => (r.kind === "lines" ? [side(r.left), side(r.right)] : r.kind))).toEqual([
      "hunk",
      ["a", "a"],
      ["b", "B"],
      ["c", null],
      ["z", "z"],
      [null, "new1"],
      [null, "new2"],
    ]);
  });
});
