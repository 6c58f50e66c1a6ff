// A version's flat file list (`agents/reviewer.md`, `tools/x.py`, …) as a folder tree for the
// capability page: folders first, then files, each by name; folders carry their total size. A
// chain of folders that each hold only one folder is one node (`skills/runbook`), as GitHub shows
// it, so a deep path costs one row, not one nested row per folder.

export interface TreeFile {
  path: string;
  size: number;
  sha256: string;
}

interface FileNode extends TreeFile {
  type: "file";
  name: string;
}

export interface DirNode {
  type: "dir";
  /** The folder's name, or the names of a chain of single-folder folders joined by `/`. */
  name: string;
  /** The path of the (last) folder. */
  path: string;
  /** Bytes of every file below. */
  size: number;
  /** Files below, at any depth. */
  fileCount: number;
  children: TreeNode[];
}

export type TreeNode = DirNode | FileNode;

const byName = (a: TreeNode, b: TreeNode) =>
  a.type !== b.type
    ? a.type === "dir"
      ? -1
      : 1
    : a.name.localeCompare(b.name, "en", { sensitivity: "base" }) ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function sortTree(nodes: TreeNode[]): TreeNode[] {
  nodes.sort(byName);
  for (const n of nodes) if (n.type === "dir") sortTree(n.children);
  return nodes;
}

/** Folders whose only entry is a folder merged into it (`a` › `b` › `c` → `a/b/c`), at every level. */
function collapseChains(nodes: TreeNode[]): TreeNode[] {
  // Iterative: a stored tree may be as deep as its deepest path.
  const work: TreeNode[][] = [nodes];
  while (work.length) {
    const list = work.pop()!;
    for (let i = 0; i < list.length; i++) {
      let n = list[i]!;
      if (n.type !== "dir") continue;
      while (n.children.length === 1 && n.children[0]!.type === "dir") {
        const only = n.children[0] as DirNode;
        n = { ...only, name: `${n.name}/${only.name}` };
      }
      list[i] = n;
      work.push(n.children);
    }
  }
  return nodes;
}

/**
 * A long folder chain's name as shown: the first two and the last two names around `…` when it
 * has more than five (the whole path goes in a tooltip).
 */
export function compactName(name: string): string {
  const segs = name.split("/");
  return segs.length > 5 ? [...segs.slice(0, 2), "…", ...segs.slice(-2)].join("/") : name;
}

/** The tree of `files`; the root's children are returned. */
export function buildFileTree(files: readonly TreeFile[]): TreeNode[] {
  const root: DirNode = { type: "dir", name: "", path: "", size: 0, fileCount: 0, children: [] };
  for (const f of files) {
    const segments = f.path.split("/").filter(Boolean);
    const fileName = segments.pop();
    if (!fileName) continue;
    let dir = root;
    const chain: DirNode[] = [root];
    for (const seg of segments) {
      const path = dir.path ? `${dir.path}/${seg}` : seg;
      let next = dir.children.find((c): c is DirNode => c.type === "dir" && c.name === seg);
      if (!next) {
        next = { type: "dir", name: seg, path, size: 0, fileCount: 0, children: [] };
        dir.children.push(next);
      }
      dir = next;
      chain.push(dir);
    }
    dir.children.push({
      type: "file",
      name: fileName,
      path: f.path,
      size: f.size,
      sha256: f.sha256,
    });
    for (const d of chain) {
      d.size += f.size;
      d.fileCount += 1;
    }
  }
  return sortTree(collapseChains(root.children));
}

/** The folders that lead to a file (`a`, `a/b` for `a/b/c.md`): to open them when it is selected. */
export function ancestorDirs(path: string): string[] {
  const segs = path.split("/").slice(0, -1);
  return segs.map((_, i) => segs.slice(0, i + 1).join("/"));
}
