// The app shell as a keyboard user, a phone and a browser tab see it: the skip link, focus on the
// new page's heading, the route progress bar, the navigation drawer below the lg breakpoint, the
// in-org 404 inside the shell, and the icons and manifest in public/.
import { expect, test, type Page } from "@playwright/test";
import { waitForHydration } from "./helpers";

const noSideScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test("keyboard: the skip link comes first, and focus follows a navigation to the heading", async ({
  page,
}) => {
  // A slow server: the Agents page takes 1.5 s to answer (and nothing of it is prefetched), so
  // the progress bar must show until the new page is in.
  await page.route(
    (url) => url.pathname === "/acme/main/agents",
    async (route) => {
      const headers = route.request().headers();
      if (!headers["rsc"]) return route.continue();
      if (headers["next-router-prefetch"]) return route.abort();
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    },
  );
  await page.goto("/acme/catalog");
  const h1 = page.getByRole("heading", { level: 1, name: "Catalog" });

  // Before any script runs too: a plain link to the main landmark.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  const main = page.locator("main#content");
  await expect(main).toBeFocused();

  // A busy machine can take a while to hydrate.
  await expect
    .poll(
      () =>
        page
          .locator("nav a")
          .first()
          .evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps$"))),
      { timeout: 45_000 },
    )
    .toBe(true);
  // Not on the first load: focus stays where the user put it.
  await expect(main).toBeFocused();
  await expect(h1).not.toBeFocused();

  // Every state the bar shows from the click on (it may run for a moment only, when the page
  // was prefetched after all; it is added to the document when a navigation starts).
  const bar = page.locator(".route-progress");
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { barStates: string[] }).barStates = seen;
    new MutationObserver(() => {
      const state = document.querySelector(".route-progress")?.getAttribute("data-state");
      if (state && seen.at(-1) !== state) seen.push(state);
    }).observe(document.body, { childList: true, subtree: true, attributes: true });
  });
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Agents" })
    .click();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { barStates: string[] }).barStates))
    .toContain("running");
  await expect(page.getByRole("heading", { level: 1, name: "Agents" })).toBeFocused();
  await expect(bar).toHaveAttribute("data-state", "done");
  await expect(page).toHaveURL("/acme/main/agents");
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the Menu button opens the navigation drawer; Escape and a link close it", async ({
    page,
  }) => {
    await page.goto("/acme/catalog");
    await expect(page.getByRole("complementary")).toBeHidden();
    const menu = page.getByRole("button", { name: "Menu" });
    await waitForHydration(page, "header button");
    await menu.click();
    const drawer = page.getByRole("dialog", { name: "Navigation" });
    await expect(drawer).toBeVisible();
    await expect(drawer.getByLabel("Workspace")).toHaveValue("main");
    await expect(drawer.getByText("demo@quiver.dev · owner")).toBeVisible();
    // Modal: the page behind it is out of reach, focus is inside.
    await expect
      .poll(() => page.evaluate(() => !!document.activeElement?.closest("dialog")))
      .toBe(true);

    await page.keyboard.press("Escape");
    await expect(drawer).toBeHidden();
    await expect(menu).toBeFocused();

    await menu.click();
    await drawer.getByRole("link", { name: "Runtimes" }).click();
    await expect(page).toHaveURL("/acme/main/runtimes");
    await expect(drawer).toBeHidden();
    await expect(page.getByRole("heading", { level: 1, name: "Runtimes" })).toBeFocused();
  });
});

test("a 404 inside an org keeps the shell and names what is missing", async ({ page }) => {
  const res = await page.goto("/acme/catalog/no-such-capability");
  expect(res?.status()).toBe(404);
  await expect(
    page.getByRole("heading", { name: "This page does not exist, or you cannot see it" }),
  ).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(
    "No capability no-such-capability in Acme AI. Nothing at /acme/catalog/no-such-capability.",
  );
  await expect(page.getByRole("link", { name: "Go to the catalog" })).toHaveAttribute(
    "href",
    "/acme/catalog",
  );

  // A path no page matches, in a workspace that exists: the path, and a way back.
  const none = await page.goto("/acme/main/nowhere/at-all");
  expect(none?.status()).toBe(404);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("Nothing at /acme/main/nowhere/at-all.");
  await expect(page.getByRole("main")).not.toContainText("No workspace");

  // The shell never makes the page scroll sideways, with or without the drawer.
  for (const width of [390, 768, 1024]) {
    await page.setViewportSize({ width, height: 844 });
    await expect(page.getByRole("button", { name: "Menu" })).toBeVisible({ visible: width < 1024 });
    expect(await noSideScroll(page), `side scroll at ${width} px`).toBeLessThanOrEqual(0);
  }
});

test("the favicon, app icons and web app manifest are served", async ({ page, request }) => {
  const icon = await request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);

  const res = await request.get("/manifest.webmanifest");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/^application\/manifest\+json/);
  const manifest = (await res.json()) as {
    start_url: string;
    icons: { src: string; type: string }[];
  };
  expect(manifest.start_url).toBe("/");
  const sources = new Set([
    ...manifest.icons.map((i) => i.src),
    "/apple-touch-icon.png",
    "/icon-32.png",
  ]);
  for (const src of sources) {
    const r = await request.get(src);
    expect(r.status(), src).toBe(200);
    expect(r.headers()["content-type"], src).toMatch(/^image\/(png|svg\+xml)/);
  }

  // The pages name them.
  await page.goto("/sign-in");
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute(
    "href",
    "/manifest.webmanifest",
  );
  await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute(
    "href",
    "/apple-touch-icon.png",
  );
});
