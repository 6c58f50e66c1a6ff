// Frontmatter of agent and skill Markdown files.
import { describe, expect, it } from "vitest";
import { readFrontmatter } from "./frontmatter";

describe("readFrontmatter", () => {
  it("splits flat frontmatter into rows and the body", () => {
    const { frontmatter, body } = readFrontmatter(
      "---\nname: reviewer\nmax_turns: 8\ntools: [a.b, c.d]\nnote:\n---\n# Body\n",
    );
    expect(frontmatter?.rows).toEqual([
      { key: "name", value: "reviewer" },
      { key: "max_turns", value: "8" },
      { key: "tools", value: ["a.b", "c.d"] },
      { key: "note", value: "" },
    ]);
    expect(body).toBe("# Body\n");
  });

  it("keeps nested or invalid YAML as source only", () => {
    expect(readFrontmatter("---\na:\n  b: 1\n---\nx").frontmatter).toEqual({
      raw: "a:\n  b: 1",
      rows: null,
    });
    expect(readFrontmatter("---\na: [unclosed\n---\nx").frontmatter?.rows).toBeNull();
    expect(readFrontmatter("---\n- a\n- b\n---\nx").frontmatter?.rows).toBeNull();
  });

  it("handles CRLF, a BOM and an empty block", () => {
    expect(readFrontmatter("\uFEFF---\r\nname: x\r\n---\r\nbody").frontmatter?.rows).toEqual([
      { key: "name", value: "x" },
    ]);
    expect(readFrontmatter("---\n---\nbody")).toEqual({
      frontmatter: { raw: "", rows: null },
      body: "body",
    });
  });

  it("leaves documents without frontmatter, or with a rule further down, alone", () => {
    expect(readFrontmatter("# Title\n\n---\n\ntext")).toEqual({
      frontmatter: null,
      body: "# Title\n\n---\n\ntext",
    });
    expect(readFrontmatter("--- not a fence\n")).toEqual({
      frontmatter: null,
      body: "--- not a fence\n",
    });
  });
});

it("shows deeply nested frontmatter as text, without parsing it", () => {
  const deep = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
  const started = Date.now();
  const { frontmatter, body } = readFrontmatter(`---
x: ${deep}
---
# Title
`);
  expect(frontmatter).toEqual({ raw: `x: ${deep}`, rows: null });
  expect(body).toBe("# Title\n");
  expect(Date.now() - started).toBeLessThan(2000);
});
