// YAML frontmatter at the top of a Markdown file (`---\nname: …\n---`): where it starts and
// ends. One definition for everything that reads it: ingest (an agent's or skill's metadata), the
// renderer (a table above the text), promote (kept byte for byte while the body changes).

// An optional byte order mark, `---`, the YAML (possibly none), then `---` or `...`.
const FENCE = /^\uFEFF?---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

export interface SplitFrontmatter {
  /** The frontmatter as written, fences included ("" when there is none). */
  block: string;
  /** The YAML between the fences; null when there is no frontmatter. */
  yaml: string | null;
  /** What follows the frontmatter (the whole text when there is none). */
  body: string;
}

export function splitFrontmatter(text: string): SplitFrontmatter {
  const m = FENCE.exec(text);
  if (!m) return { block: "", yaml: null, body: text };
  return { block: m[0], yaml: m[1] ?? "", body: text.slice(m[0].length) };
}
