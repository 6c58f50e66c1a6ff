// Version diffs: files (unified diffs, binary and large files), components, manifest keys, trust.
import { describe, expect, it } from "vitest";
import type { Component } from "./ingest/components";
import { diffComponents, diffFiles, diffManifest, diffTrust } from "./diff";
import { unifiedDiff } from "./render/unified-diff";
import type { TrustCard } from "./trust/card";

describe("unified diffs", () => {
  it("marks added and removed lines with three lines of context and counts them", () => {
    const before = "a\nb\nc\nd\ne\nf\ng\n";
    const after = "a\nb\nc\nD\ne\nf\ng\nh\n";
    const d = unifiedDiff("x.md", before, after)!;
    expect(d.additions).toBe(2);
    expect(d.deletions).toBe(1);
    expect(d.diff).toContain("--- a/x.md");
    expect(d.diff).toContain("+++ b/x.md");
    expect(d.diff).toContain("-d\n+D\n");
    expect(d.diff).toContain("+h");
    expect(d.diff).toMatch(/@@ -1,7 \+1,8 @@/);
  });
});

describe("file changes", () => {
  const blobs: Record<string, Buffer> = {
    a1: Buffer.from("one\ntwo\n"),
    a2: Buffer.from("one\nTWO\n"),
    b1: Buffer.from([0, 1, 2, 3]),
    b2: Buffer.from([0, 1, 2, 4]),
    n: Buffer.from("hi\n"),
    g: Buffer.from("x\n"),
  };
  const load = async (sha: string) => blobs[sha]!;

  it("lists added, removed and changed files, diffs text and not binaries", async () => {
    const files = await diffFiles(
      [
        { path: "a.md", sha256: "a1", size: 8 },
        { path: "img.bin", sha256: "b1", size: 4 },
        { path: "gone.txt", sha256: "g", size: 1 },
        { path: "same.txt", sha256: "s", size: 1 },
      ],
      [
        { path: "a.md", sha256: "a2", size: 8 },
        { path: "img.bin", sha256: "b2", size: 4 },
        { path: "new.txt", sha256: "n", size: 2 },
        { path: "same.txt", sha256: "s", size: 1 },
      ],
      load,
    );
    expect(files.added).toMatchObject([
      { path: "new.txt", sha256: "n", size_bytes: 2, additions: 1, deletions: 0 },
    ]);
    expect(files.added[0]!.diff).toContain("@@ -0,0 +1,1 @@\n+hi");
    expect(files.removed).toMatchObject([
      { path: "gone.txt", sha256: "g", size_bytes: 1, additions: 0, deletions: 1 },
    ]);
    expect(files.removed[0]!.diff).toContain("@@ -1,1 +0,0 @@\n-x");
    expect(files.unchanged).toBe(1);
    const text = files.changed.find((f) => f.path === "a.md")!;
    expect(text).toMatchObject({ binary: false, additions: 1, deletions: 1, diff_omitted: null });
    expect(text.diff).toContain("-two\n+TWO");
    expect(files.changed.find((f) => f.path === "img.bin")).toMatchObject({
      binary: true,
      diff: null,
      diff_omitted: "binary",
    });
  });

  it("compares large files by hash only, without reading them", async () => {
    const files = await diffFiles(
      [{ path: "big.txt", sha256: "x", size: 600_000 }],
      [{ path: "big.txt", sha256: "y", size: 600_001 }],
      async () => {
        throw new Error("must not load");
      },
    );
    expect(files.changed[0]).toMatchObject({
      diff: null,
      diff_omitted: "too_large",
      from_size_bytes: 600_000,
      to_size_bytes: 600_001,
    });
  });
  it("shows an added or removed file's text, not a binary's or a large one's", async () => {
    const loaded: string[] = [];
    const files = await diffFiles(
      [
        { path: "old.bin", sha256: "b1", size: 4 },
        { path: "old-big.md", sha256: "huge", size: 600_000 },
      ],
      [
        { path: "new.md", sha256: "a1", size: 8 },
        { path: "empty.md", sha256: "e", size: 0 },
        { path: "new-big.md", sha256: "huge", size: 600_000 },
      ],
      async (sha) => {
        loaded.push(sha);
        return sha === "e" ? Buffer.alloc(0) : blobs[sha]!;
      },
    );
    const added = Object.fromEntries(files.added.map((f) => [f.path, f]));
    expect(added["new.md"]).toMatchObject({ additions: 2, deletions: 0, diff_omitted: null });
    expect(added["new.md"]!.diff).toContain("+one\n+two\n");
    expect(added["empty.md"]).toMatchObject({ additions: 0, deletions: 0, diff_omitted: null });
    expect(added["new-big.md"]).toMatchObject({ diff: null, diff_omitted: "too_large" });
    expect(files.removed.find((f) => f.path === "old.bin")).toMatchObject({
      binary: true,
      diff: null,
      diff_omitted: "binary",
    });
    expect(files.removed.find((f) => f.path === "old-big.md")).toMatchObject({
      diff_omitted: "too_large",
    });
    expect(loaded).not.toContain("huge");
  });
});

describe("components and manifest", () => {
  const c = (
    type: Component["type"],
    name: string,
    description: string | null = null,
    metadata: Record<string, unknown> | null = null,
  ): Component => ({ type, name, path: `${type}/${name}`, description, metadata });

  it("keys components by type and name and names the fields that changed", () => {
    const d = diffComponents(
      [
        c("agent", "triage", "old"),
        c("tool", "search"),
        c("mcp_server", "tickets", null, { url: "https://a" }),
      ],
      [
        c("agent", "triage", "new"),
        c("skill", "report"),
        c("mcp_server", "tickets", null, { url: "https://b" }),
      ],
    );
    expect(d.added.map((x) => x.name)).toEqual(["report"]);
    expect(d.removed.map((x) => x.name)).toEqual(["search"]);
    expect(d.changed.map((x) => [x.name, x.fields])).toEqual([
      ["triage", ["description"]],
      ["tickets", ["metadata"]],
    ]);
  });

  it("names an MCP server's approved tools apart from its metadata, by fingerprint", () => {
    const tool = (fingerprint: string, schema: Record<string, unknown>) => ({
      name: "run",
      input_schema: schema,
      fingerprint,
    });
    const server = (url: string, tools: unknown[]) => c("mcp_server", "db", null, { url, tools });
    const reordered = diffComponents(
      [server("https://a", [tool("f1", { type: "object", properties: {} })])],
      [server("https://a", [tool("f1", { properties: {}, type: "object" })])],
    );
    expect(reordered.changed).toEqual([]);
    const d = diffComponents(
      [server("https://a", [tool("f1", {})])],
      [server("https://b", [tool("f2", {})])],
    );
    expect(d.changed.map((x) => x.fields)).toEqual([["metadata", "tools"]]);
    expect(
      diffComponents([server("https://a", [])], [server("https://a", [tool("f1", {})])]).changed[0]
        ?.fields,
    ).toEqual(["tools"]);
  });

  it("reports manifest keys added, removed and changed, recursing into objects", () => {
    const changes = diffManifest(
      {
        name: "x",
        license: "MIT",
        keywords: ["a"],
        flags: { verbose: { default: false }, old: { default: true } },
      },
      {
        name: "x",
        repository: "https://r",
        keywords: ["a", "b"],
        flags: { verbose: { default: true } },
      },
    );
    expect(changes).toEqual([
      { path: "flags.old", change: "removed", from: { default: true } },
      { path: "flags.verbose.default", change: "changed", from: false, to: true },
      { path: "keywords", change: "changed", from: ["a"], to: ["a", "b"] },
      { path: "license", change: "removed", from: "MIT" },
      { path: "repository", change: "added", to: "https://r" },
    ]);
    expect(diffManifest({ a: 1 }, { a: 1 })).toEqual([]);
  });
});

describe("trust changes", () => {
  const card = (
    signals: {
      id: string;
      status: "pass" | "warn" | "fail" | "info";
      title: string;
      section?: string;
    }[],
    status: TrustCard["status"] = "pass",
  ): TrustCard => ({
    name: "x",
    version: "1.0.0",
    status,
    counts: { pass: 0, warn: 0, fail: 0, info: 0 },
    summary: { contains: {}, origin: "", may_do: [], risks: [] },
    previous_version: null,
    sections: ["content", "capabilities", "changes", "integrity"].map((id) => ({
      id: id as TrustCard["sections"][number]["id"],
      title: id,
      status: "pass",
      signals: signals
        .filter((s) => (s.section ?? "content") === id)
        .map((s) => ({
          id: s.id,
          status: s.status,
          title: s.title,
          explanation: "",
          evidence: [],
        })),
    })),
  });

  it("lists signals added, removed and changed, leaving out the sections that always move", () => {
    const from = card([
      { id: "content.secrets", status: "pass", title: "No secrets found" },
      { id: "capabilities.mcp.old", status: "info", title: "old", section: "capabilities" },
      { id: "changes.first", status: "info", title: "First", section: "changes" },
      { id: "integrity.files", status: "info", title: "2 files", section: "integrity" },
    ]);
    const to = card(
      [
        { id: "content.secrets", status: "fail", title: "Possible secrets in 1 file" },
        { id: "capabilities.mcp.new", status: "warn", title: "new", section: "capabilities" },
        { id: "changes.none", status: "pass", title: "none", section: "changes" },
        { id: "integrity.files", status: "info", title: "3 files", section: "integrity" },
      ],
      "fail",
    );
    const d = diffTrust(from, to);
    expect(d.from_status).toBe("pass");
    expect(d.to_status).toBe("fail");
    expect(d.changes).toEqual([
      {
        id: "content.secrets",
        section: "content",
        change: "changed",
        from: { status: "pass", title: "No secrets found" },
        to: { status: "fail", title: "Possible secrets in 1 file" },
      },
      {
        id: "capabilities.mcp.new",
        section: "capabilities",
        change: "added",
        from: null,
        to: { status: "warn", title: "new" },
      },
      {
        id: "capabilities.mcp.old",
        section: "capabilities",
        change: "removed",
        from: { status: "info", title: "old" },
        to: null,
      },
    ]);
  });
});
