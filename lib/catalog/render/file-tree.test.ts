// The capability page's file tree, built from a version's flat file list.
import { describe, expect, it } from "vitest";
import { ancestorDirs, buildFileTree, compactName, type DirNode, type TreeNode } from "./file-tree";

const f = (path: string, size = 10) => ({ path, size, sha256: `sha-${path}` });

describe("buildFileTree", () => {
  const tree = buildFileTree([
    f("tools/b.py", 5),
    f("README.md", 100),
    f("agents/operator.md", 20),
    f("tools/a.py", 7),
    f("skills/runbook/SKILL.md", 30),
    f(".mcp.json", 3),
    f("capability.yaml", 40),
  ]);

  it("lists folders first, then files, each by name", () => {
    expect(tree.map((n) => `${n.type}:${n.name}`)).toEqual([
      "dir:agents",
      "dir:skills/runbook",
      "dir:tools",
      "file:.mcp.json",
      "file:capability.yaml",
      "file:README.md",
    ]);
    const tools = tree.find((n) => n.name === "tools") as DirNode;
    expect(tools.children.map((n) => n.path)).toEqual(["tools/a.py", "tools/b.py"]);
  });

  it("nests folders and sums sizes and file counts; a folder holding only a folder is one node", () => {
    const runbook = tree.find((n) => n.name === "skills/runbook") as DirNode;
    expect(runbook).toMatchObject({ type: "dir", path: "skills/runbook", size: 30, fileCount: 1 });
    expect(runbook.children[0]).toEqual({
      type: "file",
      name: "SKILL.md",
      path: "skills/runbook/SKILL.md",
      size: 30,
      sha256: "sha-skills/runbook/SKILL.md",
    });
    expect((tree.find((n) => n.name === "tools") as DirNode).size).toBe(12);
  });

  it("keeps a folder that holds a file beside its one folder, and collapses chains below it", () => {
    const t = buildFileTree([f("a/b/c/d/x.md", 1), f("a/y.md", 2), f("a/b/c/d/z.md", 3)]);
    expect(t).toHaveLength(1);
    const a = t[0] as DirNode;
    expect(a).toMatchObject({ name: "a", path: "a", size: 6, fileCount: 3 });
    expect(a.children.map((n) => `${n.type}:${n.name}:${n.path}`)).toEqual([
      "dir:b/c/d:a/b/c/d",
      "file:y.md:a/y.md",
    ]);
    // Every folder on the way to a file is still named by ancestorDirs, the collapsed one included.
    expect(ancestorDirs("a/b/c/d/x.md")).toContain("a/b/c/d");
  });

  it("renders 1,000 nested folders as one row holding the file", () => {
    const deep = Array.from({ length: 1000 }, (_, i) => `d${i}`).join("/");
    const t = buildFileTree([f(`${deep}/leaf.md`), f("README.md")]);
    expect(t.map((n) => n.type)).toEqual(["dir", "file"]);
    const chain = t[0] as DirNode;
    expect(chain.path).toBe(deep);
    expect(chain.children).toEqual([
      {
        type: "file",
        name: "leaf.md",
        path: `${deep}/leaf.md`,
        size: 10,
        sha256: `sha-${deep}/leaf.md`,
      },
    ]);
    const rows = (nodes: TreeNode[]): number =>
      nodes.reduce((n, x) => n + 1 + (x.type === "dir" ? rows(x.children) : 0), 0);
    expect(rows(t)).toBe(3);
    expect(compactName(chain.name)).toBe("d0/d1/…/d998/d999");
  });

  it("is empty for no files", () => {
    expect(buildFileTree([])).toEqual([]);
  });
});

it("shortens only long folder chains", () => {
  expect(compactName("skills/runbook")).toBe("skills/runbook");
  expect(compactName("a/b/c/d/e")).toBe("a/b/c/d/e");
  expect(compactName("a/b/c/d/e/f")).toBe("a/b/…/e/f");
});

it("names the folders that lead to a file", () => {
  expect(ancestorDirs("a/b/c.md")).toEqual(["a", "a/b"]);
  expect(ancestorDirs("c.md")).toEqual([]);
});
