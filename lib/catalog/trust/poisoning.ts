// Tool poisoning: the model-facing text of a capability scanned for hidden instructions
// (scan-model-text.ts), each finding placed at its file and line with a redacted excerpt. The text
// a model reads: agent prompts and SKILL.md files (frontmatter as tool text, the body as a
// prompt), Python docstrings and parameter descriptions, and the descriptions of the tools an MCP
// server declares (in .mcp.json or capability.yaml, found back at their line in that file).
import type { Component } from "@/lib/catalog/ingest/components";
import type { ApprovedTool } from "@/lib/catalog/tools/fingerprint";
import { splitFrontmatter } from "@/lib/text/frontmatter";
import { maskOutside, pythonModelText } from "./python-text";
import { placeHits } from "./scan";
import { findModelText, type ModelTextHit, type Surface } from "./scan-model-text";

/** A finding for one of the card's rule-based signals, with its evidence. */
export interface RuleFinding {
  /** The signal id, e.g. "content.exfiltration" or "capabilities.undeclared_behaviour". */
  signal: string;
  status: "warn" | "fail";
  path: string;
  line: number | null;
  /** What was seen, with a redacted excerpt. */
  detail: string;
}

/** Hits (sorted by offset) placed in their file: placeHits keeps their order. */
function place(path: string, text: string, hits: ModelTextHit[]): RuleFinding[] {
  return placeHits(path, text, hits).map((f, i) => ({
    signal: `content.${hits[i]!.signal}`,
    status: hits[i]!.status,
    path,
    line: f.line,
    detail: `${f.message}: ${f.excerpt}`,
  }));
}

/** Scans `text` twice when it has frontmatter: the frontmatter as tool text, the body as `bodySurface`. */
function markdown(path: string, text: string, bodySurface: Surface): RuleFinding[] {
  const { block } = splitFrontmatter(text);
  const front = block ? maskOutside(text, [{ start: 0, end: block.length }]) : null;
  const body = block ? maskOutside(text, [{ start: block.length, end: text.length }]) : text;
  const hits = [
    ...(front ? findModelText(front, "tool") : []),
    ...findModelText(body, bodySurface),
  ].sort((a, b) => a.at - b.at);
  return place(path, text, hits);
}

/** Descriptions inside a JSON Schema (properties, items, nested), with the property name they describe. */
function schemaTexts(
  schema: unknown,
  name: string | null,
  out: { name: string | null; text: string }[],
  depth = 0,
) {
  if (!schema || typeof schema !== "object" || depth > 8) return;
  const s = schema as Record<string, unknown>;
  if (typeof s.description === "string" && depth > 0) out.push({ name, text: s.description });
  if (typeof s.title === "string" && depth > 0) out.push({ name, text: s.title });
  const props = s.properties;
  if (props && typeof props === "object")
    for (const [k, v] of Object.entries(props as Record<string, unknown>))
      schemaTexts(v, k, out, depth + 1);
  for (const key of ["items", "additionalProperties"])
    if (s[key] && typeof s[key] === "object") schemaTexts(s[key], name, out, depth + 1);
  for (const key of ["anyOf", "oneOf", "allOf"])
    if (Array.isArray(s[key]))
      for (const v of s[key] as unknown[]) schemaTexts(v, name, out, depth + 1);
}

/** Parameter names that only make sense as a side channel ("sidenote", "hidden_note"…). */
const SMUGGLING_PARAM =
  /^(?:side[_-]?notes?|hidden[_-]?\w{0,20}|secret[_-]?notes?|covert\w{0,20}|exfil\w{0,20}|backdoor\w{0,20}|notes?[_-]?to[_-]?self|debug[_-]?context|extra[_-]?context|context[_-]?dump)$/i;

/** The 1-based line of `needle`'s first occurrence at or after `from`, in a file; null when absent. */
function lineOf(file: string, needle: string, from = 0): number | null {
  if (!needle) return null;
  const at = file.indexOf(needle, from);
  if (at < 0) return null;
  let n = 1;
  for (let i = file.indexOf("\n"); i >= 0 && i < at; i = file.indexOf("\n", i + 1)) n++;
  return n;
}

/** A probe to find a description's line in the file it was declared in: its longest plain run. */
function probe(line: string): string {
  const runs = line.split(/["\\\n\r\t]/).map((r) => r.trim());
  return runs.sort((a, b) => b.length - a.length)[0]?.slice(0, 60) ?? "";
}

function mcpTools(components: Component[], fileText: (p: string) => string | null): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const c of components) {
    if (c.type !== "mcp_server") continue;
    const tools = (c.metadata?.tools as ApprovedTool[] | undefined) ?? [];
    const file = fileText(c.path) ?? "";
    for (const tool of tools) {
      const toolAt = Math.max(0, file.indexOf(tool.name));
      const texts: { name: string | null; text: string }[] = [];
      if (tool.description) texts.push({ name: null, text: tool.description });
      schemaTexts(tool.input_schema, null, texts);
      const where = (name: string | null) =>
        `MCP server '${c.name}', tool '${tool.name}'${name ? `, parameter '${name}'` : ""}`;
      for (const { name, text } of texts) {
        const hits = findModelText(text, "tool");
        for (const [i, f] of placeHits(c.path, text, hits).entries()) {
          const h = hits[i]!;
          const lineText = text.split(/\r\n|\r|\n/)[f.line - 1] ?? "";
          out.push({
            signal: `content.${h.signal}`,
            status: h.status,
            path: c.path,
            line: lineOf(file, probe(lineText), toolAt) ?? lineOf(file, tool.name),
            detail: `${where(name)}: ${f.message}: ${f.excerpt}`,
          });
        }
      }
      for (const param of Object.keys(
        ((tool.input_schema as { properties?: Record<string, unknown> }).properties ??
          {}) as object,
      )) {
        if (!SMUGGLING_PARAM.test(param)) continue;
        out.push({
          signal: "content.exfiltration",
          status: "warn",
          path: c.path,
          // As a key: "sidenote": in JSON, sidenote: in YAML (its name may also occur in prose).
          line:
            lineOf(file, `"${param}"`, toolAt) ??
            lineOf(file, `${param}:`, toolAt) ??
            lineOf(file, tool.name),
          detail: `${where(param)}: a parameter named like a side channel, which a poisoned description can tell the model to fill with private data`,
        });
      }
    }
  }
  return out;
}

/** Hidden instructions in every model-facing text of a version. */
export function scanModelFacing(
  files: { path: string; text: string }[],
  components: Component[],
): RuleFinding[] {
  const prompts = new Set(
    components.filter((c) => c.type === "agent" || c.type === "skill").map((c) => c.path),
  );
  const byPath = new Map(files.map((f) => [f.path, f.text]));
  const out: RuleFinding[] = [];
  for (const f of files) {
    if (prompts.has(f.path)) out.push(...markdown(f.path, f.text, "prompt"));
    else if (f.path.endsWith(".py")) {
      const ranges = pythonModelText(f.text);
      if (ranges.length)
        out.push(...place(f.path, f.text, findModelText(maskOutside(f.text, ranges), "tool")));
    }
  }
  out.push(...mcpTools(components, (p) => byPath.get(p) ?? null));
  return out;
}
