// The token shapes of known providers, as their documentation (or their own secret scanning
// partners' formats) describes them: a fixed prefix, then a body of a known alphabet and length.
// Every expression starts with a literal and a look-behind that refuses to start inside a run of
// the characters it repeats, and every repetition is bounded (linear, see scan.ts).
//
// A body that is one character repeated ("xxxx…") or a run of the alphabet ("abcdefghij…") is a
// placeholder and not reported; a known-format body that spells EXAMPLE or a filler is reported
// as a documentation example (the card shows it as a warning, not a failure) where the format is
// specific enough that nobody writes it by accident (age keys, Bedrock keys).

/** Values of `user:password@` in documentation that are not secrets. */
export const DEFAULT_PASSWORDS = new Set([
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

const PLACEHOLDER =
  /\$\{|\{\{|\$\(|<[^>]*>|%\(|%[sd]\b|os\.environ|process\.env|getenv|environ\.get|\bENV\[|example|changeme|change[-_]me|placeholder|redacted|your[-_ ]?(?:api|secret|token|key|pass)|^%[A-Za-z_][A-Za-z0-9_]*%$|x{4,}|\*{3,}|\.{3,}|…|dummy|fake|sample|replace[-_]?me|todo|fixme|insert[-_]/i;

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value) || /^(.)\1*$/.test(value);
}

export interface TokenRule {
  rule: string;
  /**
   * Global; the secret is the end of the match (group 1 if present, else the whole match), or, with
   * a named group `lead` in a look-behind, that group and the match: a rule whose fixed part is in
   * the middle ("Q~", "-us", ".atlasv1.") starts its match there and looks back for the rest.
   */
  re: RegExp;
  message: string | ((secret: string) => string);
  /** Extra check on the secret; false drops the match. */
  check?: (secret: string) => boolean;
  /** True when the secret, though of the right format, is a placeholder to report as an example. */
  example?: (secret: string) => boolean;
}

const GITHUB_KINDS: Record<string, string> = {
  ghp: "GitHub personal access token",
  gho: "GitHub OAuth access token",
  ghu: "GitHub user-to-server token",
  ghs: "GitHub server-to-server token",
  ghr: "GitHub refresh token",
};

/** Shannon entropy in bits per character (over UTF-16 units; secrets are ASCII). */
export function shannon(s: string): number {
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

export const mixedAlnum = (s: string) => /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s);

/** The longest run of consecutive ascending characters ("abcdef", "3456"), case-insensitive. */
function longestAscending(s: string): number {
  let best = 1;
  let run = 1;
  const lower = s.toLowerCase();
  for (let i = 1; i < lower.length; i++) {
    if (lower.charCodeAt(i) === lower.charCodeAt(i - 1) + 1) best = Math.max(best, ++run);
    else run = 1;
  }
  return s.length ? best : 0;
}

/**
 * A placeholder body: a filler ("xxxx…", low entropy), a typed alphabet ("…klmnopqrstuvwx…", ten
 * or more consecutive letters or digits) or a character held down ("5555555dAAAAA…", six or more
 * in a row): runs that a random key of this size all but never holds.
 */
export const isPlaceholderBody = (s: string) =>
  shannon(s) < 2.5 || longestAscending(s) >= 10 || /(.)\1{5}/.test(s);
const notPlaceholder = (s: string) => !isPlaceholderBody(s);
const after = (prefix: number) => (s: string) => notPlaceholder(s.slice(prefix));
const fillerOrExample = (s: string) => shannon(s) < 2.5 || /EXAMPLE/.test(s);

const BASE_RULES: TokenRule[] = [
  {
    rule: "aws_access_key_id",
    re: /(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)(?<![A-Z0-9]....)[A-Z0-9]{16}(?![A-Z0-9])/g,
    message: "AWS access key id",
    check: (s) => shannon(s.slice(4)) >= 2.5,
  },
  {
    rule: "aws_bedrock_api_key",
    // Long-term keys: "ABSK" + base64 of "BedrockAPIKey-…"; short-term: "bedrock-api-key-" + base64 of "bedrock.amazonaws.com…".
    re: /(?:ABSKQmVkcm9ja0FQSUtleS(?<![A-Za-z0-9+/]ABSKQmVkcm9ja0FQSUtleS)[A-Za-z0-9+/]{80,180}={0,2}|bedrock-api-key-(?<![A-Za-z0-9-]bedrock-api-key-)YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/=%&._-]{0,2048})(?![A-Za-z0-9+/=])/g,
    message: "Amazon Bedrock API key",
    example: (s) => s.startsWith("ABSK") && fillerOrExample(s.slice(22)),
  },
  {
    rule: "github_token",
    re: /(?:gh[pousr]_(?<![A-Za-z0-9_]gh._)[A-Za-z0-9]{36,251}|github_pat_(?<![A-Za-z0-9_]github_pat_)[A-Za-z0-9_]{22,243})(?![A-Za-z0-9_])/g,
    message: (s) =>
      s.startsWith("github_pat_")
        ? "GitHub fine-grained personal access token"
        : (GITHUB_KINDS[s.slice(0, 3)] ?? "GitHub token"),
    check: (s) => notPlaceholder(s.slice(s.startsWith("github_pat_") ? 11 : 4)),
  },
  {
    rule: "slack_token",
    // xoxb/xoxp/xoxa/xoxr/xoxs/xoxo/xoxe tokens, the configuration tokens "xoxe.xoxp-1-…", app-level "xapp-1-…".
    re: /(?:xox(?<![A-Za-z0-9.-]xox)(?:[abposre]|e\.xox[bp])|xapp(?<![A-Za-z0-9-]xapp))-[A-Za-z0-9-]{8,250}(?![A-Za-z0-9-])/g,
    message: (s) => (s.startsWith("xapp") ? "Slack app-level token" : "Slack token"),
    check: slackShape,
  },
  {
    rule: "slack_webhook",
    re: /hooks\.slack\.com\/(?:services|workflows|triggers)\/(?:[A-Za-z0-9_]{4,24}\/){1,3}([A-Za-z0-9_]{16,48})(?![A-Za-z0-9_])/g,
    message: "Slack webhook URL",
    check: notPlaceholder,
  },
  {
    rule: "anthropic_key",
    re: /sk-ant-(?<![A-Za-z0-9_-]sk-ant-)[A-Za-z0-9_-]{20,250}(?![A-Za-z0-9_-])/g,
    message: (s) =>
      s.startsWith("sk-ant-admin") ? "Anthropic admin API key" : "Anthropic API key",
    check: anthropicShape,
    // A key of a known version and exactly its shape, typed from the alphabet: an example.
    example: (s) => /^sk-ant-[a-z]+\d{2}-/.test(s) && isPlaceholderBody(s.slice(7)),
  },
  {
    rule: "openai_key",
    re: /sk-(?<![A-Za-z0-9_-]sk-)(?!ant-)[A-Za-z0-9_-]{20,250}(?![A-Za-z0-9_-])/g,
    message: "OpenAI API key",
    // Keys mix case and digits; this keeps slugs such as "sk-learn-..." out.
    check: (s) => mixedAlnum(s.slice(3)) && notPlaceholder(s.slice(3)),
  },
  {
    rule: "google_api_key",
    re: /AIza(?<![A-Za-z0-9_-]AIza)[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g,
    message: "Google API key",
    check: after(4),
  },
  {
    rule: "stripe_key",
    re: /[sr]k_(?:live|test|prod)_(?<![A-Za-z0-9_].k_[a-z]{4}_)[A-Za-z0-9]{16,247}(?![A-Za-z0-9_])/g,
    message: (s) =>
      `Stripe ${s.slice(3, 7) === "test" ? "test-mode" : s.slice(3, 7)} ${s.startsWith("rk_") ? "restricted key" : "secret key"}`,
    check: after(8),
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
    check: after(4),
  },
  {
    rule: "pypi_token",
    re: /pypi-AgEIcHlwaS5vcmc(?<![A-Za-z0-9_-]pypi-AgEIcHlwaS5vcmc)[A-Za-z0-9_-]{50,1000}(?![A-Za-z0-9_-])/g,
    message: "PyPI API token",
  },
  {
    rule: "huggingface_token",
    re: /(?:hf_(?<![A-Za-z0-9_]hf_)|api_org_(?<![A-Za-z0-9_]api_org_))[A-Za-z]{34}(?![A-Za-z0-9_])/g,
    message: (s) =>
      s.startsWith("api_org_")
        ? "Hugging Face organization API token"
        : "Hugging Face access token",
    check: (s) => {
      const body = s.slice(s.indexOf("_", 3) + 1);
      return /[A-Z]/.test(body) && /[a-z]/.test(body) && notPlaceholder(body);
    },
  },
  {
    rule: "gitlab_token",
    re: /glpat-(?<![A-Za-z0-9_-]glpat-)[A-Za-z0-9_-]{20,64}(?![A-Za-z0-9_-])/g,
    message: "GitLab personal access token",
    check: after(6),
  },
];

/** A provider rule: a prefix of `prefix` characters, and a body that is no placeholder. */
const simple = (
  rule: string,
  re: RegExp,
  message: string,
  prefix: number,
  extra?: (body: string) => boolean,
): TokenRule => ({
  rule,
  re,
  message,
  check: (s) =>
    notPlaceholder(s.slice(prefix)) &&
    !isPlaceholder(s.slice(prefix)) &&
    (!extra || extra(s.slice(prefix))),
});

/** Providers whose tokens are a prefix and a body of fixed alphabet and size. */
const PREFIX_RULES: TokenRule[] = [
  {
    rule: "age_secret_key",
    re: /AGE-SECRET-KEY-1(?<![A-Za-z0-9-]AGE-SECRET-KEY-1)[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}(?![A-Za-z0-9])/g,
    message: "age secret key",
    example: (s) => shannon(s.slice(16)) < 2.5,
  },
  simple(
    "perplexity_key",
    /pplx-(?<![A-Za-z0-9_-]pplx-)[A-Za-z0-9]{40,64}(?![A-Za-z0-9_-])/g,
    "Perplexity API key",
    5,
  ),
  simple(
    "sentry_token",
    /sntry[su]_(?<![A-Za-z0-9_]sntry._)[A-Za-z0-9+/=_]{40,600}(?![A-Za-z0-9+/=_])/g,
    "Sentry auth token",
    7,
  ),
  simple(
    "atlassian_token",
    /AT[AC]TT3(?<![A-Za-z0-9_-]AT.TT3)[A-Za-z0-9_=-]{150,300}(?![A-Za-z0-9_=-])/g,
    "Atlassian API token",
    6,
  ),
  simple(
    "cloudflare_origin_ca_key",
    /v1\.0-(?<![A-Za-z0-9.-]v1\.0-)[a-f0-9]{24}-[a-f0-9]{146}(?![A-Za-z0-9-])/g,
    "Cloudflare Origin CA key",
    5,
  ),
  simple(
    "heroku_api_key",
    /HRKU-(?<![A-Za-z0-9_-]HRKU-)AA[A-Za-z0-9_-]{58}(?![A-Za-z0-9_-])/g,
    "Heroku API key",
    7,
  ),
  simple(
    "vault_token",
    /hv[sb]\.(?<![A-Za-z0-9_.-]hv.\.)[A-Za-z0-9_-]{90,400}(?![A-Za-z0-9_-])/g,
    "HashiCorp Vault token",
    4,
  ),
  simple(
    "terraform_cloud_token",
    /\.atlasv1\.(?<=(?<![A-Za-z0-9])(?<lead>[A-Za-z0-9]{14})\.atlasv1\.)[A-Za-z0-9_=-]{60,70}(?![A-Za-z0-9_=-])/g,
    "Terraform Cloud API token",
    23,
  ),
  simple(
    "notion_token",
    /ntn_(?<![A-Za-z0-9_]ntn_)[0-9]{11}[A-Za-z0-9]{35}(?![A-Za-z0-9_])/g,
    "Notion integration token",
    4,
    (b) => /[A-Za-z]/.test(b),
  ),
  simple(
    "grafana_token",
    /(?:glc_(?<![A-Za-z0-9_]glc_)[A-Za-z0-9+/]{32,400}={0,2}|glsa_(?<![A-Za-z0-9_]glsa_)[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})(?![A-Za-z0-9+/=_])/g,
    "Grafana token",
    4,
  ),
  simple(
    "sourcegraph_token",
    /sgp_(?<![A-Za-z0-9_]sgp_)(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}(?![A-Za-z0-9_])/g,
    "Sourcegraph access token",
    4,
  ),
  simple(
    "onepassword_service_account_token",
    /ops_eyJ(?<![A-Za-z0-9_]ops_eyJ)[A-Za-z0-9+/]{250,4000}={0,3}(?![A-Za-z0-9+/=])/g,
    "1Password service account token",
    7,
  ),
  simple(
    "onepassword_secret_key",
    /A3-(?<![A-Za-z0-9-]A3-)[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}(?![A-Za-z0-9-])/g,
    "1Password secret key",
    3,
  ),
  simple(
    "flyio_token",
    /(?:fo1_(?<![A-Za-z0-9_]fo1_)[A-Za-z0-9_-]{43}|fm[12][ar]?_(?<![A-Za-z0-9_]fm[12].?_)[A-Za-z0-9+/]{100,4000}={0,3})(?![A-Za-z0-9+/=_-])/g,
    "Fly.io access token",
    4,
  ),
  simple(
    "openshift_token",
    /sha256~(?<![A-Za-z0-9_-]sha256~)[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
    "OpenShift user token",
    7,
  ),
  simple(
    "square_token",
    /(?:sq0csp-(?<![A-Za-z0-9_-]sq0csp-)[A-Za-z0-9_-]{43}|sq0atp-(?<![A-Za-z0-9_-]sq0atp-)[A-Za-z0-9_-]{22})(?![A-Za-z0-9_-])/g,
    "Square access token or application secret",
    7,
  ),
  simple(
    "meta_access_token",
    // Meta (Facebook, Instagram) user and page tokens, and Square's production access tokens.
    /EAA(?<![A-Za-z0-9_-]EAA)[A-Z][A-Za-z0-9_-]{56,400}(?![A-Za-z0-9_-])/g,
    "Meta (Facebook) or Square access token",
    3,
    mixedAlnum,
  ),
  simple(
    "facebook_app_token",
    /(?:\||%7[Cc])(?<=(?<![0-9])(?<lead>[0-9]{15,16})(?:\||%7[Cc]))[A-Za-z0-9_-]{27}(?![A-Za-z0-9_-])/g,
    "Facebook app access token",
    17,
    mixedAlnum,
  ),
  simple(
    "databricks_token",
    /dapi(?<![A-Za-z0-9_]dapi)[a-f0-9]{32}(?:-[0-9])?(?![A-Za-z0-9_-])/g,
    "Databricks access token",
    4,
  ),
  simple(
    "mailchimp_key",
    /-us(?<=(?<![A-Za-z0-9])(?<lead>[0-9a-f]{32})-us)[0-9]{1,2}(?![A-Za-z0-9])/g,
    "Mailchimp API key",
    0,
  ),
  {
    // Azure AD (Entra ID) client secrets: three characters, a digit, "Q~", then 31 to 34.
    rule: "azure_client_secret",
    re: /Q~(?<=(?<![A-Za-z0-9_~.-])(?<lead>[A-Za-z0-9_~.]{3}[0-9])Q~)[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g,
    message: "Azure AD client secret",
    check: (s) => mixedAlnum(s) && notPlaceholder(s.slice(6)) && !/~~/.test(s),
  },
];

/**
 * Slack tokens are dash-separated: workspace, user or app ids (6+ digits or an uppercase id) and a
 * random last part; configuration tokens carry one long base64 part. Short or numbered-1234
 * examples ("xoxb-12345-abcd", "xoxp-1234-1234-…", "xoxp-…-") are not tokens.
 */
function slackShape(s: string): boolean {
  const parts = s.split("-");
  const body = parts.slice(1);
  const last = body[body.length - 1] ?? "";
  if (body.length < 2 || last.length < 8 || !notPlaceholder(last)) return false;
  if (/^xoxe\.|^xoxe-\d-/.test(s) && body.length === 2) return last.length >= 100; // configuration tokens
  return body.some((p) => /^[0-9]{6,14}$/.test(p));
}

/**
 * Anthropic keys name their kind and version ("sk-ant-api03-", "sk-ant-admin01-"): a key of a
 * known version has that version's size, 93 characters and "AA" (one of that shape spelled from
 * the alphabet is reported as an example). Others are judged by their body.
 */
function anthropicShape(s: string): boolean {
  const m = /^sk-ant-([a-z]+)(\d{2})-/.exec(s);
  if (!m) return notPlaceholder(s.slice(7));
  const body = s.slice(m[0].length);
  return body.length === 95 && body.endsWith("AA") && shannon(body) >= 2.5;
}

export const TOKEN_RULES: TokenRule[] = [...BASE_RULES, ...PREFIX_RULES];
