"use client";
// A release diff (GET …/releases/diff) field by field: the system prompt as a line diff (drawn
// like the prompts' diff), single values as before → after, and lists
// and objects as a line diff of their JSON. MCP client secrets arrive redacted; when only they
// changed, the API says so in a note.
import { Card } from "@/components/ui/card";
import { diffTexts, TextDiff, type TextDiffResult } from "@/components/prompts/text-diff";
import { fieldLabel } from "./draft-form";
import type { ReleaseDiffView } from "./hooks";

type Change = ReleaseDiffView["changes"][number];

/** The API's unified diff as the prompts' TextDiff draws it (headers dropped, marks in a gutter). */
function parseUnifiedDiff(diff: string, additions: number, deletions: number): TextDiffResult {
  const lines = diff
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
  return { lines, additions, deletions };
}

const isScalar = (v: unknown) =>
  v === null || v === undefined || ["string", "number", "boolean"].includes(typeof v);

function Scalar({ value }: { value: unknown }) {
  if (value === null || value === undefined || value === "")
    return <span className="italic text-slate-500">{value === "" ? "empty" : "none"}</span>;
  if (typeof value === "boolean") return <>{value ? "on" : "off"}</>;
  return <code className="break-all">{String(value)}</code>;
}

const pretty = (v: unknown) => (v === null || v === undefined ? "" : JSON.stringify(v, null, 2));

function itemCount(v: unknown): string {
  if (Array.isArray(v)) return `${v.length} ${v.length === 1 ? "item" : "items"}`;
  return v === null || v === undefined ? "none" : "set";
}

function ChangeBody({ change }: { change: Change }) {
  if (change.field === "system_prompt") {
    // Drawn as the prompts' diff is (a missing final newline is not a change); the API's unified
    // diff when the texts are not at hand, and its word when they are too different to diff.
    const t = change.text_diff;
    const d =
      typeof change.before === "string" && typeof change.after === "string"
        ? diffTexts(change.before, change.after)
        : t?.diff && t.additions !== null && t.deletions !== null
          ? parseUnifiedDiff(t.diff, t.additions, t.deletions)
          : null;
    if (d) {
      return (
        <>
          <p className="px-4 pb-2 text-xs text-slate-600">
            <span className="text-emerald-700">+{d.additions}</span>{" "}
            <span className="text-red-700">−{d.deletions}</span> lines
          </p>
          <div className="border-t border-slate-100">
            <TextDiff diff={d} />
          </div>
        </>
      );
    }
    return (
      <p className="px-4 pb-3 text-sm text-slate-600">
        The two prompts differ too much to show line by line.
      </p>
    );
  }
  if (isScalar(change.before) && isScalar(change.after)) {
    return (
      <p className="flex flex-wrap items-center gap-2 px-4 pb-3 text-sm">
        <span className="rounded bg-red-50 px-1.5 py-0.5 text-red-900 line-through decoration-red-300">
          <Scalar value={change.before} />
        </span>
        <span aria-hidden="true" className="text-slate-400">
          →
        </span>
        <span className="sr-only">changed to</span>
        <span className="rounded bg-emerald-50 px-1.5 py-0.5 text-emerald-900">
          <Scalar value={change.after} />
        </span>
      </p>
    );
  }
  const d = diffTexts(pretty(change.before), pretty(change.after));
  return (
    <>
      <p className="px-4 pb-2 text-xs text-slate-600">
        {itemCount(change.before)} → {itemCount(change.after)}
        {change.note ? <span className="ml-2 text-amber-800">{change.note}</span> : null}
      </p>
      {d && d.additions + d.deletions > 0 ? (
        <div className="border-t border-slate-100">
          <TextDiff diff={d} />
        </div>
      ) : d ? null : (
        <p className="px-4 pb-3 text-sm text-slate-600">Too different to show line by line.</p>
      )}
    </>
  );
}

export function DiffChanges({ diff, emptyText }: { diff: ReleaseDiffView; emptyText: string }) {
  if (diff.changes.length === 0) {
    return (
      <p
        className="rounded-md border border-dashed border-slate-200 bg-white px-4 py-3 text-sm text-slate-500"
        data-testid="no-changes"
      >
        {emptyText}
      </p>
    );
  }
  return (
    <div className="space-y-3" data-testid="diff-changes">
      {diff.changes.map((c) => (
        <Card key={c.field} className="overflow-hidden">
          <div data-testid="diff-field" data-field={c.field}>
            <h3 className="px-4 pb-1 pt-3 text-sm font-semibold text-slate-900">
              {fieldLabel(c.field)}
            </h3>
            <ChangeBody change={c} />
          </div>
        </Card>
      ))}
      {diff.unchanged.length ? (
        <p className="text-xs text-slate-500">
          Unchanged: {diff.unchanged.map(fieldLabel).join(", ")}.
        </p>
      ) : null}
    </div>
  );
}

/** "1.0.0 (deployed)", "the draft", "nothing (no release yet)". */
export function sideLabel(side: ReleaseDiffView["from"]): string {
  if (!side) return "nothing deployed";
  if (side.status === "draft") return "the draft";
  return `${side.version} (${side.status})`;
}
