// Highlighted code as React elements, with or without line numbers. Shared by the file viewer and
// the Markdown renderer; usable in server and client components. No HTML strings are involved:
// the tokens are a hast tree turned into elements, so text reaches the DOM as text.
import type { Root } from "hast";
import { toJsxRuntime } from "hast-util-to-jsx-runtime";
import { Fragment, jsx, jsxs } from "react/jsx-runtime";
import type { ReactElement } from "react";
import { markHiddenNodes, MarkedText } from "./hidden-marks";
import { highlightNodes } from "./highlight";

/**
 * The tokens of `code` in `language` ("plaintext" or an unknown language: the text as is);
 * with `marks`, hidden characters show as markers (lib/catalog/render/hidden-marks.tsx).
 */
export function HighlightedTokens({
  code,
  language,
  marks = false,
}: {
  code: string;
  language: string | null;
  marks?: boolean;
}): ReactElement {
  const nodes = highlightNodes(code, language);
  const tree: Root = { type: "root", children: marks ? markHiddenNodes(nodes) : nodes };
  return toJsxRuntime(tree, { Fragment, jsx, jsxs });
}

/** Splits off one trailing newline, which would otherwise count as an empty last line. */
function lineCount(code: string): number {
  if (!code) return 1;
  const body = code.endsWith("\n") ? code.slice(0, -1) : code;
  let n = 1;
  for (let i = body.indexOf("\n"); i !== -1; i = body.indexOf("\n", i + 1)) n++;
  return n;
}

/**
 * A file's text with line numbers in a gutter beside it. The gutter is one `<pre>` of numbers
 * with the same line height as the code, hidden from screen readers and from selection, so that
 * copying the code copies only the code. `mark` tints one line (a finding's location); the
 * client scrolls to it through its `data-line-mark` attribute. `marks` shows hidden characters.
 */
export function CodeView({
  code,
  language,
  highlight = true,
  mark,
  marks = false,
}: {
  code: string;
  language: string;
  highlight?: boolean;
  mark?: number | null;
  marks?: boolean;
}) {
  const lines = lineCount(code);
  const text = code.endsWith("\n") ? code.slice(0, -1) : code;
  const marked = mark && mark >= 1 && mark <= lines ? mark : null;
  return (
    <div
      className="relative flex font-mono text-xs leading-5"
      data-testid="code-view"
      data-language={highlight ? language : "plaintext"}
    >
      <pre
        aria-hidden="true"
        className="shrink-0 select-none border-r border-slate-200 bg-slate-50 px-3 py-3 text-right text-slate-400"
      >
        {Array.from({ length: lines }, (_, i) => i + 1).join("\n")}
      </pre>
      <pre className="min-w-0 flex-1 overflow-x-auto px-4 py-3 text-slate-800">
        <code className={highlight ? `hljs language-${language}` : undefined}>
          {highlight ? (
            <HighlightedTokens code={text} language={language} marks={marks} />
          ) : marks ? (
            <MarkedText text={text} />
          ) : (
            text
          )}
        </code>
      </pre>
      {marked ? (
        <div
          aria-hidden="true"
          data-line-mark={marked}
          className="pointer-events-none absolute inset-x-0 h-5 bg-amber-300/25 ring-1 ring-inset ring-amber-400/60"
          style={{ top: `calc(0.75rem + ${(marked - 1) * 1.25}rem)` }}
        />
      ) : null}
    </div>
  );
}
