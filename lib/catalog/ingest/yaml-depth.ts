// A pre-check of YAML text before it reaches the parser: the `yaml` package composes nested
// collections recursively, and 10,000 levels of `[` (20 KB) exhaust its stack or even the
// process's memory (a crash, not an exception). Its lexer is a flat state machine, so the text is
// lexed first and the depth of flow collections (`[`, `{`) and block collections (rising
// indentation, `- ` and `? ` on one line) counted, stopping as soon as `limit` is passed. Block
// depth is estimated (a mapping inside a sequence item shares its line's count), so the exact
// depth is checked again on the parsed document; this only keeps absurd text from the parser.
import { CST, Lexer } from "yaml";

/** The first line on which the estimated nesting depth passes `limit`, or null if it never does. */
export function yamlTooDeep(text: string, limit: number): { line: number } | null {
  let line = 1;
  let flow = 0;
  let atLineStart = true;
  let pendingIndent = 0;
  let seqOnLine = 0;
  let scalarNext = false;
  const indents: number[] = [];
  const newlines = (tok: string) => {
    for (let i = tok.indexOf("\n"); i !== -1; i = tok.indexOf("\n", i + 1)) line++;
  };
  const beginLine = () => {
    atLineStart = false;
    if (flow > 0) return; // a flow collection over several lines: its brackets count
    while (indents.length && indents[indents.length - 1]! >= pendingIndent) indents.pop();
    indents.push(pendingIndent);
    seqOnLine = 0;
  };
  for (const tok of new Lexer().lex(text)) {
    if (scalarNext) {
      // A scalar's source (plain, or a block scalar's lines): content, whatever it looks like.
      scalarNext = false;
      newlines(tok);
      if (tok.endsWith("\n")) {
        atLineStart = true;
        pendingIndent = 0;
      }
      continue;
    }
    const type = CST.tokenType(tok);
    if (type === "newline") {
      line++;
      atLineStart = true;
      pendingIndent = 0;
      continue;
    }
    if (type === "space" && atLineStart) {
      pendingIndent = tok.length;
      continue;
    }
    if (type === "space" || type === "comment" || type === "doc-mode" || type === "byte-order-mark")
      continue;
    if (atLineStart) beginLine();
    if (type === "scalar") {
      scalarNext = true;
      continue;
    }
    if (type === "seq-item-ind" || type === "explicit-key-ind") {
      if (flow === 0) seqOnLine++;
    } else if (type === "flow-seq-start" || type === "flow-map-start") flow++;
    else if ((type === "flow-seq-end" || type === "flow-map-end") && flow > 0) flow--;
    else newlines(tok); // quoted scalars may span lines
    if (indents.length + seqOnLine + flow > limit) return { line };
  }
  return null;
}
