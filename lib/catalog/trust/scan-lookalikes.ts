// Look-alike characters, reported with the hidden-Unicode findings: letters of another script that
// read as Latin ones (homoglyphs: Cyrillic "а" for "a", Greek "Ο" for "O") and, in source code,
// spaces that are not the ASCII space (a no-break space between `const` and a name). What a
// reviewer reads and what the interpreter, a filter or a model sees then differ.
//
// - homoglyph, any file: a word that mixes Latin letters with Cyrillic or Greek letters that look
//   like Latin ones ("pаypal", "ехес"). Real words do not mix scripts.
// - homoglyph, source code only: a line whose Cyrillic or Greek letters are all Latin look-alikes
//   (`label = 'а'`). A line of Russian or Greek text has letters without a Latin twin (б, ж, я,
//   λ, π…), so it is not reported; prose files (Markdown, text) are left to the word rule, since
//   "а", "о" and "с" are everyday Russian words.
// - unusual_space, source code only: no-break, en/em, thin, ideographic and similar spaces.
//   Prose uses them for typography; in code they split or glue tokens invisibly.
//
// Linear: one pass over the runs of Greek and Cyrillic characters, each word and line read once.
import { codePointLabel, MAX_FINDINGS_PER_RULE, type Hit } from "./scan-shared";

/** Cyrillic and Greek characters that render like an ASCII one, and that one. */
const CONFUSABLE: ReadonlyMap<number, string> = new Map(
  [
    // Cyrillic
    ["\u0430", "a"],
    ["\u0435", "e"],
    ["\u043E", "o"],
    ["\u0440", "p"],
    ["\u0441", "c"],
    ["\u0443", "y"],
    ["\u0445", "x"],
    ["\u0455", "s"],
    ["\u0456", "i"],
    ["\u0458", "j"],
    ["\u04BB", "h"],
    ["\u04CF", "l"],
    ["\u0501", "d"],
    ["\u051B", "q"],
    ["\u051D", "w"],
    ["\u0410", "A"],
    ["\u0412", "B"],
    ["\u0415", "E"],
    ["\u041A", "K"],
    ["\u041C", "M"],
    ["\u041D", "H"],
    ["\u041E", "O"],
    ["\u0420", "P"],
    ["\u0421", "C"],
    ["\u0422", "T"],
    ["\u0425", "X"],
    ["\u0405", "S"],
    ["\u0406", "I"],
    ["\u0408", "J"],
    ["\u04AE", "Y"],
    ["\u051A", "Q"],
    ["\u051C", "W"],
    // Greek
    ["\u0391", "A"],
    ["\u0392", "B"],
    ["\u0395", "E"],
    ["\u0396", "Z"],
    ["\u0397", "H"],
    ["\u0399", "I"],
    ["\u039A", "K"],
    ["\u039C", "M"],
    ["\u039D", "N"],
    ["\u039F", "O"],
    ["\u03A1", "P"],
    ["\u03A4", "T"],
    ["\u03A5", "Y"],
    ["\u03A7", "X"],
    ["\u03BF", "o"],
    ["\u03F2", "c"],
    ["\u03F3", "j"],
    ["\u037E", ";"],
  ].map(([k, v]) => [k!.codePointAt(0)!, v!]),
);

const SPACE_NAMES: Record<number, string> = {
  0x00a0: "No-break space",
  0x1680: "Ogham space mark",
  0x2000: "En quad",
  0x2001: "Em quad",
  0x2002: "En space",
  0x2003: "Em space",
  0x2004: "Three-per-em space",
  0x2005: "Four-per-em space",
  0x2006: "Six-per-em space",
  0x2007: "Figure space",
  0x2008: "Punctuation space",
  0x2009: "Thin space",
  0x200a: "Hair space",
  0x202f: "Narrow no-break space",
  0x205f: "Medium mathematical space",
  0x3000: "Ideographic space",
};

/** File extensions of program source: where look-alike lines and unusual spaces are reported. */
const SOURCE_EXTENSIONS = new Set(
  (
    "js mjs cjs jsx ts mts cts tsx py pyw pyi sh bash zsh fish ksh ps1 psm1 bat cmd rb go rs java kt kts " +
    "scala swift c h cc cpp cxx hpp hh cs fs php pl pm lua r jl dart ex exs erl hs clj groovy sql vue svelte"
  ).split(" "),
);

export function isSourceCode(path: string): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot > 0 && SOURCE_EXTENSIONS.has(name.slice(dot + 1).toLowerCase());
}

const FOREIGN_RUN = /[\u0370-\u03FF\u0400-\u052F]+/g;
const ANY_FOREIGN = /[\u0370-\u03FF\u0400-\u052F]/;
const ODD_SPACE_RUN = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;
const LETTER = /\p{L}/u;
const WORD_CHAR = /[\p{L}\p{M}\p{N}_]/u;

const isAsciiLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
/** Latin letters: ASCII and Latin-1 / Extended-A / Extended-B letters. */
const isLatinLetter = (c: number) =>
  isAsciiLetter(c) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
const isWordChar = (c: number) =>
  isAsciiLetter(c) ||
  (c >= 0x30 && c <= 0x39) ||
  c === 0x5f ||
  (c > 0x7f && WORD_CHAR.test(String.fromCodePoint(c)));

function scriptOf(cp: number): string {
  return cp >= 0x0400 ? "Cyrillic" : "Greek";
}

function describe(cps: number[]): string {
  const shown = [...new Set(cps)].slice(0, 4);
  const parts = shown.map(
    (cp) =>
      `${scriptOf(cp)} ${JSON.stringify(String.fromCodePoint(cp))} (${codePointLabel(cp)}) for ${JSON.stringify(CONFUSABLE.get(cp))}`,
  );
  return parts.join(", ") + (new Set(cps).size > shown.length ? ", …" : "");
}

/** The homoglyph and unusual-space hits of one file; `code` when the file is program source. */
export function findLookalikes(text: string, code: boolean): Hit[] {
  const out: Hit[] = [];
  if (ANY_FOREIGN.test(text)) findHomoglyphs(text, code, out);
  if (code) findOddSpaces(text, out);
  return out;
}

function findHomoglyphs(text: string, code: boolean, out: Hit[]): void {
  let found = 0;
  const push = (at: number, message: string) => {
    if (found++ < MAX_FINDINGS_PER_RULE)
      out.push({ kind: "hidden_unicode", rule: "homoglyph", message, at });
  };
  let wordsUntil = 0; // words before this offset have been checked
  // The current line (code files): where it ends, its look-alikes, whether it has other letters.
  let lineEnd = -1;
  let lineLookalikes: number[] = [];
  let lineFirst = -1;
  let lineOther = false;
  let lineReported = false;
  const endLine = () => {
    if (code && lineLookalikes.length && !lineOther && !lineReported)
      push(lineFirst, `Letters that read as Latin: ${describe(lineLookalikes)}`);
  };
  FOREIGN_RUN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = FOREIGN_RUN.exec(text)) && found < MAX_FINDINGS_PER_RULE) {
    const runStart = m.index;
    const runEnd = runStart + m[0].length;
    if (runStart >= lineEnd) {
      endLine();
      const nl = text.indexOf("\n", runStart);
      lineEnd = nl < 0 ? text.length : nl;
      lineLookalikes = [];
      lineFirst = -1;
      lineOther = false;
      lineReported = false;
    }
    for (let i = runStart; i < runEnd; i++) {
      const cp = text.charCodeAt(i);
      if (CONFUSABLE.has(cp)) {
        if (lineFirst < 0) lineFirst = i;
        if (lineLookalikes.length < 16) lineLookalikes.push(cp);
      } else if (LETTER.test(text[i]!)) lineOther = true;
    }
    if (runStart < wordsUntil) continue;
    // The word around this run, read once: back to its start (not before the last word read), then on to its end.
    let start = runStart;
    while (start > wordsUntil && isWordChar(codePointBefore(text, start)))
      start -= codePointBefore(text, start) > 0xffff ? 2 : 1;
    let end = runEnd;
    while (end < text.length) {
      const cp = text.codePointAt(end)!;
      if (!isWordChar(cp)) break;
      end += cp > 0xffff ? 2 : 1;
    }
    wordsUntil = end;
    const mixed = mixedWord(text, start, end);
    if (mixed) {
      push(mixed.at, mixed.message);
      if (mixed.at < lineEnd) lineReported = true;
    }
  }
  endLine();
}

/** The first look-alike of a word that also has Latin letters, and what to say of the word. */
function mixedWord(
  text: string,
  start: number,
  end: number,
): { at: number; message: string } | undefined {
  let latin = false;
  const lookalikes: number[] = [];
  let first = -1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (isLatinLetter(c)) latin = true;
    else if (CONFUSABLE.has(c)) {
      if (first < 0) first = i;
      if (lookalikes.length < 16) lookalikes.push(c);
    }
  }
  if (!latin || !lookalikes.length) return undefined;
  let word = text.slice(start, end);
  if (word.length > 40) word = `${word.slice(0, 40)}…`;
  return {
    at: first,
    message: `Word ${JSON.stringify(word)} mixes Latin letters with look-alikes: ${describe(lookalikes)}`,
  };
}

function codePointBefore(text: string, i: number): number {
  const c = text.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const hi = text.charCodeAt(i - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return text.codePointAt(i - 2)!;
  }
  return c;
}

function findOddSpaces(text: string, out: Hit[]): void {
  let found = 0;
  ODD_SPACE_RUN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ODD_SPACE_RUN.exec(text)) && found < MAX_FINDINGS_PER_RULE) {
    const cps = [...m[0]].map((ch) => ch.codePointAt(0)!);
    const names = [...new Set(cps)]
      .slice(0, 4)
      .map(
        (cp) =>
          `${SPACE_NAMES[cp] ?? "Space"} (${codePointLabel(cp)})${cps.length > 1 && new Set(cps).size === 1 ? ` ×${cps.length}` : ""}`,
      );
    out.push({
      kind: "hidden_unicode",
      rule: "unusual_space",
      message: `${names.join(", ")} in source code, where it reads as an ordinary space`,
      at: m.index,
    });
    found++;
  }
}
