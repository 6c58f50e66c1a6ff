// The bundle Markdown renderer, rendered to static HTML as the server renders the README: hostile
// input stays inert, links and images follow the rules, GFM and frontmatter render.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MarkdownView, type BundleLinks } from "./markdown";

const links: BundleLinks = {
  baseDir: "skills/runbook",
  files: new Set([
    "README.md",
    "skills/runbook/SKILL.md",
    "skills/runbook/diagram.png",
    "tools/inventory.py",
  ]),
  fileHref: (p) => `/acme/catalog/ops?version=1.0.0&file=${p}`,
  imageSrc: (p) => `/api/v1/org/acme/capabilities/ops/1.0.0/files/${p}`,
};

const render = (source: string, l: BundleLinks | null = links) =>
  renderToStaticMarkup(createElement(MarkdownView, { source, links: l ?? undefined }));

/** The tags and attributes of the output, to assert on what the browser would build. */
const tags = (html: string) =>
  [...html.matchAll(/<([a-z0-9]+)([^>]*)>/gi)].map((m) => ({
    tag: m[1]!.toLowerCase(),
    attrs: m[2]!,
  }));

describe("raw HTML is inert", () => {
  const hostile = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    '<iframe src="https://evil.example/"></iframe>',
    '<a href="javascript:alert(1)">click</a>',
    '<div onclick="alert(1)" style="position:fixed">overlay</div>',
    "<svg><script>alert(1)</script></svg>",
    "Inline <b onmouseover=alert(1)>bold</b> html.",
  ].join("\n\n");

  it("builds no element from HTML in the source, and shows it as text", () => {
    const html = render(hostile);
    const built = tags(html).map((t) => t.tag);
    for (const tag of ["script", "img", "iframe", "svg", "div", "b"]) {
      // The wrapper is the only div, and it is ours.
      expect(built.filter((t) => t === tag).length, tag).toBe(tag === "div" ? 1 : 0);
    }
    expect(tags(html).filter((t) => /\son[a-z]+=/i.test(t.attrs))).toEqual([]);
    expect(tags(html).filter((t) => t.tag === "pre").length).toBeGreaterThanOrEqual(4);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;iframe");
  });

  it("drops HTML comments instead of showing them", () => {
    const html = render("before\n\n<!-- a note for editors -->\n\nafter");
    expect(html).not.toContain("a note for editors");
    expect(html).toContain("after");
  });
});

describe("links", () => {
  it("renders javascript:, data: and vbscript: links as plain text", () => {
    const html = render(
      "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](&#106;avascript:alert(1)) [d](data:text/html;base64,PHNjcmlwdD4=) [e](vbscript:msgbox) [f](<java\tscript:alert(1)>)",
    );
    expect(html).not.toMatch(/javascript|vbscript|data:/i);
    expect(tags(html).filter((t) => t.tag === "a")).toEqual([]);
    for (const text of ["a", "b", "c", "d", "e", "f"]) expect(html).toContain(`>${text}</span>`);
  });

  it("opens other sites in a new tab without opener, referrer or endorsement", () => {
    const html = render(
      "[site](https://example.com/x) and <https://auto.example/> and [mail](mailto:a@example.com) and [proto](//evil.example/)",
    );
    const anchors = tags(html).filter((t) => t.tag === "a");
    expect(anchors).toHaveLength(4);
    for (const a of anchors) {
      expect(a.attrs).toContain('target="_blank"');
      expect(a.attrs).toContain('rel="noopener noreferrer nofollow"');
    }
    expect(html).toContain('href="https://example.com/x"');
  });

  it("sends relative links to files of the version to the viewer, others to nothing", () => {
    const html = render(
      "[self](./SKILL.md) [up](../../tools/inventory.py#L3) [root](/README.md) [gone](missing.md) [out](../../../etc/passwd)",
    );
    expect(html).toContain(
      'href="/acme/catalog/ops?version=1.0.0&amp;file=skills/runbook/SKILL.md" data-file-path="skills/runbook/SKILL.md"',
    );
    expect(html).toContain('data-file-path="tools/inventory.py"');
    expect(html).toContain('data-file-path="README.md"');
    expect(tags(html).filter((t) => t.tag === "a")).toHaveLength(3);
    expect(html).toContain('title="missing.md: not a file of this version"');
    expect(html).not.toContain("passwd&quot;");
    expect(html).not.toMatch(/target="_blank"/);
  });

  it("keeps relative links inert without a bundle to resolve them against", () => {
    const html = render("[x](./SKILL.md)", null);
    expect(tags(html).filter((t) => t.tag === "a")).toEqual([]);
  });
});

describe("images", () => {
  it("loads an image of the same version from the file API", () => {
    const html = render("![diagram](diagram.png)");
    const img = tags(html).find((t) => t.tag === "img");
    expect(img?.attrs).toContain(
      'src="/api/v1/org/acme/capabilities/ops/1.0.0/files/skills/runbook/diagram.png"',
    );
    expect(img?.attrs).toContain('alt="diagram"');
  });

  it("does not load remote images (tracking pixels): they become links", () => {
    const html = render(
      "![pixel](https://tracker.example/p.gif) ![proto](//tracker.example/q.gif)",
    );
    expect(tags(html).filter((t) => t.tag === "img")).toEqual([]);
    expect(html).toContain('href="https://tracker.example/p.gif"');
    expect(html).toContain("[image: pixel]");
  });

  it("loads neither data: images nor images that are no file of the version", () => {
    const html = render("![a](data:image/png;base64,AAAA) ![b](nope.png) ![c](../../../../x.png)");
    expect(tags(html).filter((t) => t.tag === "img" || t.tag === "a")).toEqual([]);
    expect(html).not.toContain("data:");
  });
});

describe("GitHub-flavoured Markdown", () => {
  it("renders tables, task lists, strikethrough and autolinks", () => {
    const html = render(
      "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n~~old~~ www.example.com",
    );
    expect(html).toContain("<table");
    expect(html).toMatch(/<td[^>]*style="text-align:right"[^>]*>2<\/td>/);
    const boxes = tags(html).filter((t) => t.tag === "input");
    expect(boxes).toHaveLength(2);
    expect(
      boxes.every((b) => b.attrs.includes('type="checkbox"') && b.attrs.includes("disabled")),
    ).toBe(true);
    expect(boxes.map((b) => b.attrs.includes("checked"))).toEqual([true, false]);
    expect(html).toContain("<del>old</del>");
    expect(html).toContain('href="http://www.example.com"');
  });

  it("highlights fenced code by language and escapes it", () => {
    const html = render(
      '```python\ndef f(x):\n    return "<b>" + x  # note\n```\n\n```\n<script>alert(1)</script>\n```',
    );
    expect(html).toContain('class="hljs language-python"');
    expect(html).toMatch(/<span class="hljs-keyword[^"]*">def<\/span>/);
    expect(html).toContain("&quot;&lt;b&gt;&quot;");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(tags(html).some((t) => t.tag === "script" || t.tag === "b")).toBe(false);
  });

  it("shifts headings below the page's own", () => {
    const html = render("# Title\n\n## Part\n\n###### Deep");
    expect(html).toContain(">Title</h3>");
    expect(html).toContain(">Part</h4>");
    expect(html).toContain(">Deep</h6>");
  });
});

describe("frontmatter", () => {
  it("shows flat frontmatter as a key/value table, not as a paragraph", () => {
    const html = render(
      "---\nname: reviewer\nmodel: claude-sonnet-4-5\ntools: [diff_stats.summarize_diff, coverage.coverage_delta]\n---\nReview the pull request.",
    );
    expect(html).toContain('aria-label="Frontmatter"');
    expect(html).toMatch(/<th scope="row"[^>]*>model<\/th><td[^>]*>claude-sonnet-4-5<\/td>/);
    expect(html).toContain(">coverage.coverage_delta</code>");
    expect(html).not.toContain("<hr");
    expect(html).toContain("<p");
    expect(html).toContain("Review the pull request.");
  });

  it("shows nested frontmatter as highlighted YAML, and escapes it", () => {
    const html = render("---\nname: x\nmetadata:\n  owner: <script>alert(1)</script>\n---\nBody");
    expect(html).toContain('class="hljs language-yaml"');
    expect(html).toContain("&lt;script&gt;");
    expect(tags(html).some((t) => t.tag === "script")).toBe(false);
  });
});
