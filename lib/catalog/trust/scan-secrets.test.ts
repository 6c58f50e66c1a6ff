// The secret scanner, through scanText: each provider's token shape, private keys, high-entropy
// assignments, and what stays quiet.
import { describe, expect, it } from "vitest";
import { scanText } from "./scan";
import { j, rand, secretsOnly, hiddenOnly, rules, expectNoLeak } from "./scan-test-helpers";

interface SecretCase {
  rule: string;
  secret: string;
  line: (secret: string) => string;
  message?: RegExp;
}

const SECRET_CASES: SecretCase[] = [
  {
    rule: "aws_access_key_id",
    secret: j("AKIA", "Q3ZR7LMN5VX2PT9W"),
    line: (s) => `aws_access_key_id = ${s}`,
    message: /^AWS access key id$/,
  },
  {
    rule: "aws_access_key_id",
    secret: j("ASIA", "Q3ZR7LMN5VX2PT9W"),
    line: (s) => `"AccessKeyId": "${s}",`,
  },
  {
    rule: "aws_secret_access_key",
    secret: rand(38) + "/+",
    line: (s) => `AWS_SECRET_ACCESS_KEY=${s}`,
    message: /^AWS secret access key$/,
  },
  {
    rule: "aws_secret_access_key",
    secret: rand(36) + "Ab/9",
    line: (s) => `  aws_secret_access_key: "${s}"`,
  },
  {
    rule: "private_key",
    secret: `MIIEpAIBAAKCAQEA${rand(48)}\n${rand(64)}\n${rand(20)}==`,
    line: (s) => `-----BEGIN RSA PRIVATE KEY-----\n${s}\n-----END RSA PRIVATE KEY-----`,
    message: /RSA PRIVATE KEY/,
  },
  {
    rule: "private_key",
    secret: `b3BlbnNzaC1rZXktdjEAAAAA${rand(40)}\\n${rand(30)}`,
    line: (s) =>
      `{"key": "-----BEGIN OPENSSH PRIVATE KEY-----\\n${s}\\n-----END OPENSSH PRIVATE KEY-----\\n"}`,
  },
  {
    rule: "github_token",
    secret: j("ghp_", rand(36)),
    line: (s) => `GITHUB_TOKEN=${s}`,
    message: /GitHub personal access token/,
  },
  {
    rule: "github_token",
    secret: j("gho_", rand(36)),
    line: (s) => `token: ${s}`,
    message: /OAuth/,
  },
  { rule: "github_token", secret: j("ghs_", rand(36)), line: (s) => `x ${s} y` },
  {
    rule: "github_token",
    secret: j("github_pat_", rand(22), "_", rand(59)),
    line: (s) => `pat = "${s}"`,
    message: /fine-grained/,
  },
  {
    rule: "slack_token",
    secret: j("xoxb-", "1234567890", "-", "0987654321", "-", rand(24)),
    line: (s) => `SLACK_BOT_TOKEN: ${s}`,
    message: /^Slack token$/,
  },
  {
    rule: "slack_webhook",
    secret: rand(24),
    line: (s) => `url = "https://hooks.slack.com/services/T01ABCDEF/B02GHIJKL/${s}"`,
  },
  {
    rule: "openai_key",
    secret: j("sk-", "proj-", rand(48)),
    line: (s) => `OPENAI_API_KEY="${s}"`,
    message: /^OpenAI API key$/,
  },
  { rule: "openai_key", secret: j("sk-", rand(48)), line: (s) => `openai.api_key = '${s}'` },
  {
    rule: "anthropic_key",
    secret: j("sk-", "ant-", "api03-", rand(80), "-", rand(12), "AA"),
    line: (s) => `ANTHROPIC_API_KEY=${s}`,
    message: /^Anthropic API key$/,
  },
  {
    rule: "google_api_key",
    secret: j("AIza", "Sy", rand(33)),
    line: (s) => `const key = "${s}";`,
    message: /^Google API key$/,
  },
  {
    rule: "stripe_key",
    secret: j("sk_", "live_", rand(24)),
    line: (s) => `stripe.api_key = "${s}"`,
    message: /Stripe live secret key/,
  },
  {
    rule: "stripe_key",
    secret: j("rk_", "live_", rand(24)),
    line: (s) => `STRIPE=${s}`,
    message: /restricted/,
  },
  {
    rule: "jwt",
    secret: j(
      "eyJ",
      "hbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
      ".",
      "eyJ",
      "zdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ",
      ".",
      rand(43),
    ),
    line: (s) => `Authorization: Bearer ${s}`,
    message: /^JSON Web Token$/,
  },
  {
    rule: "npm_token",
    secret: j("npm_", rand(36)),
    line: (s) => `//registry.npmjs.org/:_authToken=${s}`,
  },
  {
    rule: "pypi_token",
    secret: j("pypi-", "AgEIcHlwaS5vcmc", rand(60)),
    line: (s) => `password = ${s}`,
  },
  {
    rule: "huggingface_token",
    secret: j("hf_", "qZrLmNvXpTwKbYcHdFgJsAqZrLmNvXpTwK"),
    line: (s) => `HF_TOKEN=${s}`,
  },
  { rule: "gitlab_token", secret: j("glpat-", rand(20)), line: (s) => `GITLAB_TOKEN=${s}` },
  {
    rule: "url_credentials",
    secret: j("S3cr3t", "Passw0rd!"),
    line: (s) => `DATABASE_URL=postgres://app:${s}@db.internal:5432/app`,
    message: /Password embedded in a URL/,
  },
  {
    rule: "high_entropy_assignment",
    secret: rand(24),
    line: (s) => `db_password = "${s}"`,
    message: /High-entropy value assigned to db_password/,
  },
  { rule: "high_entropy_assignment", secret: rand(32), line: (s) => `{"client_secret": "${s}"}` },
  { rule: "high_entropy_assignment", secret: rand(20), line: (s) => `const accessToken = '${s}';` },
  { rule: "high_entropy_assignment", secret: rand(28), line: (s) => `X-Api-Key: ${s}` },
  {
    rule: "high_entropy_assignment",
    secret: rand(28),
    line: (s) => `  Authorization: Bearer ${s}`,
  },
  {
    rule: "high_entropy_assignment",
    secret: rand(18),
    line: (s) => `export SERVICE_PASSWORD=${s}`,
  },
];

describe("secrets", () => {
  it("has a redaction case for every secret rule", () => {
    const all = [
      "aws_access_key_id",
      "aws_secret_access_key",
      "private_key",
      "github_token",
      "slack_token",
      "slack_webhook",
      "openai_key",
      "anthropic_key",
      "google_api_key",
      "stripe_key",
      "jwt",
      "npm_token",
      "pypi_token",
      "huggingface_token",
      "gitlab_token",
      "url_credentials",
      "high_entropy_assignment",
    ];
    expect([...new Set(SECRET_CASES.map((c) => c.rule))].sort()).toEqual(all.sort());
  });

  it.each(SECRET_CASES.map((c, i) => [`${c.rule} #${i}`, c] as const))(
    "finds %s, at the secret, and never reveals it",
    (_, c) => {
      const text = `# settings\n${c.line(c.secret)}\n`;
      const findings = scanText("config/settings.txt", text);
      expect(rules(findings)).toEqual([c.rule]);
      const f = findings[0]!;
      expect(f.kind).toBe("secret");
      expect(f.path).toBe("config/settings.txt");
      expect(f.line).toBe(2);
      if (c.rule !== "private_key") {
        // The column points at the secret itself.
        const lineText = c.line(c.secret).split("\n")[0]!;
        expect(f.column).toBe(lineText.indexOf(c.secret) + 1);
        const kept = Math.min(4, Math.floor(c.secret.length / 4));
        expect(f.excerpt).toContain(
          `${c.secret.slice(0, kept)}…[redacted, ${c.secret.length} chars]`,
        );
      }
      if (c.message) expect(f.message).toMatch(c.message);
      expectNoLeak(findings, c.secret);
    },
  );

  it("redacts every secret of the line in every excerpt, of any kind", () => {
    const a = j("ghp_", rand(36));
    const b = j("AKIA", "Q3ZR7LMN5VX2PT9W");
    const text = `tokens: ${a} ${b} \u200Bhidden\n`;
    const all = scanText("x.md", text);
    expect(rules(all)).toEqual(["github_token", "aws_access_key_id", "zero_width"]);
    for (const s of [a, b]) expectNoLeak(all, s);
    // Also when the secret scan is not asked for: the hidden-character excerpt is still redacted.
    const hidden = scanText("x.md", text, hiddenOnly);
    expect(rules(hidden)).toEqual(["zero_width"]);
    expect(hidden[0]!.excerpt).toBe(
      "tokens: ghp_…[redacted, 40 chars] AKIA…[redacted, 20 chars] <U+200B>hidden",
    );
    for (const s of [a, b]) expectNoLeak(hidden, s);
  });

  it("redacts a private key body in excerpts of other lines", () => {
    const body = `MIIEpAIBAAKCAQEA${rand(48)}\n${rand(20)}\u200B${rand(20)}`;
    const text = `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`;
    const findings = scanText("k.pem", text);
    expect(rules(findings)).toEqual(["private_key", "zero_width"]);
    expect(findings[0]!).toMatchObject({
      line: 1,
      column: 1,
      message: "Private key (PRIVATE KEY block)",
      excerpt: "-----BEGIN PRIVATE KEY-----",
    });
    // The hidden character sits inside the key: its line is shown redacted.
    expect(findings[1]!).toMatchObject({ line: 3, column: 21, excerpt: "[redacted]" });
    expectNoLeak(findings, body);
  });

  it("does not report a PEM header without a key body", () => {
    expect(
      scanText(
        "README.md",
        "The file starts with `-----BEGIN RSA PRIVATE KEY-----`; keep it out of git.\n",
      ),
    ).toEqual([]);
  });

  it("reports documentation example keys, and says so", () => {
    const findings = scanText("docs.md", 'AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"\n');
    expect(rules(findings)).toEqual(["aws_access_key_id"]);
    expect(findings[0]!.message).toBe("AWS access key id (looks like a documentation example)");
    expect(findings[0]!.excerpt).toBe('AWS_ACCESS_KEY_ID = "AKIA…[redacted, 20 chars]"');
  });

  it("keeps fewer than 4 characters of a short secret", () => {
    const findings = scanText("x", "redis://default:hunter22@cache:6379\n");
    expect(rules(findings)).toEqual(["url_credentials"]);
    expect(findings[0]!.excerpt).toBe("redis://default:hu…[redacted, 8 chars]@cache:6379");
  });

  it("prefers the specific rule over the generic assignment rule", () => {
    const jwt = j("eyJ", "hbGciOiJIUzI1NiJ9", ".", "eyJ", "zdWIiOiIxIn0", ".", rand(20));
    expect(rules(scanText("x", `token = "${jwt}"\n`))).toEqual(["jwt"]);
    expect(rules(scanText("x", `GITHUB_TOKEN="${j("ghp_", rand(36))}"\n`))).toEqual([
      "github_token",
    ]);
    expect(rules(scanText("x", `ANTHROPIC_API_KEY=${j("sk-", "ant-", rand(40))}\n`))).toEqual([
      "anthropic_key",
    ]);
  });

  it.each([
    ['"X-Ops-Token": "${OPS_GATEWAY_TOKEN}"', "variable"],
    ["Authorization: Bearer ${CHRONICLE_TOKEN}", "variable after Bearer"],
    ["token: ${{ secrets.GITHUB_TOKEN }}", "CI expression"],
    ['api_key = "<your-api-key-goes-here>"', "angle placeholder"],
    ['password = "xxxxxxxxxxxxxxxxxxxx"', "x filler"],
    ['password: "changeme-changeme-123"', "changeme"],
    ['API_KEY = "example-key-1234567890abcdef"', "example"],
    ['token = os.environ["ZENDESK_TOKEN_VALUE"]', "os.environ"],
    ["const apiKey = process.env.OPENAI_API_KEY_PROD;", "process.env"],
    ['hs = HubSpot(access_token=os.environ["HUBSPOT_TOKEN"])', "call"],
    ["aws_secret_access_key=AWS_SECRET_ACCESS_KEY,", "identifier"],
    ["secret = settings.SECRET_KEY_VALUE", "dotted reference"],
    ["password = get_password_from_vault(user)", "function call"],
    ['token_url: "https://oauth2.googleapis.com/token"', "URL value"],
    ['secret_path = "/var/run/secrets/kubernetes.io/token"', "path"],
    ['secret_name: "my-application-secret-prod"', "words"],
    ["max_tokens: 4096", "number"],
    ['password = "aaaaaaaaaaaaaaaaaaaaaaaa"', "repeated"],
    ['password = "correcthorsebattery"', "lowercase word"],
    ["password: hunter2", "short"],
    ['if (password == "") return', "empty"],
    ["author: Priya Raman <priya.raman@acme.ai>", "author is not auth"],
    [j("GITHUB_TOKEN=ghp_", "x".repeat(36)), "ghp filler"],
    [j("AKIA", "XXXXXXXXXXXXXXXX"), "AKIA filler"],
    ["pip install scikit-learn  # sk-learn-is-not-a-key-at-all", "sk- slug"],
    ["postgres://postgres:postgres@localhost:5432/dev", "default URL password"],
    ["https://user:${PASSWORD}@host/path", "URL password variable"],
    ["SECRET_KEY = 'django-insecure-abc'", "short Django key"],
    [
      "The file starts with -----BEGIN PRIVATE KEY----- and ends with -----END PRIVATE KEY-----",
      "PEM markers in prose",
    ],
  ])("skips %s (%s)", (line) => {
    expect(scanText("x", `${line}\n`, secretsOnly)).toEqual([]);
  });
});
