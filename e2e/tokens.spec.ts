// Settings → API tokens, as the demo user (owner of acme): the secret is shown once, works
// against the API, and stops working once revoked through the two-step Revoke button.
import { expect, test } from "@playwright/test";
import { signedOut, waitForHydration } from "./helpers";

test("a token's secret is shown once, authenticates API calls, and is refused once revoked", async ({
  page,
  playwright,
  baseURL,
}) => {
  const name = `e2e-token-${Date.now().toString(36)}`; // unique, so a retry does not meet a leftover
  // A client with no session cookie: whatever it is allowed, the token alone allowed it.
  const api = await playwright.request.newContext({ baseURL, storageState: signedOut });
  const listWorkspaces = (secret?: string) =>
    api.get(
      "/api/v1/org/acme/workspaces",
      secret ? { headers: { Authorization: `Bearer ${secret}` } } : {},
    );

  await page.goto("/acme/settings/tokens");
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await waitForHydration(page);

  // Create: read scope (the default), no default workspace, expiring in 90 days (the default).
  await page.locator("#token-name").fill(name);
  await expect(page.getByRole("checkbox", { name: "read" })).toBeChecked();
  await expect(page.getByLabel("Default workspace")).toHaveValue("");
  await expect(page.getByLabel("Expires")).toHaveValue("90");
  await page.getByRole("button", { name: "Create token" }).click();

  const box = page.getByTestId("new-token");
  await expect(box).toBeVisible();
  await expect(box).toContainText(
    `Token “${name}” created. Copy it now: it will not be shown again.`,
  );
  const secret = (await box.getByTestId("token-secret").innerText()).trim();
  expect(secret).toMatch(/^qvr_[A-Za-z0-9_-]{20,}$/);
  const prefix = secret.slice(0, 12);

  const row = page.getByTestId(`token-row-${name}`);
  await expect(row).toContainText(`${prefix}…`);
  await expect(row).toContainText("read");
  await expect(row.getByText("active", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue(""); // the form is reset for the next token

  // The secret works against the API, and without it the same call is refused.
  const ok = await listWorkspaces(secret);
  expect(ok.status()).toBe(200);
  const body = (await ok.json()) as { workspaces: { slug: string }[] };
  expect(body.workspaces.map((w) => w.slug)).toContain("main");
  expect((await listWorkspaces()).status()).toBe(401);

  // After a reload the secret is gone for good; only its prefix is left, and the use is recorded.
  await page.reload();
  await expect(row).toBeVisible();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText(secret);
  expect(await page.content()).not.toContain(secret);
  await expect(row).toContainText(`${prefix}…`);
  await expect(row).not.toContainText("Never"); // "Last used" now has a date

  // Revoke in two steps; cancel first to check that the first click alone revokes nothing.
  await waitForHydration(page, `[data-testid="token-row-${name}"] button`);
  await row.getByRole("button", { name: `Revoke ${name}`, exact: true }).click();
  await row.getByRole("button", { name: "Cancel" }).click();
  await expect(row.getByText("active", { exact: true })).toBeVisible();
  expect((await listWorkspaces(secret)).status()).toBe(200);

  await row.getByRole("button", { name: `Revoke ${name}`, exact: true }).click();
  await row.getByRole("button", { name: `Confirm revoking ${name}` }).click();
  await expect(row.getByText("revoked", { exact: true })).toBeVisible();
  await expect(row.getByRole("button", { name: `Revoke ${name}`, exact: true })).toHaveCount(0);

  const refused = await listWorkspaces(secret);
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toEqual({
    code: 401,
    type: "authentication_error",
    detail: expect.any(String),
  });

  // Revoked stays revoked after a reload.
  await page.reload();
  await expect(row.getByText("revoked", { exact: true })).toBeVisible();
  await api.dispose();
});
