// Signing up, signing in and out, and the way back to a protected page. Every test here starts
// signed out.
import { expect, test } from "@playwright/test";
import { demo, signedOut, submitSignIn, uniqueEmail, waitForHydration } from "./helpers";

test.use({ storageState: signedOut });

test.describe("sign-up", () => {
  test("creates the account and a personal org, lands on its empty catalog; sign out returns to /sign-in", async ({
    page,
  }) => {
    const email = uniqueEmail("signup");
    const slug = email.split("@")[0]!; // the personal org's slug comes from the email's local part
    const orgName = "Sam Sample's org";

    await page.goto("/sign-up");
    await expect(page.getByRole("heading", { name: "Create your Quiver account" })).toBeVisible();
    await waitForHydration(page);
    await page.getByLabel("Name").fill("Sam Sample");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("correct-horse-battery");
    await page.getByRole("button", { name: "Create account" }).click();

    await expect(page).toHaveURL(`/${slug}/catalog`);
    await expect(page.getByRole("heading", { name: "Catalog", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "No capabilities yet" })).toBeVisible();
    await expect(page.getByText(`Capability artifacts of ${orgName}`)).toBeVisible();
    await expect(page.getByText("Push one with")).toBeVisible();

    // The switchers show the new user's own org (and only it) and its `main` workspace.
    const orgSwitcher = page.getByLabel("Organization");
    await expect(orgSwitcher).toHaveValue(slug);
    await expect(orgSwitcher.locator("option")).toHaveText([orgName]);
    await expect(page.getByLabel("Workspace")).toHaveValue("main");
    await expect(page.getByRole("complementary")).toContainText("Sam Sample");
    await expect(page.getByRole("complementary")).toContainText(`${email} · owner`);

    await waitForHydration(page, "aside button");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in(\?|$)/);
    await expect(page.getByRole("heading", { name: "Sign in to Quiver" })).toBeVisible();

    // Signed out for real: the catalog now sends the visitor to sign in.
    await page.goto(`/${slug}/catalog`);
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  });
  // A taken email is answered like a new one (see e2e/sessions.spec.ts): sign-up does not say
  // which emails have accounts.
});

test.describe("sign-in", () => {
  test("the demo account signs in and lands on its first org's catalog", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.getByText(`Demo account: ${demo.email} / ${demo.password}`)).toBeVisible();
    await submitSignIn(page, demo.email, demo.password);
    await expect(page).toHaveURL("/acme/catalog");
    await expect(page.getByText("Capability artifacts of Acme AI")).toBeVisible();
    await expect(page.getByLabel("Organization")).toHaveValue("acme");
    await expect(page.getByRole("complementary")).toContainText(demo.name);

    // Signed in, the sign-in page and / both send the user to the dashboard.
    await page.goto("/sign-in");
    await expect(page).toHaveURL("/acme/catalog");
    await page.goto("/");
    await expect(page).toHaveURL("/acme/catalog");
  });

  test("a wrong password says so and stays on /sign-in", async ({ page }) => {
    await page.goto("/sign-in");
    await submitSignIn(page, demo.email, "not-the-password");
    await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
    await expect(page).toHaveURL("/sign-in");
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();

    // Still signed out.
    await page.goto("/acme/catalog");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  });

  test("a protected page sends the visitor to sign in and back there afterwards", async ({
    page,
  }) => {
    await page.goto("/acme/catalog");
    await expect(page).toHaveURL("/sign-in?callbackUrl=%2Facme%2Fcatalog");
    await submitSignIn(page, demo.email, demo.password);
    await expect(page).toHaveURL("/acme/catalog");
    await expect(page.getByText("Capability artifacts of Acme AI")).toBeVisible();
  });

  test("a deeper protected page is where the visitor returns after signing in", async ({
    page,
  }) => {
    await page.goto("/acme/settings/tokens");
    await expect(page).toHaveURL("/sign-in?callbackUrl=%2Facme%2Fsettings%2Ftokens", {
      timeout: 3_000,
    });
    await submitSignIn(page, demo.email, demo.password);
    await expect(page).toHaveURL("/acme/settings/tokens");
    await expect(page.getByRole("link", { name: "API tokens" })).toHaveAttribute(
      "aria-current",
      "page",
    );
  });

  test("/ sends a signed-out visitor to /sign-in", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL("/sign-in");
  });
});

test.describe("before the page's scripts run", () => {
  test.use({ javaScriptEnabled: false });

  test("submitting the sign-in form does not put the password in the URL", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(demo.email);
    await page.getByLabel("Password").fill("a-secret-password");
    const submitted = page.waitForResponse(
      (r) => r.request().isNavigationRequest() && new URL(r.url()).pathname === "/sign-in",
    );
    await page.getByLabel("Password").press("Enter");
    const response = await submitted;
    expect(response.request().method()).toBe("POST");
    expect(response.url()).not.toContain("a-secret-password");
    await expect(page.getByRole("heading", { name: "Sign in to Quiver" })).toBeVisible();
    expect(page.url()).not.toContain("a-secret-password");
  });

  test("submitting the sign-up form does not put the password in the URL", async ({ page }) => {
    await page.goto("/sign-up");
    await page.getByLabel("Email").fill("nobody@example.com");
    await page.getByLabel("Password").fill("a-secret-password");
    const submitted = page.waitForResponse(
      (r) => r.request().isNavigationRequest() && new URL(r.url()).pathname === "/sign-up",
    );
    await page.getByLabel("Password").press("Enter");
    const response = await submitted;
    expect(response.request().method()).toBe("POST");
    expect(response.url()).not.toContain("a-secret-password");
    await expect(page.getByRole("heading", { name: "Create your Quiver account" })).toBeVisible();
    expect(page.url()).not.toContain("a-secret-password");
  });
});
