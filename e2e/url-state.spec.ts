// A view's state is in its URL, so a link shows what its sender saw: the catalog's and the runs
// list's filter, sort and page survive a fresh page and Back restores the previous one; a
// capability's version and a run's compared variant are in the URL; a version or variant that
// does not exist is said, never silently replaced; page titles name the object they show.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { sameOriginRequests, uniqueEmail, waitForHydration } from "./helpers";

const names = (rows: Locator) => rows.locator("a").allTextContents();

test("catalog: filter, sort and page round-trip through the URL, and Back", async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  await page.goto("/acme/catalog?limit=2");
  await expect(page).toHaveTitle("Catalog · Quiver");
  const rows = page.getByTestId("capability-row");
  await expect(rows).toHaveCount(2);
  await waitForHydration(page, "input[type=search]");

  const publicToo = page.getByLabel("Include public capabilities of other orgs");
  await publicToo.click(); // checked once the URL (its source of truth) has changed
  await expect(page).toHaveURL(/include_public=true/);
  await expect(publicToo).toBeChecked();
  const sorted = page.waitForResponse((r) => /\/capabilities\?.*sort_by=name/.test(r.url()));
  await page.getByLabel("Sort").selectOption("name:asc");
  await expect(page).toHaveURL(/sort_by=name&sort_dir=asc/);
  const first = (
    (await (await sorted).json()) as { capabilities: { name: string }[] }
  ).capabilities.map((c) => c.name);
  await expect.poll(() => names(rows)).toEqual(first);
  await expect(page.getByText(/^Page 1 of \d+$/)).toBeVisible();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await expect(page.getByText(/^Page 2 of \d+$/)).toBeVisible();
  const second = await names(rows);
  expect(second).toHaveLength(2);
  expect(second).not.toEqual(first);

  // The link in a fresh page: the same filter, sort, page and rows.
  const fresh = await context.newPage();
  await fresh.goto(page.url());
  await expect(fresh.getByText(/^Page 2 of \d+$/)).toBeVisible();
  await expect(fresh.getByLabel("Include public capabilities of other orgs")).toBeChecked();
  await expect(fresh.getByLabel("Sort")).toHaveValue("name:asc");
  expect(await names(fresh.getByTestId("capability-row"))).toEqual(second);
  await fresh.close();

  // Back: page 1 again, with the filter and sort kept.
  await page.goBack();
  await expect(page).not.toHaveURL(/page=/);
  await expect(page).toHaveURL(/include_public=true/);
  await expect(page).toHaveURL(/sort_by=name&sort_dir=asc/);
  await expect(page.getByText(/^Page 1 of \d+$/)).toBeVisible();
  await expect.poll(() => names(rows)).toEqual(first);
});

test("capability: the version in the URL, an unknown one said, titles that name it", async ({
  page,
}) => {
  await page.goto("/acme/catalog/sql-analyst?version=1.0.0");
  await expect(page).toHaveTitle("sql-analyst 1.0.0 · Catalog · Quiver");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("sql-analyst 1.0.0");
  await expect(page.getByTestId("url-notice")).toHaveCount(0);
  // Another version, in the browser: the URL and the title follow, and Back restores both.
  await page.locator("aside").getByRole("link", { name: "1.1.0", exact: true }).click();
  await expect(page).toHaveURL("/acme/catalog/sql-analyst?version=1.1.0");
  await expect(page).toHaveTitle("sql-analyst 1.1.0 · Catalog · Quiver");
  await page.goBack();
  await expect(page).toHaveTitle("sql-analyst 1.0.0 · Catalog · Quiver");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("sql-analyst 1.0.0");

  // A version that does not exist: said, with the latest shown and a way to the versions. (The
  // latest is read first: another spec promotes a run's winner into sql-analyst.)
  const detail = await page.request.get("/api/v1/org/acme/capabilities/sql-analyst");
  const latest = ((await detail.json()) as { version: string }).version;
  await page.goto("/acme/catalog/sql-analyst?version=9.9.9");
  await expect(page.getByTestId("url-notice")).toHaveText(
    `Version 9.9.9 of sql-analyst does not exist. Showing ${latest}, the latest. See all versions`,
  );
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`sql-analyst ${latest}`);
  await expect(page).toHaveTitle(`sql-analyst ${latest} · Catalog · Quiver`);
  await page.getByRole("link", { name: "See all versions" }).click();
  await expect(page).toHaveURL(/#versions$/);

  // The diff page names the version it could not find and what it compares instead.
  await page.goto("/acme/catalog/sql-analyst/diff?from=0.0.1&to=1.1.0");
  await expect(page.getByTestId("url-notice")).toContainText(
    "Version 0.0.1 of sql-analyst does not exist. Comparing 1.0.0 with 1.1.0 instead.",
  );
  await expect(page).toHaveTitle("sql-analyst 1.0.0 → 1.1.0 · Catalog · Quiver");

  // The compared items are the URL's; one that does not exist is named.
  await page.goto(
    "/acme/compare?items=sql-analyst@1.0.0&items=sql-analyst@1.1.0&items=sql-analyst@9.9.9",
  );
  await expect(page).toHaveTitle(
    "Compare sql-analyst@1.0.0 and sql-analyst@1.1.0 · Catalog · Quiver",
  );
  await expect(page.getByText("Cannot compare sql-analyst@9.9.9")).toBeVisible();

  // A capability this org cannot see: a 404 whose title does not name it.
  const res = await page.goto("/acme/catalog/no-such-capability?version=1.0.0");
  expect(res?.status()).toBe(404);
  await expect(page).not.toHaveTitle(/no-such-capability/);

  await page.goto("/acme/settings/members");
  await expect(page).toHaveTitle("Members · Settings · Quiver");
  await page.goto("/acme/main/runtimes");
  await expect(page).toHaveTitle("Runtimes · Quiver");
  await page.getByRole("link", { name: "support-agent-prod", exact: true }).click();
  await expect(page).toHaveTitle("support-agent-prod · Runtimes · Quiver");
});

test.describe("a new account's runs", () => {
  test.use(sameOriginRequests);
  test.use({ storageState: { cookies: [], origins: [] } });

  /** A new account with 22 runs named run-01…run-22 and one other, the first with 3 variants. */
  async function setUp(page: Page) {
    const email = uniqueEmail("urlstate");
    const org = email.split("@")[0]!;
    await page.goto("/sign-up");
    await waitForHydration(page);
    await page.getByLabel("Name").fill("Uma URL");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("correct-horse-battery");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(`/${org}/catalog`);
    const ws = `/api/v1/org/${org}/ws/main`;
    const prompt = await (
      await page.request.post(`${ws}/prompts`, {
        data: { name: "refund-desk", content: "You answer refunds." },
      })
    ).json();
    const ids: string[] = [];
    for (const name of [
      "other",
      ...Array.from({ length: 22 }, (_, i) => `run-${String(i + 1).padStart(2, "0")}`),
    ]) {
      const res = await page.request.post(`${ws}/optimization/jobs`, {
        data: { target_kind: "prompt", prompt_id: prompt.id, executor: "external", name },
      });
      expect(res.status()).toBe(201);
      ids.push((await res.json()).id);
    }
    const progress = await page.request.post(`${ws}/optimization/jobs/${ids[1]}/progress`, {
      data: {
        variants: [
          { key: "control", name: "Original", content: "You answer refunds.", is_original: true },
          { key: "b", name: "Variant B", content: "You answer refunds: policy first." },
          { key: "c", name: "Variant C", content: "You answer refunds, briefly." },
        ],
      },
    });
    expect(progress.status()).toBe(200);
    return { org, run01: ids[1]! };
  }

  test("runs list: filter, sort and page in the URL; a run's variant and title", async ({
    page,
    context,
  }) => {
    test.setTimeout(60_000);
    const s = await setUp(page);
    const list = `/${s.org}/main/optimization`;
    await page.goto(list);
    await expect(page).toHaveTitle("Optimization · Quiver");
    await expect(page.getByRole("heading", { name: "23 runs" })).toBeVisible();
    await waitForHydration(page, 'input[type="search"]');
    const rows = page.getByTestId("run-row");

    await page.getByRole("searchbox", { name: "Search runs by name or target" }).fill("run-");
    await expect(page).toHaveURL(/[?&]search=run-(&|$)/);
    await expect(page.getByRole("heading", { name: "22 runs" })).toBeVisible();
    await page.getByLabel("Sort").selectOption("name");
    await expect(page).toHaveURL(/[?&]sort=name(&|$)/);
    await expect(rows.first()).toContainText("run-01");
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page).toHaveURL(/[?&]page=2(&|$)/);
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText("run-21");
    await expect(rows.nth(1)).toContainText("run-22");

    const fresh = await context.newPage();
    await fresh.goto(page.url());
    await expect(
      fresh.getByRole("searchbox", { name: "Search runs by name or target" }),
    ).toHaveValue("run-");
    await expect(fresh.getByLabel("Sort")).toHaveValue("name");
    await expect(fresh.getByTestId("run-row")).toHaveCount(2);
    await expect(fresh.getByTestId("run-row").nth(0)).toContainText("run-21");
    await fresh.close();

    await page.goBack();
    await expect(page).not.toHaveURL(/page=/);
    await expect(page).toHaveURL(/sort=name/);
    await expect(rows).toHaveCount(20);
    await expect(rows.first()).toContainText("run-01");

    // The run's page: its name in the title; an unknown variant in the URL is said.
    await page.goto(`${list}/${s.run01}?variant=nope`);
    await expect(page).toHaveTitle("run-01 · Optimization · Quiver");
    const compare = page.getByTestId("variant-compare");
    await expect(compare.getByTestId("url-notice")).toHaveText(
      "This run has no variant “nope”. Showing Variant B.",
    );
    await waitForHydration(page, '[aria-label="Candidate to compare"]');
    await page.getByLabel("Candidate to compare").selectOption("c");
    await expect(page).toHaveURL(/[?&]variant=c(&|$)/);
    await expect(compare.getByTestId("url-notice")).toHaveCount(0);
    await page.reload();
    await expect(page.getByLabel("Candidate to compare")).toHaveValue("c");
    // The default candidate leaves the URL.
    await waitForHydration(page, '[aria-label="Candidate to compare"]');
    await page.getByLabel("Candidate to compare").selectOption("b");
    await expect(page).not.toHaveURL(/variant=/);
  });
});
