// Single sign-on against a real OpenID Connect provider (e2e/oidc/server.mjs, oidc-provider on
// another origin): the first sign-in makes the account and its org, a later one finds the same
// account, sign-out ends the session, and an unverified email that matches an existing account is
// refused in plain words instead of being linked.
import { expect, test, type Page } from "@playwright/test";
import { demo, signedOut, submitSignIn, waitForHydration } from "./helpers";
import { IDP_PASSWORD, OIDC_E2E_NAME } from "./oidc/settings";

test.use({ storageState: signedOut });

/** From Quiver's sign-in page through the provider's login form; resolves back on Quiver's origin. */
async function signInWithIdp(page: Page, login: string, from = "/sign-in") {
  await page.goto(from);
  await waitForHydration(page);
  await page.getByRole("button", { name: `Sign in with ${OIDC_E2E_NAME}` }).click();
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/interaction\//);
  await expect(page.getByRole("heading", { name: "Test IdP" })).toBeVisible();
  await page.getByLabel("Username").fill(login);
  await page.getByLabel("Password").fill(IDP_PASSWORD);
  await page.getByRole("button", { name: "Continue" }).click();
}

async function myOrgs(page: Page): Promise<{ slug: string; name: string; role: string }[]> {
  const res = await page.request.get("/api/v1/orgs");
  expect(res.status()).toBe(200);
  return (await res.json()).orgs;
}

test.describe("single sign-on with OpenID Connect", () => {
  test("the first sign-in makes the account and its org; signing in again lands in the same account", async ({
    page,
    context,
    baseURL,
  }) => {
    await signInWithIdp(page, "ada");
    await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/[a-z0-9-]+\/catalog$/);
    const orgs = await myOrgs(page);
    expect(orgs).toEqual([expect.objectContaining({ name: "Ada Lovelace's org", role: "owner" })]);
    const slug = orgs[0]!.slug;
    await expect(page).toHaveURL(`/${slug}/catalog`);
    await expect(page.getByRole("complementary")).toContainText("Ada Lovelace");
    await expect(page.getByRole("complementary")).toContainText("ada@sso.example.com · owner");

    // Signing out ends the server-side session: the cookie it had is dead afterwards.
    const session = (await context.cookies(baseURL)).find(
      (c) => c.name === "next-auth.session-token",
    );
    expect(session).toBeDefined();
    await waitForHydration(page, "aside button");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in(\?|$)/);
    await context.addCookies([session!]);
    expect((await page.request.get("/api/v1/orgs")).status()).toBe(401);

    // Again, with the provider's session gone too, so its login form is filled once more.
    await context.clearCookies();
    await signInWithIdp(page, "ada");
    await expect(page).toHaveURL(`/${slug}/catalog`);
    expect(await myOrgs(page)).toEqual([
      expect.objectContaining({ slug, name: "Ada Lovelace's org", role: "owner" }),
    ]);
  });

  test("an unverified email that belongs to an existing account is refused, not linked", async ({
    page,
  }) => {
    await signInWithIdp(page, "mallory");
    await expect(page).toHaveURL(/\/sign-in\?error=SsoUnverifiedEmail$/);
    await expect(page.locator("form").getByRole("alert")).toContainText(
      "has not verified the address",
    );
    expect((await page.request.get("/api/v1/orgs")).status()).toBe(401);

    // The account's owner still signs in with the password, and the page's password button is still "Sign in".
    await page.goto("/sign-in");
    await submitSignIn(page, demo.email, demo.password);
    await expect(page).toHaveURL("/acme/catalog");
  });

  test("the sign-in page pre-fills ?email=, and single sign-on returns to the callbackUrl only when it is this site's", async ({
    page,
    context,
  }) => {
    await page.goto("/sign-in?email=someone%40example.com");
    await expect(page.getByLabel("Email")).toHaveValue("someone@example.com");

    await signInWithIdp(page, "ada", "/sign-in?callbackUrl=https%3A%2F%2Fevil.example%2Fphish");
    await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/[a-z0-9-]+\/catalog$/);

    await context.clearCookies();
    await signInWithIdp(page, "ada", "/sign-in?callbackUrl=%2Facme%2Fcatalog%3Fq%3Dx");
    // Ada is no member of acme, but the page she asked for is where she is sent.
    await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/acme\/catalog\?q=x$/);
  });
});
