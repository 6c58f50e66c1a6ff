// What the trust card's three scanners (scan-secrets.ts, scan-hidden-unicode.ts,
// scan-injection.ts) share: the finding they report, the hit each returns, and how a secret and a
// hidden character are shown in an excerpt or a message.

export type ScanKind = "secret" | "hidden_unicode" | "injection";

export interface ScanFinding {
  kind: ScanKind;
  /** File path in the bundle. */
  path: string;
  /** 1-based. */
  line: number;
  /** 1-based, in Unicode code points, of the start of the match (for secrets: of the secret value). */
  column: number;
  /** Stable id, for example "aws_access_key_id", "zero_width", "ignore_previous_instructions". */
  rule: string;
  /** One line for people. */
  message: string;
  /** The line, secrets redacted, hidden characters shown as "<U+200B>", at most 160 characters. */
  excerpt: string;
}

export const MAX_FINDINGS_PER_RULE = 100;

export interface Hit {
  kind: ScanKind;
  rule: string;
  message: string;
  /** Offset reported as line and column. */
  at: number;
}

export interface SecretHit extends Hit {
  /** The secret itself is text[start, end). */
  start: number;
  end: number;
}

export interface Range {
  start: number;
  end: number;
}

/** One character the hidden-Unicode scan reports (unusual spaces included), or a lone surrogate: shown as "<U+200B>". */
export const HIDDEN_ONE =
  /^[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\u00A0\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u1680\u180E\u2000-\u200F\u202A-\u202F\u205F-\u206F\u2800\u3000\u3164\uFEFF\uFFA0\uFFF9-\uFFFB\u{1D173}-\u{1D17A}\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}\u2028\u2029\uD800-\uDFFF]$/u;

export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}

function escapeHidden(s: string): string {
  let out = "";
  for (const ch of s) out += HIDDEN_ONE.test(ch) ? `<${codePointLabel(ch.codePointAt(0)!)}>` : ch;
  return out;
}

/** "AKIA…[redacted, 20 chars]": at most 4 characters, fewer for short secrets. */
export function redactedToken(secret: string): string {
  const cps = [...secret];
  const keep = Math.min(4, Math.floor(cps.length / 4));
  return `${escapeHidden(cps.slice(0, keep).join(""))}…[redacted, ${cps.length} chars]`;
}

/**
 * Every match of a global expression, as `text.matchAll(re)` gives them, without the copy of the
 * expression that matchAll makes on each call (a fixed cost that adds up over a bundle's many
 * small files). The matches are collected before the caller reads any, so the expression may be
 * used again meanwhile.
 */
export function allMatches(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    out.push(m);
    if (m[0] === "")
      re.lastIndex = advance(text, re.lastIndex, re.flags.includes("u") || re.flags.includes("v"));
  }
  re.lastIndex = 0;
  return out;
}

/** The index after `i`, a whole code point in unicode mode (as String.prototype.matchAll advances). */
function advance(text: string, i: number, unicode: boolean): number {
  if (!unicode || i + 1 >= text.length) return i + 1;
  const c = text.charCodeAt(i);
  const d = text.charCodeAt(i + 1);
  return c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff ? i + 2 : i + 1;
}
