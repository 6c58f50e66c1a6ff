// The provider token formats, the secrets a tool's syntax gives away (curl, Kubernetes, NuGet), the
// assignment syntaxes of configuration and code, and the guards that keep placeholders, anti-forgery
// tokens and public keys quiet. Secret-shaped strings are assembled at run time (scan-test-helpers).
import { describe, expect, it } from "vitest";
import { scanText } from "./scan";
import { expectNoLeak, j, rand, rules, secretsOnly } from "./scan-test-helpers";
import { isPlaceholderBody } from "./scan-secret-rules";

const HEX = "0123456789abcdef";
const B64 = "q8Zr3LmN5vX2pT9wK4bY7cH1dF6gJ0sA+/";
const UPPER = "Q8ZR3LMN5VX2PT9WK4BY7CH1DF6GJ0SA";
const BECH32 = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L";
const find = (text: string) => scanText("config/app.env", `${text}\n`, secretsOnly);

describe("provider token formats", () => {
  it.each([
    ["age_secret_key", j("AGE-SECRET-KEY-1", rand(58, BECH32)), (s: string) => `AGE_KEY=${s}`],
    ["perplexity_key", j("pplx-", rand(48)), (s: string) => `client = Perplexity("${s}")`],
    [
      "sentry_token",
      j("sntrys_", "eyJpYXQiOjE3", rand(60, B64), "_", rand(43)),
      (s: string) => `auth.token=${s}`,
    ],
    ["atlassian_token", j("ATATT3", rand(180), "=", rand(8, UPPER)), (s: string) => `JIRA=${s}`],
    [
      "cloudflare_origin_ca_key",
      j("v1.0-", rand(24, HEX), "-", rand(146, HEX)),
      (s: string) => `origin_ca ${s}`,
    ],
    ["heroku_api_key", j("HRKU-AA", rand(58)), (s: string) => `heroku: ${s}`],
    ["vault_token", j("hvs.", "CAESI", rand(90)), (s: string) => `VAULT=${s}`],
    ["terraform_cloud_token", j(rand(14), ".atlasv1.", rand(66)), (s: string) => `tfe ${s}`],
    ["notion_token", j("ntn_", "48213579061", rand(35)), (s: string) => `notion ${s}`],
    ["grafana_token", j("glsa_", rand(32), "_", rand(8, HEX)), (s: string) => `grafana ${s}`],
    ["sourcegraph_token", j("sgp_", rand(16, HEX), "_", rand(40, HEX)), (s: string) => `SRC=${s}`],
    [
      "onepassword_secret_key",
      j(
        "A3-",
        rand(6, UPPER),
        "-",
        rand(11, UPPER),
        "-",
        rand(5, UPPER),
        "-",
        rand(5, UPPER),
        "-",
        rand(5, UPPER),
      ),
      (s: string) => `op ${s}`,
    ],
    ["flyio_token", j("fo1_", rand(43)), (s: string) => `FLY=${s}`],
    ["openshift_token", j("sha256~", rand(43)), (s: string) => `oc login --token=${s}`],
    ["square_token", j("sq0csp-", rand(43)), (s: string) => `square ${s}`],
    ["meta_access_token", j("EAAG", rand(120)), (s: string) => `fb ${s}`],
    ["databricks_token", j("dapi", rand(32, HEX)), (s: string) => `dbx ${s}`],
    ["mailchimp_key", j(rand(32, HEX), "-us21"), (s: string) => `mc ${s}`],
    [
      "azure_client_secret",
      j("aB3", "7", "Q~", rand(34).replace(/[+/]/g, "x")),
      (s: string) => `entra ${s}`,
    ],
    [
      "aws_bedrock_api_key",
      j("ABSKQmVkcm9ja0FQSUtleS", rand(110, B64)),
      (s: string) => `BEDROCK=${s}`,
    ],
    [
      "slack_token",
      j("xapp-1-", "A0", rand(9, UPPER), "-", "5171572773297", "-", rand(64, HEX)),
      (s: string) => `SLACK_APP=${s}`,
    ],
    ["slack_token", j("xoxe.xoxp-1-", "Mi0y", rand(150)), (s: string) => `cfg ${s}`],
    ["stripe_key", j("rk_", "prod_", rand(40)), (s: string) => `stripe ${s}`],
  ])("finds %s", (rule, secret, line) => {
    const findings = find(line(secret));
    expect(rules(findings)).toEqual([rule]);
    expect(findings[0]!.excerpt).toContain(`…[redacted, ${secret.length} chars]`);
    expectNoLeak(findings, secret);
  });

  it("reports a filler of a very specific format as a documentation example", () => {
    const [f] = find(j("AGE-SECRET-KEY-1", "Q".repeat(58)));
    expect(f!.message).toBe("age secret key (looks like a documentation example)");
  });

  it.each([
    [j("AIza", "Sy", "abcdefghijklmnopqrstuvwxyz1234567"), "a typed alphabet"],
    [j("sgp_", "5555555d", "AAAAA7777777CcccCFaaaaaaaaaaaaaa"), "a held-down key"],
    [j("sk-ant-", "api03-", rand(61), "AA"), "an Anthropic key of the wrong size for its version"],
    [j("sk-ant-", "admin01-", rand(93), "BB"), "an Anthropic key without its end"],
    [j("xoxb-", "12345-", "abcd234"), "a short Slack example"],
    [j("xoxp-", "1234-1234-1234-", rand(32, HEX)), "a numbered Slack example"],
    [
      j("xoxp-", "572370529330-573807301142-572331691188-", "#".repeat(20)),
      "a Slack token cut short",
    ],
    [j("xoxe.xoxp-1-", "YourConfigTokenGoesHereSoon"), "a configuration-token placeholder"],
    [
      j("sha256~", "XXXXXXXX_PUT_YOUR_TOKEN_HERE_XXXXXXXXXXXXXXX").slice(0, 50),
      "an OpenShift placeholder",
    ],
    [j("notion ntn_", "1".repeat(60)), "digits only"],
    ["~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~", "a rule of tildes"],
  ])("skips %s (%s)", (line) => {
    expect(find(line)).toEqual([]);
  });

  it("knows placeholder bodies", () => {
    expect(isPlaceholderBody("abcdefghijklmnop12")).toBe(true);
    expect(isPlaceholderBody("q8Zr3LmN5vX2pT9wK4bY")).toBe(false);
  });
});

describe("secrets given away by syntax", () => {
  const pw = j("kP7", "vG2h1L8nQ");
  it.each([
    [`curl -u deploy:${pw} https://registry.internal/v2/`, "curl_user_password"],
    [`curl --user "ci-bot:${pw}" -X POST https://ci.internal/api`, "curl_user_password"],
    [
      `curl -sS \\\n  -u ops:${pw} \\\n  https://es.internal:9200/_cat/indices`,
      "curl_user_password",
    ],
    [`<add key="ClearTextPassword" value="${pw}" />`, "nuget_password"],
  ])("finds the password in %j", (text, rule) => {
    const findings = find(text);
    expect(rules(findings)).toContain(rule);
    expectNoLeak(findings, pw);
  });

  it.each([
    ['curl -u "$USER:$TOKEN" https://api.internal', "variables"],
    ["curl -u admin:admin https://localhost", "a default password"],
    ["curl -u user:<password> https://localhost", "a placeholder"],
    ['curl -u "${{ secrets.USER }}:${{ secrets.PASS }}" https://x', "CI expressions"],
    ["tar -u archive:backup.tar files", "another tool's -u"],
    ['<add key="ClearTextPassword" value="%FEED_PASSWORD%" />', "an environment variable"],
  ])("skips %j (%s)", (text) => {
    expect(find(text)).toEqual([]);
  });

  const secretData = j("c3VwZXIt", "c2VjcmV0LXBhc3N3b3Jk");
  it("finds the data of a kind: Secret manifest, not of other kinds", () => {
    const manifest = (kind: string) =>
      `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: db-credentials\ntype: Opaque\ndata:\n  password: ${secretData}\n  username: YWRtaW4=\n`;
    const findings = scanText("k8s/secret.yaml", manifest("Secret"), secretsOnly);
    expect(rules(findings)).toEqual(["kubernetes_secret_data"]);
    expect(findings[0]!.line).toBe(7);
    expectNoLeak(findings, secretData);
    for (const kind of ["ConfigMap", "ExternalSecret"])
      expect(rules(scanText("k8s/x.yaml", manifest(kind), secretsOnly))).not.toContain(
        "kubernetes_secret_data",
      );
  });
});

describe("assignments", () => {
  const v = rand(40);
  it.each([
    [`var apiToken string = "${v}"`, "a Go declaration with its type"],
    [`DEPLOY_TOKEN ?= "${v}"`, "make's ?="],
    [`DEPLOY_TOKEN ::= "${v}"`, "make's ::="],
    [`$apiToken .= "${v}"`, "PHP's .="],
    [`<apiToken>\n  ${v}\n</apiToken>`, "an XML element"],
    [`System.setProperty("SERVICE_TOKEN", "${v}")`, "a call's two arguments"],
    [`const HEROKU_KEY = "${v}"`, "a name ending in _KEY"],
    [`curl -H "Authorization: Api-Token ${rand(32, HEX)}" https://x`, "an Api-Token scheme"],
    [`token: ${rand(32, HEX)}`, "a lowercase hex token"],
  ])("finds %j (%s)", (line) => {
    expect(rules(find(line))).toEqual(["high_entropy_assignment"]);
  });

  it("finds a guessable password literal, but not words, schema types or references", () => {
    expect(rules(find('administrator_login_password = "blueHorse42"'))).toEqual([
      "password_assignment",
    ]);
    for (const line of [
      'password = "correcthorsebattery"',
      '"password": "string"',
      "password = var.db_password",
      'db_password = "${var.db_password}"',
    ])
      expect(find(line), line).toEqual([]);
  });

  it.each([
    [`csrf-token=${rand(44)}`, "an anti-forgery token"],
    [`<input name="authenticity_token" value="${rand(60)}">`, "Rails' authenticity token"],
    [`publicToken = "${rand(43)}"`, "a public token"],
    [`const publishableKey = "${rand(40)}"`, "a publishable key"],
    ['notes = "Maven - io.jsonwebtoken:jjwt-jackson-0.11.2"', "a Maven coordinate"],
    [`primary_key = "${rand(24)}"`, "a database key"],
    [`cacheKey = "${rand(32)}"`, "a cache key"],
    ["keyVaultToStoreSecrets: kv-prod-1208358310", "a store of secrets"],
    ['any(k in p for k in ("auth", ".github/workflows/deploy.yml"))', "a tuple of strings"],
    ["pub const X509_pubkey_st = struct_X509_pubkey_st;", "a C binding"],
  ])("skips %j (%s)", (line) => {
    expect(find(line)).toEqual([]);
  });
});
