// Risk where decisions are made, on the demo data: the catalog list badges each capability's trust
// level and filters by it; the "add a capability" picker shows each candidate's trust and asks
// before adding one with failing signals (runtimes and agents alike), listing them with links to
// their evidence; "Looks risky" tells failures from warnings and links to each signal; compare's
// rows add up to its overall counts; a promoted version names who promoted it.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { sameOriginRequests, waitForHydration } from "./helpers";

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/risk-${name}.png`, fullPage: false });

test("the catalog list badges each row's trust level and filters by it", async ({ page }) => {
  await page.goto("/acme/catalog");
  const rows = page.getByTestId("capability-row");
  const row = (name: string) => rows.filter({ has: page.getByRole("link", { name, exact: true }) });
  const legacy = row("legacy-ops-bridge").getByTestId("trust-badge");
  await expect(legacy).toHaveAttribute("data-level", "fail");
  await expect(legacy).toContainText("5 failing signals, 3 warnings");
  await expect(row("release-notes").getByTestId("trust-badge")).toHaveAttribute(
    "data-level",
    "warn",
  );
  await shot(page, "catalog-list");

  await waitForHydration(page, "input[type=search]");
  const trust = page.getByRole("group", { name: "Trust" });
  const failing = trust.getByRole("checkbox", { name: /Failing signals/ });
  await failing.click();
  await expect(page).toHaveURL(/trust=fail/);
  await expect(failing).toBeChecked();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("legacy-ops-bridge");
  // The filter's count says how many rows it leaves.
  await expect(trust.locator("label", { hasText: "Failing signals" })).toContainText("1");
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).not.toHaveURL(/trust=/);
  await expect.poll(() => rows.count()).toBeGreaterThan(1);
});

/** Opens the picker's search for `term` and picks the option named `name`. */
async function pickIn(picker: Locator, term: string, name: string) {
  await picker.getByRole("combobox", { name: "Search capabilities" }).fill(term);
  const option = picker.getByRole("option", { name: new RegExp(name) });
  await option.click();
  return option;
}

test("a runtime's picker shows each candidate's trust and confirms failing signals before binding", async ({
  page,
}) => {
  const name = `e2e-risk-${Date.now().toString(36)}`;
  await page.goto("/acme/main/runtimes");
  await waitForHydration(page, "main button");
  await page.getByRole("button", { name: "New runtime" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Description").fill("Made by the risk end-to-end test");
  await page.getByRole("button", { name: "Create runtime" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await waitForHydration(page, "main button");
  await page.getByRole("button", { name: "Add capability" }).click();
  const picker = page.getByRole("dialog", { name: "Add a capability" });

  // A capability with only warnings is added without a question.
  await pickIn(picker, "support", "support-triage");
  await expect(picker.getByTestId("capability-trust")).toHaveAttribute("data-status", "warn");
  await picker.getByRole("button", { name: "Add support-triage 0.3.0" }).click();
  await expect(picker).toBeHidden();
  const bindings = page.getByTestId("binding-row");
  await expect(bindings).toHaveCount(1);

  await page.getByRole("button", { name: "Add capability" }).click();
  const option = await pickIn(picker, "legacy", "legacy-ops-bridge");
  await expect(option.getByTestId("trust-badge")).toHaveAttribute("data-level", "fail");
  await expect(option.getByTestId("trust-badge")).toContainText("5 failing signals");
  const summary = picker.getByTestId("capability-trust");
  await expect(summary).toHaveAttribute("data-status", "fail");
  const risks = summary.getByTestId("risk-list").getByRole("listitem");
  // Four of the five failures fill the picker's list; the rest are on the trust card.
  await expect(risks).toHaveCount(4);
  await expect(risks.nth(0)).toHaveAttribute("data-status", "fail");
  await expect(risks.nth(3)).toHaveAttribute("data-status", "fail");
  await expect(summary).toContainText("and 4 more on its trust card");
  await shot(page, "picker-pick");

  // Adding asks first, with each failing signal and a link to its evidence.
  await picker.getByRole("button", { name: "Add legacy-ops-bridge 1.1.0" }).click();
  const confirm = page.getByRole("dialog", {
    name: "Add legacy-ops-bridge 1.1.0 despite failing trust signals?",
  });
  await expect(confirm).toBeVisible();
  const signals = confirm.getByTestId("failing-signals").getByRole("listitem");
  await expect(signals).toHaveCount(5);
  await expect(confirm).toContainText("Worker 'nightly-sync' starts a process");
  await expect(confirm).toContainText("Fetches code at run time without pinning it");
  const evidence = confirm.getByRole("link", { name: /See the evidence/ });
  await expect(evidence).toHaveCount(5);
  await expect(evidence.first()).toHaveAttribute(
    "href",
    /^\/acme\/catalog\/legacy-ops-bridge\?version=1\.1\.0#signal-/,
  );
  await shot(page, "picker-confirm");

  // Cancel leaves the pick open and binds nothing.
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await expect(picker).toBeVisible();
  await expect(bindings).toHaveCount(1);

  // Confirmed, it is bound.
  await picker.getByRole("button", { name: "Add legacy-ops-bridge 1.1.0" }).click();
  await confirm.getByRole("button", { name: "Add anyway" }).click();
  await expect(picker).toBeHidden();
  await expect(bindings).toHaveCount(2);
  await expect(
    page.locator('[data-testid="binding-row"][data-binding="legacy-ops-bridge"]'),
  ).toBeVisible();

  // The evidence link opens the signal on the capability's trust card.
  const res = await page.goto(
    "/acme/catalog/legacy-ops-bridge?version=1.1.0#signal-capabilities.worker.nightly-sync",
  );
  expect(res?.ok()).toBe(true);
  await expect(page.locator("#signal-capabilities\\.worker\\.nightly-sync")).toBeInViewport();
});

test("an agent's picker asks before adding a capability with failing signals", async ({ page }) => {
  await page.goto("/acme/main/agents");
  await page.getByRole("link", { name: "Support Concierge" }).first().click();
  await waitForHydration(page, "main button");
  const caps = page.locator("#capabilities");
  await caps.getByRole("button", { name: "Add capability" }).click();
  const picker = page.getByRole("dialog", { name: "Add a capability" });
  await pickIn(picker, "legacy", "legacy-ops-bridge");
  await expect(picker.getByTestId("capability-trust")).toHaveAttribute("data-status", "fail");
  await picker.getByRole("button", { name: "Add legacy-ops-bridge" }).click();
  const confirm = page.getByRole("dialog", { name: /despite failing trust signals/ });
  await expect(confirm.getByTestId("failing-signals").getByRole("listitem")).toHaveCount(5);
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await picker.getByRole("button", { name: "Cancel" }).click();
  await expect(caps).not.toContainText("legacy-ops-bridge");
});

test("'Looks risky' tells failures from warnings and links to each signal", async ({ page }) => {
  await page.goto("/acme/catalog/legacy-ops-bridge");
  const card = page.getByTestId("trust-card");
  const items = card.getByTestId("risk-list").getByRole("listitem");
  await expect(items).toHaveCount(6);
  const statuses = await items.evaluateAll((els) => els.map((e) => e.getAttribute("data-status")));
  expect(statuses).toEqual(["fail", "fail", "fail", "fail", "fail", "warn"]);
  await expect(card).toContainText("and 2 more below");
  const colour = (i: number) =>
    items
      .nth(i)
      .getByRole("link")
      .evaluate((a) => getComputedStyle(a).color);
  expect(await colour(0)).not.toBe(await colour(5));
  await shot(page, "looks-risky");

  // Each links to its signal, in an open section.
  const link = items.nth(5).getByRole("link");
  const anchor = (await link.getAttribute("href"))!;
  expect(anchor).toMatch(/^#signal-/);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`${anchor.replace(/[.]/g, "\\.")}$`));
  const target = page.locator(`[id="${anchor.slice(1)}"]`);
  await expect(target).toBeVisible();
  await expect(target).toHaveAttribute("data-status", "warn");
});

test("compare's trust rows add up to its overall counts", async ({ page }) => {
  await page.goto("/acme/compare?items=sql-analyst@1.0.0&items=sql-analyst@1.1.0");
  const table = page.getByTestId("compare-table");
  const trustBody = table.locator("tbody", { has: page.getByRole("row", { name: /^Overall/ }) });
  const overall = trustBody.getByRole("row", { name: /^Overall/ });
  for (const column of [0, 1]) {
    const text = (await overall.getByRole("cell").nth(column).textContent())!;
    const [, fail, warn] = /(\d+) fail, (\d+) warn/.exec(text)!;
    const flagged = trustBody
      .getByRole("row")
      .filter({ hasNot: page.getByRole("rowheader", { name: /^Overall/ }) })
      .locator(`td:nth-child(${column + 2}) li`);
    await expect(flagged).toHaveCount(Number(fail) + Number(warn));
  }
  await expect(overall.getByRole("cell").nth(1)).toContainText("0 fail, 2 warn");
  await expect(trustBody.getByRole("row", { name: /^Changes since/ })).toHaveAttribute(
    "data-differs",
    "true",
  );
});

test("a promoted version names who promoted it, as its trust card does", async ({ page }) => {
  await page.goto("/acme/main/optimization?target_kind=capability_agent");
  await page.getByRole("link", { name: "Analyst: state assumptions", exact: true }).click();
  await waitForHydration(page, '[data-testid="run-actions"] button');
  const promote = page.getByRole("button", { name: "Promote…" });
  // optimization.spec.ts may have promoted it already.
  if (await promote.isEnabled()) {
    await promote.click();
    const dialog = page.getByRole("dialog", {
      name: "Promote the winner into a new capability version",
    });
    await dialog.getByRole("button", { name: "Create sql-analyst 1.1.1" }).click();
    await expect(dialog).toBeHidden();
  }
  await page.goto("/acme/catalog/sql-analyst?version=1.1.1");
  await expect(page.getByTestId("stored-by")).toContainText(
    "demo@quiver.dev, promoted from an optimization job",
  );
  await expect(page.getByTestId("trust-card")).toContainText(
    "demo@quiver.dev, promoted from an optimization job",
  );
  await expect(page.getByTestId("stored-by")).not.toContainText("unknown");
});

test.describe("with writes through page.request", () => {
  // page.request writes as the browser would: with the app's Origin (the API's CSRF check).
  test.use(sameOriginRequests);

  test("an upgrade preview shows what the target fetches unpinned, new ones first", async ({
    page,
  }) => {
    const api = "/api/v1/org/acme";
    const rt = await page.request.post(`${api}/ws/main/runtimes`, {
      data: { name: `e2e-unpinned-${Date.now().toString(36)}` },
    });
    expect(rt.status()).toBe(201);
    const runtime = (await rt.json()) as { id: string };
    const bound = await page.request.post(`${api}/ws/main/runtimes/${runtime.id}/capabilities`, {
      data: { name: "legacy-ops-bridge", version: "0.9.0" },
    });
    expect(bound.status(), await bound.text()).toBe(201);
    await page.goto(`/acme/main/runtimes/${runtime.id}`);
    await waitForHydration(page, "main button");
    await page
      .locator('[data-testid="binding-row"][data-binding="legacy-ops-bridge"]')
      .getByTestId("upgrade-badge")
      .click();
    const dialog = page.getByRole("dialog", { name: "legacy-ops-bridge: 0.9.0 → 1.1.0" });
    await expect(dialog.getByText("Fetched at run time without a pin (1 new)")).toBeVisible();
    const fetches = dialog.getByTestId("unpinned-fetches").getByRole("listitem");
    await expect(fetches).toHaveCount(3);
    // The download piped into a shell is new in 1.1.0; the open Python ranges were already there.
    await expect(fetches.nth(0)).toHaveAttribute("data-introduced", "true");
    await expect(fetches.nth(0)).toHaveAttribute("data-severity", "fail");
    await expect(fetches.nth(0)).toContainText("worker 'nightly-sync'");
    await expect(fetches.nth(0)).toContainText("new in 1.1.0 · capability.yaml:15");
    await expect(fetches.nth(0)).toContainText("Fix: download a versioned file");
    await expect(fetches.nth(1)).toHaveAttribute("data-introduced", "false");
    await expect(fetches.nth(1)).toContainText("Python dependency");
    await expect(fetches.nth(1)).toContainText("already in 0.9.0");
    await expect(fetches.nth(1)).toContainText("pin it exactly: boto3==<version>");
    await shot(page, "upgrade-unpinned");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await page.request.delete(`${api}/ws/main/runtimes/${runtime.id}`);
  });
});
