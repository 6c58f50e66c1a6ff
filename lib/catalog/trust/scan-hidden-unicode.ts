// The hidden-Unicode scanner: zero-width, bidirectional, tag, control and invisible formatting
// characters, reported per run, with the exemptions that keep emoji, joining scripts and
// ideographic variation sequences quiet.
import { findSecrets } from "./scan-secrets";
import { codePointLabel, MAX_FINDINGS_PER_RULE, redactedToken, type Hit } from "./scan-shared";

type HiddenRule =
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
 *   invisible identifiers), interlinear annotation characters and variation selectors
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
  invisible_format: String.raw`\u00AD\u034F\u115F\u1160\u180E\u2061-\u2065\u206A-\u206F\u3164\uFFA0\uFFF9-\uFFFB\u{E0100}-\u{E01EF}`,
};
/** Runs of the characters of the given rules (all rules, or those not yet at their cap). */
const hiddenRunRegex = (rules: readonly HiddenRule[]) =>
  new RegExp(`[${rules.map((r) => HIDDEN_CLASS[r]).join("")}]+`, "gu");
const JOINING_SCRIPT =
  /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Hebrew}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Myanmar}\p{Script=Khmer}\p{Script=Mongolian}\p{Script=Tibetan}]/u;
const EMOJI_BEFORE_ZWJ = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]/u;
const EMOJI = /\p{Extended_Pictographic}/u;
const HAN = /\p{Script=Han}/u;

function hiddenRule(cp: number): HiddenRule {
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

const RULE_PRIORITY: HiddenRule[] = [
  "tag_character",
  "bidi_control",
  "zero_width",
  "control_character",
  "invisible_format",
];

function codePointName(cp: number): string {
  const known = CP_NAMES[cp];
  if (known) return known;
  if (cp === 0xe0001) return "Language tag";
  if (cp === 0xe007f) return "Cancel tag";
  if (cp >= 0xe0020 && cp <= 0xe007e)
    return `Tag ${JSON.stringify(String.fromCharCode(cp - 0xe0000))}`;
  if (cp >= 0xe0000 && cp <= 0xe007f) return "Unassigned tag character";
  if (cp >= 0xe0100 && cp <= 0xe01ef) return `Variation selector-${cp - 0xe0100 + 17}`;
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

function isExempt(text: string, cp: number, i: number, end: number, runLength: number): boolean {
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
  if (cp >= 0xe0100 && cp <= 0xe01ef && runLength === 1) {
    const prev = codePointBefore(text, i);
    if (prev !== undefined && HAN.test(String.fromCodePoint(prev))) return true;
  }
  return false;
}

/** A subdivision flag: U+1F3F4, 2 to 7 tag letters or digits, U+E007F. */
function isFlagTagSequence(text: string, runStart: number, runEnd: number): boolean {
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

/** A summary of one run of hidden characters, built without keeping the characters. */
class RunSummary {
  at = -1;
  count = 0;
  private rules = 0;
  private parts: { cp: number; n: number }[] = [];
  private more = false;
  private spelled = "";
  add(cp: number, at: number): void {
    if (this.count === 0) this.at = at;
    this.count++;
    this.rules |= 1 << RULE_PRIORITY.indexOf(hiddenRule(cp));
    const last = this.parts[this.parts.length - 1];
    if (last && last.cp === cp) last.n++;
    else if (this.parts.length < 4) this.parts.push({ cp, n: 1 });
    else this.more = true;
    if (cp >= 0xe0020 && cp <= 0xe007e && this.spelled.length <= 80)
      this.spelled += String.fromCharCode(cp - 0xe0000);
  }
  get rule(): HiddenRule {
    return RULE_PRIORITY.find((_, i) => this.rules & (1 << i))!;
  }
  hit(): Hit {
    const rule = this.rule;
    let message: string;
    if (rule === "tag_character" && this.spelled) {
      let spelled = redactInline(this.spelled);
      if (spelled.length > 60) spelled = `${spelled.slice(0, 60)}…`;
      message = `${this.count} invisible Unicode tag character${this.count === 1 ? "" : "s"} (U+E0000–U+E007F) spelling ${JSON.stringify(spelled)}`;
    } else {
      message = this.parts
        .map((p) => `${codePointName(p.cp)} (${codePointLabel(p.cp)})${p.n > 1 ? ` ×${p.n}` : ""}`)
        .join(", ");
      if (this.more) message += `, … (${this.count} characters in all)`;
    }
    return { kind: "hidden_unicode", rule, message, at: this.at };
  }
}

const HIDDEN_RUN = hiddenRunRegex(RULE_PRIORITY);

export function findHidden(text: string): { hits: Hit[]; runs: number } {
  const out: Hit[] = [];
  let runs = 0;
  const perRule = new Map<HiddenRule, number>();
  let re = HIDDEN_RUN;
  re.lastIndex = 0;
  let capped = false;
  const emit = (run: RunSummary) => {
    const rule = run.rule;
    const n = (perRule.get(rule) ?? 0) + 1;
    perRule.set(rule, n);
    if (n <= MAX_FINDINGS_PER_RULE) out.push(run.hit());
    if (n === MAX_FINDINGS_PER_RULE) capped = true;
  };
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    runs++;
    const runStart = m.index;
    const runEnd = runStart + m[0].length;
    if (isFlagTagSequence(text, runStart, runEnd)) continue;
    const runLength = m[0].length; // in UTF-16 units; only compared with 1 and 2 (one BMP or one astral character)
    // Split the run where exempt characters interrupt it.
    let run = new RunSummary();
    for (let i = runStart; i < runEnd;) {
      const cp = text.codePointAt(i)!;
      const len = cp > 0xffff ? 2 : 1;
      if (isExempt(text, cp, i, i + len, len === 2 ? runLength / 2 : runLength)) {
        if (run.count) emit(run);
        run = new RunSummary();
      } else run.add(cp, i);
      i += len;
    }
    if (run.count) emit(run);
    if (capped) {
      // A rule reached its cap: look only for the characters of the others from here on, so that
      // a file full of one invisible character costs no more than a clean one.
      capped = false;
      const open = RULE_PRIORITY.filter((r) => (perRule.get(r) ?? 0) < MAX_FINDINGS_PER_RULE);
      if (open.length === 0) break;
      const next = hiddenRunRegex(open);
      next.lastIndex = re.lastIndex;
      re = next;
    }
  }
  return { hits: out, runs };
}

/** Redacts any token-shaped secret inside a short string (used for text decoded from tags). */
function redactInline(s: string): string {
  const hits = findSecrets(s).sort((a, b) => a.start - b.start);
  let out = "";
  let i = 0;
  for (const h of hits) {
    if (h.start < i) continue;
    out += s.slice(i, h.start) + redactedToken(s.slice(h.start, h.end));
    i = h.end;
  }
  return out + s.slice(i);
}
