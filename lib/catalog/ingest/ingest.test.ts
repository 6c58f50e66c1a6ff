// Ingest rules, one test per rule and per hostile bundle of the format page.
import { createHash, randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { ingestBundle, type IngestedBundle } from "./index";
import { defaultIngestLimits, type IngestLimits } from "./limits";
import { packTar, packTarGz, packZip, type PackEntry } from "./pack";
import { pythonDocstring, toolFunctions } from "./components";

const manifest = `schema: 1
name: threat-hunting
version: 1.2.0
description: Hunt threats across logs
author: {name: Ada Analyst, email: ada@example.com}
license: MIT
repository: https://example.com/acme/threat-hunting
keywords: [Security, " SIEM ", security]
flags:
  live-queries: {description: Run queries against production, default: false}
workers:
  bridge: {path: workers/bridge.py, when: [live-queries]}
`;

const files: Record<string, string> = {
  "capability.yaml": manifest,
  "README.md": "# Threat hunting\n",
  "agents/triage.md":
    "---\nname: triager\ndescription: Sorts alerts\nmodel: gpt-4o\n---\nYou triage alerts.\n",
  "tools/intel.py":
    '"""Threat intel lookups."""\nfrom x import tool\n\n@tool\ndef lookup_ip(ip):\n    pass\n\n@tool(name="x")\nasync def lookup_hash(h):\n    pass\n',
  "tools/__init__.py": "",
  "skills/report/SKILL.md": "---\ndescription: Write the incident report\n---\nSteps...\n",
  ".mcp.json": JSON.stringify({
    mcpServers: {
      siem: { command: "npx", args: ["siem-mcp"], env: { SIEM_TOKEN: "secret-value" } },
      intel: { url: "https://intel.example.com/mcp" },
    },
  }),
  "workers/bridge.py": "print('bridge')\n",
};

const entries = (f: Record<string, string> = files, prefix = ""): PackEntry[] =>
  Object.entries(f).map(([path, data]) => ({ path: prefix + path, data }));

async function refused(
  bundle: Buffer,
  limits: IngestLimits = defaultIngestLimits,
): Promise<ApiError> {
  try {
    await ingestBundle(bundle, limits);
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.status === 400 || e.status === 422).toBe(true);
    return e;
  }
  throw new Error("bundle was accepted");
}

const withManifest = (m: string) => packTarGz(entries({ ...files, "capability.yaml": m }));

describe("ingestBundle: a well-formed capability", () => {
  let result: IngestedBundle;
  beforeAll(async () => {
    result = await ingestBundle(packTarGz(entries()), defaultIngestLimits);
  });

  it("reads the manifest, normalising keywords", async () => {
    expect(result.manifest).toMatchObject({
      name: "threat-hunting",
      version: "1.2.0",
      license: "MIT",
    });
    expect(result.manifest.keywords).toEqual(["security", "siem"]);
    expect(result.manifest.flags?.["live-queries"]).toEqual({
      description: "Run queries against production",
      default: false,
    });
  });

  it("discovers every component with its name, description and metadata", async () => {
    const byName = Object.fromEntries(result.components.map((c) => [`${c.type}:${c.name}`, c]));
    expect(byName["agent:triager"]).toMatchObject({
      path: "agents/triage.md",
      description: "Sorts alerts",
      metadata: { model: "gpt-4o" },
    });
    expect(byName["tool:intel"]).toMatchObject({
      description: "Threat intel lookups.",
      metadata: { functions: ["lookup_ip", "lookup_hash"] },
    });
    expect(byName["tool:__init__"]).toBeUndefined();
    expect(byName["skill:report"]).toMatchObject({
      path: "skills/report/SKILL.md",
      description: "Write the incident report",
    });
    expect(byName["mcp_server:siem"]?.metadata).toEqual({
      transport: "stdio",
      command: "npx",
      args: ["siem-mcp"],
      env_keys: ["SIEM_TOKEN"],
    });
    expect(JSON.stringify(result.components)).not.toContain("secret-value");
    expect(byName["mcp_server:intel"]?.metadata).toMatchObject({
      transport: "http",
      url: "https://intel.example.com/mcp",
    });
    expect(byName["worker:bridge"]).toMatchObject({
      path: "workers/bridge.py",
      metadata: { kind: "in_process", when: ["live-queries"] },
    });
    expect(result.componentCounts).toEqual({
      agent: 1,
      tool: 1,
      skill: 1,
      mcp_server: 2,
      worker: 1,
    });
  });

  it("hashes every file", async () => {
    expect(result.files.map((f) => f.path)).toContain("tools/__init__.py");
    const readme = result.files.find((f) => f.path === "README.md")!;
    expect(readme.sha256).toBe(createHash("sha256").update(files["README.md"]!).digest("hex"));
    expect(readme.size).toBe(Buffer.byteLength(files["README.md"]!));
    expect(result.artifactSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("hashes large files (off the event loop) as createHash does, in tar.gz and zip", async () => {
    const big = randomBytes(1024 * 1024 + 7);
    for (const pack of [packTarGz, (e: PackEntry[]) => packZip(e)]) {
      const r = await ingestBundle(
        pack([
          ...entries(),
          { path: "data/big.bin", data: big },
          { path: "data/after.txt", data: "after" },
        ]),
        defaultIngestLimits,
      );
      expect(r.files.find((f) => f.path === "data/big.bin")?.sha256).toBe(
        createHash("sha256").update(big).digest("hex"),
      );
      expect(r.files.find((f) => f.path === "data/after.txt")?.sha256).toBe(
        createHash("sha256").update("after").digest("hex"),
      );
    }
  });

  it("gives one runtime_digest however the same files are packed", async () => {
    const reversed = entries().reverse();
    const asZip = await ingestBundle(packZip(reversed), defaultIngestLimits);
    const inFolder = await ingestBundle(
      packTarGz(entries(files, "threat-hunting/")),
      defaultIngestLimits,
    );
    const stored = await ingestBundle(packZip(entries(), { store: true }), defaultIngestLimits);
    expect(asZip.runtimeDigest).toBe(result.runtimeDigest);
    expect(inFolder.runtimeDigest).toBe(result.runtimeDigest);
    expect(stored.runtimeDigest).toBe(result.runtimeDigest);
    expect(asZip.artifactSha256).not.toBe(result.artifactSha256);
    const changed = await ingestBundle(
      packTarGz(entries({ ...files, "README.md": "# Changed\n" })),
      defaultIngestLimits,
    );
    expect(changed.runtimeDigest).not.toBe(result.runtimeDigest);
  });

  it("skips desktop archivers' debris", async () => {
    const r = await ingestBundle(
      packZip([
        ...entries(),
        { path: "__MACOSX/._README.md", data: "x" },
        { path: ".DS_Store", data: "x" },
      ]),
      defaultIngestLimits,
    );
    expect(r.runtimeDigest).toBe(result.runtimeDigest);
  });
});

describe("ingestBundle: hostile bundles are refused, naming the file and the rule", () => {
  it.each([
    [
      "an absolute path",
      [{ path: "/etc/passwd", data: "x" }],
      /\/etc\/passwd: absolute paths are not allowed/,
    ],
    [
      "a '..' path",
      [{ path: "agents/../../escape.md", data: "x" }],
      /escape.md: paths with '..' are not allowed/,
    ],
    [
      "a symbolic link",
      [{ path: "agents/link.md", kind: "symlink", linkTarget: "/etc/passwd" }],
      /agents\/link.md: symbolic links are not allowed/,
    ],
    [
      "a hard link",
      [{ path: "agents/hard.md", kind: "hardlink", linkTarget: "README.md" }],
      /agents\/hard.md: hard links are not allowed/,
    ],
    [
      "a device file",
      [{ path: "dev/null", kind: "device" }],
      /dev\/null: device files and FIFOs are not allowed/,
    ],
    ["a duplicate path", [{ path: "README.md", data: "again" }], /README.md: duplicate path/],
  ] as [string, PackEntry[], RegExp][])("tar.gz with %s", async (_name, extra, message) => {
    expect((await refused(packTarGz([...entries(), ...extra]))).message).toMatch(message);
  });

  it.each([
    ["an absolute path", [{ path: "/etc/passwd", data: "x" }], /absolute paths are not allowed/],
    [
      "a '..' path",
      [{ path: "../escape.md", data: "x" }],
      /escape.md: paths with '..' are not allowed/,
    ],
    [
      "a symbolic link",
      [{ path: "agents/link.md", kind: "symlink", linkTarget: "/etc/passwd" }],
      /agents\/link.md: symbolic links are not allowed/,
    ],
    [
      "a device file",
      [{ path: "dev/null", kind: "device", data: "" }],
      /dev\/null: device files and FIFOs are not allowed/,
    ],
    ["a duplicate path", [{ path: "./README.md", data: "again" }], /README.md: duplicate path/],
  ] as [string, PackEntry[], RegExp][])("zip with %s", async (_name, extra, message) => {
    expect((await refused(packZip([...entries(), ...extra]))).message).toMatch(message);
  });

  it("refuses more files than the limit", async () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ path: `docs/${i}.md`, data: "x" }));
    expect(
      (await refused(packTarGz([...entries(), ...many]), { ...defaultIngestLimits, maxFiles: 15 }))
        .message,
    ).toMatch(/more than 15 files/);
  });

  it("refuses a bundle over the size limit before reading it", async () => {
    expect(
      (await refused(packTarGz(entries()), { ...defaultIngestLimits, maxBundleBytes: 100 }))
        .message,
    ).toMatch(/larger than the limit of 100 bytes/);
  });

  it("refuses more unpacked bytes than the limit", async () => {
    const big = { path: "data/big.txt", data: Buffer.alloc(200_000, "a") };
    const limits = {
      ...defaultIngestLimits,
      maxUnpackedBytes: 100_000,
      maxCompressionRatio: 1_000_000,
    };
    expect((await refused(packTarGz([...entries(), big]), limits)).message).toMatch(
      /more than the limit of 100000 bytes/,
    );
    expect((await refused(packZip([...entries(), big]), limits)).message).toMatch(
      /more than the limit of 100000 bytes/,
    );
  });

  it(
    "stops a decompression bomb while reading (compression ratio)",
    { timeout: 60_000 },
    async () => {
      // 64 MiB of zeros compress to about 64 KiB: far beyond 100:1.
      const bomb = { path: "bomb.bin", data: Buffer.alloc(64 * 1024 * 1024) };
      expect((await refused(packTarGz([...entries(), bomb]))).message).toMatch(
        /100 times the bundle's size/,
      );
      expect((await refused(packZip([...entries(), bomb]))).message).toMatch(
        /100 times the bundle's size/,
      );
      // A bare gzip stream that inflates to 1 GiB is cut off early, not inflated.
      const gz = gzipSync(Buffer.alloc(256 * 1024 * 1024));
      const started = process.memoryUsage().rss;
      expect((await refused(gz)).message).toMatch(/100 times the bundle's size/);
      expect(process.memoryUsage().rss - started).toBeLessThan(200 * 1024 * 1024);
    },
  );

  it("refuses truncated archives and what is not an archive", async () => {
    const tgz = packTarGz(entries());
    expect((await refused(tgz.subarray(0, tgz.length - 40))).message).toMatch(
      /cannot be decompressed|truncated/,
    );
    const tar = packTar(entries());
    expect((await refused(gzipSync(tar.subarray(0, 700)))).message).toMatch(/truncated/);
    const zip = packZip(entries());
    expect((await refused(zip.subarray(0, zip.length - 30))).message).toMatch(
      /truncated|not a zip/,
    );
    expect((await refused(Buffer.from("just some text, not an archive"))).message).toMatch(
      /not a .tar.gz or .zip archive/,
    );
  });

  it("refuses a bundle with no capability.yaml at its root", async () => {
    const { ["capability.yaml"]: _m, ...rest } = files;
    expect((await refused(packTarGz(entries(rest)))).message).toMatch(
      /capability.yaml: missing at the root/,
    );
  });
});

describe("ingestBundle: manifest rules", () => {
  it.each([
    [
      "not UTF-8",
      Buffer.from([0x73, 0x63, 0x68, 0xff, 0xfe, 0x0a]),
      /capability.yaml: is not valid UTF-8/,
    ],
    ["not YAML", "schema: [1\nname: x", /capability.yaml: is not valid YAML/],
    ["a YAML list", "- 1\n- 2\n", /must be a YAML mapping/],
  ] as [string, string | Buffer, RegExp][])(
    "refuses a manifest that is %s",
    async (_n, m, message) => {
      expect(
        (
          await refused(
            packTarGz(
              entries({ ...files, "capability.yaml": "" }).map((e) =>
                e.path === "capability.yaml" ? { ...e, data: m } : e,
              ),
            ),
          )
        ).message,
      ).toMatch(message);
    },
  );

  it("refuses a YAML alias bomb", async () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(",")}]`,
      );
    expect(
      (await refused(withManifest(`${manifest}\nbomb:\n  ${lines.join("\n  ")}\n`))).message,
    ).toMatch(/aliases expand too far/);
  });

  it("refuses a manifest over its size limit", async () => {
    expect(
      (await refused(withManifest(manifest + `# ${randomBytes(225 * 1024).toString("base64")}\n`)))
        .message,
    ).toMatch(/capability.yaml: larger than the limit of 262144 bytes/);
  });

  it.each([
    ["schema: 2", /capability.yaml \(schema\): 'schema' must be the integer 1/],
    ["name: Threat_Hunting", /capability.yaml \(name\)/],
    ["version: 1.2.0-beta.1", /capability.yaml \(version\): semver X.Y.Z without pre-release/],
    ["version: 1.2", /capability.yaml \(version\)/],
    ["description: ''", /capability.yaml \(description\): must not be empty/],
    ["repository: not a url", /capability.yaml \(repository\)/],
    [
      "agents: [../outside.md]",
      /capability.yaml \(agents.0\): must be a relative path inside the capability/,
    ],
    [
      "agents: [agents/missing.md]",
      /capability.yaml \(agents.0\): names 'agents\/missing.md', which is not in the bundle/,
    ],
  ])("refuses %s", async (line, message) => {
    const key = line.split(":")[0]!;
    const m =
      manifest
        .split("\n")
        .filter((l) => !l.startsWith(`${key}:`))
        .join("\n") + `\n${line}\n`;
    expect((await refused(withManifest(m))).message).toMatch(message);
  });

  it("refuses undeclared or empty 'when' and more than 16 flags", async () => {
    expect(
      (await refused(withManifest(manifest.replace("when: [live-queries]", "when: [nope]"))))
        .message,
    ).toMatch(/'when' names the undeclared flag 'nope'/);
    expect(
      (await refused(withManifest(manifest.replace("when: [live-queries]", "when: []")))).message,
    ).toMatch(/empty 'when' list/);
    const flags = Array.from({ length: 17 }, (_, i) => `  f-${i}: {description: flag ${i}}`).join(
      "\n",
    );
    expect(
      (
        await refused(
          withManifest(
            manifest
              .replace(/flags:\n.*\n/, `flags:\n${flags}\n`)
              .replace("when: [live-queries]", "when: [f-1]"),
          ),
        )
      ).message,
    ).toMatch(/at most 16 flags/);
    expect(
      (
        await refused(
          withManifest(
            manifest.replace(
              "live-queries: {description: Run queries against production, default: false}",
              "live-queries: {default: true}",
            ),
          ),
        )
      ).message,
    ).toMatch(/flags.live-queries.description/);
  });

  it("refuses a capability that exports no component", async () => {
    const m = manifest.replace(/workers:\n.*\n/, "");
    expect(
      (
        await refused(
          packTarGz([
            { path: "capability.yaml", data: m },
            { path: "README.md", data: "x" },
          ]),
        )
      ).message,
    ).toMatch(/exports no component/);
  });
});

describe("Python helpers", () => {
  it("reads module docstrings and @tool functions", () => {
    expect(pythonDocstring('# comment\n"""Doc line."""\nimport x')).toBe("Doc line.");
    expect(pythonDocstring("import x\n")).toBeNull();
    expect(
      toolFunctions(
        "@tool\ndef a():\n  pass\n@other\ndef b(): pass\n@agents.tool()\n@cache\nasync def c(): pass",
      ),
    ).toEqual(["a", "c"]);
  });
});

describe("YAML and JSON: tags, nesting and aliases", () => {
  const nested = (depth: number) => `${"[".repeat(depth)}1${"]".repeat(depth)}`;
  const blockNested = (depth: number) =>
    Array.from({ length: depth }, (_, i) => `${"  ".repeat(i)}k${i}:`).join("\n") + " 1\n";

  it.each([
    ["!!python/object/apply:os.system", `x: !!python/object/apply:os.system ["rm -rf /"]`],
    ["!!js/function", `x: !!js/function "function () { return 1 }"`],
    ["!foo", "x: !foo bar"],
    ["!!binary", "x: !!binary aGVsbG8="],
  ])(
    "refuses the tag %s in capability.yaml with a 422 naming the tag and its line",
    async (tag, line) => {
      const err = await refused(withManifest(`${manifest}${line}\n`));
      expect(err.status).toBe(422);
      const lineNo = manifest.split("\n").length;
      expect(err.message).toBe(
        `capability.yaml: line ${lineNo}: the YAML tag '${tag}' is not allowed (only plain strings, numbers, booleans, null, lists and mappings)`,
      );
    },
  );

  it("accepts the core schema's own tags", async () => {
    const r = await ingestBundle(
      withManifest(`${manifest}extra: !!str 5\nlist: !!seq [1, !!int 2]\n`),
      defaultIngestLimits,
    );
    expect(r.manifest).toMatchObject({ extra: "5", list: [1, 2] });
  });

  it("refuses a tag in an agent's or a skill's frontmatter, naming the file's line", async () => {
    const agent =
      "---\nname: triager\ndescription: !!python/object/apply:os.system [id]\n---\nYou triage.\n";
    const err = await refused(packTarGz(entries({ ...files, "agents/triage.md": agent })));
    expect(err.status).toBe(422);
    expect(err.message).toBe(
      "agents/triage.md: line 3: the YAML tag '!!python/object/apply:os.system' is not allowed (only plain strings, numbers, booleans, null, lists and mappings)",
    );
    const skill = "---\ndescription: x\nrun: !!js/function 'x'\n---\n";
    expect(
      (await refused(packTarGz(entries({ ...files, "skills/report/SKILL.md": skill })))).message,
    ).toMatch(/^skills\/report\/SKILL.md: line 3: the YAML tag '!!js\/function'/);
  });

  it("refuses YAML nested 300 levels deep (flow and block) with a 422, and accepts 60", async () => {
    for (const yaml of [`x: ${nested(300)}\n`, `x:\n${blockNested(300).replace(/^/gm, "  ")}`]) {
      const err = await refused(withManifest(manifest + yaml));
      expect(err.status).toBe(422);
      expect(err.message).toMatch(
        /^capability.yaml: line \d+: lists and mappings are nested more than 64 levels deep$/,
      );
    }
    // 100,000 levels (brackets compress far beyond 100:1, so the ratio limit is lifted here).
    const deepest = await refused(withManifest(`${manifest}x: ${nested(100_000)}\n`), {
      ...defaultIngestLimits,
      maxCompressionRatio: 100_000,
    });
    expect(deepest.status).toBe(422);
    const ok = await ingestBundle(
      withManifest(`${manifest}x: ${nested(60)}\n`),
      defaultIngestLimits,
    );
    expect(JSON.stringify(ok.manifest)).toContain(nested(60));
  });

  it("refuses nesting built out of aliases, and deep frontmatter", async () => {
    // Four anchors of 20 levels each, each holding the one before: 80 levels from three aliases.
    const wrap = (inner: string) => `${"[".repeat(19)}${inner}${"]".repeat(19)}`;
    const levels = [
      "a1: &a1 " + nested(20),
      "a2: &a2 " + wrap("*a1"),
      "a3: &a3 " + wrap("*a2"),
      "a4: " + wrap("*a3"),
    ].join("\n");
    const err = await refused(withManifest(`${manifest}${levels}\n`));
    expect(err.status).toBe(422);
    expect(err.message).toBe(
      "capability.yaml: lists and mappings are nested more than 64 levels deep",
    );
    const agent = `---\nname: deep\nx: ${nested(300)}\n---\n`;
    expect(
      (await refused(packTarGz(entries({ ...files, "agents/triage.md": agent })))).message,
    ).toMatch(
      /^agents\/triage.md: line 3: lists and mappings are nested more than 64 levels deep$/,
    );
  });

  it("refuses an .mcp.json nested 300 levels deep with a 422", async () => {
    const json = JSON.stringify({
      mcpServers: { siem: { command: "npx", args: JSON.parse(nested(300)) } },
    });
    const err = await refused(packTarGz(entries({ ...files, ".mcp.json": json })));
    expect(err.status).toBe(422);
    expect(err.message).toBe(".mcp.json: lists and mappings are nested more than 64 levels deep");
  });

  it("bounds alias expansion in frontmatter too (billion laughs)", async () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(",")}]`,
      );
    const agent = `---\nname: laughs\n${lines.join("\n")}\n---\n`;
    const err = await refused(packTarGz(entries({ ...files, "agents/triage.md": agent })));
    expect(err.status).toBe(422);
    expect(err.message).toMatch(/^agents\/triage.md: YAML aliases expand too far/);
  });
});

describe("versions: numbers of any size a manifest allows", () => {
  it("accepts numbers of up to 15 digits and refuses 16 with a 422 naming the limit", async () => {
    const at = (v: string) => withManifest(manifest.replace("version: 1.2.0", `version: ${v}`));
    expect((await ingestBundle(at("1.100000.0"), defaultIngestLimits)).manifest.version).toBe(
      "1.100000.0",
    );
    expect(
      (await ingestBundle(at("999999999999999.0.0"), defaultIngestLimits)).manifest.version,
    ).toBe("999999999999999.0.0");
    const err = await refused(at("1.1000000000000000.0"));
    expect(err.status).toBe(422);
    expect(err.message).toBe(
      "capability.yaml (version): each number of a version has at most 15 digits",
    );
  });
});

describe("ingestBundle: approved MCP tools", () => {
  const tool = {
    name: "search",
    description: "Searches the SIEM.",
    inputSchema: { type: "object", properties: { q: { type: "string" } } },
  };
  const withMcp = (servers: unknown) =>
    packTarGz(entries({ ...files, ".mcp.json": JSON.stringify({ mcpServers: servers }) }));

  it("stores each declared tool with its fingerprint, and nothing for a server that declares none", async () => {
    const b = await ingestBundle(
      await withMcp({
        siem: { command: "npx", args: ["siem-mcp@1.2.0"], tools: [tool] },
        intel: { url: "https://intel.example.com/mcp" },
      }),
      defaultIngestLimits,
    );
    const siem = b.components.find((c) => c.name === "siem");
    const tools = siem?.metadata?.tools as {
      name: string;
      fingerprint: string;
      input_schema: unknown;
    }[];
    expect(tools.map((t) => t.name)).toEqual(["search"]);
    expect(tools[0]?.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(tools[0]?.input_schema).toEqual(tool.inputSchema);
    expect(b.components.find((c) => c.name === "intel")?.metadata).not.toHaveProperty("tools");
  });

  it("declares tools inline in capability.yaml too", async () => {
    const b = await ingestBundle(
      withManifest(
        `${manifest}mcp:\n  servers:\n    kb: {command: kb-mcp, tools: [{name: ask, input_schema: {type: object}}]}\n`,
      ),
      defaultIngestLimits,
    );
    const kb = b.components.find((c) => c.name === "kb");
    expect((kb?.metadata?.tools as unknown[]).length).toBe(1);
  });

  it.each([
    ["not a list", { name: "x" }, /'tools' must be a list/],
    [
      "without a schema",
      [{ name: "x" }],
      /\(mcpServers\.siem\.tools\.0\.input_schema\): a tool needs 'input_schema'/,
    ],
    ["twice", [tool, tool], /declares the tool 'search' twice/],
  ])("refuses tools %s, naming the field", async (_n, tools, message) => {
    expect((await refused(await withMcp({ siem: { command: "npx", tools } }))).message).toMatch(
      message,
    );
  });
});
