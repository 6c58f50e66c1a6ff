// Hidden characters as markers in highlighted code, Markdown and plain text: the label is visible,
// the character itself stays (for copy and paste) inside an isolating, undrawn span.
import type { ElementContent } from "hast";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CodeView } from "./code-view";
import { highlightNodes } from "./highlight";
import { markHiddenNodes, MarkedText } from "./hidden-marks";
import { MarkdownView } from "./markdown";

const textOf = (nodes: ElementContent[]): string =>
  nodes
    .map((n) => (n.type === "text" ? n.value : n.type === "element" ? textOf(n.children) : ""))
    .join("");

describe("markers", () => {
  it("survive highlighting: a string token keeps its colour and gains the marker", () => {
    const code = 'x = "re\u200Bstart"  # \u202Eevil\u202C';
    const nodes = markHiddenNodes(highlightNodes(code, "python"));
    expect(textOf(nodes)).toBe(code);
    const html = renderToStaticMarkup(
      createElement(CodeView, { code, language: "python", marks: true }),
    );
    expect(html).toMatch(/<span class="hljs-string[^"]*">&quot;re<span data-hidden-char="U\+200B"/);
    expect(html.match(/data-hidden-char=/g)).toHaveLength(3);
    expect(html).toContain('title="Right-to-left override (U+202E), a hidden character"');
    expect(html).toContain("[unicode-bidi:isolate]");
  });

  it("are left out when not asked for, and in plain text over the highlight limit are still shown", () => {
    const code = "a\u202Eb";
    expect(
      renderToStaticMarkup(createElement(CodeView, { code, language: "python" })),
    ).not.toContain("data-hidden-char");
    const plain = renderToStaticMarkup(
      createElement(CodeView, { code, language: "python", highlight: false, marks: true }),
    );
    expect(plain).toContain('data-hidden-char="U+202E"');
  });

  it("show in rendered Markdown text, code spans and frontmatter", () => {
    const source =
      "---\nname: bad\u200Bname\n---\n# Title\n\n- Only \u202Eevil\u202C text\n\n`co\u2060de`\n";
    const html = renderToStaticMarkup(createElement(MarkdownView, { source, marks: true }));
    expect(html.match(/data-hidden-char=/g)).toHaveLength(4);
    expect(renderToStaticMarkup(createElement(MarkdownView, { source }))).not.toContain(
      "data-hidden-char",
    );
  });

  it("render nothing extra for clean text", () => {
    expect(renderToStaticMarkup(createElement(MarkedText, { text: "clean" }))).toBe("clean");
  });
});
