// Language detection and highlighting of bundle files.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CodeView } from "./code-view";
import {
  HIGHLIGHT_LIMIT_BYTES,
  highlightNodes,
  languageForFence,
  languageForPath,
} from "./highlight";

describe("languageForPath", () => {
  it.each([
    ["tools/inventory.py", "python"],
    ["capability.yaml", "yaml"],
    ["config.yml", "yaml"],
    [".mcp.json", "json"],
    ["agents/operator.md", "markdown"],
    ["skills/x/SKILL.md", "markdown"],
    ["scripts/setup.sh", "bash"],
    ["src/index.ts", "typescript"],
    ["web/app.mjs", "javascript"],
    ["pyproject.toml", "ini"],
    ["Dockerfile", "dockerfile"],
    ["docker/worker.Dockerfile", "dockerfile"],
    ["queries/top.sql", "sql"],
    ["LICENSE", "plaintext"],
    ["notes.txt", "plaintext"],
    ["image.png", "plaintext"],
    [".gitignore", "plaintext"],
  ])("%s → %s", (path, lang) => {
    expect(languageForPath(path)).toBe(lang);
  });
});

describe("languageForFence", () => {
  it("accepts highlight.js names and aliases, nothing else", () => {
    expect(languageForFence("py")).toBe("py");
    expect(languageForFence("YAML")).toBe("yaml");
    expect(languageForFence("toml")).toBe("toml");
    expect(languageForFence("sh")).toBe("sh");
    expect(languageForFence("brainfuck")).toBeNull();
    expect(languageForFence("")).toBeNull();
    expect(languageForFence(undefined)).toBeNull();
  });
});

describe("highlightNodes", () => {
  it("returns tokens with their scope and a Tailwind colour", () => {
    const nodes = highlightNodes("def f():\n    return 1", "python");
    const keyword = nodes.find((n) => n.type === "element");
    expect(keyword).toMatchObject({
      type: "element",
      tagName: "span",
      properties: { className: expect.arrayContaining(["hljs-keyword", "text-rose-700"]) },
    });
  });

  it("leaves plain text, unknown languages and huge files as one text node", () => {
    expect(highlightNodes("x = 1", "plaintext")).toEqual([{ type: "text", value: "x = 1" }]);
    expect(highlightNodes("x = 1", "nope")).toEqual([{ type: "text", value: "x = 1" }]);
    const huge = "x = 1\n".repeat(HIGHLIGHT_LIMIT_BYTES / 6 + 1);
    expect(highlightNodes(huge, "python")).toEqual([{ type: "text", value: huge }]);
  });
});

describe("CodeView", () => {
  it("numbers lines and escapes the code", () => {
    const html = renderToStaticMarkup(
      createElement(CodeView, { code: 'print("<script>")\n# done\n', language: "python" }),
    );
    expect(html).toContain('<pre aria-hidden="true"');
    expect(html).toMatch(/>1\n2<\/pre>/);
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain("<script>");
    expect(html).toContain("hljs-comment");
  });

  it("marks the line asked for, and none outside the file", () => {
    const code = "a = 1\nb = 2\nc = 3\n";
    const marked = renderToStaticMarkup(
      createElement(CodeView, { code, language: "python", mark: 2 }),
    );
    expect(marked).toMatch(/data-line-mark="2"[^>]*style="top:calc\(0.75rem \+ 1.25rem\)"/);
    expect(
      renderToStaticMarkup(createElement(CodeView, { code, language: "python", mark: 4 })),
    ).not.toContain("data-line-mark");
  });

  it("shows unhighlighted text when asked", () => {
    const html = renderToStaticMarkup(
      createElement(CodeView, { code: "def f(): pass", language: "python", highlight: false }),
    );
    expect(html).not.toContain("hljs-keyword");
    expect(html).toContain("def f(): pass");
  });
});
