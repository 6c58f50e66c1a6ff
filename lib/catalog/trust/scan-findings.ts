// Findings from hits: line and column (in code points), capped per rule, each with an excerpt of
// its line where secrets are redacted and hidden characters shown as "<U+200B>".
import {
  codePointLabel,
  HIDDEN_ONE,
  MAX_FINDINGS_PER_RULE,
  redactedToken,
  type Hit,
  type Range,
  type ScanFinding,
} from "./scan-shared";

const EXCERPT_MAX = 160;

export function capPerRule(hits: Hit[]): Hit[] {
  const seen = new Map<string, number>();
  return hits.filter((h) => {
    const n = (seen.get(h.rule) ?? 0) + 1;
    seen.set(h.rule, n);
    return n <= MAX_FINDINGS_PER_RULE;
  });
}

/** Walks forward through the text's lines; offsets must come in increasing order. */
class LineCursor {
  line = 0;
  lineStart = 0;
  private nextLF: number;
  private nextCR: number;
  constructor(private readonly text: string) {
    this.nextLF = text.indexOf("\n");
    this.nextCR = text.indexOf("\r");
  }
  private nextBreak(): number {
    if (this.nextLF >= 0 && this.nextLF < this.lineStart)
      this.nextLF = this.text.indexOf("\n", this.lineStart);
    if (this.nextCR >= 0 && this.nextCR < this.lineStart)
      this.nextCR = this.text.indexOf("\r", this.lineStart);
    if (this.nextLF < 0) return this.nextCR;
    if (this.nextCR < 0) return this.nextLF;
    return Math.min(this.nextLF, this.nextCR);
  }
  /** Moves to the line that holds `offset`. */
  seek(offset: number): void {
    for (;;) {
      const b = this.nextBreak();
      if (b < 0 || b >= offset) return;
      this.lineStart = this.text[b] === "\r" && this.text[b + 1] === "\n" ? b + 2 : b + 1;
      this.line++;
    }
  }
  /** Where the current line ends (its terminator, or the end of the text). */
  get lineEnd(): number {
    const b = this.nextBreak();
    return b < 0 ? this.text.length : b;
  }
}

function countCodePoints(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > from) {
      const p = text.charCodeAt(i - 1);
      if (p >= 0xd800 && p <= 0xdbff) continue;
    }
    n++;
  }
  return n;
}

export function buildFindings(
  path: string,
  text: string,
  hits: Hit[],
  secretsOf: (lineStart: number, lineEnd: number) => Range[],
): ScanFinding[] {
  const lines = new LineCursor(text);
  const out: ScanFinding[] = [];
  let curLine = -1;
  let curOff = 0;
  let curCol = 0;
  let lineEnd = 0;
  let redactions: Range[] = [];
  for (const h of hits) {
    lines.seek(h.at);
    if (lines.line !== curLine) {
      curLine = lines.line;
      curOff = lines.lineStart;
      curCol = 0;
      lineEnd = lines.lineEnd;
      redactions = secretsOf(lines.lineStart, lineEnd);
    }
    curCol += countCodePoints(text, curOff, h.at);
    curOff = h.at;
    out.push({
      kind: h.kind,
      path,
      line: curLine + 1,
      column: curCol + 1,
      rule: h.rule,
      message: h.message,
      excerpt: makeExcerpt(text, lines.lineStart, lineEnd, h.at, redactions),
    });
  }
  return out;
}

function firstRangeEndingAfter(ranges: Range[], offset: number): number {
  // Ranges are sorted by start and short; step back a little from the binary-search position.
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  let i = lo;
  while (i > 0 && ranges[i - 1]!.end > offset) i--;
  return i;
}

function makeExcerpt(
  text: string,
  lineStart: number,
  lineEnd: number,
  at: number,
  redactions: Range[],
): string {
  // Work on a window of the line only: lines can be megabytes long.
  let from = Math.max(lineStart, at - 240);
  let to = Math.min(lineEnd, at + 480);
  if (from > lineStart && isLowSurrogate(text.charCodeAt(from))) from--;
  if (to < lineEnd && isLowSurrogate(text.charCodeAt(to))) to++;
  let out = from > lineStart ? "…" : "";
  const atoms: [number, number][] = [];
  let mark = -1;
  const plain = (a: number, b: number) => {
    let i = a;
    while (i < b) {
      if (i === at) mark = out.length;
      const cp = text.codePointAt(i)!;
      const len = cp > 0xffff && i + 1 < b ? 2 : 1;
      const ch = text.slice(i, i + len);
      if (HIDDEN_ONE.test(ch)) {
        const esc = `<${codePointLabel(len === 2 ? cp : text.charCodeAt(i))}>`;
        atoms.push([out.length, out.length + esc.length]);
        out += esc;
      } else out += ch;
      i += len;
    }
  };
  let i = from;
  for (let k = firstRangeEndingAfter(redactions, from); k < redactions.length; k++) {
    const r = redactions[k]!;
    if (r.start >= to) break;
    if (r.end <= i) continue;
    plain(i, Math.max(i, r.start));
    const token =
      r.start >= i && r.start >= lineStart
        ? redactedToken(text.slice(r.start, r.end))
        : "[redacted]";
    if (at >= Math.max(i, r.start) && at < r.end) mark = out.length;
    atoms.push([out.length, out.length + token.length]);
    out += token;
    i = r.end;
  }
  if (i < to) plain(i, to);
  if (to < lineEnd) out += "…";
  if (mark < 0) mark = at >= to ? out.length : 0;
  return trimAround(out, mark, atoms);
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** At most EXCERPT_MAX characters around `mark`, without cutting a marker or a surrogate pair. */
function trimAround(s: string, mark: number, atoms: [number, number][]): string {
  if (s.length <= EXCERPT_MAX) return s;
  const budget = EXCERPT_MAX - 2; // room for an ellipsis at each end
  let a = Math.max(0, Math.min(mark - 40, s.length - budget));
  let b = Math.min(s.length, a + budget);
  for (const [x, y] of atoms) {
    if (a > x && a < y) a = x;
  }
  b = Math.min(s.length, a + budget);
  for (const [x, y] of atoms) {
    if (b > x && b < y) b = x;
  }
  if (a > 0 && isLowSurrogate(s.charCodeAt(a))) a++;
  if (b < s.length && isLowSurrogate(s.charCodeAt(b))) b--;
  return `${a > 0 ? "…" : ""}${s.slice(a, b)}${b < s.length ? "…" : ""}`;
}
