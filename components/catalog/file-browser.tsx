"use client";
// The files of a capability version on its page: the folder tree and, for the file named in the
// URL (`?file=agents/operator.md`, beside `?version=`; `&line=` marks a line, `&view=source` or
// `rendered` picks how Markdown shows), the viewer. Opening
// a file updates the URL without a server round trip (history.pushState, which the app router
// follows), so the view can be shared as a link and Back returns to the previous file.
import dynamic from "next/dynamic";
import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { Card, EmptyState, LoadingRows } from "@/components/ui/card";
import { useReplaceParam } from "@/components/ui/url-param";
import { ancestorDirs, buildFileTree, type TreeFile } from "@/lib/catalog/render/file-tree";
import { withFileParam } from "@/lib/catalog/render/paths";
import { FileTree } from "./file-tree";
import type { VersionRef } from "./file-viewer";

// The viewer brings the Markdown renderer and the highlighter: loaded when a file is opened, so
// the page's first load does not carry them.
const FileViewer = dynamic(() => import("./file-viewer").then((m) => m.FileViewer), {
  loading: () => (
    <div className="mt-4">
      <LoadingRows rows={4} />
    </div>
  ),
});

export function FileBrowser({
  org,
  name,
  version,
  apiBase,
  files,
}: VersionRef & { files: TreeFile[] }) {
  const pathname = usePathname();
  const params = useSearchParams();
  const search = params.toString();
  const requested = params.get("file");
  const lineParam = Number(params.get("line"));
  const line = Number.isInteger(lineParam) && lineParam > 0 ? lineParam : null;
  const viewParam = params.get("view");
  const view = viewParam === "source" || viewParam === "rendered" ? viewParam : null;

  const tree = useMemo(() => buildFileTree(files), [files]);
  const paths = useMemo(() => new Set(files.map((f) => f.path)), [files]);
  const selected = requested ? (files.find((f) => f.path === requested) ?? null) : null;
  const selectedPath = selected?.path ?? null;

  // Folders the reader closed. Opening a file (from the URL or a link) opens its folders again.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [openedFor, setOpenedFor] = useState<string | null>(null);
  if (selectedPath !== openedFor) {
    setOpenedFor(selectedPath);
    const up = selectedPath ? ancestorDirs(selectedPath) : [];
    if (up.some((d) => collapsed.has(d)))
      setCollapsed(new Set([...collapsed].filter((d) => !up.includes(d))));
  }
  const toggle = (dir: string) =>
    setCollapsed((cur) => {
      const next = new Set(cur);
      if (!next.delete(dir)) next.add(dir);
      return next;
    });

  const hrefOf = (path: string | null) => `${pathname}${withFileParam(search, path)}`;
  const open = (path: string | null) => window.history.pushState(null, "", hrefOf(path));
  // Rendered or source is part of the link too, but not a step of history.
  const replaceParam = useReplaceParam();
  const setView = (next: "rendered" | "source", isDefault: boolean) =>
    replaceParam("view", isDefault ? null : next);

  // When another file opens (not on first paint), bring the viewer into sight if it is below.
  const viewer = useRef<HTMLDivElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const el = viewer.current;
    if (!selectedPath || !el) return;
    const top = el.getBoundingClientRect().top;
    if (top > window.innerHeight - 160 || top < 0)
      el.scrollIntoView({ block: "start", behavior: "smooth" });
  }, [selectedPath]);

  if (!files.length) return <EmptyState title="No files">This version has no files.</EmptyState>;

  return (
    <div>
      <Card>
        <FileTree
          nodes={tree}
          selected={selectedPath}
          collapsed={collapsed}
          onToggle={toggle}
          onSelect={open}
          hrefOf={hrefOf}
        />
      </Card>
      <div ref={viewer}>
        {selected ? (
          <FileViewer
            key={`${selected.path}:${line ?? ""}`}
            version={{ org, name, version, apiBase }}
            file={selected}
            line={line}
            view={view}
            onView={setView}
            files={paths}
            hrefOf={hrefOf}
            onOpen={open}
            onClose={() => open(null)}
          />
        ) : requested ? (
          <p
            role="status"
            className="mt-4 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-inset ring-amber-200"
          >
            Version {version} has no file <code className="font-mono">{requested}</code>. Pick one
            from the list above.
          </p>
        ) : null}
      </div>
    </div>
  );
}
