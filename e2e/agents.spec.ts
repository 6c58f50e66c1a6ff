// Agents as the person who ships one uses them: create an agent, edit its draft (model, system
// prompt, temperature), see the change in "changes since deployed", deploy 1.0.0, edit and
// deploy 1.0.1 (a version that is not greater is refused on the version field), compare the two
// in the release history, restore 1.0.0 into the draft and deploy it as 1.0.2. Along the way: a
// capability is picked from the catalog with its trust summary, the API's 422s show inline, the browser's checks catch a temperature out of range, an MCP client's
// secret is shown redacted and kept when left untouched, the unsaved-changes guard asks before
// leaving, and a save based on a stale revision offers a reload.
// The spec makes its own agent, so it does not depend on the demo agents.
import { expect, test, type Page } from "@playwright/test";
import { sameOriginRequests, waitForHydration } from "./helpers";

// page.request writes as the browser would: with the app's Origin (the API's CSRF check).
test.use(sameOriginRequests);

const field = (page: Page, scope: string, name: string) =>
  page.locator(`${scope} [data-testid="diff-field"][data-field="${name}"]`);

async function save(page: Page) {
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByTestId("draft-state")).not.toHaveText("Unsaved changes");
}

async function deploy(page: Page, version: string) {
  await waitForHydration(page, "main button");
  await page.getByRole("button", { name: "Deploy…" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByLabel("Version")).toHaveValue(version);
  await dialog.getByRole("button", { name: `Deploy ${version}` }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("deployed-banner")).toContainText(`Deployed ${version}`);
  await expect(page.getByTestId("deployed-version")).toContainText(version);
}

test("create an agent, edit and deploy its draft, compare releases, restore one and deploy it again", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const name = `e2e-agent-${Date.now().toString(36)}`;

  // Create: an empty name is refused by the API, inline; then the agent's page opens.
  await page.goto("/acme/main/agents");
  await expect(page.getByRole("heading", { name: "Agents", level: 1 })).toBeVisible();
  await waitForHydration(page, "main button");
  await page.getByRole("button", { name: "New agent" }).click();
  const create = page.getByRole("dialog", { name: "New agent" });
  await create.getByRole("button", { name: "Create agent" }).click();
  await expect(create.getByText("must not be empty")).toBeVisible();
  await create.getByLabel("Name").fill(name);
  await create.getByLabel("Description").fill("Qualifies inbound leads (end-to-end test)");
  await create.getByRole("button", { name: "Create agent" }).click();
  await expect(page).toHaveURL(/\/acme\/main\/agents\/[0-9a-f-]{36}$/);
  const agentUrl = page.url();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page.getByTestId("deployed-version")).toContainText("Nothing yet");

  // Edit the draft. A temperature out of range is caught before anything is sent.
  await waitForHydration(page, "main form");
  await page.getByLabel("Language model").fill("gpt-4.1");
  await page.getByLabel("Integration", { exact: true }).fill("openai");
  await page
    .getByRole("textbox", { name: "System prompt" })
    .fill("You are a sales assistant.\nQualify every lead.");
  await page.getByLabel("Temperature", { exact: true }).fill("2");
  await expect(page.locator("#model")).toContainText("must be a number between 0 and 1");
  await page.getByLabel("Temperature", { exact: true }).fill("0.3");
  await expect(page.locator("#model")).not.toContainText("must be a number between 0 and 1");
  await expect(page.getByTestId("draft-state")).toHaveText("Unsaved changes");
  // An MCP client with a secret: once saved, only its last 4 characters are ever shown.
  await page.getByRole("button", { name: "Add MCP client" }).click();
  const mcp = page.locator("#mcp-clients");
  await mcp.getByLabel("Name").fill("crm");
  await mcp.getByLabel("URL").fill("https://mcp.example.com/crm");
  await mcp.getByRole("switch", { name: "Authentication of crm" }).click();
  await mcp.getByLabel("Access token").fill("crm-secret-token-wxyz");
  await save(page);
  await expect(mcp.getByRole("listitem", { name: "crm" })).toContainText(
    "authenticated (••••wxyz)",
  );
  await expect(mcp).not.toContainText("crm-secret-token");

  // Changes since deployed: nothing is deployed, so everything set is a change (secrets redacted).
  await expect(field(page, "#changes", "system_prompt")).toContainText("Qualify every lead.");
  await expect(field(page, "#changes", "mcp_clients")).toContainText("••••wxyz");
  await expect(page.locator("#changes")).not.toContainText("crm-secret-token");
  await expect(field(page, "#changes", "temperature")).toContainText("0.3");
  await deploy(page, "1.0.0");
  await expect(page.getByTestId("no-changes")).toBeVisible();

  // Capabilities come from the catalog with their trust summary; one the catalog does not have
  // is refused by the API, and its 422 shows beside the slug.
  const caps = page.locator("#capabilities");
  await caps.getByRole("button", { name: "Add capability" }).click();
  const picker = page.getByRole("dialog", { name: "Add a capability" });
  await picker.getByRole("combobox", { name: "Search capabilities" }).fill("support");
  await picker.getByRole("option", { name: /support-triage/ }).click();
  await expect(picker.getByTestId("capability-trust")).toContainText("support-triage");
  await picker.getByRole("button", { name: "Add support-triage" }).click();
  await expect(caps.getByTestId("capability-trust")).toContainText("(latest)");
  await caps.getByRole("button", { name: "Remove support-triage" }).click();
  await caps.getByRole("button", { name: "Add by slug" }).click();
  await caps.getByLabel("Slug").fill("no-such-capability");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(caps).toContainText("no capability 'no-such-capability' in the catalog");
  await caps.getByRole("button", { name: "Remove no-such-capability" }).click();
  await expect(page.getByTestId("draft-state")).not.toHaveText("Unsaved changes");

  // Edit again; the diff shows the change against 1.0.0.
  await page
    .getByRole("textbox", { name: "System prompt" })
    .fill(
      "You are a sales assistant.\nQualify every lead.\nBook a demo when the lead is qualified.",
    );
  await page.getByLabel("Temperature", { exact: true }).fill("0.5");
  // Leaving with unsaved changes asks first; "Cancel" stays.
  const asked = new Promise<string>((resolve) =>
    page.once("dialog", (d) => {
      resolve(d.type());
      void d.dismiss();
    }),
  );
  await page.getByRole("link", { name: "Release history", exact: true }).click();
  expect(await asked).toBe("confirm");
  await expect(page).toHaveURL(agentUrl);
  await save(page);
  await expect(field(page, "#changes", "temperature")).toContainText("0.3");
  await expect(field(page, "#changes", "temperature")).toContainText("0.5");
  // The secret left untouched was kept: the MCP client did not change.
  await expect(page.locator('#changes [data-testid="diff-field"]')).toHaveCount(2);
  await expect(field(page, "#changes", "mcp_clients")).toHaveCount(0);
  await expect(field(page, "#changes", "system_prompt").locator('[data-line="added"]')).toHaveText(
    /Book a demo when the lead is qualified\./,
  );

  // A version that is not greater than the deployed one is refused on the version field.
  await page.getByRole("button", { name: "Deploy…" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByLabel("Version")).toHaveValue("1.0.1");
  await expect(dialog.getByTestId("deploy-changes")).toContainText("System prompt");
  await dialog.getByLabel("Version").fill("1.0.0");
  await dialog.getByRole("button", { name: "Deploy 1.0.0" }).click();
  await expect(
    dialog.getByText("1.0.0 is not greater than the deployed version 1.0.0"),
  ).toBeVisible();
  await dialog.getByLabel("Version").fill("1.0.1");
  await dialog.getByLabel("Description").fill("Books demos");
  await dialog.getByRole("button", { name: "Deploy 1.0.1" }).click();
  await expect(page.getByTestId("deployed-banner")).toContainText("Deployed 1.0.1");
  await expect(page.getByTestId("deployed-version")).toContainText("1.0.1");

  // Someone else saves the draft meanwhile: saving here is refused (stale revision) and offers a reload.
  const api = `/api/v1/org/acme/ws/main/agents/${agentUrl.split("/").pop()}/draft`;
  await page.getByLabel("Max steps").fill("8");
  const theirs = await (await page.request.get(api)).json();
  const put = await page.request.put(api, {
    data: {
      revision: theirs.revision,
      language_model_slug: "gpt-4.1",
      integration_slug: "openai",
      system_prompt: "Changed in another tab.",
      temperature: 0.5,
      actions: [],
      resources: [],
      capabilities: [],
      suggested_actions: [],
      mcp_clients: theirs.mcp_clients,
    },
  });
  expect(put.status()).toBe(200);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByTestId("stale-draft")).toContainText("Someone else changed this draft");
  await page.getByRole("button", { name: /^Reload the draft/ }).click();
  await expect(page.getByRole("textbox", { name: "System prompt" })).toHaveValue(
    "Changed in another tab.",
  );
  await expect(page.getByLabel("Max steps")).toHaveValue("");

  // The history: 1.0.1 deployed, 1.0.0 archived; compare them both ways (kept in the URL).
  await page.getByRole("link", { name: "Release history", exact: true }).click();
  await expect(
    page.getByRole("heading", { name: `${name}: release history`, level: 1 }),
  ).toBeVisible();
  const row = (v: string) => page.locator(`[data-testid="release-row"][data-version="${v}"]`);
  await expect(row("1.0.1")).toContainText("deployed");
  await expect(row("1.0.1")).toContainText("Books demos");
  await expect(row("1.0.1")).toContainText("drafted from 1.0.0");
  await expect(row("1.0.0")).toContainText("archived");
  await expect(page.getByTestId("compare-sides")).toContainText(
    "From 1.0.0 (archived) to 1.0.1 (deployed)",
  );
  await waitForHydration(page, 'input[type="radio"]');
  await page.getByLabel("Compare from 1.0.1").check();
  // The pick goes into the URL (a navigation): the second one waits for the first to land.
  await expect(page).toHaveURL(/[?&]from=[0-9a-f-]{36}/);
  await expect(page.getByLabel("Compare from 1.0.1")).toBeChecked();
  await page.getByLabel("Compare to 1.0.0").check();
  await expect(page).toHaveURL(/[?&]from=[0-9a-f-]{36}&to=[0-9a-f-]{36}/);
  await expect(page.getByTestId("compare-sides")).toContainText(
    "From 1.0.1 (deployed) to 1.0.0 (archived)",
  );
  const temperature = field(page, "", "temperature");
  await expect(temperature).toContainText("0.5");
  await expect(temperature).toContainText("0.3");
  await expect(field(page, "", "system_prompt").locator('[data-line="removed"]')).toHaveText(
    /Book a demo/,
  );
  // The URL is the view: a reload shows the same comparison.
  await page.reload();
  await expect(page.getByTestId("compare-sides")).toContainText(
    "From 1.0.1 (deployed) to 1.0.0 (archived)",
  );

  // Restore 1.0.0 into the draft: the agent page shows it, changed since 1.0.1.
  await waitForHydration(page, "main button");
  await row("1.0.0").getByRole("button", { name: "Restore 1.0.0" }).click();
  const restore = page.getByRole("dialog", { name: "Restore 1.0.0 into the draft?" });
  await expect(restore).toContainText(
    "copies release 1.0.0 into the draft; deploy it to make it live",
  );
  await restore.getByRole("button", { name: "Restore 1.0.0" }).click();
  await expect(page).toHaveURL(agentUrl);
  await expect(page.getByRole("textbox", { name: "System prompt" })).toHaveValue(
    "You are a sales assistant.\nQualify every lead.",
  );
  await expect(page.getByLabel("Temperature", { exact: true })).toHaveValue("0.3");
  await expect(page.getByTestId("draft-summary")).toContainText("changed since deployed");
  await expect(field(page, "#changes", "temperature")).toContainText("0.5");
  await expect(field(page, "#changes", "temperature")).toContainText("0.3");

  // Deploy it as 1.0.2, described as the restore, drafted from 1.0.0.
  await page.getByRole("button", { name: "Deploy…" }).click();
  await expect(page.getByRole("dialog").getByLabel("Description")).toHaveValue("Restore 1.0.0");
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await deploy(page, "1.0.2");
  await page.getByRole("link", { name: "Release history", exact: true }).click();
  await expect(row("1.0.2")).toContainText("deployed");
  await expect(row("1.0.2")).toContainText("Restore 1.0.0");
  await expect(row("1.0.2")).toContainText("drafted from 1.0.0");
  await expect(row("1.0.1")).toContainText("archived");

  // The list shows it deployed, the draft the same as deployed, three releases.
  await page.goto("/acme/main/agents");
  const listed = page.locator(`[data-testid="agent-row"][data-agent="${name}"]`);
  await expect(listed).toContainText("1.0.2");
  await expect(listed).toContainText("same as deployed");
  await expect(listed).toContainText("3 releases");

  // Deleting it (from its page) takes it off the list, so the demo workspace stays as seeded.
  await listed.getByRole("link", { name }).click();
  await waitForHydration(page, "main button");
  await page.getByRole("button", { name: "Delete agent" }).click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /^Delete/ })
    .click();
  await expect(page).toHaveURL("/acme/main/agents");
  await expect(page.locator(`[data-testid="agent-row"][data-agent="${name}"]`)).toHaveCount(0);
});

test("the old releases address leads to the agents", async ({ page }) => {
  await page.goto("/acme/main/releases");
  await expect(page).toHaveURL("/acme/main/agents");
  await expect(page.getByRole("link", { name: "Agents", exact: true })).toHaveAttribute(
    "aria-current",
    "page",
  );
});
