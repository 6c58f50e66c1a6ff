// axe-core (WCAG 2.0-2.2 A and AA, and best practices) over every page of the app and its main
// open dialogs, in the light and the dark colour scheme. Any violation fails, whatever its
// impact, unless its rule is disabled below with the reason. Each page is visited once per
// scheme; the message names the rule, its impact and help, and the first nodes; the full axe
// results of a failing page are written to the test's output folder (axe-<page>.json).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { writeFileSync } from "node:fs";
import { signedOut, waitForHydration } from "./helpers";

const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/** Rules not checked, each with why (only where the fix is impossible or wrong). */
const disabledRules: { id: string; reason: string }[] = [];

type Result = Awaited<ReturnType<AxeBuilder["analyze"]>>;

function describe(v: Result["violations"][number]): string {
  const targets = v.nodes.slice(0, 4).map((n) => n.target.join(" "));
  const more = v.nodes.length > targets.length ? ` (+${v.nodes.length - targets.length} more)` : "";
  return `${v.id} [${v.impact}] ${v.help}: ${targets.join(" | ")}${more}`;
}

/**
 * Waits for the page (or the dialog) to show `ready` and for loading states to end, then runs
 * axe over it and records a soft failure per page, so one run reports every page.
 */
async function scan(page: Page, name: string, ready: Locator, within?: string): Promise<void> {
  await expect(ready).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  // Legacy mode runs axe in the page itself, without the blank page axe otherwise opens to join
  // the results of frames: the app has no frames, and each scan is seconds faster.
  let axe = new AxeBuilder({ page })
    .withTags(tags)
    .disableRules(disabledRules.map((r) => r.id))
    .setLegacyMode(true);
  if (within) axe = axe.include(within);
  const { violations } = await axe.analyze();
  if (violations.length > 0) {
    const file = test.info().outputPath(`axe-${name.replace(/[^a-z0-9]+/gi, "-")}.json`);
    writeFileSync(file, JSON.stringify(violations, null, 2));
  }
  expect.soft(violations.map(describe), `axe violations on ${name}`).toEqual([]);
}

const h = (page: Page, name: string | RegExp, level?: number) =>
  page.getByRole("heading", { name, level }).first();

// Each test scans several pages (axe takes a second or more on a long page).
test.describe.configure({ timeout: 120_000 });

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} scheme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme });
    });

    test.describe("signed out", () => {
      test.use({ storageState: signedOut });

      test("sign-in, sign-up", async ({ page }) => {
        await page.goto("/sign-in");
        await scan(page, "sign-in", h(page, "Sign in to Quiver"));
        await page.goto("/sign-up");
        await scan(page, "sign-up", h(page, "Create your Quiver account"));
      });

      // The longest page: every operation and schema of the API.
      test("the API reference", async ({ page }) => {
        await page.goto("/docs/api");
        await scan(page, "docs-api", h(page, "Schemas"));
      });
    });

    test("catalog: list, capability, diff, compare", async ({ page }) => {
      await page.goto("/acme/catalog");
      await scan(page, "catalog", h(page, "Catalog", 1));
      await page.goto("/acme/catalog/legacy-ops-bridge");
      await scan(page, "capability", h(page, "Trust card"));
      await page.goto("/acme/catalog/legacy-ops-bridge/diff?from=1.0.0&to=1.1.0");
      await scan(page, "diff", h(page, "Trust signals"));
      await page.goto(
        "/acme/compare?items=pr-reviewer&items=legacy-ops-bridge&items=support-triage",
      );
      await scan(page, "compare", h(page, "Compare", 1));
    });

    test("runtimes: list, runtime, upgrade preview, capability picker, confirm", async ({
      page,
    }) => {
      await page.goto("/acme/main/runtimes");
      await scan(page, "runtimes", h(page, /^\d+ runtimes$/));
      await page.getByRole("link", { name: "soc-copilot-staging", exact: true }).click();
      await scan(page, "runtime", h(page, "History"));

      await waitForHydration(page, "main button");
      await page.getByRole("button", { name: /^Upgrade available v1\.2\.0 → v2\.0\.0/ }).click();
      const upgrade = page.getByRole("dialog");
      await scan(
        page,
        "upgrade-preview",
        upgrade.getByText("Overrides that will be dropped"),
        "dialog[open]",
      );
      await upgrade.getByRole("button", { name: "Cancel" }).click();

      await page.getByRole("button", { name: "Add capability" }).click();
      const picker = page.getByRole("dialog", { name: "Add a capability" });
      await picker.getByRole("combobox").fill("re");
      await scan(page, "capability-picker", picker.getByRole("option").first(), "dialog[open]");
      await picker.getByRole("button", { name: "Close" }).click();
      await expect(picker).toBeHidden();

      await page
        .getByRole("switch", { name: /^Enabled: / })
        .first()
        .click();
      const confirm = page.getByRole("dialog", { name: /^(Disable|Enable) / });
      await scan(page, "confirm-dialog", confirm.getByTestId("toggle-summary"), "dialog[open]");
      await confirm.getByRole("button", { name: "Cancel" }).click();
    });

    test("optimization: runs, a completed run, new run", async ({ page }) => {
      await page.goto("/acme/main/optimization?status=completed");
      await scan(page, "optimization", h(page, /^\d+ runs$/));
      await page.getByRole("link", { name: "Support: goal, then steps", exact: true }).click();
      await scan(page, "optimization-run", h(page, "Conversations"));
      await page.goto("/acme/main/optimization/new");
      await scan(page, "optimization-new", h(page, "Executor"));
    });

    test("prompts and personas", async ({ page }) => {
      await page.goto("/acme/main/prompts");
      await scan(page, "prompts", h(page, /^\d+ prompts$/));
      await page.getByRole("link", { name: "support-reply", exact: true }).click();
      await scan(page, "prompt", h(page, "Compare versions"));
      await page.goto("/acme/main/personas");
      await scan(page, "personas", h(page, /^\d+ personas$/));
    });

    test("agents: list, agent, deploy dialog, release history", async ({ page }) => {
      await page.goto("/acme/main/agents");
      await scan(page, "agents", h(page, /^\d+ agents$/));
      await page.getByRole("link", { name: "Support Concierge", exact: true }).click();
      await scan(page, "agent", h(page, "Changes since deployed"));

      await waitForHydration(page, "main button");
      await page.getByRole("button", { name: "Deploy…" }).click();
      const deploy = page.getByRole("dialog");
      await scan(page, "deploy-dialog", deploy.getByTestId("deploy-changes"), "dialog[open]");
      await deploy.getByRole("button", { name: "Cancel" }).click();

      await page.getByRole("link", { name: "Release history", exact: true }).click();
      await scan(page, "agent-releases", page.getByTestId("compare-sides"));
    });

    test("settings: workspaces, account, audit log, model provider", async ({ page }) => {
      await page.goto("/acme/settings/workspaces");
      await scan(page, "settings-workspaces", h(page, "Create a workspace"));
      await page.goto("/acme/settings/account");
      await scan(page, "settings-account", h(page, "Sign out everywhere"));
      await page.goto("/acme/settings/audit");
      await scan(page, "settings-audit", page.locator("tbody tr").first());
      await page.goto("/acme/settings/model-provider");
      await scan(page, "settings-model-provider", page.getByTestId("provider-none"));
    });

    test("settings: members and the invite dialog, a new token", async ({ page }) => {
      await page.goto("/acme/settings/members");
      await scan(page, "settings-members", h(page, "Pending invitations"));
      await waitForHydration(page, "main button");
      await page.getByRole("button", { name: "Invite people" }).first().click();
      const invite = page.getByRole("dialog");
      await invite.getByLabel("Email addresses").fill("someone@example.com");
      await scan(page, "invite-dialog", invite.getByLabel("Role"), "dialog[open]");
      await invite.getByRole("button", { name: "Cancel" }).click();

      // A token created and revoked again: the page with its one-time secret shown.
      await page.goto("/acme/settings/tokens");
      await expect(page.getByRole("heading", { name: "Tokens", exact: true })).toBeVisible();
      const name = `axe-${colorScheme}-${Date.now().toString(36)}`;
      await waitForHydration(page);
      await page.getByLabel("Name").fill(name);
      await page.getByRole("button", { name: "Create token" }).click();
      const row = page.getByTestId("token-row-" + name);
      await scan(page, "settings-tokens", row);
      await waitForHydration(page, `[data-testid="token-row-${name}"] button`);
      await row.getByRole("button", { name: `Revoke ${name}`, exact: true }).click();
      await row.getByRole("button", { name: `Confirm revoking ${name}` }).click();
      await expect(row.getByRole("button", { name: `Revoke ${name}`, exact: true })).toHaveCount(0);
    });

    test("not found", async ({ page }) => {
      await page.goto("/acme/no-such-workspace/runtimes");
      await scan(page, "not-found", h(page, "This page does not exist, or you cannot see it"));
    });
  });
}
