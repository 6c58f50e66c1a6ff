// Password guessing runs into the sign-in limits: after five wrong passwords the form says how long
// to wait, and the demo account (another account) still signs in from the same browser.
import { expect, test } from "@playwright/test";
import { demo, signedOut, submitSignIn, uniqueEmail } from "./helpers";

test.use({ storageState: signedOut });

test("after five wrong passwords the sign-in page says to wait, and other accounts are unaffected", async ({
  page,
}) => {
  const email = uniqueEmail("guessed");
  const alert = page.locator("form").getByRole("alert");
  await page.goto("/sign-in");
  for (let i = 0; i < 5; i++) {
    await submitSignIn(page, email, `wrong-${i}`);
    await expect(alert).toHaveText("Wrong email or password.");
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
  }
  const refused = page.waitForResponse((r) => r.url().endsWith("/api/auth/callback/credentials"));
  await submitSignIn(page, email, "wrong-again");
  const res = await refused;
  expect(res.status()).toBe(429);
  // The 30-second lock started at the fifth attempt, a moment ago.
  const wait = Number(res.headers()["retry-after"]);
  expect(wait).toBeGreaterThan(20);
  expect(wait).toBeLessThanOrEqual(30);
  await expect(alert).toHaveText(`Too many failed sign-ins. Try again in ${wait} seconds.`);
  await expect(page).toHaveURL("/sign-in");

  await submitSignIn(page, demo.email, demo.password);
  await expect(page).toHaveURL("/acme/catalog");
});
