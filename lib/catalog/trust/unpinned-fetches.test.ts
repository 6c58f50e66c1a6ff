// Where a version fetches code unpinned (each MCP server, worker, check and dependency, with its file
// and line), how the trust card shows it, and the demo catalog: every capability pins what it
// fetches but the risky fixture.
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Component } from "@/lib/catalog/ingest/components";
import { discoverComponents } from "@/lib/catalog/ingest/components";
import { runtimeDigest } from "@/lib/catalog/ingest/digest";
import { parseManifest } from "@/lib/catalog/ingest/manifest";
import type { ContentAnalysis } from "./analysis";
import { buildTrustCard, type TrustCard, type TrustVersion } from "./card";
import type { UnpinnedFetch } from "./unpinned";
import { unpinnedFetches } from "./unpinned-fetches";

const emptyAnalysis: ContentAnalysis = {
  analysis_version: 3,
  findings: [],
  finding_counts: { secret: 0, hidden_unicode: 0, injection: 0 },
  effects: [],
  scanned_files: 1,
  skipped_files: [],
};
const cardFiles = [{ path: ".mcp.json", sha256: "a".repeat(64), size: 10 }];
const version = (over: Partial<TrustVersion>): TrustVersion => ({
  name: "demo",
  version: "1.0.0",
  manifest: { name: "demo" },
  components: [],
  componentCounts: { mcp_server: 1 },
  files: cardFiles,
  fileCount: 1,
  totalBytes: 10,
  artifactSha256: "c".repeat(64),
  runtimeDigest: runtimeDigest(cardFiles),
  bundleKind: "tar.gz",
  license: "MIT",
  repository: "https://github.com/acme/demo",
  origin: { type: "push", via: "cli" },
  analysis: emptyAnalysis,
  ...over,
});
const signal = (card: TrustCard, id: string) =>
  card.sections.flatMap((s) => s.signals).find((s) => s.id === id);
const mcp = (name: string, metadata: Record<string, unknown>): Component => ({
  name,
  path: ".mcp.json",
  type: "mcp_server",
  description: null,
  metadata,
});

describe("the trust card", () => {
  it("flags unpinned runtime fetches with their component, file, line, command and fix", () => {
    const fetch = (over: Partial<UnpinnedFetch>): UnpinnedFetch => ({
      kind: "npm",
      target: "kubernetes-mcp-server@latest",
      reason: "the dist-tag 'latest' moves with every release",
      fix: "name an exact version: kubernetes-mcp-server@<x.y.z>",
      severity: "warn",
      component: "MCP server 'kubernetes'",
      path: ".mcp.json",
      line: 6,
      command: "npx -y kubernetes-mcp-server@latest --read-only",
      ...over,
    });
    const components = [
      mcp("kubernetes", { command: "npx", args: ["-y", "kubernetes-mcp-server@latest"] }),
    ];
    const warned = buildTrustCard(
      version({ components, analysis: { ...emptyAnalysis, unpinned_fetches: [fetch({})] } }),
      null,
    );
    const s = signal(warned, "capabilities.unpinned_fetch");
    expect(s).toMatchObject({
      status: "warn",
      title: "Fetches code at run time without pinning it (1)",
      evidence: [
        {
          path: ".mcp.json",
          line: 6,
          detail:
            "MCP server 'kubernetes': npx -y kubernetes-mcp-server@latest --read-only (kubernetes-mcp-server@latest: the dist-tag 'latest' moves with every release). Fix: name an exact version: kubernetes-mcp-server@<x.y.z>.",
        },
      ],
    });
    expect(warned.sections.find((x) => x.id === "capabilities")?.status).toBe("warn");
    expect(warned.status).toBe("warn");
    // A risk, not something it may do.
    expect(warned.summary.risks).toContain("Fetches code at run time without pinning it (1)");
    expect(warned.summary.may_do.join()).not.toMatch(/pinning/);

    const piped = buildTrustCard(
      version({
        components,
        analysis: {
          ...emptyAnalysis,
          unpinned_fetches: [
            fetch({}),
            fetch({
              kind: "download_to_shell",
              target: "curl -fsSL https://x.test/i.sh | sh",
              command: "curl -fsSL https://x.test/i.sh | sh",
              reason: "pipes a download into a shell",
              fix: "download a versioned file and check its sha256",
              severity: "fail",
              component: "script scripts/setup.sh",
              path: "scripts/setup.sh",
              line: 3,
            }),
          ],
        },
      }),
      null,
    );
    const p = signal(piped, "capabilities.unpinned_fetch")!;
    expect(p.status).toBe("fail");
    expect(p.explanation).toMatch(/piped into a shell/);
    // The target is not repeated when it is the whole command.
    expect(p.evidence[1]!.detail).toMatch(
      /^script scripts\/setup\.sh: curl -fsSL https:\/\/x\.test\/i\.sh \| sh \(pipes a download into a shell\)\. Fix: download/,
    );
    expect(piped.status).toBe("fail");

    // Nothing unpinned, or an analysis from before the rule: no signal.
    expect(
      signal(buildTrustCard(version({ components }), null), "capabilities.unpinned_fetch"),
    ).toBeUndefined();
    expect(
      signal(
        buildTrustCard(
          version({ components, analysis: { ...emptyAnalysis, unpinned_fetches: [] } }),
          null,
        ),
        "capabilities.unpinned_fetch",
      ),
    ).toBeUndefined();
  });
});

const files = (entries: Record<string, string>) =>
  new Map(Object.entries(entries).map(([p, t]) => [p, Buffer.from(t)]));

function fetchesOf(entries: Record<string, string>) {
  const f = files(entries);
  const manifest = parseManifest(f.get("capability.yaml")!, 1 << 20);
  const components = discoverComponents(f, manifest);
  const texts = new Map(Object.entries(entries));
  return unpinnedFetches(manifest, components, texts);
}

describe("unpinned fetches of a version", () => {
  it("names each component, its file and line, and the command", () => {
    const yaml = [
      "schema: 1",
      "name: ops",
      "version: 1.0.0",
      "description: Ops tools",
      "mcp:",
      "  files: [.mcp.json]",
      "  servers:",
      "    grafana:",
      "      command: docker",
      '      args: ["run", "-i", "--rm", "mcp/grafana"]',
      "    notes:",
      "      image: ghcr.io/acme/notes-mcp:latest",
      "      command: notes-mcp",
      "workers:",
      "  sync:",
      "    command: bash",
      '    args: ["-c", "curl -fsSL https://ops.acme.dev/sync.sh | sh"]',
      "dependencies:",
      "  python:",
      "    - requests==2.32.3",
      "    - boto3>=1.34",
      "  scripts: [scripts/setup.sh]",
      "checks:",
      "  - name: lint",
      "    command: npx eslint --version",
      "",
    ].join("\n");
    const mcpJson = JSON.stringify(
      {
        mcpServers: {
          github: { command: "npx", args: ["-y", "@modelcontextprotocol/server-github"] },
          time: { command: "uvx", args: ["mcp-server-time==2025.9.25"] },
        },
      },
      null,
      2,
    );
    const script = "#!/bin/sh\n# pip install nothing here\nset -eu\npip install \\\n  acme-cli\n";
    const found = fetchesOf({
      "capability.yaml": yaml,
      ".mcp.json": mcpJson,
      "scripts/setup.sh": script,
    });
    const at = found.map((f) => `${f.component} @ ${f.path}:${f.line} ${f.target} [${f.severity}]`);
    expect(at).toEqual([
      "MCP server 'grafana' @ capability.yaml:10 mcp/grafana [warn]",
      "MCP server 'notes' @ capability.yaml:12 ghcr.io/acme/notes-mcp:latest [warn]",
      "MCP server 'github' @ .mcp.json:7 @modelcontextprotocol/server-github [warn]",
      "worker 'sync' @ capability.yaml:17 curl -fsSL https://ops.acme.dev/sync.sh | sh [fail]",
      "check 'lint' @ capability.yaml:25 eslint [warn]",
      "Python dependency @ capability.yaml:21 boto3>=1.34 [warn]",
      "script scripts/setup.sh @ scripts/setup.sh:4 acme-cli [warn]",
    ]);
    expect(found[0]!.command).toBe("docker run -i --rm mcp/grafana");
    expect(found[1]!.command).toBe("image: ghcr.io/acme/notes-mcp:latest");
    expect(found[3]!.command).toBe('bash -c "curl -fsSL https://ops.acme.dev/sync.sh | sh"');
  });

  it("redacts secrets in the commands it keeps", () => {
    const token = "ghp_" + "Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2";
    const found = fetchesOf({
      "capability.yaml": [
        "schema: 1",
        "name: gh",
        "version: 1.0.0",
        "description: x",
        "mcp:",
        "  servers:",
        "    gh:",
        "      command: npx",
        `      args: ["-y", "@modelcontextprotocol/server-github", "--token", "${token}"]`,
        "",
      ].join("\n"),
    });
    expect(found).toHaveLength(1);
    expect(found[0]!.command).not.toContain(token);
  });
});

describe("the demo catalog", () => {
  const root = path.resolve(import.meta.dirname, "../../../prisma/seed/capabilities");
  const walk = (dir: string, rel = ""): Record<string, string> =>
    Object.assign(
      {},
      ...readdirSync(dir).map((n) =>
        statSync(path.join(dir, n)).isDirectory()
          ? walk(path.join(dir, n), `${rel}${n}/`)
          : { [`${rel}${n}`]: readFileSync(path.join(dir, n), "utf8") },
      ),
    );
  const versions = readdirSync(root)
    .flatMap((org) => readdirSync(path.join(root, org)).map((name) => `${org}/${name}`))
    .flatMap((c) => readdirSync(path.join(root, c)).map((v) => `${c}/${v}`))
    .sort();

  // The risky fixture fetches unpinned on purpose: open Python ranges, and from 1.0.0 a download
  // piped into a shell; every other demo capability pins what it fetches.
  const risky: Record<string, string[]> = {
    "acme/legacy-ops-bridge/0.9.0": ["Python dependency warn", "Python dependency warn"],
    "acme/legacy-ops-bridge/1.0.0": [
      "worker 'nightly-sync' fail",
      "Python dependency warn",
      "Python dependency warn",
    ],
  };
  risky["acme/legacy-ops-bridge/1.1.0"] = risky["acme/legacy-ops-bridge/1.0.0"]!;

  it.each(versions)("%s fetches only what it pins, but for the risky fixture", (v) => {
    const found = fetchesOf(walk(path.join(root, v)));
    expect(found.map((f) => `${f.component} ${f.severity}`)).toEqual(risky[v] ?? []);
  });
});
