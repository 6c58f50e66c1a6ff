// A unified diff (lib/catalog/render/unified-diff.ts) as rows to draw: lines with their old and new
// numbers, paired removed/added lines for a side-by-side view, and the words that changed between
// a pair. Pure, for the version diff page.
import { diffWordsWithSpace } from "diff";

type DiffLineKind = "context" | "added" | "removed" | "hunk" | "note";

export interface DiffLine {
  kind: DiffLineKind;
  /** The line without its "+", "-" or " " prefix (a hunk header or note as written). */
  text: string;
  oldNo: number | null;
  newNo: number | null;
  /** For a removed or added line paired with its counterpart: which parts changed. */
  words?: WordPart[];
}

interface WordPart {
  text: string;
  changed: boolean;
}

/** Lines longer than this are compared whole, not word by word. */
const MAX_WORD_DIFF_CHARS = 2_000;

/** The lines of a unified diff, file headers left out, numbered from the hunk headers. */
export function parseUnifiedDiff(diff: string): DiffLine[] {
  const out: DiffLine[] = [];
  let oldNo = 0;
  let newNo = 0;
  let inHunk = false;
  const lines = diff.split("\n");
  if (lines.at(-1) === "") lines.pop();
  for (const line of lines) {
    const hunk = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (hunk) {
      inHunk = true;
      oldNo = Number(hunk[1]);
      newNo = Number(hunk[2]);
      // An empty side ("-0,0") starts before line 1.
      if (/^@@ -\d+,0 /.test(line)) oldNo++;
      if (/ \+\d+,0 @@/.test(line)) newNo++;
      out.push({ kind: "hunk", text: line, oldNo: null, newNo: null });
    } else if (!inHunk) continue;
    else if (line.startsWith("+"))
      out.push({ kind: "added", text: line.slice(1), oldNo: null, newNo: newNo++ });
    else if (line.startsWith("-"))
      out.push({ kind: "removed", text: line.slice(1), oldNo: oldNo++, newNo: null });
    else if (line.startsWith("\\"))
      out.push({ kind: "note", text: line, oldNo: null, newNo: null });
    else out.push({ kind: "context", text: line.slice(1), oldNo: oldNo++, newNo: newNo++ });
  }
  return withWords(out);
}

/** The changed parts of two versions of a line; null when they share no word worth showing. */
export function wordDiff(
  before: string,
  after: string,
): { before: WordPart[]; after: WordPart[] } | null {
  if (before.length > MAX_WORD_DIFF_CHARS || after.length > MAX_WORD_DIFF_CHARS) return null;
  const a: WordPart[] = [];
  const b: WordPart[] = [];
  // Neighbouring parts alike are joined, so that "stop all" is one mark, not three.
  const push = (parts: WordPart[], text: string, changed: boolean) => {
    const last = parts.at(-1);
    if (last && last.changed === changed) last.text += text;
    else parts.push({ text, changed });
  };
  let common = 0;
  for (const c of diffWordsWithSpace(before, after)) {
    if (!c.added) push(a, c.value, !!c.removed);
    if (!c.removed) push(b, c.value, !!c.added);
    if (!c.added && !c.removed && c.value.trim()) common += c.value.length;
  }
  return common ? { before: bridge(a), after: bridge(b) } : null;
}

/** A space left between two changed words counts as changed, so one edit shows as one mark. */
function bridge(parts: WordPart[]): WordPart[] {
  const out: WordPart[] = [];
  parts.forEach((p, i) => {
    const last = out.at(-1);
    const between = !p.changed && !p.text.trim() && last?.changed && parts[i + 1]?.changed;
    if (last && (between || (last.changed && p.changed))) last.text += p.text;
    else out.push({ ...p, changed: p.changed || !!between });
  });
  return out;
}

/** Pairs the n-th removed line of a block with its n-th added line and marks their changed words. */
function withWords(lines: DiffLine[]): DiffLine[] {
  for (let i = 0; i < lines.length;) {
    if (lines[i]!.kind !== "removed") {
      i++;
      continue;
    }
    let r = i;
    while (r < lines.length && lines[r]!.kind === "removed") r++;
    let a = r;
    while (a < lines.length && lines[a]!.kind === "added") a++;
    for (let k = 0; k < Math.min(r - i, a - r); k++) {
      const del = lines[i + k]!;
      const add = lines[r + k]!;
      const w = wordDiff(del.text, add.text);
      if (w) {
        del.words = w.before;
        add.words = w.after;
      }
    }
    i = a;
  }
  return lines;
}

/** One row of a side-by-side diff: the old line on the left, the new on the right. */
type SplitRow =
  | { kind: "hunk" | "note"; text: string }
  | { kind: "lines"; left: DiffLine | null; right: DiffLine | null };

/** The lines side by side: context on both sides, a removed block beside the added block after it. */
export function splitRows(lines: DiffLine[]): SplitRow[] {
  const rows: SplitRow[] = [];
  for (let i = 0; i < lines.length;) {
    const line = lines[i]!;
    if (line.kind === "hunk" || line.kind === "note") {
      rows.push({ kind: line.kind, text: line.text });
      i++;
    } else if (line.kind === "context") {
      rows.push({ kind: "lines", left: line, right: line });
      i++;
    } else {
      const removed: DiffLine[] = [];
      const added: DiffLine[] = [];
      while (i < lines.length && lines[i]!.kind === "removed") removed.push(lines[i++]!);
      while (i < lines.length && lines[i]!.kind === "added") added.push(lines[i++]!);
      for (let k = 0; k < Math.max(removed.length, added.length); k++)
        rows.push({ kind: "lines", left: removed[k] ?? null, right: added[k] ?? null });
    }
  }
  return rows;
}
