// The unpinned-fetch rules on realistic manifest lines, pinned and unpinned: MCP server and worker
// commands (argv), shell lines from checks and setup scripts, Python requirements and system
// packages. Where a version's fetches are found, and the card, are in unpinned-fetches.test.ts.
import { describe, expect, it } from "vitest";
import {
  unpinnedInArgv,
  unpinnedInShell,
  unpinnedPackage,
  unpinnedRequirement,
  type UnpinnedKind,
} from "./unpinned";
import { shellWords } from "./shell-words";

type Expect = null | { kind: UnpinnedKind; target: string; reason: RegExp; severity?: "fail" };

/** MCP servers and workers: `command` and `args` as a manifest or .mcp.json gives them. */
const argvCases: [string[], Expect][] = [
  // npx, bunx, pnpm dlx, npm exec
  [
    ["npx", "-y", "@modelcontextprotocol/server-github"],
    { kind: "npm", target: "@modelcontextprotocol/server-github", reason: /no version/ },
  ],
  [["npx", "-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/srv/docs"], null],
  [
    ["npx", "-y", "kubernetes-mcp-server@latest", "--read-only"],
    { kind: "npm", target: "kubernetes-mcp-server@latest", reason: /dist-tag 'latest'/ },
  ],
  [["npx", "@playwright/mcp@0.0.41", "--headless"], null],
  [
    ["npx", "--yes", "mcp-remote@^0.1.0", "https://mcp.linear.app/sse"],
    { kind: "npm", target: "mcp-remote@^0.1.0", reason: /range '\^0\.1\.0'/ },
  ],
  [
    ["npx", "-y", "@upstash/context7-mcp@1"],
    { kind: "npm", target: "@upstash/context7-mcp@1", reason: /range '1'/ },
  ],
  [
    ["npx", "-y", "firecrawl-mcp@next"],
    { kind: "npm", target: "firecrawl-mcp@next", reason: /dist-tag 'next'/ },
  ],
  [["npx", "-y", "--package=@sentry/mcp-server@0.17.1", "sentry-mcp"], null],
  [
    ["npx", "-p", "@azure/mcp", "azmcp", "server", "start"],
    { kind: "npm", target: "@azure/mcp", reason: /no version/ },
  ],
  [
    ["npx", "-y", "github:acme/ops-mcp"],
    { kind: "npm", target: "github:acme/ops-mcp", reason: /Git repository/ },
  ],
  [["npx", "-y", "github:acme/ops-mcp#3f9c2a1d8e7b6a5c4d3e2f1a0b9c8d7e6f5a4b3c"], null],
  [["npx", "./bin/server.js"], null],
  [
    ["bunx", "@modelcontextprotocol/server-memory"],
    { kind: "npm", target: "@modelcontextprotocol/server-memory", reason: /no version/ },
  ],
  [["bunx", "@modelcontextprotocol/server-memory@2025.9.25"], null],
  [
    ["pnpm", "dlx", "@notionhq/notion-mcp-server@latest"],
    { kind: "npm", target: "@notionhq/notion-mcp-server@latest", reason: /latest/ },
  ],
  [["pnpm", "dlx", "@notionhq/notion-mcp-server@1.9.0"], null],
  [
    ["npm", "exec", "--yes", "--", "@stripe/mcp@~0.2.4", "--tools=all"],
    { kind: "npm", target: "@stripe/mcp@~0.2.4", reason: /range/ },
  ],
  // uvx, uv tool run, pipx run
  [
    ["uvx", "mcp-server-git", "--repository", "/srv/repo"],
    { kind: "python", target: "mcp-server-git", reason: /no version/ },
  ],
  [["uvx", "mcp-server-fetch==2025.4.7"], null],
  [
    ["uvx", "awslabs.aws-documentation-mcp-server@latest"],
    {
      kind: "python",
      target: "awslabs.aws-documentation-mcp-server@latest",
      reason: /tag 'latest'/,
    },
  ],
  [["uvx", "mcp-server-time@2025.9.25", "--local-timezone=UTC"], null],
  [
    ["uvx", "--from", "git+https://github.com/oraios/serena", "serena", "start-mcp-server"],
    {
      kind: "python",
      target: "git+https://github.com/oraios/serena",
      reason: /without a commit or tag/,
    },
  ],
  [
    ["uvx", "--from", "git+https://github.com/oraios/serena@v0.1.4", "serena", "start-mcp-server"],
    null,
  ],
  [
    [
      "uvx",
      "--from",
      "git+https://github.com/acme/mcp-tools@4b825dc642cb6eb9a060e54bf8d69288fbee4904",
      "acme-mcp",
    ],
    null,
  ],
  [
    ["uvx", "--python", "3.12", "--from", "mcp-server-sqlite>=0.6", "mcp-server-sqlite"],
    { kind: "python", target: "mcp-server-sqlite>=0.6", reason: /range '>=0\.6'/ },
  ],
  [
    ["uvx", "--with", "psycopg[binary]", "postgres-mcp==0.3.0"],
    { kind: "python", target: "psycopg[binary]", reason: /no version/ },
  ],
  [["uv", "tool", "run", "semgrep-mcp==0.8.1"], null],
  [
    ["pipx", "run", "--spec", "git+https://github.com/acme/ticket-mcp.git", "ticket-mcp"],
    {
      kind: "python",
      target: "git+https://github.com/acme/ticket-mcp.git",
      reason: /without a commit or tag/,
    },
  ],
  [
    ["pipx", "run", "--spec", "git+ssh://git@github.com/acme/ticket-mcp.git@v2.1.0", "ticket-mcp"],
    null,
  ],
  [["pipx", "run", "ticket-mcp==2.1.0"], null],
  // containers
  [
    [
      "docker",
      "run",
      "-i",
      "--rm",
      "-e",
      "GITHUB_PERSONAL_ACCESS_TOKEN",
      "ghcr.io/github/github-mcp-server",
    ],
    { kind: "container", target: "ghcr.io/github/github-mcp-server", reason: /no tag or digest/ },
  ],
  [
    ["docker", "run", "-i", "--rm", "mcp/postgres:latest", "postgresql://host.docker.internal/db"],
    { kind: "container", target: "mcp/postgres:latest", reason: /'latest'/ },
  ],
  [["docker", "run", "-i", "--rm", "--network=host", "mcp/grafana:0.7.2"], null],
  [
    [
      "docker",
      "run",
      "-i",
      "--rm",
      "-v",
      "/srv/data:/data",
      "mcp/sqlite@sha256:4f1c0e2d7b3a9e8f6d5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b3a29180f7e",
    ],
    null,
  ],
  [
    ["podman", "run", "-i", "--rm", "--name", "fs", "docker.io/mcp/filesystem", "/projects"],
    { kind: "container", target: "docker.io/mcp/filesystem", reason: /no tag/ },
  ],
  [["docker", "run", "-i", "--rm", "localhost:5000/acme/ops-mcp:2.3.1"], null],
  [
    ["docker", "--context", "prod", "container", "run", "-i", "registry.acme.dev:5000/ops/mcp"],
    { kind: "container", target: "registry.acme.dev:5000/ops/mcp", reason: /no tag/ },
  ],
  [["docker", "exec", "-i", "mcp-running", "serve"], null],
  // shells wrapping a command, and plain local commands
  [
    ["bash", "-c", "curl -fsSL http://ops-gateway.corp.acme-internal.net:8080/cmdb/sync.sh | sh"],
    {
      kind: "download_to_shell",
      target: "curl -fsSL http://ops-gateway.corp.acme-internal.net:8080/cmdb/sync.sh | sh",
      reason: /pipes a download into a shell/,
      severity: "fail",
    },
  ],
  [
    ["sh", "-c", "pip install --quiet acme-sync && acme-sync --serve"],
    { kind: "python", target: "acme-sync", reason: /no version/ },
  ],
  [["python", "-m", "acme_mcp.server"], null],
  [["node", "dist/index.js"], null],
  [["/usr/local/bin/acme-mcp", "--stdio"], null],
];

/** Checks, setup-script lines and `dependencies.packages` entries: shell command lines. */
const shellCases: [string, Expect][] = [
  [
    "curl -fsSL https://astral.sh/uv/install.sh | sh",
    {
      kind: "download_to_shell",
      target: "curl -fsSL https://astral.sh/uv/install.sh | sh",
      reason: /pipes a download/,
      severity: "fail",
    },
  ],
  [
    "wget -qO- https://get.acme.dev/agent | sudo bash -s -- --channel stable",
    {
      kind: "download_to_shell",
      target: "wget -qO- https://get.acme.dev/agent | sudo bash -s -- --channel stable",
      reason: /pipes a download/,
      severity: "fail",
    },
  ],
  [
    'bash -c "$(curl -fsSL https://raw.githubusercontent.com/acme/setup/main/install.sh)"',
    {
      kind: "download_to_shell",
      target:
        'bash -c "$(curl -fsSL https://raw.githubusercontent.com/acme/setup/main/install.sh)"',
      reason: /runs a downloaded script/,
      severity: "fail",
    },
  ],
  [
    'curl -fsSLo /tmp/uv.sh https://astral.sh/uv/0.8.22/install.sh && echo "$UV_SHA  /tmp/uv.sh" | sha256sum -c',
    null,
  ],
  ["pip install requests", { kind: "python", target: "requests", reason: /no version/ }],
  [
    "pip install --no-cache-dir requests==2.32.3 'pydantic>=2,<3'",
    { kind: "python", target: "pydantic>=2,<3", reason: /range/ },
  ],
  ["python3 -m pip install -r requirements.txt", null],
  ["pip3 install -e .", null],
  [
    "uv pip install 'httpx~=0.27'",
    { kind: "python", target: "httpx~=0.27", reason: /range '~=0\.27'/ },
  ],
  [
    "pip install git+https://github.com/acme/acme-sdk.git#egg=acme-sdk",
    {
      kind: "python",
      target: "git+https://github.com/acme/acme-sdk.git#egg=acme-sdk",
      reason: /without a commit or tag/,
    },
  ],
  ["pip install 'acme-sdk @ git+https://github.com/acme/acme-sdk.git@v1.4.0'", null],
  ["npx -y prisma@6.19.0 migrate deploy", null],
  ["npx prettier --check .", { kind: "npm", target: "prettier", reason: /no version/ }],
  [
    "docker pull ghcr.io/acme/indexer:latest && docker run --rm ghcr.io/acme/indexer:latest --once",
    { kind: "container", target: "ghcr.io/acme/indexer:latest", reason: /'latest'/ },
  ],
  ["kubectl auth can-i get pods --all-namespaces", null],
  ['pg_isready -d "$WAREHOUSE_URL"', null],
  ["git fetch --tags --unshallow 2>/dev/null || git fetch --tags", null],
];

const requirementCases: [string, Expect][] = [
  ["psycopg[binary]==3.2.10", null],
  [
    "psycopg[binary]>=3.2",
    { kind: "python", target: "psycopg[binary]>=3.2", reason: /range '>=3\.2'/ },
  ],
  ["boto3", { kind: "python", target: "boto3", reason: /no version/ }],
  ["pandas==2.2.3; python_version >= '3.10'", null],
  ["numpy===2.1.3", null],
  ["requests==2.*", { kind: "python", target: "requests==2.*", reason: /range/ }],
  [
    "https://files.acme.dev/wheels/acme_ocr-1.2.0-py3-none-any.whl",
    {
      kind: "python",
      target: "https://files.acme.dev/wheels/acme_ocr-1.2.0-py3-none-any.whl",
      reason: /without a sha256/,
    },
  ],
  [
    "acme-ocr @ https://files.acme.dev/wheels/acme_ocr-1.2.0-py3-none-any.whl#sha256=" +
      "ab".repeat(32),
    null,
  ],
];

function check(found: ReturnType<typeof unpinnedInArgv>, want: Expect) {
  if (!want) return expect(found).toEqual([]);
  expect(found).toHaveLength(1);
  expect(found[0]).toMatchObject({
    kind: want.kind,
    target: want.target,
    severity: want.severity ?? "warn",
  });
  expect(found[0]!.reason).toMatch(want.reason);
  expect(found[0]!.fix.length).toBeGreaterThan(10);
}

describe("unpinned-fetch rules", () => {
  it("covers at least 30 realistic lines, both pinned and unpinned", () => {
    const all = [...argvCases, ...shellCases, ...requirementCases];
    expect(all.length).toBeGreaterThanOrEqual(60);
    expect(all.filter(([, w]) => w === null).length).toBeGreaterThanOrEqual(25);
    expect(all.filter(([, w]) => w !== null).length).toBeGreaterThanOrEqual(25);
  });

  it.each(argvCases)("command %j", (argv, want) => check(unpinnedInArgv(argv), want));
  it.each(shellCases)("shell line %s", (line, want) => {
    const found = unpinnedInShell(line);
    // A pipe into a shell is one finding; the download command itself is no second one.
    check(found.slice(0, want ? 1 : found.length), want);
    if (want) expect(found.every((f) => f.target === want.target)).toBe(true);
  });
  it.each(requirementCases)("requirement %s", (req, want) => {
    const f = unpinnedRequirement(req);
    check(f ? [f] : [], want);
  });

  it("says how to pin, in the ecosystem's own spelling", () => {
    expect(unpinnedInArgv(["npx", "-y", "kubernetes-mcp-server@latest"])[0]!.fix).toBe(
      "name an exact version: kubernetes-mcp-server@<x.y.z>",
    );
    expect(unpinnedInArgv(["uvx", "mcp-server-git"])[0]!.fix).toMatch(
      /mcp-server-git==<version> \(or mcp-server-git@<version>\)/,
    );
    expect(unpinnedInArgv(["docker", "run", "-i", "mcp/postgres:latest"])[0]!.fix).toMatch(
      /^pin the digest: mcp\/postgres@sha256:<digest>/,
    );
    expect(unpinnedRequirement("boto3>=1.34")!.fix).toBe("pin it exactly: boto3==<version>");
    expect(
      unpinnedInArgv(["uvx", "--from", "git+https://github.com/oraios/serena", "serena"])[0]!.fix,
    ).toBe("add a commit or tag: git+https://github.com/oraios/serena@<commit sha>");
  });

  it("leaves plain system packages alone but reads commands and images among them", () => {
    expect(unpinnedPackage("postgresql-client")).toEqual([]);
    expect(unpinnedPackage("docker://ghcr.io/acme/ocr")[0]?.kind).toBe("container");
    expect(unpinnedPackage("docker://ghcr.io/acme/ocr:1.4.2")).toEqual([]);
    expect(unpinnedPackage("npm install -g @acme/cli")).toEqual([]);
    expect(unpinnedPackage("pip install acme-cli")[0]?.target).toBe("acme-cli");
  });

  it("splits shell words as a shell does", () => {
    expect(shellWords(`a "b c" 'd|e' f\\ g|h&&i`)).toEqual([
      "a",
      "b c",
      "d|e",
      "f g",
      "|",
      "h",
      "&&",
      "i",
    ]);
    expect(shellWords(`echo ""`)).toEqual(["echo", ""]);
  });
});
