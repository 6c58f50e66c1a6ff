// The trust card, the version diff and the compare page as a reviewer uses them, on the demo
// data: read what looks risky with its evidence, follow the evidence to the file, see what changed
// since the previous version, and put two capabilities side by side.
import { expect, test } from "@playwright/test";
import { waitForHydration } from "./helpers";

test("the trust card shows what looks risky, with evidence that opens the file", async ({
  page,
}) => {
  await page.goto("/acme/catalog/legacy-ops-bridge");
  const card = page.getByTestId("trust-card");
  await expect(card.getByRole("heading", { name: "Trust card" })).toBeVisible();
  await expect(card).toContainText("Needs a close look before anyone runs it");

  // The glance: where it came from, what it may do, what looks risky.
  await expect(card).toContainText("demo@quiver.dev, pushed via the demo seed");
  await expect(card).toContainText(
    "MCP server 'ops-gateway' connects to ops-gateway.corp.acme-internal.net",
  );
  await expect(card).toContainText("Worker 'nightly-sync' starts a process");

  // Failing and warning sections are open, with each signal's evidence by file and line.
  const content = card.locator('[data-section="content"]');
  await expect(content).toHaveAttribute("open", "");
  const secrets = content.locator('[data-signal="content.secrets"]');
  await expect(secrets).toContainText("tools/aws_inventory.py:8");
  // The key is located, never shown.
  await expect(page.locator("body")).not.toContainText("AKIAXQDEMOEXAMPLEKEY");
  await expect(content.locator('[data-signal="content.hidden_unicode"]')).toHaveAttribute(
    "data-status",
    "fail",
  );
  await expect(content.locator('[data-signal="content.injection"]')).toHaveAttribute(
    "data-status",
    "fail",
  );
  await expect(card.locator('[data-signal="capabilities.worker.nightly-sync"]')).toHaveAttribute(
    "data-status",
    "fail",
  );
  // What it fetches at run time without a pin, with where and how to pin it.
  const unpinned = card.locator('[data-signal="capabilities.unpinned_fetch"]');
  await expect(unpinned).toHaveAttribute("data-status", "fail");
  await expect(unpinned).toContainText("capability.yaml:15");
  await expect(unpinned).toContainText("worker 'nightly-sync'");
  await expect(unpinned).toContainText("Fix: pin it exactly: boto3==<version>");
  await expect(card.locator('[data-signal="license.identifier"]')).toContainText(
    "not a recognised SPDX expression",
  );

  // A passing section starts closed and opens on click.
  const integrity = card.locator('[data-section="integrity"]');
  await expect(integrity).not.toHaveAttribute("open", "");
  await integrity.locator("summary").click();
  await expect(integrity.locator('[data-signal="integrity.runtime_digest"]')).toHaveAttribute(
    "data-status",
    "pass",
  );

  // Evidence links open the file at the line in the viewer.
  await waitForHydration(page, 'ul[aria-label="Files"] a');
  await secrets.getByRole("link", { name: "tools/aws_inventory.py:8" }).click();
  await expect(page).toHaveURL(
    /file=tools%2Faws_inventory\.py&line=8|file=tools\/aws_inventory\.py&line=8/,
  );
  await expect(
    page.locator("#file-viewer").getByRole("heading", { name: "tools/aws_inventory.py" }),
  ).toBeVisible();
});

test("a version diff shows files, components, manifest and trust changes", async ({ page }) => {
  await page.goto("/acme/catalog/legacy-ops-bridge");
  await page.getByRole("link", { name: "Changes since 1.0.0" }).click();
  await expect(page).toHaveURL("/acme/catalog/legacy-ops-bridge/diff?from=1.0.0&to=1.1.0");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "legacy-ops-bridge: 1.0.0 → 1.1.0",
  );
  const diff = page.getByTestId("version-diff");
  await expect(diff.getByRole("region", { name: "Trust signals", exact: true })).toContainText(
    "Instruction-injection phrases in 1 file",
  );
  await expect(diff.getByRole("region", { name: "Components", exact: true })).toContainText(
    "skill runbook",
  );
  await expect(diff.getByRole("region", { name: "Manifest", exact: true })).toContainText(
    "The manifest did not change.",
  );
  const files = diff.getByRole("region", { name: "Files", exact: true });
  await expect(files).toContainText("skills/runbook/SKILL.md");
  await expect(files.locator('[data-line="added"]').first()).toBeVisible();

  // Other versions are a GET away, so any diff can be linked.
  await page.getByLabel("From").selectOption("0.9.0");
  await page.getByRole("button", { name: "Show diff" }).click();
  await expect(page).toHaveURL(/from=0\.9\.0&to=1\.1\.0/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "legacy-ops-bridge: 0.9.0 → 1.1.0",
  );
  await expect(diff.getByRole("region", { name: "Manifest", exact: true })).toContainText(
    "workers",
  );
  await expect(diff.getByRole("region", { name: "Trust signals", exact: true })).toContainText(
    "Worker 'nightly-sync' starts a process",
  );
});

test("compare two capabilities side by side, then add a third column", async ({ page }) => {
  await page.goto("/acme/catalog/legacy-ops-bridge");
  await page.getByRole("link", { name: "Compare", exact: true }).click();
  await expect(page).toHaveURL(/\/acme\/compare\?items=legacy-ops-bridge%401\.1\.0/);
  await expect(page.getByRole("heading", { name: "Pick what to compare" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Add one more to compare" })).toBeVisible();

  await waitForHydration(page, "input[aria-label='Capability 2']");
  await page.getByLabel("Capability 2").fill("pr-reviewer");
  await expect(page.getByLabel("Version 2")).toBeEnabled();
  await page.getByRole("button", { name: "Compare", exact: true }).click();
  await expect(page).toHaveURL(/items=legacy-ops-bridge%401\.1\.0&items=pr-reviewer/);
  const table = page.getByTestId("compare-table");
  await expect(table.getByRole("columnheader", { name: /pr-reviewer/ })).toBeVisible();
  // The rows that differ are marked; license and trust differ between these two.
  await expect(table.getByRole("row", { name: /^License/ }).first()).toHaveAttribute(
    "data-differs",
    "true",
  );
  await expect(table.getByRole("row", { name: /^Overall/ })).toHaveAttribute(
    "data-differs",
    "true",
  );

  // Two versions of one capability, by URL.
  await page.goto("/acme/compare?items=legacy-ops-bridge@1.0.0&items=legacy-ops-bridge@1.1.0");
  await expect(table.getByRole("row", { name: /^Skills/ })).toHaveAttribute("data-differs", "true");
  await expect(table.getByRole("row", { name: /^Author/ })).not.toHaveAttribute(
    "data-differs",
    "true",
  );
  await expect(table.getByRole("row", { name: /^Skills/ }).getByText("runbook")).toHaveAttribute(
    "title",
    "not in every column",
  );
});

test("another org's public capability opens as owner/name; an unknown item says so", async ({
  page,
}) => {
  await page.goto("/acme/catalog?include_public=true&search=contract");
  await page.getByRole("link", { name: "globex/contract-review" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("globex/contract-review");
  await expect(page.getByTestId("trust-card")).toBeVisible();
  // Readers from another org cannot change its visibility.
  await expect(page.getByRole("switch", { name: "Public" })).toBeDisabled();

  await page.goto("/acme/compare?items=pr-reviewer&items=no-such-capability");
  await expect(page.getByRole("alert").filter({ hasText: "Cannot compare" })).toContainText(
    "Cannot compare no-such-capability",
  );
});
