// Shared bits of the end-to-end tests: the demo account, the saved session, signing in.
import { expect, type Page } from "@playwright/test";

/** Where auth.setup.ts saves the demo user's session (gitignored). */
export const demoStorageState = "e2e/.auth/demo.json";

/** Seeded on the first start of the e2e server (QUIVER_DEMO=1). */
export const demo = {
  email: "demo@quiver.dev",
  password: "quiver-demo",
  name: "Dana Demo",
} as const;

/** For specs that must start signed out, whatever the project's storage state. */
export const signedOut = { cookies: [], origins: [] };

/** An email no earlier run has used. */
export function uniqueEmail(label: string): string {
  return `e2e-${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/** Fills and submits the sign-in form on the current page (which must be /sign-in). */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await waitForHydration(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/**
 * Resolves once React has hydrated the element (it carries React's props then). A production
 * page is visible before its scripts run; typing into a form or changing a select before
 * hydration would bypass the app's handlers.
 */
export async function waitForHydration(page: Page, selector = "form"): Promise<void> {
  await expect
    .poll(
      () =>
        page
          .locator(selector)
          .first()
          .evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps$"))),
      {
        message: `React hydrated ${selector}`,
      },
    )
    .toBe(true);
}

/**
 * For `test.use(...)` in specs that write through `page.request`: the API refuses cookie-
 * authenticated writes without a same-origin `Origin` (CSRF), which a browser sends and
 * Playwright's request context does not.
 */
export const sameOriginRequests = {
  extraHTTPHeaders: async (
    { baseURL }: { baseURL: string | undefined },
    provide: (headers: Record<string, string>) => Promise<void>,
  ) => {
    await provide({ origin: baseURL ?? "" });
  },
};
