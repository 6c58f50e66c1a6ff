"use client";
// A line diff of two prompt texts, with the +/− marks in a gutter of their own: prompts are full
// of lines that start with "- ", which a raw unified diff turns into an unreadable "-- ".
import { unifiedDiff } from "@/lib/catalog/render/unified-diff";

export interface TextDiffResult {
  lines: { kind: "hunk" | "added" | "removed" | "context"; text: string }[];
  additions: number;
  deletions: number;
}

/** The diff of two texts (null: too different to diff line by line). A missing final newline is not a change. */
export function diffTexts(before: string, after: string): TextDiffResult | null {
  const nl = (s: string) => (s.endsWith("\n") ? s : `${s}\n`);
  const d = unifiedDiff("text", nl(before), nl(after));
  if (!d) return null;
  const lines = d.diff
    .split("\n")
    .filter((l) => l !== "" && !/^(Index: |={5,}|--- |\+\+\+ |\\)/.test(l))
    .map((l) => ({
      kind: l.startsWith("@@")
        ? ("hunk" as const)
        : l.startsWith("+")
          ? ("added" as const)
          : l.startsWith("-")
            ? ("removed" as const)
            : ("context" as const),
      text: l.startsWith("@@") ? l : l.slice(1),
    }));
  return { lines, additions: d.additions, deletions: d.deletions };
}

/** "@@ -2,4 +2,6 @@" → "⋯ from line 2" (of the newer text). */
function hunkLabel(header: string): string {
  const m = /^@@ -\d+(?:,\d+)? \+(\d+)/.exec(header);
  return m ? `⋯ from line ${m[1]}` : header;
}

const styles = {
  hunk: "bg-indigo-50 text-indigo-700",
  added: "bg-emerald-50 text-emerald-900",
  removed: "bg-red-50 text-red-900",
  context: "text-slate-700",
} as const;
const marks = { hunk: "", added: "+", removed: "−", context: "" } as const;

export function TextDiff({ diff }: { diff: TextDiffResult }) {
  return (
    <div className="overflow-x-auto bg-white py-1 font-mono text-xs leading-5">
      {diff.lines.map((l, i) => (
        <div
          key={i}
          className={`flex ${styles[l.kind]}`}
          data-line={l.kind === "added" || l.kind === "removed" ? l.kind : undefined}
        >
          <span aria-hidden="true" className="w-6 shrink-0 select-none text-center opacity-70">
            {marks[l.kind]}
          </span>
          <span className="sr-only">
            {l.kind === "added" ? "added: " : l.kind === "removed" ? "removed: " : ""}
          </span>
          <span className="whitespace-pre-wrap break-words pr-3">
            {l.kind === "hunk" ? hunkLabel(l.text) : l.text || " "}
          </span>
        </div>
      ))}
    </div>
  );
}
