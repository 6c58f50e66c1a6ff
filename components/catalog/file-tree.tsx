"use client";
// A version's files as a folder tree: folders are disclosure buttons (aria-expanded), files are
// links to the page with `?file=` (so they can be opened in a new tab), opened in place on a
// plain click. Each file shows its size and the start of its sha256 (all of it on hover). A chain
// of single-folder folders is one row (`skills/runbook/`), shortened in the middle when long.
import type { MouseEvent } from "react";
import { formatBytes } from "@/lib/format";
import { compactName, type TreeNode } from "@/lib/catalog/render/file-tree";

function Chevron({ open }: { open: boolean }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 20 20"
      className={`h-4 w-4 shrink-0 text-slate-400 transition-transform ${open ? "rotate-90" : ""}`}
    >
      <path
        fill="currentColor"
        d="M7.2 4.4a.75.75 0 0 1 1.06 0l5.1 5.07a.75.75 0 0 1 0 1.06l-5.1 5.07a.75.75 0 1 1-1.06-1.06L11.77 10 7.2 5.46a.75.75 0 0 1 0-1.06Z"
      />
    </svg>
  );
}

/** A plain left click opens the file here; a modified click (new tab, new window) is the browser's. */
const plainClick = (e: MouseEvent) =>
  e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey;

const indent = (depth: number) => ({ paddingLeft: `${0.75 + depth * 1.1}rem` });

export function FileTree({
  nodes,
  depth = 0,
  selected,
  collapsed,
  onToggle,
  onSelect,
  hrefOf,
}: {
  nodes: readonly TreeNode[];
  depth?: number;
  selected: string | null;
  collapsed: ReadonlySet<string>;
  onToggle: (dir: string) => void;
  onSelect: (path: string) => void;
  hrefOf: (path: string) => string;
}) {
  return (
    <ul
      className={depth ? "" : "divide-y divide-slate-100 text-sm"}
      aria-label={depth ? undefined : "Files"}
    >
      {nodes.map((n) => {
        if (n.type === "dir") {
          const open = !collapsed.has(n.path);
          const listId = `file-tree-${n.path.replace(/[^a-zA-Z0-9_-]/g, "_")}`;
          return (
            <li key={`d:${n.path}`} className={depth ? "border-t border-slate-100" : ""}>
              <button
                type="button"
                aria-expanded={open}
                aria-controls={listId}
                onClick={() => onToggle(n.path)}
                className="flex w-full items-center gap-1.5 py-1.5 pr-4 text-left hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-500"
                style={indent(depth)}
              >
                <Chevron open={open} />
                <span
                  className="min-w-0 flex-1 truncate font-mono text-xs font-medium text-slate-800"
                  title={n.path}
                >
                  {compactName(n.name)}/
                </span>
                <span className="shrink-0 text-xs text-slate-500">
                  {n.fileCount} {n.fileCount === 1 ? "file" : "files"}, {formatBytes(n.size)}
                </span>
              </button>
              <div id={listId} hidden={!open}>
                {open ? (
                  <FileTree
                    nodes={n.children}
                    depth={depth + 1}
                    selected={selected}
                    collapsed={collapsed}
                    onToggle={onToggle}
                    onSelect={onSelect}
                    hrefOf={hrefOf}
                  />
                ) : null}
              </div>
            </li>
          );
        }
        const current = n.path === selected;
        return (
          <li
            key={`f:${n.path}`}
            className={`flex items-center gap-3 py-1.5 pr-4 ${depth ? "border-t border-slate-100" : ""} ${current ? "bg-indigo-50" : "hover:bg-slate-50"}`}
            style={indent(depth)}
          >
            {/* Lines the file name up with the folder names after their chevron. */}
            <span aria-hidden="true" className="w-4 shrink-0" />
            <a
              href={hrefOf(n.path)}
              aria-current={current ? "true" : undefined}
              title={n.path}
              onClick={(e) => {
                if (!plainClick(e)) return;
                e.preventDefault();
                onSelect(n.path);
              }}
              className={`min-w-0 flex-1 truncate font-mono text-xs hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 ${current ? "font-semibold text-indigo-800" : "text-indigo-700"}`}
            >
              {n.name}
            </a>
            <span className="w-16 shrink-0 text-right text-xs text-slate-500">
              {formatBytes(n.size)}
            </span>
            <span
              className="hidden w-24 shrink-0 font-mono text-xs text-slate-500 sm:inline"
              title={`sha256 ${n.sha256}`}
            >
              {n.sha256.slice(0, 10)}…
            </span>
          </li>
        );
      })}
    </ul>
  );
}
