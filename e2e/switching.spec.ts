// The sidebar's Organization and Workspace switchers, as the demo user (owner of acme, member of
// globex).
import { expect, test } from "@playwright/test";
import { waitForHydration } from "./helpers";

test("the Organization switcher moves from Acme AI to Globex", async ({ page }) => {
  await page.goto("/acme/catalog");
  const orgSwitcher = page.getByLabel("Organization");
  await expect(orgSwitcher).toHaveValue("acme");
  await expect(orgSwitcher.locator("option")).toHaveText(["Acme AI", "Globex"]);
  await expect(page.getByRole("complementary")).toContainText("demo@quiver.dev · owner");

  await waitForHydration(page, 'select[aria-label="Organization"]');
  await orgSwitcher.selectOption({ label: "Globex" });

  await expect(page).toHaveURL("/globex/catalog");
  await expect(orgSwitcher).toHaveValue("globex");
  await expect(page.getByText("Capability artifacts of Globex")).toBeVisible();
  await expect(page.getByText("Capability artifacts of Globex")).toBeVisible();
  await expect(page.getByRole("complementary")).toContainText("demo@quiver.dev · member");
  // Navigation follows the org.
  await expect(page.getByRole("link", { name: "Runtimes" })).toHaveAttribute(
    "href",
    "/globex/main/runtimes",
  );
  await expect(page.getByRole("link", { name: "Catalog" })).toHaveAttribute("aria-current", "page");

  // And back.
  await waitForHydration(page, 'select[aria-label="Organization"]');
  await orgSwitcher.selectOption("acme");
  await expect(page).toHaveURL("/acme/catalog");
  await expect(page.getByText("Capability artifacts of Acme AI")).toBeVisible();
});

test("a new workspace appears in the Workspace switcher, which navigates between workspaces", async ({
  page,
}) => {
  await page.goto("/acme/settings/workspaces");
  await expect(page.getByRole("link", { name: "Workspaces" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  const list = page.getByRole("list").filter({ has: page.getByRole("link", { name: "Main" }) });
  await expect(list).toBeVisible();
  const wsSwitcher = page.getByLabel("Workspace", { exact: true });

  // Create `staging` through the form, unless an earlier attempt of this test (a retry against
  // the same server) already did.
  if ((await list.getByRole("link", { name: "Staging", exact: true }).count()) === 0) {
    await waitForHydration(page, "main form");
    await page.getByLabel("Slug").fill("staging");
    await page.getByLabel("Name").fill("Staging");
    await page.getByRole("button", { name: "Create workspace" }).click();
    await expect(list.getByRole("link", { name: "Staging", exact: true })).toBeVisible();
    await expect(page.getByLabel("Slug")).toHaveValue(""); // the form is reset
  }
  await expect(list.getByRole("link", { name: "Staging", exact: true })).toHaveAttribute(
    "href",
    "/acme/staging/runtimes",
  );
  // The server-rendered switcher is refreshed with the new workspace.
  await expect(wsSwitcher.locator("option")).toHaveText(["Main", "Staging"]);
  await expect(wsSwitcher).toHaveValue("main");

  await waitForHydration(page, 'select[aria-label="Workspace"]');
  await wsSwitcher.selectOption("staging");
  await expect(page).toHaveURL("/acme/staging/runtimes");
  await expect(wsSwitcher).toHaveValue("staging");
  await expect(page.getByRole("heading", { name: "Runtimes", level: 1 })).toBeVisible();
  await expect(page.getByText("in workspace staging")).toBeVisible();
  await expect(page.getByRole("link", { name: "Runtimes" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(page.getByRole("link", { name: "Agents" })).toHaveAttribute(
    "href",
    "/acme/staging/agents",
  );

  // The switcher keeps the section: from staging's optimization runs to main's.
  await page.getByRole("link", { name: "Optimization" }).click();
  await expect(page).toHaveURL("/acme/staging/optimization");
  await waitForHydration(page, 'select[aria-label="Workspace"]');
  await wsSwitcher.selectOption("main");
  await expect(page).toHaveURL("/acme/main/optimization");
  await expect(wsSwitcher).toHaveValue("main");
  await expect(page.getByRole("heading", { name: "Optimization", level: 1 })).toBeVisible();
});

test("a workspace that does not exist is a 404", async ({ page }) => {
  const res = await page.goto("/acme/no-such-workspace/runtimes");
  expect(res?.status()).toBe(404);
  await expect(
    page.getByRole("heading", { name: "This page does not exist, or you cannot see it" }),
  ).toBeVisible();
});
