// The capability page's file tree, built from a version's flat file list.
import { describe, expect, it } from "vitest";
import { ancestorDirs, buildFileTree, type DirNode } from "./file-tree";

const f = (path: string, size = 10) => ({ path, size, sha256: `sha-${path}` });

describe("buildFileTree", () => {
  const tree = buildFileTree([f("tools/b.py", 5), f("README.md", 100), f("agents/operator.md", 20), f("tools/a.py", 7), f("skills/runbook/SKILL.md", 30), f(".mcp.json", 3), f("capability.yaml", 40)]);

  it("lists folders first, then files, each by name", () => {
    expect(tree.map((n) => `${n.type}:${n.name}`)).toEqual(["dir:agents", "dir:skills", "dir:tools", "file:.mcp.json", "file:capability.yaml", "file:README.md"]);
    const tools = tree.find((n) => n.name === "tools") as DirNode;
    expect(tools.children.map((n) => n.path)).toEqual(["tools/a.py", "tools/b.py"]);
  });

  it("nests folders and sums sizes and file counts", () => {
    const skills = tree.find((n) => n.name === "skills") as DirNode;
    expect(skills).toMatchObject({ path: "skills", size: 30, fileCount: 1 });
    const runbook = skills.children[0] as DirNode;
    expect(runbook).toMatchObject({ type: "dir", path: "skills/runbook", size: 30, fileCount: 1 });
    expect(runbook.children[0]).toEqual({ type: "file", name: "SKILL.md", path: "skills/runbook/SKILL.md", size: 30, sha256: "sha-skills/runbook/SKILL.md" });
    expect((tree.find((n) => n.name === "tools") as DirNode).size).toBe(12);
  });

  it("is empty for no files", () => {
    expect(buildFileTree([])).toEqual([]);
  });
});

it("names the folders that lead to a file", () => {
  expect(ancestorDirs("a/b/c.md")).toEqual(["a", "a/b"]);
  expect(ancestorDirs("c.md")).toEqual([]);
});
