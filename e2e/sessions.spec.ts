// Sessions and redirects after sign-in, in a real browser: a hostile callbackUrl never leaves the
// site, signing out kills the cookie on the server (a copy of it no longer works), a password
// change signs out the account's other browsers, and a malformed session cookie is no session.
// Every test starts signed out and uses its own account or its own sign-in.
import { expect, test, type Browser } from "@playwright/test";
import { demo, signedOut, submitSignIn, uniqueEmail, waitForHydration } from "./helpers";

test.use({ storageState: signedOut });

/** A new account through the API (a personal org with its `main` workspace). */
async function newAccount(baseURL: string, password = "first-passphrase") {
  const email = uniqueEmail("session");
  const res = await fetch(`${baseURL}/api/v1/auth/sign-up`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  expect(res.status).toBe(201);
  return { email, password, slug: ((await res.json()) as { org: { slug: string } }).org.slug };
}

async function signedInContext(browser: Browser, email: string, password: string) {
  const context = await browser.newContext({ storageState: signedOut });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await submitSignIn(page, email, password);
  await expect(page).toHaveURL(/\/[a-z0-9-]+\/catalog$/);
  return { context, page };
}

// The query strings as an attacker would write them in a link (not re-encoded by the test).
const hostileCallbacks = [
  "/\\evil.example",
  "/%5Cevil.example",
  "%2F%5Cevil.example",
  "%5C%5C/evil.example",
  "//evil.example",
  "/%09/evil.example",
  "https://evil.example",
  "javascript:alert(document.domain)",
];

test.describe("callbackUrl after sign-in", () => {
  for (const callback of hostileCallbacks) {
    test(`callbackUrl=${callback} stays on the site`, async ({ page, baseURL }) => {
      const offSite: string[] = [];
      page.on("request", (req) => {
        if (req.isNavigationRequest() && new URL(req.url()).origin !== new URL(baseURL!).origin)
          offSite.push(req.url());
      });
      await page.goto(`/sign-in?callbackUrl=${callback}`);
      await submitSignIn(page, demo.email, demo.password);
      // Home, which sends the signed-in user to their first org.
      await expect(page).toHaveURL("/acme/catalog");
      expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
      expect(offSite).toEqual([]);

      // Already signed in, the sign-in page redirects at once: to the same safe place.
      await page.goto(`/sign-in?callbackUrl=${callback}`);
      await expect(page).toHaveURL("/acme/catalog");
    });
  }

  test("a same-site callbackUrl is still honoured", async ({ page }) => {
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/acme/settings/tokens?x=1")}`);
    await submitSignIn(page, demo.email, demo.password);
    await expect(page).toHaveURL("/acme/settings/tokens?x=1");
  });
});

test.describe("sessions end on the server", () => {
  test("after sign-out a saved copy of the session cookie no longer works, on the API or a page", async ({
    page,
    baseURL,
  }) => {
    const account = await newAccount(baseURL!);
    await page.goto("/sign-in");
    await submitSignIn(page, account.email, account.password);
    await expect(page).toHaveURL(`/${account.slug}/catalog`);
    const saved = (await page.context().cookies()).filter((c) => c.name.includes("session-token"));
    expect(saved).toHaveLength(1);
    expect((await page.request.get("/api/v1/orgs")).status()).toBe(200);

    await waitForHydration(page, "aside button");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in(\?|$)/);

    // Put the old cookie back, as someone who copied it would.
    await page.context().addCookies(saved);
    const res = await page.request.get("/api/v1/orgs");
    expect(res.status()).toBe(401);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/session has ended/);
    await page.goto(`/${account.slug}/catalog`);
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  });

  test("changing the password in Settings → Account signs out the account's other browsers, not this one", async ({
    browser,
    baseURL,
  }) => {
    const account = await newAccount(baseURL!);
    const here = await signedInContext(browser, account.email, account.password);
    const elsewhere = await signedInContext(browser, account.email, account.password);

    await here.page.goto(`/${account.slug}/settings/account`);
    await expect(here.page.getByRole("link", { name: "Account" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await waitForHydration(here.page, "form[aria-label='Change password']");
    await here.page.getByLabel("Current password").fill("not-the-password");
    await here.page.getByLabel("New password").fill("second-passphrase");
    await here.page.getByRole("button", { name: "Change password" }).click();
    await expect(here.page.getByText("The current password is wrong")).toBeVisible();

    await here.page.getByLabel("Current password").fill(account.password);
    await here.page.getByLabel("New password").fill("x".repeat(73));
    await here.page.getByRole("button", { name: "Change password" }).click();
    await expect(here.page.getByText(/at most 72 bytes: this one is 73 bytes/)).toBeVisible();

    await here.page.getByLabel("Current password").fill(account.password);
    await here.page.getByLabel("New password").fill("second-passphrase");
    await here.page.getByRole("button", { name: "Change password" }).click();
    await expect(here.page.getByRole("status")).toHaveText(
      "Password changed. 1 other session was signed out.",
    );

    // This browser is still signed in; the other one is sent to sign in on its next page.
    await here.page.goto(`/${account.slug}/catalog`);
    await expect(here.page).toHaveURL(`/${account.slug}/catalog`);
    await elsewhere.page.goto(`/${account.slug}/catalog`);
    await expect(elsewhere.page).toHaveURL(/\/sign-in\?callbackUrl=/);
    // The old password no longer signs in; the new one does.
    await submitSignIn(elsewhere.page, account.email, account.password);
    await expect(elsewhere.page.locator("form").getByRole("alert")).toHaveText(
      "Wrong email or password.",
    );
    await submitSignIn(elsewhere.page, account.email, "second-passphrase");
    await expect(elsewhere.page).toHaveURL(`/${account.slug}/catalog`);
    await here.context.close();
    await elsewhere.context.close();
  });

  test("a malformed session cookie is treated as no session: pages and the API answer, never a 500", async ({
    page,
    baseURL,
  }) => {
    await page
      .context()
      .addCookies([{ name: "next-auth.session-token", value: "%E0%A4%A", url: baseURL! }]);
    const api = await page.request.get("/api/v1/orgs");
    expect(api.status()).toBe(401);
    expect(await api.json()).toMatchObject({ code: 401, type: "authentication_error" });
    const signIn = await page.goto("/sign-in");
    expect(signIn?.status()).toBe(200);
    await page.goto("/acme/catalog");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  });
});

test.describe("sign-up with a taken email", () => {
  test("answers like a new account; the form then fails to sign in with a message that reveals nothing", async ({
    page,
  }) => {
    await page.goto("/sign-up");
    await waitForHydration(page);
    await page.getByLabel("Email").fill(demo.email);
    await page.getByLabel("Password").fill("another-password");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText(
      "We could not sign you in with this email and password. If you already have an account, sign in with its password.",
    );
    await expect(page).toHaveURL("/sign-up");
  });
});
