// Full-page screenshots of every page, at 1280x800, into e2e/screenshots/<name>.png (or the folder
// in QUIVER_SCREENSHOTS_DIR: `QUIVER_SCREENSHOTS_DIR=docs/screenshots` refreshes the committed
// ones). Each page is
// first checked to show what it should (its heading, and its data loaded) and not to overflow
// the window sideways.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { fakeEngine } from "@/lib/testing/fake-engine";
import { startFakeLlm } from "@/lib/testing/fake-llm";
import { sameOriginRequests, demo, signedOut, submitSignIn, waitForHydration } from "./helpers";

// page.request writes as the browser would: with the app's Origin (the API's CSRF check).
test.use(sameOriginRequests);

test.use({ viewport: { width: 1280, height: 800 } });

// The one place e2e reads the environment: where to write the pictures.
const shotsDir = process.env.QUIVER_SCREENSHOTS_DIR ?? "e2e/screenshots";

async function shoot(
  page: Page,
  name: string,
  ready: Locator,
  { fullPage = true, tablesMayScroll = false } = {},
): Promise<void> {
  await expect(ready).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${name}: the page scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  // Nor does a table inside it (say, with its Revoke buttons out of sight) at this width.
  const scrolled = await page.evaluate(() =>
    [...document.querySelectorAll("main table")]
      // A chart's numbers for screen readers are not drawn.
      .filter((t) => !t.closest(".sr-only"))
      .map((t) => t.parentElement!)
      .filter((box) => box.scrollWidth > box.clientWidth + 1)
      .map((box) => `${box.scrollWidth - box.clientWidth}px`),
  );
  // On a phone a wide table scrolls inside its own box (the page never does).
  if (!tablesMayScroll) expect(scrolled, `${name}: tables that scroll sideways`).toEqual([]);
  await page.screenshot({
    path: `${shotsDir}/${name}.png`,
    fullPage,
    animations: "disabled",
    caret: "hide",
  });
}

test.describe("signed out", () => {
  test.use({ storageState: signedOut });

  test("sign-in", async ({ page }) => {
    await page.goto("/sign-in");
    await shoot(page, "sign-in", page.getByRole("heading", { name: "Sign in to Quiver" }));
  });

  test("sign-in with a wrong password", async ({ page }) => {
    await page.goto("/sign-in");
    await submitSignIn(page, demo.email, "not-the-password");
    await shoot(page, "sign-in-error", page.locator("form").getByRole("alert"));
  });

  test("sign-up", async ({ page }) => {
    await page.goto("/sign-up");
    await shoot(page, "sign-up", page.getByRole("heading", { name: "Create your Quiver account" }));
  });

  test("API reference", async ({ page }) => {
    await page.goto("/docs/api");
    // Descriptions render their Markdown (no literal ** or backticks); plain schemas read as words.
    await expect(page.getByRole("heading", { name: "Schemas" })).toBeVisible();
    const prose = [
      await page.locator("h1 + p").innerText(),
      ...(await page.locator('article:not([id^="schema-"])').allInnerTexts()),
    ].join("\n");
    expect(prose).not.toMatch(/`|\*\*/);
    await expect(
      page.locator("article").filter({ hasText: "/api/v1/org/{org}/tokens/{id}" }),
    ).toContainText("string (uuid)");
    await shoot(page, "docs-api", page.getByRole("heading", { name: "Schemas" }));
  });
});

test.describe("signed in as the demo user", () => {
  const pages: {
    name: string;
    path: string;
    follow?: string;
    heading: string;
    ready: string | RegExp;
  }[] = [
    { name: "catalog", path: "/acme/catalog", heading: "Catalog", ready: "Catalog" },
    { name: "runtimes", path: "/acme/main/runtimes", heading: "Runtimes", ready: /^\d+ runtimes$/ },
    // A runtime page is reached from the list (its URL holds its id): `follow` is the link to click.
    {
      name: "runtime",
      path: "/acme/main/runtimes",
      follow: "support-agent-prod",
      heading: "support-agent-prod",
      ready: "History",
    },
    {
      name: "runtime-tool-drift",
      path: "/acme/main/runtimes",
      follow: "code-review-bot",
      heading: "code-review-bot",
      ready: "Tool drift",
    },
    {
      name: "runtime-drift-public",
      path: "/acme/main/runtimes",
      follow: "soc-copilot-staging",
      heading: "soc-copilot-staging",
      ready: "History",
    },
    {
      name: "globex-runtimes",
      path: "/globex/main/runtimes",
      heading: "Runtimes",
      ready: /^\d+ runtimes$/,
    },
    {
      name: "optimization",
      path: "/acme/main/optimization",
      heading: "Optimization",
      ready: /^\d+ runs$/,
    },
    // Demo runs: the clear winner (the only completed support-reply run), an inconclusive one, a stopped one.
    {
      name: "optimization-run",
      path: "/acme/main/optimization?status=completed",
      follow: "Support: goal, then steps",
      heading: "support-reply",
      ready: "Conversations",
    },
    {
      name: "optimization-run-inconclusive",
      path: "/acme/main/optimization?status=completed",
      follow: "Billing: quote the policy",
      heading: "billing-assistant",
      ready: "Conversations",
    },
    {
      name: "optimization-run-stopped",
      path: "/acme/main/optimization?status=stopped",
      follow: "Support: one next step",
      heading: "support-reply",
      ready: "Conversations",
    },
    {
      name: "optimization-new",
      path: "/acme/main/optimization/new",
      heading: "New optimization run",
      ready: "Executor",
    },
    { name: "prompts", path: "/acme/main/prompts", heading: "Prompts", ready: /^\d+ prompts$/ },
    {
      name: "prompt",
      path: "/acme/main/prompts",
      follow: "support-reply",
      heading: "support-reply",
      ready: "Compare versions",
    },
    { name: "personas", path: "/acme/main/personas", heading: "Personas", ready: /^\d+ personas$/ },
    // Agents (the demo seed's): the list, and one with undeployed changes in its draft.
    { name: "agents", path: "/acme/main/agents", heading: "Agents", ready: /^\d+ agents$/ },
    {
      name: "agent",
      path: "/acme/main/agents",
      follow: "Support Concierge",
      heading: "Support Concierge",
      ready: "Changes since deployed",
    },
    {
      name: "settings-workspaces",
      path: "/acme/settings/workspaces",
      heading: "Settings",
      ready: "Create a workspace",
    },
    { name: "globex-catalog", path: "/globex/catalog", heading: "Catalog", ready: "Catalog" },
    {
      name: "capability",
      path: "/acme/catalog/pr-reviewer",
      heading: "pr-reviewer",
      ready: "Versions",
    },
    {
      name: "capability-risky",
      path: "/acme/catalog/legacy-ops-bridge",
      heading: "legacy-ops-bridge",
      ready: "Trust card",
    },
    {
      name: "capability-public-other-org",
      path: "/acme/catalog/globex%2Fcontract-review",
      heading: "globex/contract-review",
      ready: "Trust card",
    },
    {
      name: "version-diff",
      path: "/acme/catalog/legacy-ops-bridge/diff?from=1.0.0&to=1.1.0",
      heading: "legacy-ops-bridge: 1.0.0 → 1.1.0",
      ready: "Trust signals",
    },
    {
      name: "version-diff-split",
      path: "/acme/catalog/legacy-ops-bridge/diff?from=1.0.0&to=1.1.0&view=split",
      heading: "legacy-ops-bridge: 1.0.0 → 1.1.0",
      ready: "Trust signals",
    },
    {
      name: "compare",
      path: "/acme/compare?items=pr-reviewer&items=legacy-ops-bridge&items=support-triage",
      heading: "Compare",
      ready: "Compare",
    },
  ];
  for (const p of pages) {
    test(p.name, async ({ page }) => {
      await page.goto(p.path);
      if (p.follow) {
        // A click while React hydrates the list could be lost (seen once on a slow machine).
        await waitForHydration(page, "main a");
        await page.getByRole("link", { name: p.follow, exact: true }).click();
      }
      await expect(page.getByRole("heading", { name: p.heading, level: 1 })).toBeVisible();
      await shoot(page, p.name, page.getByRole("heading", { name: p.ready }));
    });
  }

  test("runtime-upgrade-preview and runtime-add-capability", async ({ page }) => {
    await page.goto("/acme/main/runtimes");
    await page.getByRole("link", { name: "soc-copilot-staging", exact: true }).click();
    await waitForHydration(page, "main button");
    await page.getByRole("button", { name: /^Upgrade available v1\.2\.0 → v2\.0\.0/ }).click();
    const dialog = page.getByRole("dialog");
    // A modal covers the window, not the page: photograph the window.
    await shoot(
      page,
      "runtime-upgrade-preview",
      dialog.getByText("Overrides that will be dropped"),
      { fullPage: false },
    );
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("button", { name: "Add capability" }).click();
    await page.getByRole("dialog").getByRole("combobox").fill("re");
    await shoot(
      page,
      "runtime-add-capability",
      page.getByRole("dialog").getByRole("option").first(),
      { fullPage: false },
    );
    // A pick with failing signals asks first, listing them with links to their evidence.
    const picker = page.getByRole("dialog", { name: "Add a capability" });
    await picker.getByRole("combobox").fill("legacy");
    await picker.getByRole("option", { name: /legacy-ops-bridge/ }).click();
    await picker.getByRole("button", { name: /^Add legacy-ops-bridge / }).click();
    const risky = page.getByRole("dialog", { name: /despite failing trust signals\?$/ });
    await shoot(page, "runtime-add-capability-risky", risky.getByTestId("failing-signals"), {
      fullPage: false,
    });
    await risky.getByRole("button", { name: "Cancel" }).click();
    await picker.getByRole("button", { name: "Close" }).click();
    await expect(picker).toBeHidden();
    // Turning a binding off or on asks first, saying what the runtime will load.
    await page
      .getByRole("switch", { name: /^Enabled: / })
      .first()
      .click();
    const toggle = page.getByRole("dialog", { name: /^(Disable|Enable) / });
    await shoot(page, "runtime-binding-confirm", toggle.getByTestId("toggle-summary"), {
      fullPage: false,
    });
    await toggle.getByRole("button", { name: "Cancel" }).click();
  });

  test("capability-file-hidden", async ({ page }) => {
    await page.goto("/acme/catalog/legacy-ops-bridge?version=1.1.0&file=agents/operator.md");
    await shoot(page, "capability-file-hidden", page.getByTestId("hidden-text-banner"));
  });

  test("agent-releases and agent-deploy", async ({ page }) => {
    await page.goto("/acme/main/agents");
    await page.getByRole("link", { name: "Support Concierge", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Support Concierge", level: 1 })).toBeVisible();
    // Deploy: the suggested next version and what the draft changes (the window, not the page).
    await waitForHydration(page, "main button");
    await page.getByRole("button", { name: "Deploy…" }).click();
    await shoot(page, "agent-deploy", page.getByRole("dialog").getByTestId("deploy-changes"), {
      fullPage: false,
    });
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    // The history: the timeline with the draft on top, and the newest release against the one before.
    await page.getByRole("link", { name: "Release history", exact: true }).click();
    await expect(
      page.getByRole("heading", { name: "Support Concierge: release history", level: 1 }),
    ).toBeVisible();
    await shoot(page, "agent-releases", page.getByTestId("compare-sides"));
    // Rollback: the same summary as a deploy, then one click (cancelled here).
    await waitForHydration(page, "main button");
    await page
      .getByRole("button", { name: /^Roll back to / })
      .first()
      .click();
    const rollback = page.getByRole("dialog", { name: /^Roll back to .*\?$/ });
    await shoot(page, "agent-rollback", rollback.getByLabel("New release version"), {
      fullPage: false,
    });
    await rollback.getByRole("button", { name: "Cancel" }).click();
  });

  test("optimization-run-queued and optimization-run-live", async ({ page }) => {
    // A run of the demo prompt, started through the API, waits for its external executor…
    const api = "/api/v1/org/acme/ws/main";
    const prompts = (await (await page.request.get(`${api}/prompts?search=support-reply`)).json())
      .prompts as { id: string; active_version: { content: string } }[];
    const job = await (
      await page.request.post(`${api}/optimization/jobs`, {
        data: {
          target_kind: "prompt",
          prompt_id: prompts[0]!.id,
          variant_count: 1,
          intent: { target_improvements: ["task completion"] },
        },
      })
    ).json();
    await page.goto(`/acme/main/optimization/${job.id}`);
    await expect(page.getByRole("heading", { name: "support-reply", level: 1 })).toContainText(
      "queued",
    );
    await shoot(
      page,
      "optimization-run-queued",
      page.getByRole("heading", { name: "Waiting for an external executor" }),
    );
    // …then reports the variants and a third of the conversations: progress and interim statistics.
    const original = prompts[0]!.active_version.content;
    const personas = (
      (await (await page.request.get(`${api}/personas`)).json()).personas as {
        id: string;
        name: string;
      }[]
    )
      .filter((p) => job.persona_ids.includes(p.id))
      .map((p) => p.name);
    const cells = ["control", "b"].flatMap((variant) =>
      personas.flatMap((persona, i) =>
        [`s${i % 3}`].map((scenario) => ({
          variant,
          persona,
          scenario,
          metrics: {
            task_completion: (variant === "b" ? 74 : 63) + i,
            quality: 70 + i,
            sentiment: 66,
          },
          transcript: [
            { role: "user", content: "I was charged twice for March." },
            { role: "assistant", content: "I've refunded the duplicate charge." },
          ],
        })),
      ),
    );
    await page.request.post(`${api}/optimization/jobs/${job.id}/progress`, {
      data: {
        stage: "simulating",
        variants: [
          { key: "control", name: "Control (Original)", content: original, is_original: true },
          {
            key: "b",
            name: "Variant B",
            content: `${original}\n- Confirm the customer's goal first.`,
          },
        ],
        cells,
        log: ["harness: simulating"],
      },
    });
    await expect(page.getByTestId("run-progress")).toHaveText(
      `${cells.length} of ${job.progress.total} cells`,
    );
    await shoot(
      page,
      "optimization-run-live",
      page.getByText(/^Interim, from the \d+ cells reported so far/),
    );
  });

  test("settings-audit", async ({ page }) => {
    await page.goto("/acme/settings/audit");
    await expect(page.getByRole("link", { name: "Audit log" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    // The demo seed's events (catalog pushes, runtimes and their bindings, prompts and
    // optimization runs) and this run's, newest first, 50 at a time.
    await expect(
      page.getByText(/^\d+ events? shown, (older ones follow|the oldest included)$/),
    ).toBeVisible();
    await shoot(page, "settings-audit", page.locator("tbody tr").first());
    // Filtered by action, through the URL.
    await page.goto("/acme/settings/audit?action=capability.push");
    await shoot(page, "settings-audit-filtered", page.locator("tbody tr").first());
  });

  test("settings-tokens, with a new token's secret and the list", async ({ page }) => {
    await page.goto("/acme/settings/tokens");
    await expect(page.getByRole("link", { name: "API tokens" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expect(page.getByRole("heading", { name: "Tokens", exact: true })).toBeVisible();
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    // On a fresh database (this spec runs before tokens.spec.ts) the list is still empty.
    if (await page.getByRole("heading", { name: "No API tokens" }).isVisible()) {
      await shoot(
        page,
        "settings-tokens-empty",
        page.getByRole("heading", { name: "No API tokens" }),
      );
    }

    const name = `ci-pipeline-${Date.now().toString(36)}`;
    await waitForHydration(page);
    await page.getByLabel("Name").fill(name);
    await page.getByRole("checkbox", { name: "write" }).check();
    await page.getByLabel("Default workspace").selectOption("main");
    await page.getByRole("button", { name: "Create token" }).click();
    await shoot(page, "settings-tokens-created", page.getByTestId("token-row-" + name));

    await page.reload();
    const row = page.getByTestId("token-row-" + name);
    await shoot(page, "settings-tokens", row);

    // The two-step revoke widens the last column; the table must still fit.
    await waitForHydration(page, `[data-testid="token-row-${name}"] button`);
    await row.getByRole("button", { name: `Revoke ${name}`, exact: true }).click();
    await shoot(
      page,
      "settings-tokens-confirm-revoke",
      row.getByRole("button", { name: `Confirm revoking ${name}` }),
    );
    await row.getByRole("button", { name: "Cancel" }).click();
  });

  test("settings-members, the invite dialog, and an invitation's pages (invite, sign-up)", async ({
    page,
    browser,
  }) => {
    await page.goto("/acme/settings/members");
    await expect(page.getByRole("link", { name: "Members" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expect(page.getByTestId(`member-${demo.email}`)).toBeVisible();
    await shoot(
      page,
      "settings-members",
      page.getByRole("heading", { name: "Pending invitations" }),
    );

    const email = `new-teammate-${Date.now().toString(36)}@example.com`;
    await waitForHydration(page, "main button");
    await page.getByRole("button", { name: "Invite people" }).first().click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Email addresses").fill(`${email}, ${demo.email}`);
    await shoot(page, "settings-members-invite", dialog.getByLabel("Role"), { fullPage: false });
    await dialog.getByRole("button", { name: "Invite", exact: true }).click();
    const link = dialog.getByRole("textbox", { name: `Invitation link for ${email}`, exact: true });
    await shoot(page, "settings-members-invited", link, { fullPage: false });
    const url = await link.inputValue();
    await dialog.getByRole("button", { name: "Done" }).click();

    // The link, opened signed out: the invitation, then sign-up for the invited address.
    const visitor = await (await browser.newContext({ storageState: signedOut })).newPage();
    await visitor.goto(url);
    await shoot(
      visitor,
      "invite",
      visitor.getByRole("heading", { name: "Join Acme AI on Quiver" }),
    );
    await visitor.getByRole("link", { name: "Create account" }).click();
    await shoot(
      visitor,
      "sign-up-invitation",
      visitor.getByRole("button", { name: "Create account and join" }),
    );
    await visitor.context().close();

    // acme keeps no invitation of this run.
    const list = (await (await page.request.get("/api/v1/org/acme/invitations")).json()) as {
      items: { id: string; email: string }[];
    };
    const id = list.items.find((i) => i.email === email)?.id;
    expect(id).toBeTruthy();
    expect((await page.request.delete(`/api/v1/org/acme/invitations/${id}`)).status()).toBe(200);
  });

  test("settings-account", async ({ page }) => {
    await page.goto("/acme/settings/account");
    await expect(page.getByRole("link", { name: "Account" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await shoot(
      page,
      "settings-account",
      page.getByRole("heading", { name: "Sign out everywhere" }),
    );
  });

  test("not found", async ({ page }) => {
    await page.goto("/acme/no-such-workspace/runtimes");
    await shoot(
      page,
      "not-found",
      page.getByRole("heading", { name: "This page does not exist, or you cannot see it" }),
    );
  });

  // Last in this file: it gives acme/main a provider for a while and adds a completed run.
  test("settings-model-provider(-empty), optimization-new-builtin and optimization-run-builtin", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    // A fake OpenAI-compatible provider on 127.0.0.1 (lib/testing/fake-llm.ts) whose "clarify
    // constraints" rewrite is built to be better; the server's in-process worker runs the run.
    const fake = await startFakeLlm(fakeEngine({ strategyQuality: { "clarify constraints": 85 } }));
    try {
      await page.goto("/acme/settings/model-provider");
      await expect(page.getByRole("link", { name: "Model provider" })).toHaveAttribute(
        "aria-current",
        "page",
      );
      await shoot(page, "settings-model-provider-empty", page.getByTestId("provider-none"));

      await waitForHydration(page);
      await page.getByLabel("Base URL").fill(fake.url);
      await page.getByLabel("API key").fill("sk-proj-screenshot-0000000000000000-Zq4T");
      await page.getByLabel("Default model").fill("gpt-4o-mini");
      await page.getByLabel("Judge model").fill("gpt-4o");
      await page.getByRole("button", { name: "Save for this workspace" }).click();
      await expect(page.getByTestId("api-key-status")).toHaveText("Set, ends in …Zq4T");
      // Test the saved settings: the result shows under the form.
      await waitForHydration(page);
      await page.getByRole("button", { name: "Test connection" }).click();
      await shoot(
        page,
        "settings-model-provider",
        page.getByTestId("test-result").getByText(/^Connected to /),
      );

      // A new run of the demo prompt, two candidates, two personas, three turns, built in.
      const api = "/api/v1/org/acme/ws/main";
      const prompts = (await (await page.request.get(`${api}/prompts?search=support-reply`)).json())
        .prompts as { id: string }[];
      await page.goto(`/acme/main/optimization/new?prompt_id=${prompts[0]!.id}`);
      await waitForHydration(page, 'form[aria-label="New optimization run"]');
      await expect(page.getByRole("radio", { name: "Built-in" })).toBeChecked();
      await page.getByLabel("Variants", { exact: true }).selectOption("2");
      await page.getByRole("button", { name: "None", exact: true }).click();
      const personas = page.getByRole("group", { name: "Personas" }).getByRole("checkbox");
      await personas.nth(0).check();
      await personas.nth(1).check();
      await page.getByLabel("Turns per conversation").selectOption("3");
      await expect(page.getByTestId("run-size")).toContainText(
        "= 18 conversations to simulate and judge",
      );
      await shoot(
        page,
        "optimization-new-builtin",
        page.getByText("Quiver runs it with this workspace's model provider"),
      );

      await page.getByRole("button", { name: "Start run" }).click();
      await expect(page).toHaveURL(/\/acme\/main\/optimization\/[0-9a-f-]{36}$/);
      await expect(page.getByRole("heading", { name: "support-reply", level: 1 })).toContainText(
        "completed",
        { timeout: 60_000 },
      );
      await expect(page.getByTestId("verdict")).toHaveText(/^Variant B won: /);
      await expect(page.getByTestId("conversations").locator("ol").first()).toBeVisible();
      await shoot(
        page,
        "optimization-run-builtin",
        page.getByRole("heading", { name: "Conversations" }),
      );
    } finally {
      // acme/main goes back to no provider, as the seed left it.
      await page.request.delete("/api/v1/org/acme/ws/main/model-provider").catch(() => undefined);
      await fake.close();
    }
  });
});

// Main pages on a phone (390 x 844), and the navigation drawer open. (e2e/dark-mode.spec.ts
// photographs pages in dark mode.)
test.describe("on a phone", () => {
  const views = [
    { name: "catalog", path: "/acme/catalog", ready: "Catalog" },
    { name: "capability", path: "/acme/catalog/legacy-ops-bridge", ready: "Trust card" },
    {
      name: "version-diff",
      path: "/acme/catalog/legacy-ops-bridge/diff?from=1.0.0&to=1.1.0",
      ready: "Trust signals",
    },
    { name: "runtimes", path: "/acme/main/runtimes", ready: /^\d+ runtimes$/ },
    { name: "optimization", path: "/acme/main/optimization", ready: /^\d+ runs$/ },
    { name: "settings-audit", path: "/acme/settings/audit", ready: "Settings" },
  ];
  for (const v of views) {
    test(`mobile-${v.name}`, async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(v.path);
      await shoot(page, `mobile-${v.name}`, page.getByRole("heading", { name: v.ready }).first(), {
        tablesMayScroll: true,
      });
    });
  }

  test("mobile-navigation", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/acme/catalog");
    await waitForHydration(page, "header button");
    await page.getByRole("button", { name: /menu/i }).click();
    await shoot(page, "mobile-navigation", page.getByRole("navigation", { name: "Main" }), {
      fullPage: false,
    });
  });
});
