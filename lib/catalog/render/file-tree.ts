// A version's flat file list (`agents/reviewer.md`, `tools/x.py`, …) as a folder tree for the
// capability page: folders first, then files, each by name; folders carry their total size.

export interface TreeFile {
  path: string;
  size: number;
  sha256: string;
}

export interface FileNode extends TreeFile {
  type: "file";
  name: string;
}

export interface DirNode {
  type: "dir";
  name: string;
  path: string;
  /** Bytes of every file below. */
  size: number;
  /** Files below, at any depth. */
  fileCount: number;
  children: TreeNode[];
}

export type TreeNode = DirNode | FileNode;

const byName = (a: TreeNode, b: TreeNode) =>
  a.type !== b.type ? (a.type === "dir" ? -1 : 1) : a.name.localeCompare(b.name, "en", { sensitivity: "base" }) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function sortTree(nodes: TreeNode[]): TreeNode[] {
  nodes.sort(byName);
  for (const n of nodes) if (n.type === "dir") sortTree(n.children);
  return nodes;
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
    dir.children.push({ type: "file", name: fileName, path: f.path, size: f.size, sha256: f.sha256 });
    for (const d of chain) {
      d.size += f.size;
      d.fileCount += 1;
    }
  }
  return sortTree(root.children);
}

/** The folders that lead to a file (`a`, `a/b` for `a/b/c.md`): to open them when it is selected. */
export function ancestorDirs(path: string): string[] {
  const segs = path.split("/").slice(0, -1);
  return segs.map((_, i) => segs.slice(0, i + 1).join("/"));
}
