// The secret scanner: token shapes of known providers, private keys, and high-entropy values
// assigned to secret-sounding names. Every regular expression is linear (see scan.ts).
import { redactedToken, type SecretHit } from "./scan-shared";

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

export function findSecrets(text: string, privateKeys = true): SecretHit[] {
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
export function findPrivateKeys(text: string): SecretHit[] {
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
    const hit = assignmentHit(text, m[1]!, m[2]!, m[3]!, end);
    if (hit) out.push(hit);
  }
  return out;
}

/** The secret in `key = value` (ending at `end`), if the value looks like one. */
function assignmentHit(
  text: string,
  key: string,
  quote: string,
  value: string,
  end: number,
): SecretHit | undefined {
  if (value.length < 16 || hasNonSecretSuffix(key)) return undefined;
  if (quote && text[end] !== quote) return undefined; // a quoted value with spaces: prose, not a key
  const start = end - value.length;
  if (
    AWS_SECRET_KEY_NAME.test(key) &&
    /^[A-Za-z0-9/+]{40}$/.test(value) &&
    shannon(value) >= 3 &&
    !/x{6,}/i.test(value)
  ) {
    // Reported even when it says EXAMPLE, like the other key formats: the caller decides.
    const message = secretMessage("AWS secret access key", value);
    return { kind: "secret", rule: "aws_secret_access_key", message, at: start, start, end };
  }
  if (!looksLikeSecretValue(value, quote !== "")) return undefined;
  return {
    kind: "secret",
    rule: "high_entropy_assignment",
    message: secretMessage(`High-entropy value assigned to ${key.slice(0, 60)}`, value),
    at: start,
    start,
    end,
  };
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
