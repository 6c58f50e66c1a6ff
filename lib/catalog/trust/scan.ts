// Content scanners for the trust card: hard-coded secrets, hidden Unicode and prompt-injection
// phrases. Pure functions over text (no I/O, no dependencies beyond the platform).
//
// Design notes
// - Every regular expression is linear: each one starts with a literal (or a word boundary), a
//   look-behind right after it refuses to start inside a run of the characters it then repeats,
//   and every repetition after the start is bounded. Where a pattern would need an unbounded
//   "anything in between", the second half is looked up in code instead. Tests scan
//   multi-megabyte pathological lines.
// - Offsets are UTF-16 indexes internally; `line` counts \n, \r\n and a lone \r as line breaks
//   (as editors do) and `column` counts Unicode code points, both 1-based.
// - A finding never carries a secret: every excerpt (of any kind) has every secret found in the
//   file redacted to at most its first 4 characters plus "…[redacted, N chars]".
// - At most MAX_FINDINGS_PER_RULE findings per rule and file, so that a hostile file cannot
//   flood the trust card (the first ones, in file order).

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
const EXCERPT_MAX = 160;
const ALL_KINDS: readonly ScanKind[] = ["secret", "hidden_unicode", "injection"];
const KIND_ORDER: Record<ScanKind, number> = { secret: 0, hidden_unicode: 1, injection: 2 };

interface Hit {
  kind: ScanKind;
  rule: string;
  message: string;
  /** Offset reported as line and column. */
  at: number;
}

interface SecretHit extends Hit {
  /** The secret itself is text[start, end). */
  start: number;
  end: number;
}

/** Scans one text file. `kinds` limits which scans run (default all). Injection scanning is meant only for agent and skill Markdown; the caller decides by passing kinds. */
export function scanText(
  path: string,
  text: string,
  kinds: ScanKind[] = [...ALL_KINDS],
): ScanFinding[] {
  const want = new Set(kinds);
  const hits: Hit[] = [];
  let secrets: SecretHit[] | undefined;
  if (want.has("secret")) {
    secrets = findSecrets(text);
    for (const s of secrets) hits.push(s);
  }
  // How many runs of invisible characters the text holds (the hidden scan counts; else the injection scan looks).
  let invisible: number | undefined;
  if (want.has("hidden_unicode")) {
    const hidden = findHidden(text);
    invisible = hidden.runs;
    for (const h of hidden.hits) hits.push(h);
  }
  if (want.has("injection")) for (const h of findInjections(text, invisible)) hits.push(h);
  if (hits.length === 0) return [];
  hits.sort((a, b) => a.at - b.at || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  return buildFindings(path, text, capPerRule(hits), secretsByLine(text, secrets));
}

/**
 * The secrets to redact in the excerpt of a line. Excerpts of every kind are redacted, so they are
 * needed even when the secret scan was not asked for; then only the lines with findings are
 * scanned (no secret pattern spans lines, except private key bodies, which are found in the whole
 * text).
 */
function secretsByLine(
  text: string,
  secrets: SecretHit[] | undefined,
): (lineStart: number, lineEnd: number) => Range[] {
  if (secrets) {
    const all = secrets
      .map((s) => ({ start: s.start, end: s.end }))
      .sort((a, b) => a.start - b.start);
    return () => all;
  }
  let keys: Range[] | undefined;
  return (lineStart, lineEnd) => {
    keys ??= findPrivateKeys(text).map((s) => ({ start: s.start, end: s.end }));
    const line = text.slice(lineStart, lineEnd);
    const own = findSecrets(line, false).map((s) => ({
      start: s.start + lineStart,
      end: s.end + lineStart,
    }));
    return [...own, ...keys].sort((a, b) => a.start - b.start);
  };
}

/** True when the bytes look like text (UTF-8 without NUL bytes in the first 8 KB). Binary files are not scanned. */
export function isTextFile(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return false;
  try {
    // When the file goes on past 8 KB, a multi-byte character cut at the boundary is fine.
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: bytes.length > head.length });
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Secrets

interface TokenRule {
  rule: string;
  /** Global; the secret is the end of the match (group 1 if present, else the whole match). */
  re: RegExp;
  message: string | ((secret: string) => string);
  /** Extra check on the secret; false drops the match. */
  check?: (secret: string) => boolean;
}

const GITHUB_KINDS: Record<string, string> = {
  ghp: "GitHub personal access token",
  gho: "GitHub OAuth access token",
  ghu: "GitHub user-to-server token",
  ghs: "GitHub server-to-server token",
  ghr: "GitHub refresh token",
};

const mixedAlnum = (s: string) => /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s);
/** Repeated-character fillers such as `ghp_xxxx…` are documentation, not keys. */
const notFiller = (s: string) => shannon(s) >= 2.5;

const TOKEN_RULES: TokenRule[] = [
  {
    rule: "aws_access_key_id",
    re: /A(?:KI|SI)A(?<![A-Z0-9]A...)[A-Z0-9]{16}(?![A-Z0-9])/g,
    message: "AWS access key id",
    check: (s) => notFiller(s.slice(4)),
  },
  {
    rule: "github_token",
    re: /(?:gh[pousr]_(?<![A-Za-z0-9_]gh._)[A-Za-z0-9]{36,251}|github_pat_(?<![A-Za-z0-9_]github_pat_)[A-Za-z0-9_]{22,243})(?![A-Za-z0-9_])/g,
    message: (s) =>
      s.startsWith("github_pat_")
        ? "GitHub fine-grained personal access token"
        : (GITHUB_KINDS[s.slice(0, 3)] ?? "GitHub token"),
    check: (s) => notFiller(s.slice(s.startsWith("github_pat_") ? 11 : 4)),
  },
  {
    rule: "slack_token",
    re: /xox[abprs]-(?<![A-Za-z0-9-]xox.-)[A-Za-z0-9-]{10,250}(?![A-Za-z0-9-])/g,
    message: "Slack token",
    check: (s) => /[0-9]/.test(s) && notFiller(s.slice(5)),
  },
  {
    rule: "slack_webhook",
    re: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,12}\/B[A-Z0-9]{6,12}\/([A-Za-z0-9]{20,32})(?![A-Za-z0-9])/g,
    message: "Slack incoming webhook URL",
    check: notFiller,
  },
  {
    rule: "anthropic_key",
    re: /sk-ant-(?<![A-Za-z0-9_-]sk-ant-)[A-Za-z0-9_-]{20,250}(?![A-Za-z0-9_-])/g,
    message: "Anthropic API key",
    check: (s) => notFiller(s.slice(7)),
  },
  {
    rule: "openai_key",
    re: /sk-(?<![A-Za-z0-9_-]sk-)(?!ant-)[A-Za-z0-9_-]{20,250}(?![A-Za-z0-9_-])/g,
    message: "OpenAI API key",
    // Keys mix case and digits; this keeps slugs such as "sk-learn-..." out.
    check: (s) => mixedAlnum(s.slice(3)) && notFiller(s.slice(3)),
  },
  {
    rule: "google_api_key",
    re: /AIza(?<![A-Za-z0-9_-]AIza)[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g,
    message: "Google API key",
    check: (s) => notFiller(s.slice(4)),
  },
  {
    rule: "stripe_key",
    re: /[sr]k_live_(?<![A-Za-z0-9_].k_live_)[A-Za-z0-9]{16,247}(?![A-Za-z0-9_])/g,
    message: (s) => (s.startsWith("rk_") ? "Stripe live restricted key" : "Stripe live secret key"),
    check: (s) => notFiller(s.slice(8)),
  },
  {
    rule: "jwt",
    re: /eyJ(?<![A-Za-z0-9_-]eyJ)[A-Za-z0-9_-]{8,2048}\.eyJ[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{0,2048}(?![A-Za-z0-9_.-])/g,
    message: "JSON Web Token",
  },
  {
    rule: "npm_token",
    re: /npm_(?<![A-Za-z0-9_]npm_)[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g,
    message: "npm access token",
    check: (s) => notFiller(s.slice(4)),
  },
  {
    rule: "pypi_token",
    re: /pypi-AgEIcHlwaS5vcmc(?<![A-Za-z0-9_-]pypi-AgEIcHlwaS5vcmc)[A-Za-z0-9_-]{50,1000}(?![A-Za-z0-9_-])/g,
    message: "PyPI API token",
  },
  {
    rule: "huggingface_token",
    re: /hf_(?<![A-Za-z0-9_]hf_)[A-Za-z]{34}(?![A-Za-z0-9_])/g,
    message: "Hugging Face access token",
    check: (s) => /[A-Z]/.test(s.slice(3)) && /[a-z]/.test(s.slice(3)) && notFiller(s.slice(3)),
  },
  {
    rule: "gitlab_token",
    re: /glpat-(?<![A-Za-z0-9_-]glpat-)[A-Za-z0-9_-]{20,64}(?![A-Za-z0-9_-])/g,
    message: "GitLab personal access token",
    check: (s) => notFiller(s.slice(6)),
  },
  {
    rule: "url_credentials",
    re: /:\/\/[^\s:/@"'<>]{1,64}:([^\s/@"'<>]{1,128})(?=@[A-Za-z0-9[])/g,
    message: "Password embedded in a URL",
    check: (s) =>
      !isPlaceholder(s) && !DEFAULT_PASSWORDS.has(s.toLowerCase()) && !/^[$%{<[]/.test(s),
  },
];

/** Values of `user:password@` in documentation that are not secrets. */
const DEFAULT_PASSWORDS = new Set([
  "password",
  "passwd",
  "pass",
  "pw",
  "pwd",
  "secret",
  "test",
  "user",
  "admin",
  "root",
  "postgres",
  "mysql",
  "guest",
  "redis",
  "changeme",
]);

const DOC_EXAMPLE = /example|dummy|fake/i;

function secretMessage(base: string, secret: string): string {
  return DOC_EXAMPLE.test(secret) ? `${base} (looks like a documentation example)` : base;
}

function findSecrets(text: string, privateKeys = true): SecretHit[] {
  const out: SecretHit[] = [];
  for (const r of TOKEN_RULES) {
    for (const m of text.matchAll(r.re)) {
      const secret = m[1] ?? m[0];
      if (r.check && !r.check(secret)) continue;
      const end = m.index + m[0].length;
      const start = end - secret.length;
      const base = typeof r.message === "string" ? r.message : r.message(secret);
      out.push({
        kind: "secret",
        rule: r.rule,
        message: secretMessage(base, secret),
        at: start,
        start,
        end,
      });
    }
  }
  if (privateKeys) for (const h of findPrivateKeys(text)) out.push(h);
  // The generic rule only reports what no specific rule explains.
  const specific = new RangeSet(out);
  for (const h of findHighEntropyAssignments(text))
    if (h.rule !== "high_entropy_assignment" || !specific.overlaps(h.start, h.end)) out.push(h);
  return out;
}

/** Ranges sorted by start, with the largest end so far, to answer "does [start, end) overlap any?". */
class RangeSet {
  private readonly starts: number[];
  private readonly maxEnds: number[];
  constructor(ranges: readonly { start: number; end: number }[]) {
    const sorted = [...ranges].sort((a, b) => a.start - b.start);
    this.starts = sorted.map((r) => r.start);
    let max = -1;
    this.maxEnds = sorted.map((r) => (max = Math.max(max, r.end)));
  }
  overlaps(start: number, end: number): boolean {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! < end) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && this.maxEnds[lo - 1]! > start;
  }
}

const PEM_BEGIN = /-----BEGIN ((?:[A-Z0-9]+ ){0,4})PRIVATE KEY( BLOCK)?-----/g;
/** Whitespace and the literal escapes "\n" / "\r" that PEM blocks carry inside JSON or YAML strings. */
const PEM_GAP = /(?:\s|\\[rn])*/y;
const BASE64_RUN = /[A-Za-z0-9+/=]{40}/y;

/** A `-----BEGIN … PRIVATE KEY-----` header followed by a key body (up to the END line). A header alone, as in prose, is not reported. */
function findPrivateKeys(text: string): SecretHit[] {
  const out: SecretHit[] = [];
  if (text.indexOf("BEGIN") < 0) return out;
  let nextEnd = -2;
  for (const m of text.matchAll(PEM_BEGIN)) {
    const headerEnd = m.index + m[0].length;
    PEM_GAP.lastIndex = headerEnd;
    PEM_GAP.exec(text);
    const bodyStart = PEM_GAP.lastIndex;
    if (nextEnd !== -1 && nextEnd < headerEnd) nextEnd = text.indexOf("-----END", headerEnd);
    let bodyEnd: number;
    if (nextEnd >= 0 && nextEnd - headerEnd <= 65536) {
      bodyEnd = nextEnd;
      // Trim the gap before the END line, including a trailing literal "\n".
      while (bodyEnd > bodyStart) {
        const c = text[bodyEnd - 1]!;
        if (c === " " || c === "\t" || c === "\n" || c === "\r") bodyEnd--;
        else if ((c === "n" || c === "r") && text[bodyEnd - 2] === "\\") bodyEnd -= 2;
        else break;
      }
    } else {
      BASE64_RUN.lastIndex = bodyStart;
      if (!BASE64_RUN.test(text)) continue;
      bodyEnd = bodyStart + 40;
      while (
        bodyEnd < text.length &&
        bodyEnd - bodyStart < 8192 &&
        /[A-Za-z0-9+/=]/.test(text[bodyEnd]!)
      )
        bodyEnd++;
    }
    if (bodyEnd - bodyStart < 16) continue;
    const type = `${m[1] ?? ""}PRIVATE KEY${m[2] ?? ""}`;
    out.push({
      kind: "secret",
      rule: "private_key",
      message: `Private key (${type} block)`,
      at: m.index,
      start: bodyStart,
      end: bodyEnd,
    });
  }
  return out;
}

/**
 * `key = value`, `key: value`, `"key": "value"`, `KEY=value`, `key := value`, `key => value`,
 * `Authorization: Bearer value`, where the key names a secret. The key words are found first
 * (they are rare), then the identifier around each one is read once and the assignment after it
 * is parsed with a sticky, bounded expression: linear however the file looks.
 */
/** aws_secret_access_key, AWS_SECRET_ACCESS_KEY, SecretAccessKey, aws_secret_key (not Django's SECRET_KEY). */
const AWS_SECRET_KEY_NAME = /secret_?access_?key|aws_?secret_?key/i;
const SECRET_KEY_WORD =
  /p(?:assw(?:or)?d|assphrase|wd|rivate[_.-]?key)|secret|token|a(?:pi[_.-]?key|ccess[_.-]?key|uth(?!or(?!iz)))|credential/gi;
const ASSIGNMENT_AT =
  /([A-Za-z_][\w.-]{0,79})["']?[ \t]{0,4}(?::=|=>|={1,3}|:)[ \t]{0,4}(?:(?:[Bb]earer|[Bb]asic|[Tt]oken)[ \t]+)?(["'`]?)([^\s"'`,;)\]}]{1,256})/y;
/** Key names that hold something about a secret rather than the secret (token_url, secret_name, max_tokens…). */
const NON_SECRET_SUFFIX =
  /(url|uri|path|file|filename|dir|name|type|endpoint|header|env|var|count|limit|length|len|ttl|expiry|expires|expiresat|expiresin|field|param|prefix|format|mode|id|ids|version|kind|arn|ref|policy|scope|scopes|method|provider|enabled|required|timeout|store|hash|digest|checksum|sha256|sha1|md5|size|tokens)$/i;
const PLACEHOLDER =
  /\$\{|\{\{|\$\(|<[^>]*>|%\(|%[sd]\b|os\.environ|process\.env|getenv|environ\.get|\bENV\[|example|changeme|change[-_]me|placeholder|redacted|your[-_ ]?(?:api|secret|token|key|pass)|x{4,}|\*{3,}|\.{3,}|…|dummy|fake|sample|replace[-_]?me|todo|fixme|insert[-_]/i;

function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value) || /^(.)\1*$/.test(value);
}

function hasNonSecretSuffix(key: string): boolean {
  const m = NON_SECRET_SUFFIX.exec(key);
  if (!m) return false;
  if (m.index === 0) return false; // the whole key is e.g. "tokens": nothing left that names a secret
  const before = key[m.index - 1]!;
  const first = key[m.index]!;
  // A separator or a camelCase boundary before the suffix: secret_name, secretName, token-url.
  return (
    before === "_" ||
    before === "-" ||
    before === "." ||
    (first >= "A" && first <= "Z" && before >= "a" && before <= "z")
  );
}

const isIdentChar = (c: number) =>
  (c >= 0x61 && c <= 0x7a) ||
  (c >= 0x41 && c <= 0x5a) ||
  (c >= 0x30 && c <= 0x39) ||
  c === 0x5f ||
  c === 0x2e ||
  c === 0x2d;

function findHighEntropyAssignments(text: string): SecretHit[] {
  const out: SecretHit[] = [];
  let skipUntil = 0;
  const words = SECRET_KEY_WORD;
  words.lastIndex = 0;
  let k: RegExpExecArray | null;
  while ((k = words.exec(text))) {
    if (k.index < skipUntil) {
      words.lastIndex = skipUntil;
      continue;
    }
    // The identifier that holds the key word: back to its start, at most 80 characters.
    let identStart = k.index;
    while (
      identStart > 0 &&
      k.index - identStart <= 80 &&
      isIdentChar(text.charCodeAt(identStart - 1))
    )
      identStart--;
    const c0 = text.charCodeAt(identStart);
    const startsIdent = (c0 >= 0x61 && c0 <= 0x7a) || (c0 >= 0x41 && c0 <= 0x5a) || c0 === 0x5f;
    if (k.index - identStart > 80 || !startsIdent) {
      // Too long, or starts with a digit, "." or "-": not a key; skip the rest of this run once.
      let e = k.index;
      while (e < text.length && isIdentChar(text.charCodeAt(e))) e++;
      skipUntil = e;
      continue;
    }
    ASSIGNMENT_AT.lastIndex = identStart;
    const m = ASSIGNMENT_AT.exec(text);
    if (!m) {
      let e = k.index;
      while (e < text.length && e - identStart <= 80 && isIdentChar(text.charCodeAt(e))) e++;
      skipUntil = e;
      continue;
    }
    const end = m.index + m[0].length;
    skipUntil = end;
    const key = m[1]!;
    const quote = m[2]!;
    const value = m[3]!;
    if (value.length < 16 || hasNonSecretSuffix(key)) continue;
    if (quote && text[end] !== quote) continue; // a quoted value with spaces: prose, not a key
    const start = end - value.length;
    if (
      AWS_SECRET_KEY_NAME.test(key) &&
      /^[A-Za-z0-9/+]{40}$/.test(value) &&
      shannon(value) >= 3 &&
      !/x{6,}/i.test(value)
    ) {
      // Reported even when it says EXAMPLE, like the other key formats: the caller decides.
      out.push({
        kind: "secret",
        rule: "aws_secret_access_key",
        message: secretMessage("AWS secret access key", value),
        at: start,
        start,
        end,
      });
      continue;
    }
    if (!looksLikeSecretValue(value, quote !== "")) continue;
    out.push({
      kind: "secret",
      rule: "high_entropy_assignment",
      message: secretMessage(`High-entropy value assigned to ${key.slice(0, 60)}`, value),
      at: start,
      start,
      end,
    });
  }
  return out;
}

function looksLikeSecretValue(value: string, quoted: boolean): boolean {
  if (isPlaceholder(value)) return false;
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value)) return false; // a URL (credentials in URLs have their own rule)
  if (/^(?:\/|\.\.?\/|~\/|[A-Za-z]:\\)/.test(value)) return false; // a path
  if (/^[a-z]+(?:[-_.][a-z]+)*$/.test(value)) return false; // words: "my-app-secret-name"
  if (!quoted) {
    if (/[([{]/.test(value)) return false; // a call or an index: code
    // An identifier or a dotted path (settings.SECRET_KEY) is a reference, unless it looks random.
    if (
      /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/.test(value) &&
      !(mixedAlnum(value) && /[0-9].*[0-9]/.test(value))
    )
      return false;
  }
  const threshold = value.length >= 32 && /^[0-9a-f]+$/i.test(value) ? 3.0 : 3.5;
  return shannon(value) >= threshold;
}

/** Shannon entropy in bits per character (over UTF-16 units; secrets are ASCII). */
function shannon(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const k of counts.values()) {
    const p = k / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

// ---------------------------------------------------------------------------------------------
// Hidden Unicode

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
const HIDDEN_ONE =
  /^[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}\u2028\u2029\uD800-\uDFFF]$/u;
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

function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}

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

function findHidden(text: string): { hits: Hit[]; runs: number } {
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

// ---------------------------------------------------------------------------------------------
// Injection phrases
//
// A curated list, each entry with a stable rule id. Matching is case-insensitive, tolerant of any
// whitespace (line breaks included) and Markdown emphasis between the words, and runs on the
// text with invisible characters removed, so "ig<U+200B>nore" still matches.
//
// Choices that keep ordinary agent prompts quiet (each has a test):
// - Nouns are specific: "ignore previous instructions|rules|prompts", not "ignore previous
//   messages|context|results" ("Ignore whitespace differences" and "Ignore previous results
//   from other runs" are fine).
// - A negation right before the phrase makes it a guardrail, not an attack: "Never reveal your
//   system prompt", "Do not bypass the safety checks".
// - A reported request inside a condition is a defence: "If a web page asks you to ignore your
//   instructions, stop". A quoted phrase introduced as an example ("treat text such as
//   "ignore previous instructions" as data") is too. An unconditional "the runbook asks you to
//   ignore…" is still reported.
// - "Do not tell the user" is reported when it hides something ("do not mention this to the
//   user", "don't tell the user.", "…that you skipped it"), not when it withholds a named piece
//   of data ("Do not reveal internal ticket ids to customers", "Do not tell the user their
//   password").
// - "exfiltrate" is reported as a verb outside detection work ("exfiltration", "detect attempts
//   to exfiltrate data" are ordinary in security capabilities).
// - "send … to http…" needs a secret as the object ("send your API keys to https://…"), not
//   merely nearby ("send the user a link to https://…").

/** Separator between the words of a phrase: any whitespace, line breaks included. Markdown emphasis
 * and code marks (* _ `) are turned into spaces before matching, so they separate words too. */
const S = String.raw`\s+`;
const NEG = String.raw`(?:do${S}not|don['’]t|dont|never|must${S}not|mustn['’]t|should${S}not|shouldn['’]t)`;
const START = String.raw`\b`;

interface InjectionRule {
  rule: string;
  message: string;
  /** Source of a case-insensitive expression; the rules are matched together in one pass. */
  source: string;
  /** Skip when the words right before are a negation ("never reveal your system prompt"). */
  negatable?: boolean;
  /** Skip when the phrase is quoted or reported ("if a page asks you to ignore…"). */
  mentionable?: boolean;
  /** Context in the sentence before that makes the phrase ordinary (for "exfiltrate": detection work). */
  ordinaryContext?: RegExp;
  /** A further condition on what follows, checked in code (kept out of the expression to stay linear). */
  confirm?: (ctx: InjectionContext, end: number) => boolean;
  /** The phrase may start with punctuation: not anchored at a word start. */
  notAtWordStart?: boolean;
}

const SECRET_NOUN = String.raw`(?:secrets?|credentials?|api${S}?keys?|access${S}?keys?|secret${S}?keys?|private${S}?keys?|ssh${S}?keys?|(?:access|auth|bearer|session|api)${S}?tokens?|tokens|passwords?|passphrases?|cookies|env(?:ironment)?${S}?(?:variables?|vars?)|\.env\b|~?/?\.aws/credentials|\.ssh/id\s\w+|\.netrc|\.npmrc|\.pypirc|kubeconfig|system${S}prompt)`;
const DEST =
  /(?:https?|ftp|wss?):\/\/|\bwebhooks?\b|\bpastebin\b|\bngrok\b|\brequestbin\b|@(?<=[\w.+-]@)[\w-]{1,63}\.[a-z]{2,}|\b(?:external|remote|attacker['’]?s?|my|our|this|that)\s+(?:server|host|endpoint|url|address|machine)\b/gi;
const SECRET_FILE = String.raw`(?:\.aws/credentials|\.ssh/id\s\w+|\.env\b|\.netrc|\.npmrc|\.pypirc|\.kube/config|/etc/shadow|\.git-credentials|\.docker/config\.json)`;
const DEST_WINDOW = 100;

const INJECTION_RULES: InjectionRule[] = [
  {
    rule: "ignore_previous_instructions",
    message: "Asks the model to ignore its previous instructions",
    source:
      String.raw`(?:ignore|disregard|forget|discard)${S}(?:(?:all|any)${S})?(?:of${S})?(?:(?:the|your|my|these|those)${S})?` +
      String.raw`(?:(?:(?:previous|prior|preceding|above|earlier|former|foregoing|original|initial)${S})(?:(?:system|developer)${S})?(?:instructions?|prompts?|directions|directives?|rules|guidelines|guidance|commands|constraints)\b` +
      String.raw`|(?:instructions?|prompts?|rules|directions|directives|guidelines)${S}(?:above|before${S}this|so${S}far|you${S}(?:were|have${S}been)${S}given)\b)`,
    negatable: true,
    mentionable: true,
  },
  {
    rule: "disregard_system_prompt",
    message: "Asks the model to disregard its system prompt or instructions",
    source:
      String.raw`(?:ignore|disregard|forget|override|bypass|discard)${S}(?:all${S})?(?:of${S})?` +
      String.raw`(?:your${S}(?:(?:own|original|initial|system|developer|safety)${S})?|the${S}(?:system|developer)${S})` +
      String.raw`(?:prompt|instructions?|programming|guidelines|rules|directives|training|restrictions|policies)\b`,
    negatable: true,
    mentionable: true,
  },
  {
    rule: "developer_mode",
    message: 'Tries to switch the model into a jailbreak "mode"',
    source:
      String.raw`(?:you(?:${S}are|['’]re)${S}now${S}(?:(?:in|running${S}in|operating${S}in)${S})?(?:(?:a|an|the)${S})?(?:developer|dev|debug|god|jailbreak|jailbroken|unrestricted|unfiltered|uncensored|sudo)${S}mode` +
      String.raw`|(?:enable|enter|activate|switch${S}to)${S}(?:jailbreak|jailbroken|unrestricted|unfiltered|uncensored)${S}mode)\b`,
    mentionable: true,
  },
  {
    rule: "conceal_from_user",
    message: "Asks the model to hide something from the user",
    source:
      String.raw`(?:${NEG}${S}(?:tell|mention|inform|notify|alert|reveal|disclose|explain)${S}(?:this|that|these(?:${S}(?:instructions?|steps?|changes?))?|it|any${S}of${S}this|anything${S}about${S}(?:this|it))${S}(?:to${S})?(?:the${S})?user\b` +
      String.raw`|${NEG}${S}(?:tell|inform|notify|alert|warn)${S}(?:the${S})?user(?=[ \t]*(?:[.;,!)]|$|about${S}(?:this|that|these|it)\b|(?:that|what)${S}you\b))` +
      String.raw`|(?:keep|hide)${S}(?:this|these(?:${S}instructions)?|it)${S}(?:(?:a${S})?secret${S})?from${S}(?:the${S})?user\b)`,
    mentionable: true,
  },
  {
    rule: "reveal_system_prompt",
    message: "Asks the model to reveal its system prompt",
    source:
      String.raw`(?:reveal|print|show|output|repeat|display|leak|dump|disclose|recite|echo|share|write${S}out|tell${S}me)${S}(?:me${S})?(?:(?:all|everything)${S}(?:in${S}|of${S})?)?(?:your|the)${S}` +
      String.raw`(?:(?:full|entire|complete|exact|original|initial|hidden|secret|verbatim)${S})?` +
      String.raw`(?:system${S}(?:prompt|instructions)|(?:initial|original|hidden|secret|developer)${S}(?:prompt|instructions)|(?:prompt|instructions)${S}above)\b`,
    negatable: true,
    mentionable: true,
  },
  {
    rule: "exfiltrate",
    message: "Asks the model to exfiltrate data",
    source: String.raw`exfiltrat(?:e|es|ing)\b`,
    negatable: true,
    mentionable: true,
    ordinaryContext:
      /\b(?:detect\w*|monitor\w*|flag\w*|identif\w*|prevent\w*|block\w*|investigat\w*|hunt\w*|stop\w*|look\s+for|signs?\s+of|attempts?\s+to|attempting\s+to|trying\s+to|tries\s+to|attackers?|adversar(?:y|ies)|malware|threat\w*|intruders?)\b/i,
  },
  {
    rule: "send_secrets_external",
    message: "Asks to send secrets or credentials to an outside address",
    source:
      String.raw`(?:send|post|upload|forward|transmit|submit|leak|e-?mail|copy|paste|share|pipe|dump)${S}(?:(?:the|your|all|any|every|my|our|their|these|those)${S}){0,2}` +
      String.raw`(?:(?:contents?|values?|output)${S}of${S}(?:(?:the|your|all)${S})?)?(?:(?!(?:a|an|user|users|customer|customers|client|them|him|her|me|us|team)\b)[\w-]{1,30}${S}){0,2}?${SECRET_NOUN}\b(?!${S}(?:reset|policy|policies|manager|field|hash|strength|requirements?|rules?|rotation|change|expiry|length|prompt))`,
    negatable: true,
    mentionable: true,
    confirm: (ctx, end) => ctx.destWithin(end, DEST_WINDOW),
  },
  {
    rule: "bypass_safety",
    message: "Asks the model to bypass its safety rules",
    source:
      // Strong verbs take any safety target; weak ones (disable, skip…) only model-safety ones,
      // so that "disable the safety interlock" or "skip the safety checks in staging" pass.
      String.raw`(?:(?:bypass|circumvent|evade|get${S}around|work${S}around)${S}(?:(?:all|any|your|the|its|these|those|of)${S}){0,3}` +
      String.raw`(?:(?:safety|content|ethical|moral|moderation)${S}(?:filters?|guardrails?|guidelines|polic(?:y|ies)|restrictions?|rules|measures|checks|protocols|training|mechanisms|settings|constraints|principles)|guardrails?|moderation|safety)` +
      String.raw`|(?:disable|turn${S}off|ignore|override|skip)${S}(?:(?:all|any|your|the|its|these|those|of)${S}){0,3}` +
      String.raw`(?:(?:safety|content|ethical|moral|moderation)${S}(?:filters?|guardrails?|guidelines|polic(?:y|ies)|restrictions|rules|training|constraints|principles)|guardrails?))\b`,
    negatable: true,
    mentionable: true,
  },
  {
    rule: "no_restrictions",
    message: "Tells the model it has no restrictions",
    source:
      String.raw`(?:(?:pretend|imagine|assume|act${S}as${S}(?:if|though)|behave${S}as${S}(?:if|though))${S}(?:that${S})?you${S}(?:(?:have|had|are|were)${S})?` +
      String.raw`(?:no${S}longer${S}(?:bound|restricted|limited|constrained)|(?:no|zero)${S}(?:(?:ethical|moral|content|safety)${S})?(?:restrictions|limits|limitations|rules|guidelines|filters|guardrails|boundaries|constraints|policies))` +
      String.raw`|you${S}(?:are${S}no${S}longer|are${S}not|aren['’]t)${S}(?:bound|restricted|constrained)${S}by${S}(?:(?:any|your|the|its)${S})?(?:(?:previous|prior|usual|normal|ethical|content|safety|OpenAI|Anthropic)${S})?(?:rules|guidelines|polic(?:y|ies)|restrictions|instructions|filters|guardrails)` +
      String.raw`|(?:you${S}are|you['’]re|act${S}as|become)${S}(?:now${S})?(?:an?${S})?(?:unrestricted|unfiltered|uncensored|jailbroken)${S}(?:AI|assistant|model|chatbot|LLM|version))\b`,
    negatable: true,
    mentionable: true,
  },
  {
    rule: "send_secrets_external",
    message: "Asks to send secrets or credentials to an outside address",
    // `cat ~/.aws/credentials | curl …`
    source: String.raw`cat[ \t]+[^\s|]{0,40}?${SECRET_FILE}[^\n|]{0,40}\|[ \t]{0,4}(?:curl|wget|nc|ncat|netcat)\b`,
  },
  {
    rule: "chat_template_token",
    message: "Contains chat-template control tokens that can fake a system or assistant turn",
    // Underscores are spaces by now (see findInjections).
    source: String.raw`<\|(?:im start|im end|system|user|assistant|endoftext|start header id|end header id|eot id)\|>|\[\/?INST\]|<<\/?SYS>>`,
    notAtWordStart: true,
  },
  {
    rule: "new_instructions",
    message: "Tries to replace the model's instructions",
    source: String.raw`(?:your${S}new${S}(?:instructions|system${S}prompt|directives?|rules)${S}(?:are|is|follow)\b|(?:system|admin|developer)${S}override\b)`,
    mentionable: true,
  },
];

/** All of the rules above in one pass: alternative i is the named group r<i>. */
const INJECTION_COMBINED = (() => {
  const group = (r: InjectionRule, i: number) => `(?<r${i}>${r.source})`;
  const atWordStart = INJECTION_RULES.map((r, i) => (r.notAtWordStart ? "" : group(r, i))).filter(
    Boolean,
  );
  const anywhere = INJECTION_RULES.map((r, i) => (r.notAtWordStart ? group(r, i) : "")).filter(
    Boolean,
  );
  return new RegExp([`${START}(?:${atWordStart.join("|")})`, ...anywhere].join("|"), "gim");
})();

/** Case-sensitive on purpose: "Dan" is a name. */
const DAN =
  /\b(?:[Yy]ou\s+are\s+(?:now\s+)?DAN|[Yy]ou['’]re\s+(?:now\s+)?DAN|[Aa]ct\s+as\s+DAN|[Pp]retend\s+to\s+be\s+DAN|DAN\s+[Mm]ode|Do\s+Anything\s+Now)\b/g;
/** `curl … --data @~/.aws/credentials`; the curl itself is looked for in code. */
const UPLOAD_FLAG_FILE = new RegExp(
  String.raw`(?:-d|--data(?:-binary|-raw|-urlencode)?|-F|--form|-T|--upload-file|--post-file)[\s=]{1,4}["']?@?[^\s"']{0,40}?${SECRET_FILE}`,
  "gi",
);
const CURL = /\b(?:curl|wget)\b/gi;

const EXTRA_RULES = {
  dan_jailbreak: { message: 'Uses the "DAN" (Do Anything Now) jailbreak', mentionable: true },
  send_secrets_external: { message: "Asks to send secrets or credentials to an outside address" },
} as const;

const NEGATION_BEFORE = /(?:\bnever|\bnot|n['’]t|\bcannot|\bno)\s*$/i;
const CONDITIONAL = /\b(?:if|when|whenever|unless|should|in\s+case)\b/i;
const REPORTED =
  /\b(?:asks?|asking|asked|tells?|telling|told|instructs?|instructing|instructed|requests?|requesting|wants?|tries|try|trying|attempts?|attempting|says?|saying|contains?|containing|includes?)\b[^.!?]{0,40}$/i;
const QUOTE_BEFORE = /["“‘«']\s*$/;
const MENTION_WORDS =
  /\b(?:such\s+as|like|e\.g\.|for\s+example|phrases?|text|messages?|content|strings?|instructions?|says?|saying|treat|refuse|report)\b/i;
const QUOTE_AFTER = /^[^\n]{0,3}["”’»']/;

class InjectionContext {
  /** The first destination at or after `destFrom` is at `destAt` (Infinity: none). Queries come in increasing order. */
  private destFrom = -1;
  private destAt = -1;
  constructor(readonly text: string) {}
  /** A destination (URL, webhook, e-mail address…) starts within `window` characters after `end`, on the same line. */
  destWithin(end: number, window: number): boolean {
    if (!(end >= this.destFrom && end <= this.destAt)) {
      DEST.lastIndex = end;
      const m = DEST.exec(this.text);
      this.destFrom = end;
      this.destAt = m ? m.index : Infinity;
    }
    const at = this.destAt;
    if (at - end > window) return false;
    return !this.text.slice(end, at).includes("\n");
  }
  /** The sentence (or list item) before `start`, at most 200 characters. */
  sentenceBefore(start: number): string {
    const t = this.text;
    const stop = Math.max(0, start - 200);
    let i = start - 1;
    for (; i >= stop; i--) {
      const c = t[i]!;
      if ((c === "." || c === "!" || c === "?" || c === ";") && /\s/.test(t[i + 1] ?? "")) break;
      if (c === "\n") {
        // A blank line or a list item starts a new sentence.
        let j = i + 1;
        while (j < start && (t[j] === " " || t[j] === "\t")) j++;
        if (t[j] === "\n" || t[j] === "\r" || /^(?:[-*+]|\d{1,3}[.)])\s/.test(t.slice(j, j + 5)))
          break;
        let b = i - 1;
        while (b >= stop && (t[b] === " " || t[b] === "\t" || t[b] === "\r")) b--;
        if (t[b] === "\n") break;
      }
    }
    return t.slice(i + 1, start);
  }
  isOrdinary(
    rule: Pick<InjectionRule, "negatable" | "mentionable" | "ordinaryContext">,
    start: number,
    end: number,
  ): boolean {
    const sentence = this.sentenceBefore(start);
    if (rule.negatable && NEGATION_BEFORE.test(sentence)) return true;
    if (rule.ordinaryContext && rule.ordinaryContext.test(sentence)) return true;
    if (rule.mentionable) {
      if (CONDITIONAL.test(sentence) && REPORTED.test(sentence)) return true;
      if (
        QUOTE_BEFORE.test(sentence) &&
        QUOTE_AFTER.test(this.text.slice(end, end + 8)) &&
        MENTION_WORDS.test(sentence)
      )
        return true;
    }
    return false;
  }
}

/** Characters dropped before matching phrases, so that "ig<U+200B>nore" still matches (the same as NORMALISE). */
const STRIP =
  /[\u00AD\u034F\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB\u{E0000}-\u{E01EF}]+/gu;

/** How many matches of a global expression, counting no further than `limit`. */
function countRuns(text: string, re: RegExp, limit: number): number {
  re.lastIndex = 0;
  let n = 0;
  while (n < limit && re.exec(text)) n++;
  re.lastIndex = 0;
  return n;
}

/** For each UTF-16 unit: 1 drop (invisible), 2 becomes a space (* _ `), 3 high surrogate of a tag or variation selector. */
const NORMALISE = (() => {
  const t = new Uint8Array(65536);
  const ranges: [number, number][] = [
    [0xad, 0xad],
    [0x34f, 0x34f],
    [0x61c, 0x61c],
    [0x115f, 0x1160],
    [0x180e, 0x180e],
    [0x200b, 0x200f],
    [0x202a, 0x202e],
    [0x2060, 0x206f],
    [0x3164, 0x3164],
    [0xfeff, 0xfeff],
    [0xffa0, 0xffa0],
    [0xfff9, 0xfffb],
  ];
  for (const [a, b] of ranges) t.fill(1, a, b + 1);
  for (const c of "*_`") t[c.charCodeAt(0)] = 2;
  t[0xdb40] = 3; // U+E0000–U+E01EF are U+DB40 U+DC00–U+DDEF
  return t;
})();

/** What STRIP and the emphasis replacement do, in one pass (a regex replace is slow with millions of matches). */
function normalise(text: string): string {
  const buf = new Uint16Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const k = NORMALISE[c];
    if (k === 0) buf[n++] = c;
    else if (k === 2) buf[n++] = 0x20;
    else if (k === 3) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xddef) i++;
      else buf[n++] = c;
    }
  }
  return new TextDecoder("utf-16le").decode(buf.subarray(0, n));
}

function findInjections(text: string, invisibleRuns?: number): Hit[] {
  // Normalise: drop invisible characters (where they were is worked out only if a phrase
  // matches), and turn emphasis and code marks into spaces (same length: offsets do not move).
  // A regex replace is fast for a few matches, a loop over the text for millions.
  const invisible = invisibleRuns ?? countRuns(text, STRIP, 10_001);
  const norm =
    invisible > 10_000
      ? normalise(text)
      : (invisible > 0 ? text.replace(STRIP, "") : text).replace(/[*_`]/g, " ");
  let cutAt: number[] | undefined; // offsets in the normalised text
  let cutTotal: number[] | undefined; // characters removed up to and including that cut
  const toOriginal = (n: number) => {
    if (norm.length === text.length) return n;
    if (!cutAt || !cutTotal) {
      cutAt = [];
      cutTotal = [];
      let removed = 0;
      for (const m of text.matchAll(STRIP)) {
        removed += m[0].length;
        cutAt.push(m.index + m[0].length - removed);
        cutTotal.push(removed);
      }
    }
    let lo = 0;
    let hi = cutAt.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cutAt[mid]! <= n) lo = mid + 1;
      else hi = mid;
    }
    return n + (lo > 0 ? cutTotal[lo - 1]! : 0);
  };
  const ctx = new InjectionContext(norm);
  const out: Hit[] = [];
  const push = (rule: string, message: string, at: number) =>
    out.push({ kind: "injection", rule, message, at: toOriginal(at) });

  const re = INJECTION_COMBINED;
  re.lastIndex = 0;
  const found = INJECTION_RULES.map(() => 0);
  let m: RegExpExecArray | null;
  while ((m = re.exec(norm))) {
    const end = m.index + m[0].length;
    const groups = m.groups!;
    const i = INJECTION_RULES.findIndex((_, k) => groups[`r${k}`] !== undefined);
    const r = INJECTION_RULES[i]!;
    if (found[i]! >= MAX_FINDINGS_PER_RULE) continue;
    if ((r.confirm && !r.confirm(ctx, end)) || ctx.isOrdinary(r, m.index, end)) {
      // Other rules may still match from the next character on.
      re.lastIndex = m.index + 1;
      continue;
    }
    found[i]!++;
    push(r.rule, r.message, m.index);
  }
  if (/DAN|Anything Now/.test(norm)) {
    for (const d of norm.matchAll(DAN)) {
      if (!ctx.isOrdinary(EXTRA_RULES.dan_jailbreak, d.index, d.index + d[0].length))
        push("dan_jailbreak", EXTRA_RULES.dan_jailbreak.message, d.index);
    }
  }
  for (const at of findSecretFileUploads(norm))
    push("send_secrets_external", EXTRA_RULES.send_secrets_external.message, at);
  return out;
}

/** `curl … -d @~/.aws/credentials https://…`: offsets of the curl (or wget) command. */
function findSecretFileUploads(text: string): number[] {
  const out: number[] = [];
  if (!/curl|wget|\bnc\b|ncat|netcat/i.test(text)) return out;
  let curls: number[] | undefined;
  for (const f of text.matchAll(UPLOAD_FLAG_FILE)) {
    curls ??= Array.from(text.matchAll(CURL), (c) => c.index);
    // The last curl or wget before the flag, on the same command: no newline, |, ; or & between.
    let lo = 0;
    let hi = curls.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (curls[mid]! < f.index) lo = mid + 1;
      else hi = mid;
    }
    const c = curls[lo - 1];
    if (c === undefined || f.index - c > 200) continue;
    let clean = true;
    for (let i = c; i < f.index && clean; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 0x0a || ch === 0x7c || ch === 0x3b || ch === 0x26) clean = false;
    }
    if (clean && out[out.length - 1] !== c) out.push(c);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Findings: line, column, excerpt

function capPerRule(hits: Hit[]): Hit[] {
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

interface Range {
  start: number;
  end: number;
}

function buildFindings(
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

/** "AKIA…[redacted, 20 chars]": at most 4 characters, fewer for short secrets. */
function redactedToken(secret: string): string {
  const cps = [...secret];
  const keep = Math.min(4, Math.floor(cps.length / 4));
  return `${escapeHidden(cps.slice(0, keep).join(""))}…[redacted, ${cps.length} chars]`;
}

function escapeHidden(s: string): string {
  let out = "";
  for (const ch of s) out += HIDDEN_ONE.test(ch) ? `<${codePointLabel(ch.codePointAt(0)!)}>` : ch;
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

/**
 * `text` with every secret the scan finds replaced by its redacted form ("AKIA…[redacted, 20 chars]"),
 * for values shown outside the trust card (a version's manifest). `context`, such as "api_key: ",
 * is scanned in front of the text, so that the rules that need a key name see it; it is not returned.
 */
export function redactSecrets(text: string, context = ""): string {
  const full = context + text;
  const hits = findSecrets(full).sort((a, b) => a.start - b.start);
  let out = "";
  let i = context.length;
  for (const h of hits) {
    if (h.end <= i) continue;
    const start = Math.max(h.start, i);
    out += full.slice(i, start) + redactedToken(full.slice(start, h.end));
    i = h.end;
  }
  return out + full.slice(i);
}
