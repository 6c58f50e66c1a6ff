// The parts of a text the viewer marks: the scanner's hidden characters, with its exemptions.
import { describe, expect, it } from "vitest";
import { countHidden, hiddenParts } from "./hidden-chars";
import { scanText } from "./scan";

const labels = (text: string) =>
  hiddenParts(text).map((p) => (typeof p === "string" ? p : `<${p.label}>`));

describe("hiddenParts", () => {
  it("cuts out bidi controls, zero-width and tag characters, and gives the text back", () => {
    const text = "- \u202Eevil\u202C re\u200Bstart \u{E0041}";
    expect(labels(text)).toEqual([
      "- ",
      "<U+202E>",
      "evil",
      "<U+202C>",
      " re",
      "<U+200B>",
      "start ",
      "<U+E0041>",
    ]);
    expect(
      hiddenParts(text)
        .map((p) => (typeof p === "string" ? p : p.char))
        .join(""),
    ).toBe(text);
    const rlo = hiddenParts(text)[1];
    expect(rlo).toMatchObject({ name: "Right-to-left override", rule: "bidi_control" });
  });

  it("leaves text without hidden characters, emoji joiners, flags and a leading BOM alone", () => {
    for (const text of [
      "plain text, tabs\tand\r\nnewlines",
      "👩\u200D💻 at work",
      "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F} Scotland",
      "\uFEFFstarts with a byte order mark",
      "می\u200Cخواهم",
    ])
      expect(hiddenParts(text)).toEqual([text]);
    expect(hiddenParts("")).toEqual([]);
  });

  it("marks what the scanner reports, character for character", () => {
    const text = "a\u00ADb\u2062c\u001Bd\u2066e\u2069f\uFEFF";
    const marked = hiddenParts(text).filter((p) => typeof p !== "string").length;
    expect(marked).toBe(6);
    // Each stands alone, so the scanner reports one run per character.
    expect(scanText("x.md", text).filter((f) => f.kind === "hidden_unicode")).toHaveLength(6);
  });
});

describe("countHidden", () => {
  it("counts bidirectional controls apart from the others", () => {
    expect(countHidden("\u202Eabc\u202C \u200B")).toEqual({ bidi: 2, other: 1 });
    expect(countHidden("nothing here")).toEqual({ bidi: 0, other: 0 });
  });
});
