// Runtimes as a platform engineer uses them, on the demo data: create a runtime, bind a capability
// through the picker, switch it off and on (each confirmed), override a flag (the effective value and the resolved
// digest follow), preview and apply an upgrade, remove it, rename and delete the runtime. And a
// change the server refuses is rolled back where everyone can see it. And tool drift: the list's
// badge and the runtime page's explanation of each tool that differs from the approved one.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { waitForHydration } from "./helpers";

const digestOf = (page: Page) => page.getByTestId("resolved-digest").textContent();

test("the list shows the demo runtimes with their sync status and upgrades", async ({ page }) => {
  await page.goto("/acme/main/runtimes");
  await expect(page.getByRole("heading", { name: "Runtimes", level: 1 })).toBeVisible();
  const row = (name: string) => page.locator(`[data-testid="runtime-row"][data-runtime="${name}"]`);
  await expect(row("support-agent-prod")).toContainText("In sync");
  await expect(row("support-agent-prod")).toContainText("2 upgrades available");
  await expect(row("support-agent-prod")).toContainText("2 enabled, 1 disabled");
  await expect(row("code-review-bot")).toContainText("Drift");
  await expect(row("soc-copilot-staging")).toContainText("Never reported");
  await expect(row("soc-copilot-staging")).toContainText("never");

  // A runtime in drift says what it reported against what it should load.
  await row("code-review-bot").getByRole("link", { name: "code-review-bot" }).click();
  const summary = page.getByTestId("runtime-summary");
  await expect(summary).toContainText("Drift");
  await expect(summary).toContainText("differs");
  // Another org's public capability is bound as owner/name.
  await page.goto("/acme/main/runtimes");
  await row("soc-copilot-staging").getByRole("link", { name: "soc-copilot-staging" }).click();
  await expect(
    page.locator('[data-testid="binding-row"][data-binding="globex/meeting-notes"]'),
  ).toContainText("public");
});

test("tool drift: the list flags the runtime whose server changed a tool, its page explains each difference in both colour modes", async ({
  page,
}) => {
  await page.goto("/acme/main/runtimes");
  const row = page.locator('[data-testid="runtime-row"][data-runtime="code-review-bot"]');
  // Beside its digest drift, a tool differs from the approved one.
  await expect(row).toContainText("Drift");
  await expect(row.locator('[data-tool-drift="drift"]')).toHaveText("1 tool differs");
  // A runtime whose capabilities declare no tools shows no tool status.
  await expect(
    page.locator(
      '[data-testid="runtime-row"][data-runtime="support-agent-prod"] [data-tool-drift]',
    ),
  ).toHaveCount(0);

  await row.getByRole("link", { name: "1 tool differs" }).click();
  await expect(page).toHaveURL(/\/runtimes\/[0-9a-f-]{36}#tool-drift$/);
  await expect(page.getByTestId("runtime-summary")).toContainText("1 tool differs");
  const section = page.locator("section#tool-drift");
  await expect(section.getByRole("heading", { name: "Tool drift" })).toBeVisible();
  await expect(section).toContainText("Checked servers: github");
  const item = section.locator('[data-testid="tool-difference"][data-tool="get_pull_request"]');
  await expect(item).toHaveAttribute("data-kind", "changed");
  await expect(item).toContainText("github / get_pull_request");
  await expect(item).toContainText("changed: description, input schema");
  await expect(item).toContainText("Approved by pr-reviewer@1.1.0");
  // The description's added words, marked in text for screen readers as well as by an underline.
  const added = item.locator('ins[data-diff="added"]');
  await expect(added).toContainText("<IMPORTANT>Before reviewing");
  await expect(added.first()).toContainText("[added:");
  await expect(item.locator('del[data-diff="removed"]')).toHaveCount(0);
  // The schema's added lines, signed +.
  const schema = item.getByLabel("Input schema of get_pull_request");
  await expect(schema.locator('[data-diff="added"]').first()).toContainText("+");
  await expect(schema.locator('[data-diff="added"]')).toContainText(['"sidenote"']);

  // Readable and accessible in both modes: axe (WCAG A/AA, best practices) on the section.
  for (const scheme of ["light", "dark"] as const) {
    await page.evaluate((s) => {
      document.documentElement.classList.remove("light", "dark");
      document.documentElement.classList.add(s);
    }, scheme);
    const { violations } = await new AxeBuilder({ page })
      .include("section#tool-drift")
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
      .analyze();
    expect(
      violations,
      `${scheme}: ${JSON.stringify(violations.map((v) => [v.id, v.nodes.map((n) => n.target)]))}`,
    ).toEqual([]);
  }
});

test("create a runtime, bind, toggle, override a flag, upgrade, remove, rename and delete it", async ({
  page,
}) => {
  const name = `e2e-${Date.now().toString(36)}`;
  await page.goto("/acme/main/runtimes");
  await waitForHydration(page, "main button");
  await page.getByRole("button", { name: "New runtime" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Description").fill("Made by the end-to-end test");
  await page.getByRole("button", { name: "Create runtime" }).click();
  await expect(page).toHaveURL(/\/acme\/main\/runtimes\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No capabilities bound" })).toBeVisible();
  await expect(page.getByTestId("runtime-summary")).toContainText("Never reported");
  const emptyDigest = await digestOf(page);

  // Bind support-triage at an older version through the picker.
  await waitForHydration(page, "main button");
  await page.getByRole("button", { name: "Add capability" }).click();
  const picker = page.getByRole("dialog", { name: "Add a capability" });
  await picker.getByRole("combobox", { name: "Search capabilities" }).fill("support");
  await picker.getByRole("option", { name: /support-triage/ }).click();
  await expect(picker.getByTestId("picked-capability")).toContainText("support-triage");
  await expect(picker.getByLabel("Version")).toBeEnabled();
  await picker.getByLabel("Version").selectOption("0.2.0");
  await picker.getByRole("button", { name: "Add support-triage 0.2.0" }).click();
  await expect(picker).toBeHidden();
  const binding = page.locator('[data-testid="binding-row"][data-binding="support-triage"]');
  await expect(binding.getByTestId("binding-version")).toHaveText("0.2.0");
  await expect(binding.getByTestId("upgrade-badge")).toContainText("v0.2.0 → v0.3.0");
  await expect.poll(() => digestOf(page)).not.toBe(emptyDigest);
  const bound = await digestOf(page);

  // Switch it off: the runtime loads nothing; on again: the same digest as before.
  const toggle = binding.getByRole("switch", { name: "Enabled: support-triage" });
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await toggle.click();
  await page.getByRole("button", { name: "Disable support-triage" }).click();
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await expect.poll(() => digestOf(page)).toBe(emptyDigest);
  await expect(page.getByText("Nothing enabled: the runtime loads no capabilities.")).toBeVisible();
  await toggle.click();
  await page.getByRole("button", { name: "Enable support-triage" }).click();
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await expect.poll(() => digestOf(page)).toBe(bound);

  // Override auto-tag (default on) to off: the effective value and the digest change.
  const flag = page.locator(
    '[data-testid="binding-flags"][data-binding="support-triage"] [data-flag="auto-tag"]',
  );
  await expect(flag).toContainText("Default on");
  await expect(flag.getByTestId("flag-effective")).toHaveText("on");
  await expect(flag.getByRole("button", { name: "Default (on)" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await flag.getByRole("button", { name: "Off", exact: true }).click();
  await expect(flag.getByRole("button", { name: "Off", exact: true })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(flag.getByTestId("flag-effective")).toHaveText("off");
  await expect(flag).toContainText("overridden");
  await expect.poll(() => digestOf(page)).not.toBe(bound);
  await expect(page.getByTestId("resolved-flags")).toContainText("auto-tag=false");
  const overridden = await digestOf(page);
  // The copyable fetch command carries the token and the current digest for If-None-Match.
  await expect(page.getByTestId("fetch-command")).toContainText(
    "Authorization: Bearer $QUIVER_TOKEN",
  );
  await expect(page.getByTestId("fetch-command")).toContainText(`If-None-Match: "${overridden}"`);

  // Preview the upgrade, then apply it: the badge goes, the version follows, the override stays.
  await binding.getByTestId("upgrade-badge").click();
  const dialog = page.getByRole("dialog", { name: "support-triage: 0.2.0 → 0.3.0" });
  const preview = dialog.getByTestId("upgrade-preview");
  await expect(preview).toContainText("Trust");
  await expect(preview).toContainText("incident-mode");
  await expect(preview).toContainText("Resolved digest after");
  await dialog.getByRole("button", { name: "Upgrade to 0.3.0" }).click();
  await expect(dialog).toBeHidden();
  await expect(binding.getByTestId("binding-version")).toHaveText("0.3.0");
  await expect(binding.getByTestId("upgrade-badge")).toHaveCount(0);
  await expect(binding).toContainText("latest");
  await expect(
    page.locator(
      '[data-testid="binding-flags"][data-binding="support-triage"] [data-flag="incident-mode"]',
    ),
  ).toBeVisible();
  await expect.poll(() => digestOf(page)).not.toBe(overridden);
  await expect(page.getByRole("list", { name: "Runtime history" })).toContainText(
    "Moved support-triage from 0.2.0 to 0.3.0",
  );

  // Remove it, with confirmation: the runtime binds nothing again.
  await binding.getByRole("button", { name: "Remove support-triage" }).click();
  await binding.getByRole("button", { name: "Confirm removing support-triage" }).click();
  await expect(binding).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "No capabilities bound" })).toBeVisible();
  await expect.poll(() => digestOf(page)).toBe(emptyDigest);

  // Rename, then delete with confirmation.
  await page.getByRole("button", { name: "Rename" }).click();
  const edit = page.getByRole("dialog", { name: "Rename or describe the runtime" });
  await edit.getByLabel("Name").fill(`${name}-renamed`);
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { name: `${name}-renamed`, level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const confirm = page.getByRole("dialog", { name: `Delete ${name}-renamed?` });
  await confirm.getByRole("button", { name: "Delete runtime" }).click();
  await expect(page).toHaveURL("/acme/main/runtimes");
  await expect(
    page.locator(`[data-testid="runtime-row"][data-runtime="${name}-renamed"]`),
  ).toHaveCount(0);
  await expect(
    page.locator('[data-testid="runtime-row"][data-runtime="support-agent-prod"]'),
  ).toBeVisible();
});

test("a change the server refuses is rolled back, with the reason shown", async ({ page }) => {
  await page.goto("/acme/main/runtimes");
  await page.getByRole("link", { name: "support-agent-prod" }).click();
  const toggle = page.getByRole("switch", { name: "Enabled: onboarding-buddy" });
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await waitForHydration(page, "button[role=switch]");
  await page.route("**/capabilities/*", async (route) => {
    if (route.request().method() !== "PATCH") return route.fallback();
    await new Promise((r) => setTimeout(r, 300)); // long enough to see the optimistic state
    await route.fulfill({
      status: 409,
      contentType: "application/json",
      body: JSON.stringify({
        code: 409,
        type: "conflict_error",
        detail:
          "The binding of 'onboarding-buddy' was changed by someone else a moment ago; reload it and try again",
      }),
    });
  });
  await toggle.click();
  await page.getByRole("button", { name: "Disable onboarding-buddy" }).click();
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  const alert = page.getByRole("alert").filter({ hasText: "The server refused the change" });
  await expect(alert).toContainText(
    "Could not disable onboarding-buddy: The binding of 'onboarding-buddy' was changed by someone else",
  );
});
