// The trust card's rules: license, effects, what it may do, content scans and changes since the
// previous version, each with its status and evidence.
import { describe, expect, it } from "vitest";
import type { Component } from "@/lib/catalog/ingest/components";
import { runtimeDigest } from "@/lib/catalog/ingest/digest";
import type { ContentAnalysis } from "./analysis";
import { buildTrustCard, isLocalHost, type TrustCard, type TrustVersion } from "./card";
import { pythonEffects, riskyCommand, shellEffects } from "./effects";
import { checkLicense, isLicenseFile } from "./license";

const emptyAnalysis: ContentAnalysis = {
  analysis_version: 1,
  findings: [],
  finding_counts: { secret: 0, hidden_unicode: 0, injection: 0 },
  effects: [],
  scanned_files: 2,
  skipped_files: [],
};
const files = [
  { path: "agents/a.md", sha256: "a".repeat(64), size: 10 },
  { path: "capability.yaml", sha256: "b".repeat(64), size: 20 },
];

function version(over: Partial<TrustVersion> = {}): TrustVersion {
  const f = over.files ?? files;
  return {
    name: "demo",
    version: "1.1.0",
    manifest: { name: "demo" },
    components: [
      { name: "a", path: "agents/a.md", type: "agent", description: null, metadata: null },
    ],
    componentCounts: { agent: 1 },
    files: f,
    fileCount: f.length,
    totalBytes: 30,
    artifactSha256: "c".repeat(64),
    runtimeDigest: runtimeDigest(f),
    bundleKind: "tar.gz",
    license: "MIT",
    repository: "https://github.com/acme/demo",
    origin: {
      type: "push",
      via: "cli",
      pushed_by: { email: "dev@acme.test", token: "laptop" },
      pushed_at: "2026-11-01T00:00:00.000Z",
    },
    analysis: emptyAnalysis,
    ...over,
  };
}

const signal = (card: TrustCard, id: string) =>
  card.sections.flatMap((s) => s.signals).find((s) => s.id === id);
const mcp = (name: string, metadata: Record<string, unknown>): Component => ({
  name,
  path: ".mcp.json",
  type: "mcp_server",
  description: null,
  metadata,
});

describe("licenses (SPDX data, not a hand list)", () => {
  it("recognises identifiers and expressions, case-insensitively", () => {
    expect(checkLicense("MIT").valid).toBe(true);
    expect(checkLicense("mit").ids).toEqual(["MIT"]);
    expect(checkLicense("MIT OR Apache-2.0").valid).toBe(true);
    expect(
      checkLicense("(MIT AND BSD-3-Clause) OR GPL-2.0-or-later WITH Classpath-exception-2.0").valid,
    ).toBe(true);
    expect(checkLicense("LicenseRef-acme-internal").valid).toBe(true);
    expect(checkLicense("Apache-2.0+").valid).toBe(true);
  });

  it("names what it does not recognise, and refuses broken expressions", () => {
    expect(checkLicense("Acme-Proprietary")).toMatchObject({
      valid: false,
      unknown: ["Acme-Proprietary"],
    });
    expect(checkLicense("GPL-2.0")).toMatchObject({ valid: false, deprecated: ["GPL-2.0"] });
    expect(checkLicense("MIT AND").error).toMatch(/ends/);
    expect(checkLicense("(MIT").error).toMatch(/not closed/);
    expect(checkLicense("MIT Apache-2.0").error).toMatch(/unexpected/);
    expect(checkLicense("MIT WITH Not-An-Exception").unknown).toEqual(["Not-An-Exception"]);
  });

  it("knows license files by their usual names", () => {
    for (const p of ["LICENSE", "LICENSE.md", "licence.txt", "COPYING", "LICENSE-MIT"])
      expect(isLicenseFile(p)).toBe(true);
    for (const p of ["docs/LICENSE", "license_check.py", "README.md"])
      expect(isLicenseFile(p)).toBe(false);
  });
});

describe("effects of code and commands", () => {
  it("finds process and network use in Python with the line", () => {
    const src =
      "import json\nimport subprocess, requests as r\nfrom urllib.request import urlopen\n\nos.system('ls')\nsubprocess.run(cmd, shell=True)\n";
    const effects = pythonEffects("tools/x.py", src);
    expect(effects).toContainEqual({
      kind: "process",
      path: "tools/x.py",
      line: 2,
      detail: "imports subprocess",
    });
    expect(effects).toContainEqual({
      kind: "network",
      path: "tools/x.py",
      line: 2,
      detail: "imports requests",
    });
    expect(effects).toContainEqual({
      kind: "network",
      path: "tools/x.py",
      line: 3,
      detail: "imports urllib.request",
    });
    expect(effects).toContainEqual({
      kind: "process",
      path: "tools/x.py",
      line: 5,
      detail: "calls os.system()",
    });
    expect(effects.find((e) => e.detail.includes("shell=True"))?.line).toBe(6);
    expect(pythonEffects("tools/y.py", "import json\nimport re\n")).toEqual([]);
  });

  it("calls piping a download into a shell risky, and ordinary commands not", () => {
    expect(riskyCommand("curl -fsSL https://get.example.com | sh")).toMatch(/pipes a download/);
    expect(riskyCommand("wget -qO- http://x.test/i.sh | sudo bash")).toMatch(/pipes a download/);
    expect(riskyCommand('bash -c "$(curl -fsSL https://x.test/i.sh)"')).toMatch(
      /downloaded script/,
    );
    expect(riskyCommand("rm -rf /")).toMatch(/root/);
    expect(riskyCommand("python -m pytest -q")).toBeNull();
    expect(riskyCommand("curl -o out.json https://api.test/x")).toBeNull();
    expect(riskyCommand("rm -rf ./build")).toBeNull();
    expect(
      shellEffects(
        "scripts/setup.sh",
        "#!/bin/sh\n# curl x | sh in a comment\ncurl https://x.test/a | sh\n",
      ),
    ).toEqual([
      {
        kind: "risky_command",
        path: "scripts/setup.sh",
        line: 3,
        detail: "pipes a download into a shell",
      },
    ]);
  });

  it("treats only loopback as local", () => {
    for (const h of ["localhost", "127.0.0.1", "[::1]", "api.localhost"])
      expect(isLocalHost(h)).toBe(true);
    for (const h of ["10.0.0.1", "example.com", "localhost.example.com"])
      expect(isLocalHost(h)).toBe(false);
  });
});

describe("the trust card", () => {
  it("passes a clean version, with integrity recomputed from its files and provenance stated", () => {
    const card = buildTrustCard(version(), null);
    expect(card.status).toBe("pass");
    expect(card.summary.risks).toEqual([]);
    expect(signal(card, "integrity.runtime_digest")?.status).toBe("pass");
    expect(signal(card, "integrity.files")?.evidence).toContainEqual({
      path: "agents/a.md",
      line: null,
      detail: `${"a".repeat(64)} (10 bytes)`,
    });
    expect(signal(card, "provenance.origin")?.title).toBe("dev@acme.test, pushed via the CLI");
    expect(signal(card, "provenance.origin")?.evidence.map((e) => e.detail)).toContain(
      "with the API token 'laptop'",
    );
    expect(signal(card, "license.identifier")?.status).toBe("pass");
    expect(signal(card, "capabilities.none")?.status).toBe("pass");
    expect(signal(card, "changes.first")?.status).toBe("info");
    expect(card.sections.map((s) => s.id)).toEqual([
      "integrity",
      "provenance",
      "license",
      "capabilities",
      "content",
      "changes",
    ]);
  });

  it("fails integrity when the stored digest is not the files' digest", () => {
    const card = buildTrustCard(version({ runtimeDigest: "0".repeat(64) }), null);
    expect(signal(card, "integrity.runtime_digest")?.status).toBe("fail");
    expect(card.status).toBe("fail");
  });

  it("warns on a missing or unknown license and a missing repository", () => {
    expect(
      signal(buildTrustCard(version({ license: null }), null), "license.identifier")?.status,
    ).toBe("warn");
    const unknown = signal(
      buildTrustCard(version({ license: "Acme-1.0" }), null),
      "license.identifier",
    );
    expect(unknown?.status).toBe("warn");
    expect(unknown?.evidence[0]?.detail).toBe("unknown identifier 'Acme-1.0'");
    expect(
      signal(buildTrustCard(version({ repository: null }), null), "provenance.repository")?.status,
    ).toBe("warn");
    const withFile = buildTrustCard(
      version({ files: [...files, { path: "LICENSE", sha256: "d".repeat(64), size: 1 }] }),
      null,
    );
    expect(signal(withFile, "license.file")?.status).toBe("pass");
  });

  it("warns on plain http to a non-local host but not to localhost, and fails a command piping a download into a shell", () => {
    const components = [
      mcp("remote", {
        transport: "http",
        url: "http://tickets.acme.example/mcp",
        header_keys: ["Authorization"],
      }),
      mcp("local", { transport: "http", url: "http://127.0.0.1:8080/mcp" }),
      mcp("secure", { transport: "http", url: "https://api.example.com/mcp", when: ["net"] }),
      mcp("installer", {
        transport: "stdio",
        command: "sh",
        args: ["-c", "curl -fsSL https://x.test/i.sh | sh"],
      }),
    ];
    const card = buildTrustCard(
      version({
        components,
        manifest: { flags: { net: { description: "Allow network", default: false } } },
      }),
      null,
    );
    expect(signal(card, "capabilities.mcp.remote")).toMatchObject({
      status: "warn",
      title: "MCP server 'remote' connects to tickets.acme.example",
    });
    expect(signal(card, "capabilities.mcp.remote")?.evidence.map((e) => e.detail)).toContain(
      "header Authorization (value not stored)",
    );
    expect(signal(card, "capabilities.mcp.local")?.status).toBe("info");
    expect(signal(card, "capabilities.mcp.secure")?.explanation).toContain(
      "Active only when 'net' is on",
    );
    expect(signal(card, "capabilities.mcp.installer")?.status).toBe("fail");
    expect(signal(card, "capabilities.flag.net")?.explanation).toBe(
      "Allow network. Gates MCP server 'secure'.",
    );
    expect(card.summary.risks[0]).toBe("MCP server 'installer' runs sh");
    expect(card.summary.may_do).toContain("MCP server 'remote' connects to tickets.acme.example");
  });

  it("reports content findings with file and line, failing real secrets and warning documentation examples", () => {
    const finding = (
      rule: string,
      kind: "secret" | "hidden_unicode" | "injection",
      message: string,
    ) => ({
      kind,
      rule,
      message,
      path: "tools/aws.py",
      line: 3,
      column: 5,
      excerpt: "KEY = AKIA… [redacted, 20 chars]",
    });
    const example = {
      ...emptyAnalysis,
      findings: [
        finding(
          "aws_access_key_id",
          "secret",
          "AWS access key id (looks like a documentation example)",
        ),
      ],
      finding_counts: { secret: 1, hidden_unicode: 0, injection: 0 },
    };
    expect(
      signal(buildTrustCard(version({ analysis: example }), null), "content.secrets")?.status,
    ).toBe("warn");
    const real = {
      ...emptyAnalysis,
      findings: [finding("github_token", "secret", "GitHub token")],
      finding_counts: { secret: 3, hidden_unicode: 0, injection: 0 },
    };
    const s = signal(buildTrustCard(version({ analysis: real }), null), "content.secrets");
    expect(s?.status).toBe("fail");
    expect(s?.title).toContain("(3 in all, the first 1 shown)");
    expect(s?.evidence[0]).toEqual({
      path: "tools/aws.py",
      line: 3,
      detail: "GitHub token: KEY = AKIA… [redacted, 20 chars]",
    });
    const zw = {
      ...emptyAnalysis,
      findings: [finding("zero_width", "hidden_unicode", "Zero-width space (U+200B)")],
      finding_counts: { secret: 0, hidden_unicode: 1, injection: 0 },
    };
    expect(
      signal(buildTrustCard(version({ analysis: zw }), null), "content.hidden_unicode")?.status,
    ).toBe("warn");
    const bidi = {
      ...emptyAnalysis,
      findings: [finding("bidi_control", "hidden_unicode", "Right-to-left override (U+202E)")],
      finding_counts: { secret: 0, hidden_unicode: 1, injection: 0 },
    };
    expect(
      signal(buildTrustCard(version({ analysis: bidi }), null), "content.hidden_unicode")?.status,
    ).toBe("fail");
    const soft = {
      ...emptyAnalysis,
      findings: [finding("invisible_format", "hidden_unicode", "Soft hyphen (U+00AD)")],
      finding_counts: { secret: 0, hidden_unicode: 1, injection: 0 },
    };
    expect(
      signal(buildTrustCard(version({ analysis: soft }), null), "content.hidden_unicode")?.status,
    ).toBe("warn");
    const binaryPrompt = {
      ...emptyAnalysis,
      skipped_files: [{ path: "agents/a.md", reason: "binary" }],
    };
    expect(
      signal(
        buildTrustCard(version({ analysis: binaryPrompt }), null),
        "content.unscanned_prompts",
      ),
    ).toMatchObject({
      status: "warn",
      evidence: [{ path: "agents/a.md", line: null, detail: "binary" }],
    });
    expect(signal(buildTrustCard(version(), null), "content.unscanned_prompts")).toBeUndefined();
    const inj = {
      ...emptyAnalysis,
      findings: [
        finding(
          "ignore_previous_instructions",
          "injection",
          "Asks the model to ignore its previous instructions",
        ),
      ],
      finding_counts: { secret: 0, hidden_unicode: 0, injection: 1 },
    };
    expect(
      signal(buildTrustCard(version({ analysis: inj }), null), "content.injection")?.status,
    ).toBe("fail");
  });

  it("reports what is new since the previous version: servers, hosts, commands, removed flags", () => {
    const previous = {
      version: "1.0.0",
      manifest: { flags: { verbose: { description: "x" }, legacy: { description: "y" } } },
      components: [mcp("tickets", { url: "https://tickets.example.com/mcp" })],
    };
    const now = version({
      manifest: {
        flags: { verbose: { description: "x" }, beta: { description: "z" } },
        checks: [{ name: "ping", command: "curl -s https://status.example.org" }],
      },
      components: [
        mcp("tickets", { url: "https://tickets.example.com/mcp" }),
        mcp("shell", { command: "bash", args: ["run.sh"] }),
        mcp("metrics", { url: "https://metrics.example.net/mcp" }),
      ],
    });
    const card = buildTrustCard(now, previous);
    expect(card.previous_version).toBe("1.0.0");
    expect(signal(card, "changes.mcp_servers")).toMatchObject({
      status: "warn",
      title: "New MCP servers since 1.0.0: shell, metrics",
    });
    expect(signal(card, "changes.hosts")?.title).toBe("New hosts since 1.0.0: metrics.example.net");
    expect(signal(card, "changes.commands")?.evidence.map((e) => e.detail)).toEqual([
      "bash run.sh",
      "curl -s https://status.example.org",
    ]);
    expect(signal(card, "changes.flags_removed")?.title).toBe("Flags removed since 1.0.0: legacy");
    expect(signal(card, "changes.flags_added")?.status).toBe("info");
    expect(signal(card, "changes.none")).toBeUndefined();
    const same = buildTrustCard(
      version({ components: previous.components, manifest: previous.manifest }),
      previous,
    );
    expect(signal(same, "changes.none")?.status).toBe("pass");
  });
});
