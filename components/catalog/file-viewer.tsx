"use client";
// One file of a capability version: Markdown rendered (or its source), other text highlighted
// by extension with line numbers, binary and very large files offered for download. The raw
// link and the full sha256 stay in view.
import { useEffect, useMemo, useRef, useState, type MouseEvent, type ReactNode } from "react";
import { Button, segmentFocusClass } from "@/components/ui/button";
import { Card, ErrorState, LoadingRows } from "@/components/ui/card";
import { CodeView } from "@/lib/catalog/render/code-view";
import { PREVIEW_LIMIT_BYTES } from "@/lib/catalog/render/file-content";
import type { TreeFile } from "@/lib/catalog/render/file-tree";
import { formatBytes } from "@/lib/format";
import {
  HIGHLIGHT_LIMIT_BYTES,
  isMarkdownPath,
  languageForPath,
} from "@/lib/catalog/render/highlight";
import { MarkdownView, type BundleLinks } from "@/lib/catalog/render/markdown";
import { basename, dirname, fileUrl } from "@/lib/catalog/render/paths";
import { countHidden } from "@/lib/catalog/trust/hidden-chars";
import { useCapabilityFile } from "./file-hooks";
import { HiddenTextBanner } from "./hidden-banner";

export interface VersionRef {
  org: string;
  name: string;
  version: string;
  /** The file route of this version: `/api/v1/org/{org}/capabilities/{name}/{version}/files`. */
  apiBase: string;
}

const linkClass = "text-sm font-medium text-indigo-700 hover:underline";

function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const t = setTimeout(() => setState("idle"), 1500);
    return () => clearTimeout(t);
  }, [state]);
  return (
    <button
      type="button"
      aria-label={label}
      onClick={() =>
        navigator.clipboard?.writeText(value).then(
          () => setState("copied"),
          () => setState("failed"),
        ) ?? setState("failed")
      }
      className="rounded px-1.5 py-0.5 text-xs font-medium text-slate-600 ring-1 ring-inset ring-slate-300 hover:bg-white focus-visible:outline-2 focus-visible:outline-indigo-500"
    >
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : "Copy"}
    </button>
  );
}

function Notice({ children }: { children: ReactNode }) {
  return <div className="px-5 py-8 text-center text-sm text-slate-600">{children}</div>;
}

export function FileViewer({
  version,
  file,
  line,
  view,
  onView,
  files,
  hrefOf,
  onOpen,
  onClose,
}: {
  version: VersionRef;
  file: TreeFile;
  /** A line to mark and scroll to (from `?line=`). */
  line: number | null;
  /** Markdown shown rendered or as source (from `?view=`); null: the default. */
  view: "rendered" | "source" | null;
  onView: (view: "rendered" | "source", isDefault: boolean) => void;
  files: ReadonlySet<string>;
  hrefOf: (path: string) => string;
  onOpen: (path: string) => void;
  onClose: () => void;
}) {
  const markdown = isMarkdownPath(file.path);
  // Line numbers refer to the source, so a marked line shows the source unless the URL says.
  const defaultMode = line ? "source" : "rendered";
  const mode = view ?? defaultMode;
  const setMode = (m: "rendered" | "source") => onView(m, m === defaultMode);
  const tooBig = file.size > PREVIEW_LIMIT_BYTES;
  const query = useCapabilityFile(
    version.apiBase,
    version.org,
    version.name,
    version.version,
    file.path,
    !tooBig,
  );
  const raw = fileUrl(version.apiBase, file.path);
  const body = useRef<HTMLDivElement>(null);
  const loaded = query.data?.kind === "text";
  const text = query.data?.kind === "text" ? query.data.text : "";
  const hidden = useMemo(() => countHidden(text), [text]);
  // Hidden characters show as markers unless the reader asks to see the text as it renders.
  const [marks, setMarks] = useState(true);

  useEffect(() => {
    if (loaded && line)
      body.current?.querySelector("[data-line-mark]")?.scrollIntoView({ block: "center" });
  }, [loaded, line, mode]);

  const links: BundleLinks = {
    baseDir: dirname(file.path),
    files,
    fileHref: hrefOf,
    imageSrc: (p) => fileUrl(version.apiBase, p),
  };
  // Links to other files of the bundle (rendered with data-file-path) open here, not by reload.
  const onBodyClick = (e: MouseEvent<HTMLDivElement>) => {
    const a = (e.target as Element).closest?.("a[data-file-path]");
    if (!a || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    onOpen(a.getAttribute("data-file-path")!);
  };

  const download = (
    <a className={linkClass} href={raw} download={basename(file.path)}>
      Download
    </a>
  );

  let content: ReactNode;
  if (tooBig) {
    content = (
      <Notice>
        This file is {formatBytes(file.size)}, too large to preview here. {download} it instead.
      </Notice>
    );
  } else if (query.isPending) {
    content = (
      <div className="p-4">
        <LoadingRows rows={4} />
      </div>
    );
  } else if (query.isError) {
    content = (
      <div className="p-4">
        <ErrorState
          title="Could not load the file"
          message={`${query.error.message}. Try again, or open the raw file.`}
          onRetry={() => query.refetch()}
        />
      </div>
    );
  } else if (query.data.kind === "binary") {
    content = (
      <Notice>
        Binary file, {query.data.size.toLocaleString("en")} bytes. {download} it to look inside.
      </Notice>
    );
  } else if (!query.data.text) {
    content = <Notice>This file is empty.</Notice>;
  } else if (markdown && mode === "rendered" && file.size <= HIGHLIGHT_LIMIT_BYTES) {
    content = (
      <MarkdownView
        source={query.data.text}
        links={links}
        headingOffset={3}
        className="px-5 py-4"
        marks={marks}
      />
    );
  } else {
    const highlight = file.size <= HIGHLIGHT_LIMIT_BYTES;
    content = (
      <>
        {!highlight ? (
          <p className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-xs text-amber-900">
            Shown without highlighting: the file is over {formatBytes(HIGHLIGHT_LIMIT_BYTES)}.
          </p>
        ) : null}
        <CodeView
          code={query.data.text}
          language={languageForPath(file.path)}
          highlight={highlight}
          mark={line}
          marks={marks}
        />
      </>
    );
  }

  return (
    <section id="file-viewer" aria-label={`File ${file.path}`} className="mt-4 scroll-mt-4">
      <Card className="overflow-hidden">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-200 bg-slate-50 px-4 py-2">
          <h3 className="min-w-0 flex-1 basis-48 break-all font-mono text-sm font-semibold text-slate-900">
            {file.path}
          </h3>
          {markdown ? (
            <div
              role="group"
              aria-label="Markdown view"
              className="inline-flex overflow-hidden rounded-md ring-1 ring-inset ring-slate-300"
            >
              {(["rendered", "source"] as const).map((m) => (
                <button
                  key={m}
                  type="button"
                  aria-pressed={mode === m}
                  onClick={() => setMode(m)}
                  className={`px-2.5 py-1 text-xs font-medium ${segmentFocusClass(mode === m)} ${mode === m ? "bg-indigo-600 text-white" : "bg-white text-slate-700 hover:bg-slate-50"}`}
                >
                  {m === "rendered" ? "Rendered" : "Source"}
                </button>
              ))}
            </div>
          ) : null}
          <a className={linkClass} href={raw} target="_blank" rel="noopener noreferrer">
            Raw
          </a>
          {download}
          <Button variant="ghost" className="px-2 py-1" aria-label="Close file" onClick={onClose}>
            <span aria-hidden="true">✕</span>
          </Button>
        </div>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-100 px-4 py-1.5 text-xs text-slate-500">
          <span>{formatBytes(file.size)}</span>
          <span className="min-w-0 break-all font-mono" title="sha256 of the file's bytes">
            sha256 {file.sha256}
          </span>
          <CopyButton value={file.sha256} label="Copy sha256" />
        </div>
        {loaded ? (
          <HiddenTextBanner counts={hidden} shown={marks} onToggle={() => setMarks(!marks)} />
        ) : null}
        <div ref={body} onClick={onBodyClick} className="max-h-[75vh] overflow-y-auto">
          {content}
        </div>
      </Card>
    </section>
  );
}
