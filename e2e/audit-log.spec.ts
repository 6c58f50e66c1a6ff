// The audit log in a real browser, in an org of its own: targets named and linked ("prompt
// support-reply v3"), a deleted target by its recorded name, action words, before → after;
// filters by action, target type, actor and dates, and the search, all in the URL (a reload keeps
// them); older events a cursor page at a time; CSV and JSON exports of the selection (formula
// cells neutralised); a bad filter explained; and a viewer refused (admins only).
import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import {
  sameOriginRequests,
  signedOut,
  submitSignIn,
  uniqueEmail,
  waitForHydration,
} from "./helpers";

test.use({ storageState: signedOut, ...sameOriginRequests });

const password = "audit-passphrase";

async function ok(res: Awaited<ReturnType<APIRequestContext["post"]>>) {
  expect(res.ok(), `${res.url()}: ${res.status()} ${await res.text()}`).toBe(true);
  return res.status() === 204 ? null : ((await res.json()) as { id: string });
}

/** A new account with its own org, signed in in this page; the org's events made through the API. */
async function orgWithHistory(page: Page, baseURL: string) {
  const email = uniqueEmail("audit");
  const res = await fetch(`${baseURL}/api/v1/auth/sign-up`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password, name: "Audrey Admin" }),
  });
  expect(res.status).toBe(201);
  const slug = ((await res.json()) as { org: { slug: string } }).org.slug;
  await page.goto("/sign-in");
  await submitSignIn(page, email, password);
  await expect(page).toHaveURL(/\/catalog$/);
  const api = page.request;
  const ws = `/api/v1/org/${slug}/ws/main`;
  // Enough events for a second cursor page (50 a page), older than the ones the test reads.
  for (let i = 10; i < 55; i++)
    await ok(
      await api.post(`/api/v1/org/${slug}/workspaces`, {
        data: { slug: `w-${i}`, name: `W ${i}` },
      }),
    );
  const prompt = (await ok(
    await api.post(`${ws}/prompts`, { data: { name: "support-reply", content: "Be kind." } }),
  ))!;
  for (const content of ["Be kind and brief.", "Be kind, brief and exact."])
    await ok(await api.post(`${ws}/prompts/${prompt.id}/versions`, { data: { content } }));
  const rt = (await ok(await api.post(`${ws}/runtimes`, { data: { name: "edge-eu" } })))!;
  await ok(await api.patch(`${ws}/runtimes/${rt.id}`, { data: { name: "edge-europe" } }));
  const persona = (await ok(
    await api.post(`${ws}/personas`, { data: { name: "Impatient buyer" } }),
  ))!;
  await ok(await api.delete(`${ws}/personas/${persona.id}`));
  await ok(
    await api.post(`/api/v1/org/${slug}/tokens`, {
      data: { name: "=HYPERLINK(1)", scopes: ["read"] },
    }),
  );
  return { slug, email, promptId: prompt.id, runtimeId: rt.id };
}

const dataRows = (page: Page) => page.locator("tbody tr");

async function openLog(page: Page, slug: string, qs = "") {
  await page.goto(`/${slug}/settings/audit${qs}`);
  await expect(page.getByRole("link", { name: "Audit log" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await waitForHydration(page, "form[role=search]");
}

test("names targets, shows before and after, filters in the URL, pages and exports", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const { slug, promptId, runtimeId } = await orgWithHistory(page, baseURL!);
  await openLog(page, slug);

  // Targets by name, linked while they exist; a deleted one by the name its event recorded.
  await expect(page.getByRole("link", { name: "prompt support-reply v3" })).toHaveAttribute(
    "href",
    `/${slug}/main/prompts/${promptId}`,
  );
  const rename = dataRows(page).filter({ hasText: "Changed a runtime" });
  await expect(rename.getByRole("link", { name: "runtime edge-europe" })).toHaveAttribute(
    "href",
    `/${slug}/main/runtimes/${runtimeId}`,
  );
  await expect(rename).toContainText("name:");
  await expect(rename).toContainText(/edge-eu\s*→?\s*changed to\s*edge-europe/);
  const gone = dataRows(page).filter({ hasText: "Deleted a persona" });
  await expect(gone).toContainText("persona Impatient buyer");
  await expect(gone.getByText("deleted", { exact: true })).toBeVisible();
  await expect(gone.getByRole("link")).toHaveCount(0);
  await page.screenshot({ path: "test-results/audit-log.png", fullPage: true });

  // Cursor pages: 50 first, then the older ones.
  await expect(dataRows(page)).toHaveCount(50);
  await expect(page.getByText("50 events shown, older ones follow")).toBeVisible();
  await page.getByRole("button", { name: "Show older events" }).click();
  await expect(page.getByText(/^\d+ events shown, the oldest included$/)).toBeVisible();
  expect(await dataRows(page).count()).toBeGreaterThan(50);
  await expect(dataRows(page).last()).toContainText("Created the organization");

  // Action filter, in the URL and kept by a reload.
  await page.getByLabel("Action", { exact: true }).selectOption({ label: "Changed a runtime" });
  await expect(page).toHaveURL(/[?&]action=runtime\.update/);
  await expect(dataRows(page)).toHaveCount(1);
  await page.reload();
  await waitForHydration(page, "form[role=search]");
  await expect(page.getByLabel("Action", { exact: true })).toHaveValue("runtime.update");
  await expect(dataRows(page)).toHaveCount(1);
  await page.screenshot({ path: "test-results/audit-log-filtered.png" });
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/settings/audit$`));

  // Target type, actor and dates.
  await page.getByLabel("Target type", { exact: true }).selectOption("prompt");
  await expect(page).toHaveURL(/target_type=prompt/);
  await expect(dataRows(page)).toHaveCount(3);
  await page
    .getByLabel("Actor", { exact: true })
    .selectOption({ label: "System (built-in executor)" });
  await expect(page).toHaveURL(/actor=system/);
  await expect(page.getByText("No events match")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("From", { exact: true }).fill(tomorrow);
  await expect(page).toHaveURL(new RegExp(`from=${tomorrow}`));
  await expect(page.getByText("No events match")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();

  // Search: a target's name finds its events, even those whose data does not carry it.
  await page.getByRole("searchbox", { name: "Search" }).fill("support-reply");
  await expect(page).toHaveURL(/q=support-reply/);
  await expect(dataRows(page)).toHaveCount(3);

  // Export what the filter selects: CSV with the search, JSON with an action.
  const csvDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toMatch(
    new RegExp(`^audit-log-${slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`),
  );
  const lines = readFileSync((await csv.path())!, "utf8")
    .trim()
    .split("\r\n");
  expect(lines[0]).toMatch(/^created_at,actor,actor_type,action,action_label,target,target_name,/);
  expect(lines).toHaveLength(4);
  expect(lines.slice(1).every((l) => l.includes("prompt support-reply"))).toBe(true);

  await page.getByRole("button", { name: "Clear filters" }).click();
  await page.getByLabel("Action", { exact: true }).selectOption({ label: "Created an API token" });
  await expect(page).toHaveURL(/action=token\.create/);
  const jsonDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export JSON" }).click();
  const events = JSON.parse(readFileSync((await (await jsonDownload).path())!, "utf8")) as {
    action: string;
    target: { name: string };
  }[];
  expect(events.map((e) => [e.action, e.target.name])).toEqual([["token.create", "=HYPERLINK(1)"]]);
  const csvToken = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const tokenCsv = readFileSync((await (await csvToken).path())!, "utf8");
  // A spreadsheet would run the name as a formula: the export keeps it text.
  expect(tokenCsv).toContain(",'=HYPERLINK(1),api_token,");
});

test("a bad filter is explained; a viewer is refused", async ({ page, browser }) => {
  const email = uniqueEmail("audit-bad");
  await page.goto("/sign-in");
  const res = await page.request.post("/api/v1/auth/sign-up", {
    data: { email, password, name: "Bea Bad" },
  });
  expect(res.status()).toBe(201);
  const slug = ((await res.json()) as { org: { slug: string } }).org.slug;
  await submitSignIn(page, email, password);
  await expect(page).toHaveURL(/\/catalog$/);
  await openLog(page, slug, "?from=2026-03-02&to=2026-03-01");
  await expect(page.getByText(/These filters are not valid: 'from' is after 'to'/)).toBeVisible();

  // Lee Chen is a viewer of the demo org Acme.
  const viewer = await browser.newContext({ storageState: signedOut });
  const vp = await viewer.newPage();
  await vp.goto("/sign-in");
  await submitSignIn(vp, "lee@example.com", "quiver-demo");
  await expect(vp).toHaveURL(/\/catalog$/);
  await vp.goto("/acme/settings/audit");
  await expect(vp.getByText("Admins only")).toBeVisible();
  expect((await vp.request.get("/api/v1/org/acme/audit-events")).status()).toBe(403);
  expect((await vp.request.get("/api/v1/org/acme/audit-events/export")).status()).toBe(403);
  await viewer.close();
});
