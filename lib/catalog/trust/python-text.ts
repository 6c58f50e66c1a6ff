// What the trust card reads in Python source without running it: the strings a model sees (module
// and function docstrings, `description=`/`help=` strings of parameters) and which function each
// line belongs to, with that function's docstring. A line-based reading, not a parser: good enough
// for evidence, and linear in the size of the file.

export interface TextRange {
  start: number;
  end: number;
}

export interface PyFunction {
  name: string;
  /** 1-based line of the `def`. */
  line: number;
  indent: number;
  docstring: string | null;
}

const TRIPLE = /[rRbBuUfF]{0,2}("""|''')/g;
const DESCRIPTION_STRING =
  /\b(?:description|desc|help|summary)\s*=\s*[rRuU]?(?:"((?:[^"\\\n]|\\.){0,4000})"|'((?:[^'\\\n]|\\.){0,4000})')/g;
const ANNOTATED_STRING =
  /\bAnnotated\[[^\]\n]{0,200}?,\s*[rRuU]?(?:"([^"\\\n]{1,4000})"|'([^'\\\n]{1,4000})')/g;

/** The model-facing strings of a Python file: every triple-quoted string (docstrings, prompts) and parameter descriptions. */
export function pythonModelText(source: string): TextRange[] {
  const out: TextRange[] = [];
  TRIPLE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TRIPLE.exec(source))) {
    const quote = m[1]!;
    const start = m.index + m[0].length;
    // Skip a triple quote inside a comment.
    const lineStart = source.lastIndexOf("\n", m.index) + 1;
    if (source.slice(lineStart, m.index).includes("#")) continue;
    const close = source.indexOf(quote, start);
    const end = close < 0 ? source.length : close;
    out.push({ start, end });
    TRIPLE.lastIndex = end + 3;
  }
  for (const re of [DESCRIPTION_STRING, ANNOTATED_STRING]) {
    for (const d of source.matchAll(re)) {
      const body = d[1] ?? d[2] ?? "";
      const start = d.index + d[0].length - body.length - 1;
      if (!out.some((r) => start >= r.start && start < r.end))
        out.push({ start, end: start + body.length });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The text with everything outside `ranges` blanked (line breaks kept), so offsets and lines stay those of the file. */
export function maskOutside(text: string, ranges: TextRange[]): string {
  let out = "";
  let at = 0;
  // A run at a time: one replacement per character costs more than the scans of the text.
  const blank = (s: string) => s.replace(/[^\r\n]+/g, (run) => " ".repeat(run.length));
  for (const r of ranges) {
    if (r.start < at) continue;
    out += blank(text.slice(at, r.start)) + text.slice(r.start, r.end);
    at = r.end;
  }
  return out + blank(text.slice(at));
}

const DEF = /^([ \t]*)(?:async[ \t]+)?def[ \t]+(\w+)/;

/** The functions of a file, with their docstrings. */
export function pythonFunctions(source: string): PyFunction[] {
  const lines = source.split(/\r?\n/);
  const out: PyFunction[] = [];
  lines.forEach((text, i) => {
    const m = DEF.exec(text);
    if (!m) return;
    // The docstring: the first statement after the signature (which may span lines).
    let j = i;
    while (
      j < lines.length &&
      !/\)\s*(?:->[^:]{0,200})?:\s*(?:#.*)?$/.test(lines[j]!) &&
      j < i + 30
    )
      j++;
    const next = lines
      .slice(j + 1, j + 60)
      .join("\n")
      .replace(/^\s*/, "");
    const doc =
      /^[rRuU]?("""|''')([\s\S]*?)\1/.exec(next) ??
      /^[rRuU]?("|')((?:\\.|(?!\1).){0,2000})\1/.exec(next);
    out.push({
      name: m[2]!,
      line: i + 1,
      indent: m[1]!.replace(/\t/g, "    ").length,
      docstring: doc ? doc[2]!.trim() || null : null,
    });
  });
  return out;
}

/** The innermost function a line (1-based) belongs to, by indentation. */
export function enclosingFunction(
  fns: PyFunction[],
  lines: string[],
  line: number,
): PyFunction | null {
  const indent = (lines[line - 1] ?? "").replace(/\t/g, "    ").search(/\S/);
  let best: PyFunction | null = null;
  for (const f of fns) {
    if (f.line >= line) break;
    if (f.indent < indent) {
      // Still inside it when no line between starts at or left of its indentation.
      let inside = true;
      for (let k = f.line; k < line - 1 && inside; k++) {
        const t = lines[k]!;
        if (t.trim() && !t.trim().startsWith("#")) {
          const ind = t.replace(/\t/g, "    ").search(/\S/);
          if (ind <= f.indent && !/^\s*[)\]}]/.test(t)) inside = false;
        }
      }
      if (inside) best = f;
    }
  }
  return best;
}
