// Full-page screenshots of every page, at 1280x800, into docs/screenshots/<name>.png. Each page is
// first checked to show what it should (its heading, and its data loaded) and not to overflow
// the window sideways.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { demo, signedOut, submitSignIn, waitForHydration } from "./helpers";

test.use({ viewport: { width: 1280, height: 800 } });

async function shoot(page: Page, name: string, ready: Locator): Promise<void> {
  await expect(ready).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name}: the page scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true, animations: "disabled", caret: "hide" });
}

test.describe("signed out", () => {
  test.use({ storageState: signedOut });

  test("sign-in", async ({ page }) => {
    await page.goto("/sign-in");
    await shoot(page, "sign-in", page.getByRole("heading", { name: "Sign in to Quiver" }));
  });

  test("sign-in with a wrong password", async ({ page }) => {
    await page.goto("/sign-in");
    await submitSignIn(page, demo.email, "not-the-password");
    await shoot(page, "sign-in-error", page.getByRole("alert"));
  });

  test("sign-up", async ({ page }) => {
    await page.goto("/sign-up");
    await shoot(page, "sign-up", page.getByRole("heading", { name: "Create your Quiver account" }));
  });

  test("API reference", async ({ page }) => {
    await page.goto("/docs/api");
    await shoot(page, "docs-api", page.getByRole("heading", { name: "Schemas" }));
  });
});

test.describe("signed in as the demo user", () => {
  const pages = [
    { name: "catalog", path: "/acme/catalog", heading: "Catalog", ready: "No capabilities yet" },
    { name: "runtimes", path: "/acme/main/runtimes", heading: "Runtimes", ready: "No runtimes yet" },
    { name: "optimization", path: "/acme/main/optimization", heading: "Optimization", ready: "No optimization runs yet" },
    { name: "releases", path: "/acme/main/releases", heading: "Releases", ready: "No agents yet" },
    { name: "settings-workspaces", path: "/acme/settings/workspaces", heading: "Settings", ready: "Create a workspace" },
    { name: "globex-catalog", path: "/globex/catalog", heading: "Catalog", ready: "No capabilities yet" },
  ];
  for (const p of pages) {
    test(p.name, async ({ page }) => {
      await page.goto(p.path);
      await expect(page.getByRole("heading", { name: p.heading, level: 1 })).toBeVisible();
      await shoot(page, p.name, page.getByRole("heading", { name: p.ready }));
    });
  }

  test("settings-audit", async ({ page }) => {
    await page.goto("/acme/settings/audit");
    await expect(page.getByRole("link", { name: "Audit log" })).toHaveAttribute("aria-current", "page");
    await shoot(page, "settings-audit", page.getByRole("cell", { name: "org.create" }).first());
  });

  test("settings-tokens, with a new token's secret and the list", async ({ page }) => {
    await page.goto("/acme/settings/tokens");
    await expect(page.getByRole("link", { name: "API tokens" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("heading", { name: "Tokens" })).toBeVisible();
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    // On a fresh database (this spec runs before tokens.spec.ts) the list is still empty.
    if (await page.getByRole("heading", { name: "No API tokens" }).isVisible()) {
      await shoot(page, "settings-tokens-empty", page.getByRole("heading", { name: "No API tokens" }));
    }

    const name = `ci-pipeline-${Date.now().toString(36)}`;
    await waitForHydration(page);
    await page.getByLabel("Name").fill(name);
    await page.getByRole("checkbox", { name: "write" }).check();
    await page.getByLabel("Default workspace").selectOption("main");
    await page.getByRole("button", { name: "Create token" }).click();
    await shoot(page, "settings-tokens-created", page.getByTestId("token-row-" + name));

    await page.reload();
    await shoot(page, "settings-tokens", page.getByTestId("token-row-" + name));
  });

  test("not found", async ({ page }) => {
    await page.goto("/acme/no-such-workspace/runtimes");
    await shoot(page, "not-found", page.getByRole("heading", { name: "This page does not exist, or you cannot see it" }));
  });
});
