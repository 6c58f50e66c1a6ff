// The catalog as a team member uses it: search, filter by a facet, sort, open a capability and
// one of its older versions. Runs on the demo data seeded at the e2e server's first start.
import { expect, test } from "@playwright/test";
import { waitForHydration } from "./helpers";

test("search, filter and open a capability", async ({ page }) => {
  await page.goto("/acme/catalog");
  const rows = page.getByTestId("capability-row");
  await expect(rows.first()).toBeVisible();
  const total = await rows.count();
  expect(total).toBeGreaterThanOrEqual(4);
  await waitForHydration(page, "input[type=search]");

  // Debounced search, kept in the URL.
  await page.getByLabel("Search capabilities").fill("pull requests");
  await expect(page).toHaveURL(/search=pull\+requests/);
  await expect(rows.first()).toContainText("pr-reviewer");

  // A facet narrows the list and its counts follow the filters.
  await page.getByLabel("Search capabilities").fill("");
  await expect(page).not.toHaveURL(/search=/);
  await expect(rows).toHaveCount(total);
  const license = page.getByRole("group", { name: "Licenses" }).getByRole("checkbox").first();
  await license.click(); // checked once the URL (its source of truth) has changed
  await expect(page).toHaveURL(/license=/);
  await expect(license).toBeChecked();
  await expect.poll(() => rows.count()).toBeLessThan(total);
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(rows).toHaveCount(total);

  // Sort by name, shareable as a link.
  await page.getByLabel("Sort").selectOption("name:asc");
  await expect(page).toHaveURL(/sort_by=name&sort_dir=asc/);
  // The rows follow once the sorted page has loaded.
  await expect
    .poll(async () => {
      const names = await rows.locator("a").allTextContents();
      return (
        names.length === total &&
        names.every((n, i) => i === 0 || names[i - 1]!.localeCompare(n) <= 0)
      );
    })
    .toBe(true);

  // Open a capability, then an older version of it.
  await page.getByRole("link", { name: "pr-reviewer", exact: true }).click();
  await expect(page).toHaveURL("/acme/catalog/pr-reviewer");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("pr-reviewer");
  await expect(page.getByRole("heading", { name: "Agents" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Files/ })).toBeVisible();
  await expect(
    page
      .getByRole("list", { name: "Files" })
      .getByRole("link", { name: "capability.yaml", exact: true }),
  ).toBeVisible();
  const versions = page
    .locator("aside", { has: page.getByRole("heading", { name: "Versions" }) })
    .getByRole("link");
  expect(await versions.count()).toBeGreaterThanOrEqual(2);
  const older = (await versions.last().textContent())!.trim();
  await versions.last().click();
  await expect(page).toHaveURL(`/acme/catalog/pr-reviewer?version=${older}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(older);
});

test("an unknown capability is a 404 page", async ({ page }) => {
  const res = await page.goto("/acme/catalog/no-such-capability");
  expect(res?.status()).toBe(404);
});
