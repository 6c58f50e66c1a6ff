// Setup project: signs in as the demo user through the sign-in form and saves the session for
// the signed-in specs (project "chromium" loads it as its storage state).
import { expect, test as setup } from "@playwright/test";
import { demo, demoStorageState, submitSignIn } from "./helpers";

setup("sign in as the demo user", async ({ page }) => {
  await page.goto("/sign-in");
  await submitSignIn(page, demo.email, demo.password);
  await expect(page).toHaveURL(/\/acme\/catalog$/);
  await expect(page.getByLabel("Organization")).toHaveValue("acme");
  await page.context().storageState({ path: demoStorageState });
});
