// Which code points are hidden, what each is called, and when one is ordinary text (a joiner in an
// emoji or a joining script, a byte order mark at the start, a subdivision flag's tags): the one
// definition that the trust card's scanner (scan-hidden-unicode.ts) reports and that the file
// viewer and the version diff mark (lib/catalog/render/hidden-marks.tsx). Pure, so it can ship to
// the browser.
import { codePointLabel } from "./scan-shared";

export type HiddenRule =
  "zero_width" | "bidi_control" | "tag_character" | "control_character" | "invisible_format";

const CP_NAMES: Record<number, string> = {
  0x00ad: "Soft hyphen",
  0x034f: "Combining grapheme joiner",
  0x061c: "Arabic letter mark",
  0x115f: "Hangul choseong filler",
  0x1160: "Hangul jungseong filler",
  0x180e: "Mongolian vowel separator",
  0x200b: "Zero-width space",
  0x200c: "Zero-width non-joiner",
  0x200d: "Zero-width joiner",
  0x200e: "Left-to-right mark",
  0x200f: "Right-to-left mark",
  0x202a: "Left-to-right embedding",
  0x202b: "Right-to-left embedding",
  0x202c: "Pop directional formatting",
  0x202d: "Left-to-right override",
  0x202e: "Right-to-left override",
  0x2060: "Word joiner",
  0x2061: "Function application",
  0x2062: "Invisible times",
  0x2063: "Invisible separator",
  0x2064: "Invisible plus",
  0x2065: "Unassigned invisible format character",
  0x2066: "Left-to-right isolate",
  0x2067: "Right-to-left isolate",
  0x2068: "First strong isolate",
  0x2069: "Pop directional isolate",
  0x206a: "Inhibit symmetric swapping",
  0x206b: "Activate symmetric swapping",
  0x206c: "Inhibit Arabic form shaping",
  0x206d: "Activate Arabic form shaping",
  0x206e: "National digit shapes",
  0x206f: "Nominal digit shapes",
  0x17b4: "Khmer vowel inherent AQ",
  0x17b5: "Khmer vowel inherent AA",
  0x2800: "Braille pattern blank",
  0x3164: "Hangul filler",
  0xfeff: "Zero-width no-break space (byte order mark)",
  0xffa0: "Halfwidth Hangul filler",
  0xfff9: "Interlinear annotation anchor",
  0xfffa: "Interlinear annotation separator",
  0xfffb: "Interlinear annotation terminator",
  0x001b: "Escape",
  0x007f: "Delete",
};

/**
 * What is reported, and why:
 * - zero_width: U+200B–U+200D, U+2060, U+FEFF (except a byte order mark at the very start).
 *   A zero-width joiner inside an emoji sequence (woman, ZWJ, laptop) and a ZWJ/ZWNJ between letters of a
 *   script that needs them (Persian, Indic scripts…) are normal text and not reported.
 * - bidi_control: U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C ("Trojan Source").
 * - tag_character: U+E0000–U+E007F, which can spell invisible ASCII ("ASCII smuggling"); the
 *   message decodes it. Tag sequences of subdivision flags (🏴 + tags + U+E007F) are not reported.
 * - control_character: C0 controls other than tab, LF, CR and form feed (Python uses ^L), DEL
 *   and C1 controls; ESC can hide or rewrite text in terminals.
 * - invisible_format: other characters that render as nothing. The soft hyphen (U+00AD) is
 *   included: agent and skill text has no use for it, it is invisible except at a line break,
 *   and it splits words so that what a reviewer reads and what a filter matches differ
 *   ("ig<SHY>nore"). Also the combining grapheme joiner, Mongolian vowel separator, invisible
 *   math operators, deprecated format characters U+206A–U+206F, Hangul fillers (used for
 *   invisible identifiers), the Braille pattern blank U+2800 (a "blank" letter used for
 *   invisible names and strings; not reported between Braille patterns, where it is the space),
 *   the Khmer inherent vowels U+17B4/U+17B5 and the musical format characters U+1D173–U+1D17A
 *   (all render as nothing), interlinear annotation characters and variation selectors
 *   17–256 (U+E0100–U+E01EF, used to smuggle bytes after an emoji; one after a Han ideograph
 *   is an ideographic variation sequence and not reported). Variation selectors 1–16
 *   (U+FE00–U+FE0F) are everyday emoji presentation selectors and are not reported.
 */
/** The characters of each rule, as a regular-expression class body. */
const HIDDEN_CLASS: Record<HiddenRule, string> = {
  zero_width: String.raw`\u200B-\u200D\u2060\uFEFF`,
  bidi_control: String.raw`\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C`,
  tag_character: String.raw`\u{E0000}-\u{E007F}`,
  control_character: String.raw`\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F`,
  invisible_format: String.raw`\u00AD\u034F\u115F\u1160\u180E\u2061-\u2065\u206A-\u206F\u3164\uFFA0\uFFF9-\uFFFB\u{1D173}-\u{1D17A}\u{E0100}-\u{E01EF}`,
};
/**
 * Invisible format characters kept out of the class above: with them in it, V8 scans ordinary
 * text about ten times slower (measured on 5 MB), so they are an alternative of their own.
 */
const INVISIBLE_EXTRA = String.raw`\u17B4\u17B5\u2800`;
/** Runs of the characters of the given rules (all rules, or those not yet at their cap). */
export const hiddenRunRegex = (rules: readonly HiddenRule[]) => {
  const main = `[${rules.map((r) => HIDDEN_CLASS[r]).join("")}]`;
  return new RegExp(
    rules.includes("invisible_format") ? `(?:${main}|[${INVISIBLE_EXTRA}])+` : `${main}+`,
    "gu",
  );
};
const JOINING_SCRIPT =
  /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Hebrew}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Myanmar}\p{Script=Khmer}\p{Script=Mongolian}\p{Script=Tibetan}]/u;
const EMOJI_BEFORE_ZWJ = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]/u;
const EMOJI = /\p{Extended_Pictographic}/u;
const HAN = /\p{Script=Han}/u;

export function hiddenRule(cp: number): HiddenRule {
  if (cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0x2060 || cp === 0xfeff)
    return "zero_width";
  if (
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069) ||
    cp === 0x200e ||
    cp === 0x200f ||
    cp === 0x061c
  )
    return "bidi_control";
  if (cp >= 0xe0000 && cp <= 0xe007f) return "tag_character";
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return "control_character";
  return "invisible_format";
}

export const RULE_PRIORITY: HiddenRule[] = [
  "tag_character",
  "bidi_control",
  "zero_width",
  "control_character",
  "invisible_format",
];

export function codePointName(cp: number): string {
  const known = CP_NAMES[cp];
  if (known) return known;
  if (cp === 0xe0001) return "Language tag";
  if (cp === 0xe007f) return "Cancel tag";
  if (cp >= 0xe0020 && cp <= 0xe007e)
    return `Tag ${JSON.stringify(String.fromCharCode(cp - 0xe0000))}`;
  if (cp >= 0xe0000 && cp <= 0xe007f) return "Unassigned tag character";
  if (cp >= 0xe0100 && cp <= 0xe01ef) return `Variation selector-${cp - 0xe0100 + 17}`;
  if (cp >= 0x1d173 && cp <= 0x1d17a) return "Musical symbol format character";
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return "Control character";
  return "Invisible character";
}

function codePointBefore(text: string, i: number): number | undefined {
  if (i <= 0) return undefined;
  const c = text.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const hi = text.charCodeAt(i - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return text.codePointAt(i - 2);
  }
  return c;
}

export function isExempt(
  text: string,
  cp: number,
  i: number,
  end: number,
  runLength: number,
): boolean {
  if (cp === 0xfeff && i === 0) return true;
  if ((cp === 0x200d || cp === 0x200c) && runLength === 1) {
    const prev = codePointBefore(text, i);
    const next = text.codePointAt(end);
    if (prev === undefined || next === undefined) return false;
    const p = String.fromCodePoint(prev);
    const n = String.fromCodePoint(next);
    if (cp === 0x200d && EMOJI_BEFORE_ZWJ.test(p) && EMOJI.test(n)) return true;
    if (JOINING_SCRIPT.test(p) && JOINING_SCRIPT.test(n)) return true;
  }
  if (cp === 0x2800) {
    // The blank between Braille patterns is the space of Braille text.
    const prev = codePointBefore(text, i);
    const next = text.codePointAt(end);
    const braille = (c: number | undefined) => c !== undefined && c > 0x2800 && c <= 0x28ff;
    if (braille(prev) || braille(next)) return true;
  }
  if (cp >= 0xe0100 && cp <= 0xe01ef && runLength === 1) {
    const prev = codePointBefore(text, i);
    if (prev !== undefined && HAN.test(String.fromCodePoint(prev))) return true;
  }
  return false;
}

/** A subdivision flag: U+1F3F4, 2 to 7 tag letters or digits, U+E007F. */
export function isFlagTagSequence(text: string, runStart: number, runEnd: number): boolean {
  const n = (runEnd - runStart) / 2;
  if (
    n < 3 ||
    n > 8 ||
    codePointBefore(text, runStart) !== 0x1f3f4 ||
    text.codePointAt(runEnd - 2) !== 0xe007f
  )
    return false;
  for (let i = runStart; i < runEnd - 2; i += 2) {
    const c = text.codePointAt(i)!;
    if (!((c >= 0xe0061 && c <= 0xe007a) || (c >= 0xe0030 && c <= 0xe0039))) return false;
  }
  return true;
}

/** A hidden character to show as a marker: the character itself, "U+202E" and its name. */
export interface HiddenChar {
  char: string;
  label: string;
  name: string;
  rule: HiddenRule;
}

const ALL_HIDDEN = hiddenRunRegex(RULE_PRIORITY);

/**
 * `text` cut into plain runs and the hidden characters the scanner would report, in order; the
 * parts joined give `text` back. Exempt characters (an emoji's joiner…) stay in the plain runs.
 */
export function hiddenParts(text: string): (string | HiddenChar)[] {
  const out: (string | HiddenChar)[] = [];
  let plain = "";
  let last = 0;
  const re = new RegExp(ALL_HIDDEN);
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const runStart = m.index;
    const runEnd = runStart + m[0].length;
    plain += text.slice(last, runStart);
    last = runEnd;
    if (isFlagTagSequence(text, runStart, runEnd)) {
      plain += m[0];
      continue;
    }
    for (let i = runStart; i < runEnd;) {
      const cp = text.codePointAt(i)!;
      const len = cp > 0xffff ? 2 : 1;
      const char = text.slice(i, i + len);
      if (isExempt(text, cp, i, i + len, len === 2 ? m[0].length / 2 : m[0].length)) plain += char;
      else {
        if (plain) out.push(plain);
        plain = "";
        out.push({
          char,
          label: codePointLabel(cp),
          name: codePointName(cp),
          rule: hiddenRule(cp),
        });
      }
      i += len;
    }
  }
  plain += text.slice(last);
  if (plain) out.push(plain);
  return out;
}

/** How many hidden characters `text` holds: bidirectional controls and the others. */
export function countHidden(text: string): { bidi: number; other: number } {
  let bidi = 0;
  let other = 0;
  for (const p of hiddenParts(text))
    if (typeof p !== "string") {
      if (p.rule === "bidi_control") bidi++;
      else other++;
    }
  return { bidi, other };
}
