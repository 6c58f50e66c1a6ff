// Dark mode: the theme switch (System / Light / Dark) applies at once and is remembered (the
// server renders the class on <html> from the cookie, so the first paint is right), System
// follows the browser's colour scheme, and axe's colour-contrast rule passes on representative
// pages in dark mode (e2e/screenshots/dark-<name>.png, or QUIVER_SCREENSHOTS_DIR, shows them).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { signedOut, waitForHydration } from "./helpers";

const shotsDir = process.env.QUIVER_SCREENSHOTS_DIR ?? "e2e/screenshots";

/** The mean of the body background's red, green and blue (0 black, 255 white), via a canvas. */
function bodyShade(page: Page): Promise<number> {
  return page.evaluate(() => {
    const g = document.createElement("canvas").getContext("2d")!;
    g.fillStyle = getComputedStyle(document.body).backgroundColor;
    g.fillRect(0, 0, 1, 1);
    const [r, gr, b] = g.getImageData(0, 0, 1, 1).data;
    return (r! + gr! + b!) / 3;
  });
}

const isDark = (page: Page) => expect.poll(() => bodyShade(page)).toBeLessThan(60);
const isLight = (page: Page) => expect.poll(() => bodyShade(page)).toBeGreaterThan(200);

async function pick(page: Page, theme: "System" | "Light" | "Dark"): Promise<void> {
  await page.getByRole("radiogroup", { name: "Theme" }).getByText(theme, { exact: true }).click();
  await expect(page.getByRole("radio", { name: theme })).toBeChecked();
}

test("the theme switch applies at once, survives a reload, and System follows the browser", async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/acme/catalog");
  await waitForHydration(page, '[role="radiogroup"] input');
  await expect(page.getByRole("radio", { name: "System" })).toBeChecked();
  await isLight(page);

  // Dark, though the browser asks for light: at once, without a reload.
  await pick(page, "Dark");
  await expect(page.locator("html")).toHaveClass("dark");
  await isDark(page);
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === "quiver-theme")?.value).toBe("dark");

  // After a reload the server's HTML already has the class: no flash of the light theme.
  const res = await page.reload();
  expect(await res!.text()).toMatch(/<html[^>]* class="dark"/);
  await expect(page.getByRole("radio", { name: "Dark" })).toBeChecked();
  await isDark(page);

  // Light wins over a dark system setting.
  await page.emulateMedia({ colorScheme: "dark" });
  await waitForHydration(page, '[role="radiogroup"] input');
  await pick(page, "Light");
  await expect(page.locator("html")).toHaveClass("light");
  await isLight(page);

  // System: no class, and the page follows the browser as it changes.
  await pick(page, "System");
  await expect(page.locator("html")).not.toHaveClass(/light|dark/);
  await isDark(page);
  await page.emulateMedia({ colorScheme: "light" });
  await isLight(page);
  const reloaded = await page.reload();
  expect(await reloaded!.text()).not.toMatch(/<html[^>]* class=/);
});

/** Waits for the page, screenshots it, and checks text contrast with axe in dark mode. */
async function checkContrast(page: Page, name: string, ready: Locator): Promise<void> {
  await expect(ready).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await isDark(page);
  await page.screenshot({ path: `${shotsDir}/dark-${name}.png`, fullPage: true });
  const { violations } = await new AxeBuilder({ page }).withRules(["color-contrast"]).analyze();
  const failures = violations.flatMap((v) =>
    v.nodes.map((n) => `${n.target.join(" ")}: ${n.any[0]?.message ?? v.help}`),
  );
  expect(failures, `${name}: text below the contrast minimum in dark mode`).toEqual([]);
}

test.describe("signed out, dark system setting", () => {
  test.use({ storageState: signedOut, colorScheme: "dark" });

  test("sign-in", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.getByRole("radio", { name: "System" })).toBeChecked();
    await checkContrast(
      page,
      "sign-in",
      page.getByRole("button", { name: "Sign in", exact: true }),
    );
  });
});

test.describe("signed in, Dark chosen", () => {
  test.beforeEach(async ({ context, baseURL }) => {
    await context.addCookies([{ name: "quiver-theme", value: "dark", url: baseURL! }]);
  });

  const pages: { name: string; path: string; follow?: string; ready: (p: Page) => Locator }[] = [
    {
      name: "catalog",
      path: "/acme/catalog",
      ready: (p) => p.getByRole("link", { name: "threat-hunting", exact: true }),
    },
    {
      name: "capability-file",
      path: "/acme/catalog/legacy-ops-bridge?version=1.1.0&file=agents/operator.md",
      ready: (p) => p.getByTestId("hidden-text-banner"),
    },
    {
      name: "version-diff",
      path: "/acme/catalog/legacy-ops-bridge/diff?from=1.0.0&to=1.1.0",
      ready: (p) => p.getByRole("heading", { name: "Trust signals" }),
    },
    {
      name: "runtime",
      path: "/acme/main/runtimes",
      follow: "support-agent-prod",
      ready: (p) => p.getByRole("heading", { name: "History" }),
    },
    {
      name: "optimization-run",
      path: "/acme/main/optimization?status=completed",
      follow: "Support: goal, then steps",
      ready: (p) => p.getByTestId("chart-effects"),
    },
    {
      name: "agent",
      path: "/acme/main/agents",
      follow: "Support Concierge",
      ready: (p) => p.getByRole("heading", { name: "Changes since deployed" }),
    },
    {
      name: "audit-log",
      path: "/acme/settings/audit",
      ready: (p) => p.locator("tbody tr").first(),
    },
  ];
  for (const p of pages) {
    test(p.name, async ({ page }) => {
      await page.goto(p.path);
      if (p.follow) await page.getByRole("link", { name: p.follow, exact: true }).click();
      await checkContrast(page, p.name, p.ready(page));
    });
  }
});
