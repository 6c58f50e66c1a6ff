// Syntax highlighting of bundle files and fenced code blocks: highlight.js grammars (only the
// languages bundles carry) through lowlight, which returns a hast tree rather than an HTML string,
// so the output is rendered as React elements and text is escaped by React like any other text.
// Token classes get Tailwind colours here (GitHub's light palette), so no global theme CSS.
import type { Element, ElementContent, Root } from "hast";
import bash from "highlight.js/lib/languages/bash";
import diff from "highlight.js/lib/languages/diff";
import dockerfile from "highlight.js/lib/languages/dockerfile";
import ini from "highlight.js/lib/languages/ini";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import markdown from "highlight.js/lib/languages/markdown";
import plaintext from "highlight.js/lib/languages/plaintext";
import python from "highlight.js/lib/languages/python";
import shell from "highlight.js/lib/languages/shell";
import sql from "highlight.js/lib/languages/sql";
import typescript from "highlight.js/lib/languages/typescript";
import xml from "highlight.js/lib/languages/xml";
import yaml from "highlight.js/lib/languages/yaml";
import { createLowlight } from "lowlight";
import { basename } from "./paths";

// `ini` also answers to `toml`; `xml` to `html` and `svg`; `bash` to `sh` and `zsh`; `shell` is
// for console sessions (`$ command` lines).
const lowlight = createLowlight({
  bash,
  diff,
  dockerfile,
  ini,
  javascript,
  json,
  markdown,
  plaintext,
  python,
  shell,
  sql,
  typescript,
  xml,
  yaml,
});

/** Files bigger than this are shown as plain text: highlighting them would stall the page. */
export const HIGHLIGHT_LIMIT_BYTES = 512 * 1024;

const byExtension: Record<string, string> = {
  py: "python",
  pyi: "python",
  yaml: "yaml",
  yml: "yaml",
  json: "json",
  jsonc: "json",
  json5: "json",
  md: "markdown",
  markdown: "markdown",
  sh: "bash",
  bash: "bash",
  zsh: "bash",
  ts: "typescript",
  tsx: "typescript",
  mts: "typescript",
  cts: "typescript",
  js: "javascript",
  jsx: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  toml: "ini",
  ini: "ini",
  cfg: "ini",
  conf: "ini",
  dockerfile: "dockerfile",
  sql: "sql",
  html: "xml",
  htm: "xml",
  xml: "xml",
  svg: "xml",
  diff: "diff",
  patch: "diff",
  txt: "plaintext",
};

/** The highlight.js language of a bundle file, by name then extension; "plaintext" if unknown. */
export function languageForPath(path: string): string {
  const name = basename(path).toLowerCase();
  if (name === "dockerfile" || name.startsWith("dockerfile.") || name.endsWith(".dockerfile"))
    return "dockerfile";
  if (name === ".env" || name.startsWith(".env.")) return "bash";
  if (name === "readme" || name === "license") return "plaintext";
  const dot = name.lastIndexOf(".");
  return (dot === -1 ? undefined : byExtension[name.slice(dot + 1)]) ?? "plaintext";
}

/** Whether a file (or a fenced block's info string) names Markdown. */
export function isMarkdownPath(path: string): boolean {
  return languageForPath(path) === "markdown";
}

/** The registered language for a fenced block's info string (`py`, `yml`, `toml`…), or null. */
export function languageForFence(lang: string | undefined | null): string | null {
  const l = (lang ?? "").trim().toLowerCase();
  if (!l) return null;
  return lowlight.registered(l) ? l : null;
}

// highlight.js scope → Tailwind classes (after GitHub's light theme).
const tokenClasses: Record<string, string> = {
  keyword: "text-rose-700",
  doctag: "text-rose-700",
  type: "text-rose-700",
  "template-tag": "text-rose-700",
  "template-variable": "text-rose-700",
  title: "text-violet-700",
  attr: "text-sky-800",
  attribute: "text-sky-800",
  literal: "text-sky-800",
  meta: "text-sky-800",
  number: "text-sky-800",
  operator: "text-sky-800",
  variable: "text-sky-800",
  "selector-attr": "text-sky-800",
  "selector-class": "text-sky-800",
  "selector-id": "text-sky-800",
  property: "text-sky-800",
  regexp: "text-blue-900",
  string: "text-blue-900",
  built_in: "text-orange-700",
  symbol: "text-orange-700",
  comment: "italic text-slate-500",
  code: "text-slate-600",
  formula: "text-slate-500",
  name: "text-emerald-700",
  quote: "text-emerald-700",
  "selector-tag": "text-emerald-700",
  "selector-pseudo": "text-emerald-700",
  subst: "text-slate-800",
  params: "text-slate-800",
  section: "font-semibold text-sky-800",
  bullet: "text-amber-700",
  emphasis: "italic",
  strong: "font-semibold",
  link: "underline",
  addition: "bg-emerald-50 text-emerald-800",
  deletion: "bg-red-50 text-red-800",
};

/** Adds the Tailwind colour of each token's highlight.js scope to its classes (hljs-* kept). */
function colour(nodes: ElementContent[]): void {
  for (const node of nodes) {
    if (node.type !== "element") continue;
    const classes = Array.isArray(node.properties.className)
      ? node.properties.className.map(String)
      : [];
    const scope = classes.find((c) => c.startsWith("hljs-"))?.slice(5);
    const extra = scope ? tokenClasses[scope] : undefined;
    if (extra) node.properties.className = [...classes, ...extra.split(" ")];
    colour(node.children);
  }
}

/**
 * The highlighted tokens of `code` as hast nodes: spans with classes around text nodes, nothing
 * else (lowlight builds no other element and copies no attribute from the input). Unknown
 * languages and code over the size limit come back as one text node.
 */
export function highlightNodes(code: string, language: string | null): ElementContent[] {
  const lang = language && lowlight.registered(language) ? language : null;
  if (!lang || lang === "plaintext" || code.length > HIGHLIGHT_LIMIT_BYTES)
    return [{ type: "text", value: code }];
  let tree: Root;
  try {
    tree = lowlight.highlight(lang, code);
  } catch {
    return [{ type: "text", value: code }];
  }
  const nodes = tree.children.filter(
    (n): n is ElementContent => n.type === "element" || n.type === "text",
  );
  colour(nodes);
  return nodes;
}

/** A `<code>` hast element holding the highlighted tokens. */
export function highlightedCodeElement(code: string, language: string | null): Element {
  const lang = language && lowlight.registered(language) ? language : null;
  return {
    type: "element",
    tagName: "code",
    properties: { className: ["hljs", ...(lang ? [`language-${lang}`] : [])] },
    children: highlightNodes(code, lang),
  };
}
