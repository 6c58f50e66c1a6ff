// The secret scanner: token shapes of known providers, private keys, and high-entropy values
// assigned to secret-sounding names. Every regular expression is linear (see scan.ts).
import { findConfigSecrets, looksLikePassword } from "./scan-secret-configs";
import {
  DEFAULT_PASSWORDS,
  isPlaceholder,
  mixedAlnum,
  shannon,
  TOKEN_RULES,
  type TokenRule,
} from "./scan-secret-rules";
import { allMatches, redactedToken, type Range, type SecretHit } from "./scan-shared";

const URL_CREDENTIALS: TokenRule = {
  rule: "url_credentials",
  re: /:\/\/[^\s:/@"'<>]{1,64}:([^\s/@"'<>]{1,128})(?=@[A-Za-z0-9[])/g,
  message: "Password embedded in a URL",
  check: (s) => !isPlaceholder(s) && !DEFAULT_PASSWORDS.has(s.toLowerCase()) && !/^[$%{<[]/.test(s),
};

const DOC_EXAMPLE = /example|dummy|fake/i;

const exampleMessage = (base: string) => `${base} (looks like a documentation example)`;

function secretMessage(base: string, secret: string): string {
  return DOC_EXAMPLE.test(secret) ? exampleMessage(base) : base;
}

/**
 * Every token rule in one alternation (named groups made plain, so that they may repeat): where
 * it finds nothing, none of them matches (one would at the position where it does), and the text
 * is searched once instead of once per rule. Most files hold no token at all.
 */
const COMBINED_RULES = TOKEN_RULES.filter((r) => r.re.flags === "g");
const ANY_TOKEN = new RegExp(
  COMBINED_RULES.map((r) => `(?:${r.re.source.replace(/\(\?<[A-Za-z]\w*>/g, "(?:")})`).join("|"),
);
/** Rules with other flags than "g" (none today) are always run. */
const ALWAYS_RULES = [...TOKEN_RULES.filter((r) => r.re.flags !== "g"), URL_CREDENTIALS];

export function findSecrets(text: string, privateKeys = true): SecretHit[] {
  const out: SecretHit[] = [];
  const refused: Range[] = [];
  const rules = ANY_TOKEN.test(text) ? [...TOKEN_RULES, URL_CREDENTIALS] : ALWAYS_RULES;
  for (const r of rules) {
    for (const m of allMatches(r.re, text)) {
      const lead = m.groups?.lead ?? "";
      const end = m.index + m[0].length;
      const secret = lead ? text.slice(m.index - lead.length, end) : (m[1] ?? m[0]);
      const start = end - secret.length;
      if (r.check && !r.check(secret)) {
        refused.push({ start, end });
        continue;
      }
      const base = typeof r.message === "string" ? r.message : r.message(secret);
      out.push({
        kind: "secret",
        rule: r.rule,
        message: r.example?.(secret) ? exampleMessage(base) : secretMessage(base, secret),
        at: start,
        start,
        end,
      });
    }
  }
  if (privateKeys) for (const h of findPrivateKeys(text)) out.push(h);
  for (const h of findConfigSecrets(text)) out.push(h);
  // The generic rule only reports what no specific rule explains, nor what a provider's format
  // refused (a "xoxp-1234-1234-…" example is not a high-entropy secret either).
  const specific = new RangeSet([...out, ...refused]);
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
export function findPrivateKeys(text: string): SecretHit[] {
  const out: SecretHit[] = [];
  if (text.indexOf("BEGIN") < 0) return out;
  let nextEnd = -2;
  for (const m of allMatches(PEM_BEGIN, text)) {
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
/**
 * Names that end in "key" (HEROKU_KEY, stripeKey, sonar.key): found apart, case-sensitively, as
 * one more key-word alternative above made the whole scan three times slower.
 */
const KEY_SUFFIX = /(?:key|KEY|Key)(?![A-Za-z0-9_])/g;

/** Where key words start, in order: the words above and the "key" endings of longer names. */
function keyWordStarts(text: string): number[] {
  const starts: number[] = [];
  for (const m of allMatches(SECRET_KEY_WORD, text)) starts.push(m.index);
  const words = starts.length;
  for (const m of allMatches(KEY_SUFFIX, text)) {
    const before = text[m.index - 1] ?? "";
    if (/[_.-]/.test(before) || (/[a-z0-9]/.test(before) && m[0] === "Key")) starts.push(m.index);
  }
  return starts.length > words ? starts.sort((x, y) => x - y) : starts;
}
/**
 * `key = value` in the syntaxes of configuration and code: `=`, `:`, `:=`, `::=`, `:::=`, `?=`,
 * `.=`, `+=`, `=>`; a type between name and operator (`var token string = "…"`); an element
 * (`<token>value</token>`); a call's two arguments (`setProperty("TOKEN", "…")`); an
 * Authorization header's scheme. Groups: key, operator, quote, value.
 */
const ASSIGNMENT_AT =
  /([A-Za-z_][\w.-]{0,79})["']?(?:[ \t]{1,4}[A-Za-z_][\w]{0,30})?[ \t]{0,4}(:{1,3}=|[?.+]=|=>|={1,3}|:|,|>[ \t\r\n]{0,40})[ \t]{0,4}(?:(?:[Bb]earer|[Bb]asic|[Tt]oken|Api-Token|[Bb]ot|Digest|SSWS|Splunk|ApiKey|Key)[ \t]+)?(["'`]?)([^\s"'`,;)\]}<]{1,256})/y;
/** Compound names ending in "key" that are not secrets (primary_key, cacheKey, public_key…). */
const NON_SECRET_KEY_COMPOUND =
  /(?:primary|foreign|sort|partition|cache|idempotency|object|map|hash|dict|row|column|lookup|public|pub|ssh_?pub|index|unique|composite|range|shard|group|dedup|message|i18n|translation|label|attribute|field|route|hot|short|keyboard|registry|signing_?public)[_.-]?key$/i;
/** Key names that hold something about a secret rather than the secret (token_url, secret_name, max_tokens…). */
const NON_SECRET_SUFFIX =
  /(url|uri|path|file|filename|dir|name|type|endpoint|header|env|var|count|limit|length|len|ttl|expiry|expires|expiresat|expiresin|field|param|prefix|format|mode|id|ids|version|kind|arn|ref|policy|scope|scopes|method|provider|enabled|required|timeout|store|hash|digest|checksum|sha256|sha1|md5|size|tokens|secrets|keys|passwords|credentials)$/i;
/** Names of values that are not credentials though they say token or key: anti-forgery tokens, nonces, publishable keys. */
const NOT_A_CREDENTIAL = /csrf|xsrf|authenticity|nonce|^public|[_.-]public|publishable|^pub[_-]/i;
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
  for (const at of keyWordStarts(text)) {
    if (at < skipUntil) continue;
    // The identifier that holds the key word: back to its start, at most 80 characters.
    let identStart = at;
    while (identStart > 0 && at - identStart <= 80 && isIdentChar(text.charCodeAt(identStart - 1)))
      identStart--;
    const c0 = text.charCodeAt(identStart);
    const startsIdent = (c0 >= 0x61 && c0 <= 0x7a) || (c0 >= 0x41 && c0 <= 0x5a) || c0 === 0x5f;
    if (at - identStart > 80 || !startsIdent) {
      // Too long, or starts with a digit, "." or "-": not a key; skip the rest of this run once.
      let e = at;
      while (e < text.length && isIdentChar(text.charCodeAt(e))) e++;
      skipUntil = e;
      continue;
    }
    ASSIGNMENT_AT.lastIndex = identStart;
    const m = ASSIGNMENT_AT.exec(text);
    if (!m) {
      let e = at;
      while (e < text.length && e - identStart <= 80 && isIdentChar(text.charCodeAt(e))) e++;
      skipUntil = e;
      continue;
    }
    const end = m.index + m[0].length;
    skipUntil = end;
    if (!plausibleAssignment(text, identStart, m)) continue;
    const hit = assignmentHit(text, m[1]!, m[3]!, m[4]!, end);
    if (hit) out.push(hit);
  }
  return out;
}

/** Whether the separator makes sense where it was found (an element, a call, a dotted name). */
function plausibleAssignment(text: string, identStart: number, m: RegExpExecArray): boolean {
  const key = m[1]!;
  const op = m[2]!;
  const keyQuoted = identStart > 0 && /["']/.test(text[identStart - 1]!);
  if (op.startsWith(">")) return text[identStart - 1] === "<";
  // A call's two arguments, setProperty("TOKEN", "…"): not a tuple of strings ("auth", ".github/").
  if (op === ",")
    return (
      keyQuoted &&
      m[3] !== "" &&
      text[identStart - 2] === "(" &&
      isIdentChar(text.charCodeAt(identStart - 3))
    );
  // `io.jsonwebtoken:jjwt` or `host:port`: a colon glued to a dotted name is not YAML or JSON.
  if (
    op === ":" &&
    !keyQuoted &&
    key.includes(".") &&
    !/[ \t]/.test(text[m.index + key.length + 1] ?? "")
  )
    return false;
  if (/key$/i.test(key) && !/(?:api|access|private|secret)[_.-]?key$/i.test(key)) {
    if (key.length <= 3 || NON_SECRET_KEY_COMPOUND.test(key)) return false;
  }
  return !NOT_A_CREDENTIAL.test(key);
}

/** The secret in `key = value` (ending at `end`), if the value looks like one. */
function assignmentHit(
  text: string,
  key: string,
  quote: string,
  value: string,
  end: number,
): SecretHit | undefined {
  if (hasNonSecretSuffix(key)) return undefined;
  if (quote && text[end] !== quote) return undefined; // a quoted value with spaces: prose, not a key
  const start = end - value.length;
  const found = (rule: string, base: string): SecretHit => ({
    kind: "secret",
    rule,
    message: secretMessage(base, value),
    at: start,
    start,
    end,
  });
  if (
    value.length >= 16 &&
    AWS_SECRET_KEY_NAME.test(key) &&
    /^[A-Za-z0-9/+]{40}$/.test(value) &&
    shannon(value) >= 3 &&
    !/x{6,}/i.test(value)
  )
    // Reported even when it says EXAMPLE, like the other key formats: the caller decides.
    return found("aws_secret_access_key", "AWS secret access key");
  if (value.length >= 16 && looksLikeSecretValue(value, quote !== ""))
    return found("high_entropy_assignment", `High-entropy value assigned to ${key.slice(0, 60)}`);
  if (quote && PASSWORD_NAME.test(key) && plainPassword(value))
    return found("password_assignment", `Password assigned to ${key.slice(0, 60)}`);
  return undefined;
}

/**
 * A quoted literal assigned to a password name, however guessable ("thisIsDog11"): at least 6
 * characters of two kinds (letters and digits, or both cases), not a word, schema type or reference.
 */
function plainPassword(value: string): boolean {
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(value)).length;
  return (
    value.length >= 6 &&
    kinds >= 2 &&
    looksLikePassword(value) &&
    !TYPE_WORDS.has(value.toLowerCase())
  );
}

/** Names whose value is a password. */
const PASSWORD_NAME = /(?:^|[_.-]|[a-z])(?:pass(?:word|wd|phrase)?|pwd)$/i;
/** Values of a password field in schemas and forms, not passwords. */
const TYPE_WORDS = new Set([
  "string",
  "required",
  "optional",
  "text",
  "none",
  "null",
  "hidden",
  "boolean",
  "secret",
  "password",
  "masked",
  "sensitive",
]);

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
      !(mixedAlnum(value) && /[0-9].*[0-9]/.test(value)) &&
      !(
        value.length >= 20 &&
        /^[0-9a-f]+$/i.test(value) &&
        (value.match(/[0-9]/g)?.length ?? 0) >= 4
      )
    )
      return false;
  }
  const threshold = value.length >= 32 && /^[0-9a-f]+$/i.test(value) ? 3.0 : 3.5;
  return shannon(value) >= threshold;
}

/**
 * `text` with every secret the scan finds replaced by its redacted form ("AKIA…[redacted, 20 chars]"),
 * for values shown outside the trust card (a version's manifest). `context`, such as "api_key: ",
 * is scanned in front of the text, so that the rules that need a key name see it; it is not returned.
 */
export function redactSecrets(text: string, context = ""): string {
  if (text.length > MEMO_MAX_TEXT) return redact(text, context);
  const key = `${context}\u0000${text}`;
  let out = memo.get(key);
  if (out === undefined) {
    out = redact(text, context);
    memoChars += key.length + out.length;
    // Oldest first, until the memo is within its budget of characters.
    for (const [k, v] of memo) {
      if (memoChars <= MEMO_CHARS) break;
      memo.delete(k);
      memoChars -= k.length + v.length;
    }
  } else memo.delete(key);
  memo.set(key, out);
  return out;
}

/**
 * The last redactions, most recent last: the scan is a pure function of its text and costs about
 * a millisecond per version's components, which a catalog page of 50 versions paid on every
 * request (issue 20 §1); the strings of a listing repeat from one request to the next.
 */
const memo = new Map<string, string>();
let memoChars = 0;
/** Keys and redactions held, in characters (a few MB per process at most). */
const MEMO_CHARS = 4_000_000;
const MEMO_MAX_TEXT = 2_000;

function redact(text: string, context: string): string {
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
