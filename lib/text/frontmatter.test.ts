// Where frontmatter starts and ends: what ingest reads, the renderer shows and promote keeps.
import { describe, expect, it } from "vitest";
import { splitFrontmatter } from "./frontmatter";

describe("splitFrontmatter", () => {
  it("splits the YAML from the body and keeps the block as written", () => {
    const text = "---\nname: reviewer\nmodel: x\n---\n# Body\n";
    const { block, yaml, body } = splitFrontmatter(text);
    expect(yaml).toBe("name: reviewer\nmodel: x");
    expect(body).toBe("# Body\n");
    expect(block + body).toBe(text);
  });

  it("handles CRLF, a byte order mark, trailing spaces on the fences, and `...` as the close", () => {
    expect(splitFrontmatter("\uFEFF---\r\nname: x\r\n---\r\nbody")).toEqual({
      block: "\uFEFF---\r\nname: x\r\n---\r\n",
      yaml: "name: x",
      body: "body",
    });
    expect(splitFrontmatter("--- \nname: x\n... \nbody").yaml).toBe("name: x");
  });

  it("tells an empty block from none", () => {
    expect(splitFrontmatter("---\n---\nbody")).toEqual({
      block: "---\n---\n",
      yaml: "",
      body: "body",
    });
    expect(splitFrontmatter("---\nname: x\n---").body).toBe("");
  });

  it("leaves documents without frontmatter, or with a rule further down, alone", () => {
    for (const text of ["# Title\n\n---\n\ntext", "--- not a fence\n", "---\nno close\n", ""])
      expect(splitFrontmatter(text), JSON.stringify(text)).toEqual({
        block: "",
        yaml: null,
        body: text,
      });
  });
});
