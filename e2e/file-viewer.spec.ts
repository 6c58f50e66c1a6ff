// The files of a capability version as a reader uses them: the README rendered as Markdown on
// first paint, the tree of files, a Markdown file opened in the viewer (frontmatter as a table,
// a source view), a Python file highlighted, the open file kept in the URL so that it can be
// shared. Runs on the demo data seeded at the e2e server's first start.
import { expect, test } from "@playwright/test";
import { waitForHydration } from "./helpers";

test("README renders; files open in the viewer from the tree and from a link", async ({ page }) => {
  await page.goto("/acme/catalog/pr-reviewer");

  // The README is Markdown, rendered on the server: its `#` heading sits under the section's h2.
  const readme = page
    .locator("section")
    .filter({ has: page.getByRole("heading", { name: "README", exact: true, level: 2 }) });
  await expect(
    readme.getByRole("heading", { name: "pr-reviewer", exact: true, level: 3 }),
  ).toBeVisible();
  await expect(readme.locator("code", { hasText: "GITHUB_TOKEN" })).toBeVisible();
  await expect(readme.locator("pre")).toHaveCount(0);

  const files = page.getByRole("list", { name: "Files" });
  await waitForHydration(page, 'ul[aria-label="Files"] a');
  await expect(page.locator("#file-viewer")).toHaveCount(0);

  // A Markdown file renders, its frontmatter as a key/value table rather than a paragraph.
  await files.getByRole("link", { name: "reviewer.md", exact: true }).click();
  await expect(page).toHaveURL(/[?&]file=agents\/reviewer\.md(&|$)/);
  const viewer = page.locator("#file-viewer");
  await expect(viewer.getByRole("heading", { name: "agents/reviewer.md" })).toBeVisible();
  await expect(viewer.getByRole("table", { name: "Frontmatter" })).toContainText(
    "claude-sonnet-4-5",
  );
  await expect(viewer.getByRole("listitem").first()).toContainText("summarize_diff");
  await expect(viewer.getByText(/^---/)).toHaveCount(0);
  await expect(files.getByRole("link", { name: "reviewer.md", exact: true })).toHaveAttribute(
    "aria-current",
    "true",
  );

  // …and its source, with line numbers, on request.
  await viewer.getByRole("button", { name: "Source" }).click();
  await expect(viewer.getByRole("button", { name: "Source" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(viewer.getByTestId("code-view")).toContainText("model: claude-sonnet-4-5");
  // The choice is in the link: a fresh load shows the source; Rendered (the default) leaves it.
  await expect(page).toHaveURL(/[?&]view=source(&|$)/);
  await page.reload();
  await expect(viewer.getByTestId("code-view")).toContainText("model: claude-sonnet-4-5");
  await waitForHydration(page, 'ul[aria-label="Files"] a');
  await viewer.getByRole("button", { name: "Rendered" }).click();
  await expect(page).not.toHaveURL(/view=/);
  await expect(viewer.getByRole("table", { name: "Frontmatter" })).toBeVisible();
  await viewer.getByRole("button", { name: "Source" }).click();
  await expect(page).toHaveURL(/[?&]view=source(&|$)/);

  // A Python file is highlighted; its raw link and sha256 stay in view.
  await files.getByRole("link", { name: "diff_stats.py", exact: true }).click();
  await expect(page).toHaveURL(/[?&]file=tools\/diff_stats\.py(&|$)/);
  const code = viewer.getByTestId("code-view");
  await expect(code).toHaveAttribute("data-language", "python");
  await expect(code).toContainText("def summarize_diff");
  await expect(code.locator(".hljs-keyword").first()).toBeVisible();
  await expect(viewer.getByRole("link", { name: "Raw" })).toHaveAttribute(
    "href",
    /\/api\/v1\/org\/acme\/capabilities\/pr-reviewer\/\d+\.\d+\.\d+\/files\/tools\/diff_stats\.py$/,
  );
  await expect(viewer.getByText(/sha256 [0-9a-f]{64}/)).toBeVisible();

  // Folders collapse and open again.
  const tools = files.getByRole("button", { name: /^tools\// });
  await expect(tools).toHaveAttribute("aria-expanded", "true");
  await tools.click();
  await expect(tools).toHaveAttribute("aria-expanded", "false");
  await expect(files.getByRole("link", { name: "coverage.py" })).toHaveCount(0);
  await tools.click();
  await expect(files.getByRole("link", { name: "coverage.py" })).toBeVisible();

  // The URL is the view: loading it opens the same file.
  await page.reload();
  await expect(page.locator("#file-viewer").getByTestId("code-view")).toContainText(
    "def summarize_diff",
  );

  // Closing the viewer takes the file out of the URL.
  await waitForHydration(page, 'ul[aria-label="Files"] a');
  await page.getByRole("button", { name: "Close file" }).click();
  await expect(page).not.toHaveURL(/file=/);
  await expect(page.locator("#file-viewer")).toHaveCount(0);
});

test("a link to a file and line opens it marked; an unknown file says so", async ({ page }) => {
  await page.goto("/acme/catalog/pr-reviewer?file=skills/review-checklist/SKILL.md");
  const viewer = page.locator("#file-viewer");
  await expect(
    viewer.getByTestId("markdown").getByRole("heading", { name: "Review checklist" }),
  ).toBeVisible();
  await expect(viewer.getByRole("listitem").first()).toContainText("Does the description say why");

  await page.goto("/acme/catalog/pr-reviewer?file=tools/diff_stats.py&line=3");
  await expect(page.locator('#file-viewer [data-line-mark="3"]')).toBeAttached();

  await page.goto("/acme/catalog/pr-reviewer?file=no/such/file.md");
  await expect(page.getByRole("status").filter({ hasText: "has no file" })).toContainText(
    "no/such/file.md",
  );
});
