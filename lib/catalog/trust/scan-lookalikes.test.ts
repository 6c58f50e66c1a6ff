// Look-alike letters and unusual spaces, through scanText: reported where they deceive, quiet in
// ordinary Russian, Greek and typographic text.
import { describe, expect, it } from "vitest";
import { scanText } from "./scan";
import { hiddenOnly } from "./scan-test-helpers";
import { isSourceCode } from "./scan-lookalikes";

const hits = (path: string, text: string) =>
  scanText(path, text, hiddenOnly).map((f) => [f.line, f.column, f.rule]);

describe("homoglyphs", () => {
  it("reports a word that mixes Latin letters with Cyrillic or Greek look-alikes, in any file", () => {
    // "pаypal" with a Cyrillic а; "ехес" is all Cyrillic but "run ехес" in Markdown is prose.
    const [f] = scanText("skills/s/SKILL.md", "Sign in at p\u0430ypal.com first.\n", hiddenOnly);
    expect(f).toMatchObject({ rule: "homoglyph", line: 1, column: 13 });
    expect(f!.message).toContain('Cyrillic "\u0430" (U+0430) for "a"');
    expect(hits("tools/t.py", "def get_\u03BFrders():\n")).toEqual([[1, 9, "homoglyph"]]);
  });

  it("reports, in source code, a line whose foreign letters all read as Latin", () => {
    expect(hits("src/auth.ts", "// role check\nif (role === '\u0430dmin') {}\n")).toEqual([
      [2, 15, "homoglyph"],
    ]);
    // One Cyrillic letter alone in a string: nothing Latin to mix with, but it reads as "a".
    expect(hits("lib/x.js", "export const label = '\u0430'\n")).toEqual([[1, 23, "homoglyph"]]);
  });

  it("stays quiet on real Russian and Greek text, in code and in prose", () => {
    const ru = "# Проверка: а также с ошибками\nmsg = 'Привет, мир'\n";
    expect(hits("tools/greet.py", ru)).toEqual([]);
    expect(hits("README.md", "Это а и о: обычный текст. Ок.\n")).toEqual([]);
    expect(hits("docs/notes.md", "\u0430\n")).toEqual([]); // a lone "а" is a Russian word in prose
    expect(hits("tools/stats.py", "mu = 'μ'; sigma = 'σ'  # Ω, λ, π\n")).toEqual([]);
    expect(hits("lib/i18n.ts", "const t = { ru: 'жжж', el: 'καλημέρα' };\n")).toEqual([]);
  });

  it("reports a 1 MB word once and a 2 MB line once", () => {
    expect(scanText("x.ts", "a\u0430".repeat(500_000), hiddenOnly)).toHaveLength(1);
    expect(scanText("x.ts", "\u0430 ".repeat(1_000_000), hiddenOnly)).toHaveLength(1);
  });

  // As scan.test.ts does for the other rules: a pathological line in source code (where every
  // rule here runs) is scanned in time proportional to its length.
  it.each([
    ["a\u0430", "alternating scripts in one word"],
    ["\u0430 ", "look-alikes on one line"],
    ["\u0430\u0431 ", "foreign runs with other letters"],
    ["\u00A0", "one run of no-break spaces"],
    ["a\u00A0", "many unusual spaces"],
  ])("stays linear on a 2 MB line of %j (%s)", (unit) => {
    const text = unit.repeat(Math.ceil(2_000_000 / unit.length));
    const t = performance.now();
    scanText("patho.ts", text, hiddenOnly);
    expect(performance.now() - t).toBeLessThan(1500);
  });
});

describe("unusual spaces", () => {
  it("reports a no-break or other non-ASCII space in source code, shown as a code point", () => {
    const [f] = scanText("tools/auth.py", "if user == 'admin'\u00A0and ok:\n", hiddenOnly);
    expect(f).toMatchObject({ rule: "unusual_space", line: 1, column: 19 });
    expect(f!.message).toContain("No-break space (U+00A0)");
    expect(f!.excerpt).toContain("<U+00A0>");
    expect(hits("a.go", "x :=\u2009\u20091\n")).toEqual([[1, 5, "unusual_space"]]);
  });

  it("leaves typography in prose and data files alone", () => {
    expect(hits("README.md", "Prix\u00A0: 10\u00A0€ — 5\u202Fkm\n")).toEqual([]);
    expect(hits("capability.yaml", "description: 10\u00A0km\n")).toEqual([]);
  });

  it("knows source files by extension", () => {
    for (const p of ["a.py", "dir/b.TS", "c.sh", "x/y/z.go"]) expect(isSourceCode(p), p).toBe(true);
    for (const p of ["a.md", "b.txt", "c.yaml", "Makefile", ".py", "dir.py/readme"])
      expect(isSourceCode(p), p).toBe(false);
  });
});
