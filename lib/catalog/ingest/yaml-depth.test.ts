// The lexer-based nesting pre-check: absurd YAML is stopped before the parser, plain YAML is not.
import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { yamlTooDeep } from "./yaml-depth";

const block = (depth: number) =>
  "x:\n" +
  Array.from({ length: depth }, (_, i) => `${"  ".repeat(i + 1)}k${i}:`).join("\n") +
  " 1\n";

describe("yamlTooDeep", () => {
  it.each([
    ["flow sequences", `x: ${"[".repeat(100_000)}1${"]".repeat(100_000)}`],
    ["flow mappings", `x: ${"{a: ".repeat(50_000)}1${"}".repeat(50_000)}`],
    ["compact sequences", `${"- ".repeat(100_000)}x\n`],
    ["block mappings", block(300)],
    [
      "brackets hidden behind quotes that are not quotes",
      `x: [${Array(2000).fill("a 'b, 'c]]]]]' [").join("")}1${"]".repeat(2000)}`,
    ],
  ])("stops %s past the limit, quickly", (_what, text) => {
    const started = Date.now();
    expect(yamlTooDeep(text, 128)).not.toBeNull();
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("names the line where the limit is passed", () => {
    expect(yamlTooDeep(`a: 1\nb: 2\nc: ${"[".repeat(200)}${"]".repeat(200)}\n`, 128)).toEqual({
      line: 3,
    });
  });

  it.each([
    [
      "a manifest",
      "schema: 1\nname: x\nflags:\n  a: {description: y, default: false}\nworkers:\n  b: {path: w.py, when: [a]}\nlist:\n  - - 1\n    - 2\n",
    ],
    ["brackets inside quotes", `a: '${"[".repeat(1000)}'\nb: "${"{".repeat(1000)}"\n`],
    [
      "an indented block scalar",
      `a: |\n${Array.from({ length: 500 }, (_, i) => `${" ".repeat(i + 2)}[[[[`).join("\n")}\nb: 1\n`,
    ],
    ["nesting at the limit", block(100)],
  ])("lets %s through", (_what, text) => {
    expect(yamlTooDeep(text, 128)).toBeNull();
    expect(parseDocument(text).errors).toEqual([]);
  });
});
