// One file of a version diff: its header (added, removed or changed, with counts and a link to
// the file) and its lines, unified or side by side, with the changed words of a changed line
// marked and hidden characters shown as markers. Server-rendered; numbers and signs are left out
// of a selection, so copying lines copies their text.
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { parseUnifiedDiff, splitRows, type DiffLine } from "@/lib/catalog/render/diff-rows";
import { MarkedText } from "@/lib/catalog/render/hidden-marks";
import { countHidden } from "@/lib/catalog/trust/hidden-chars";
import { HiddenTextBanner } from "./hidden-banner";

export type DiffViewMode = "unified" | "split";

const rowTone = { added: "bg-emerald-50", removed: "bg-red-50" } as const;
const markTone = {
  added: "rounded-sm bg-emerald-200 text-emerald-950",
  removed: "rounded-sm bg-red-200 text-red-950",
} as const;
const numCell = "w-px select-none px-2 text-right align-top text-slate-500";
const signCell = "w-px select-none pl-2 pr-1 align-top";
const textCell = "whitespace-pre-wrap pr-3 align-top [overflow-wrap:anywhere]";

function LineText({ line }: { line: DiffLine }) {
  if (!line.text) return <>{"\u00a0"}</>;
  if (!line.words || (line.kind !== "added" && line.kind !== "removed"))
    return <MarkedText text={line.text} />;
  const tone = markTone[line.kind];
  return (
    <>
      {line.words.map((w, i) =>
        w.changed ? (
          <mark key={i} className={tone}>
            <MarkedText text={w.text} />
          </mark>
        ) : (
          <MarkedText key={i} text={w.text} />
        ),
      )}
    </>
  );
}

/** The sign, tone and text cells of one side of a line (or empty cells for no line). */
function Side({ line, num }: { line: DiffLine | null; num: number | null }) {
  const kind = line?.kind;
  const tone = kind === "added" || kind === "removed" ? rowTone[kind] : "";
  return (
    <>
      <td className={`${numCell} ${tone}`}>{num ?? ""}</td>
      <td className={`${signCell} ${tone}`} aria-hidden="true">
        {kind === "added" ? "+" : kind === "removed" ? "−" : ""}
      </td>
      <td
        className={`${textCell} ${line ? tone : "bg-slate-50"}`}
        data-line={kind === "added" || kind === "removed" ? kind : undefined}
      >
        {kind === "added" || kind === "removed" ? (
          <span className="sr-only select-none">{kind}: </span>
        ) : null}
        {line ? <LineText line={line} /> : null}
      </td>
    </>
  );
}

const Separator = ({ text, span }: { text: string; span: number }) => (
  <tr>
    <td
      colSpan={span}
      className={`px-3 py-0.5 ${text.startsWith("@@") ? "bg-indigo-50 text-indigo-700" : "text-slate-500"}`}
    >
      {text}
    </td>
  </tr>
);

const Head = ({ cells }: { cells: string[] }) => (
  <thead className="sr-only">
    <tr>
      {cells.map((c, i) => (
        <th key={i} scope="col">
          {c}
        </th>
      ))}
    </tr>
  </thead>
);

function SplitBody({ lines }: { lines: DiffLine[] }) {
  return (
    <>
      <Head cells={["Old line", "Change", "Old text", "New line", "Change", "New text"]} />
      <tbody>
        {splitRows(lines).map((row, i) =>
          row.kind === "lines" ? (
            <tr key={i}>
              <Side line={row.left} num={row.left?.oldNo ?? null} />
              <Side line={row.right} num={row.right?.newNo ?? null} />
            </tr>
          ) : (
            <Separator key={i} text={row.text} span={6} />
          ),
        )}
      </tbody>
    </>
  );
}

function UnifiedBody({ lines }: { lines: DiffLine[] }) {
  return (
    <>
      <Head cells={["Old line", "New line", "Change", "Text"]} />
      <tbody>
        {lines.map((line, i) =>
          line.kind === "hunk" || line.kind === "note" ? (
            <Separator key={i} text={line.text} span={4} />
          ) : (
            <tr key={i}>
              <td className={`${numCell} ${line.kind === "context" ? "" : rowTone[line.kind]}`}>
                {line.oldNo ?? ""}
              </td>
              <Side line={line} num={line.newNo} />
            </tr>
          ),
        )}
      </tbody>
    </>
  );
}

/** A unified diff's lines as a table, one row per line or one row per pair of sides. */
function DiffLines({ diff, view, label }: { diff: string; view: DiffViewMode; label: string }) {
  const lines = parseUnifiedDiff(diff);
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className="relative overflow-x-auto focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600"
    >
      <table
        aria-label={label}
        data-view={view}
        className="w-full border-collapse bg-white font-mono text-xs leading-5 text-slate-800"
      >
        {view === "split" ? <SplitBody lines={lines} /> : <UnifiedBody lines={lines} />}
      </table>
    </div>
  );
}

export interface FileDiffProps {
  path: string;
  change: "added" | "removed" | "changed";
  href: string;
  additions: number | null;
  deletions: number | null;
  diff: string | null;
  /** Why there is no diff, in words (binary, too large…), when `diff` is null. */
  omitted: ReactNode;
  view: DiffViewMode;
}

const changeTone = {
  added: "text-emerald-700",
  removed: "text-red-700",
  changed: "text-amber-700",
};

/** One file's card: header with the change and counts, then its lines or why they are not shown. */
export function FileDiff({
  path,
  change,
  href,
  additions,
  deletions,
  diff,
  omitted,
  view,
}: FileDiffProps) {
  const hidden = diff ? countHidden(diff) : { bidi: 0, other: 0 };
  return (
    <Card className="overflow-hidden">
      <details open data-file-diff={path} data-change={change}>
        <summary className="flex cursor-pointer items-center justify-between gap-3 border-b border-slate-100 bg-slate-50 px-4 py-2 text-sm">
          <span className="min-w-0 break-all">
            <span className={`mr-2 text-xs font-semibold uppercase ${changeTone[change]}`}>
              {change}
            </span>
            <span className="font-mono text-xs font-medium text-slate-800">{path}</span>
          </span>
          <span className="shrink-0 text-xs">
            {additions !== null ? (
              <>
                <span className="text-emerald-700">+{additions}</span>{" "}
                <span className="text-red-700">−{deletions}</span>
              </>
            ) : null}
          </span>
        </summary>
        {/* Beside the summary, not in it: a <summary> holds no other control. */}
        <p className="border-b border-slate-100 px-4 py-1 text-xs">
          <a
            href={href}
            className="text-indigo-700 underline hover:no-underline"
            aria-label={`View file ${path}`}
          >
            View file
          </a>
        </p>
        <HiddenTextBanner counts={hidden} shown />
        {diff && (additions || deletions) ? (
          <DiffLines diff={diff} view={view} label={`Changes to ${path}`} />
        ) : (
          <p className="px-4 py-3 text-sm text-slate-500">{diff ? "Empty file" : omitted}</p>
        )}
      </details>
    </Card>
  );
}
