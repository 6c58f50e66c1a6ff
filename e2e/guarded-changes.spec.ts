// Production changes are deliberate and reversible (issue 17, section 2), on data the spec makes
// itself (a capability with flags, a runtime, an agent with releases): a binding toggle and the
// Public switch ask first, with what they will do; flag overrides apply at once with a toast and
// Undo; arrow keys commit nothing; badges follow the change without a reload; a change that fails
// (server error, offline) is shown as failed and rolled back, and is not replayed on reconnect; an
// agent rolls back to a release in one action; upgrade, deploy and restore say what they did.
import { expect, test, type Page } from "@playwright/test";
import { packTarGz } from "@/lib/catalog/ingest/pack";
import { sameOriginRequests, waitForHydration } from "./helpers";

test.use(sameOriginRequests);

const api = "/api/v1/org/acme";
const id = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const toast = (page: Page, text: string | RegExp) =>
  page.getByTestId("toast").filter({ hasText: text });

async function pushCapability(page: Page, name: string, version: string, flags = true) {
  const manifest = [
    "schema: 1",
    `name: ${name}`,
    `version: ${version}`,
    "description: Made by the guarded-changes test",
    ...(flags
      ? [
          "flags:",
          "  auto-contain:",
          "    description: Isolate hosts automatically",
          "    default: false",
        ]
      : []),
  ].join("\n");
  const res = await page.request.post(`${api}/capabilities`, {
    headers: { "content-type": "application/gzip" },
    data: Buffer.from(
      packTarGz([
        { path: "capability.yaml", data: `${manifest}\n` },
        { path: "skills/contain/SKILL.md", data: "---\nname: contain\n---\nContain hosts.\n" },
      ]),
    ),
  });
  expect(res.status(), await res.text()).toBe(201);
}

/** A runtime with `name` bound at 1.0.0 (1.1.0 exists); answers the runtime page's URL. */
async function runtimeWith(page: Page, name: string): Promise<string> {
  await pushCapability(page, name, "1.0.0");
  await pushCapability(page, name, "1.1.0");
  const rt = await page.request.post(`${api}/ws/main/runtimes`, {
    data: { name: `guard-${id()}` },
  });
  expect(rt.status()).toBe(201);
  const runtime = (await rt.json()) as { id: string };
  const bound = await page.request.post(`${api}/ws/main/runtimes/${runtime.id}/capabilities`, {
    data: { name, version: "1.0.0" },
  });
  expect(bound.status(), await bound.text()).toBe(201);
  return `/acme/main/runtimes/${runtime.id}`;
}

/** PATCHes sent to a runtime's bindings, counted from here on. */
function patches(page: Page): () => number {
  let n = 0;
  page.on("request", (r) => {
    if (r.method() === "PATCH" && /\/runtimes\/.+\/capabilities\//.test(r.url())) n++;
  });
  return () => n;
}

test("a binding toggle asks first, with what the runtime will load; it says what it did, and Undo takes it back", async ({
  page,
}) => {
  const name = `guard-toggle-${id()}`;
  await page.goto(await runtimeWith(page, name));
  const row = page.locator(`[data-testid="binding-row"][data-binding="${name}"]`);
  const toggle = row.getByRole("switch", { name: `Enabled: ${name}` });
  await waitForHydration(page, "button[role=switch]");
  const sent = patches(page);

  // Arrow keys on the switch do nothing.
  await toggle.focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(toggle).toHaveAttribute("aria-checked", "true");

  // A click asks, saying what the runtime stops loading; Cancel changes nothing.
  await toggle.click();
  const dialog = page.getByRole("dialog", { name: `Disable ${name}?` });
  await expect(dialog.getByTestId("toggle-summary")).toContainText(
    `It stops loading ${name} 1.0.0 (1 skill)`,
  );
  await page.screenshot({ path: "test-results/guard-toggle-confirm.png" });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  expect(sent()).toBe(0);

  // Confirmed: off, the badge follows, and a toast says so with Undo.
  await toggle.click();
  await dialog.getByRole("button", { name: `Disable ${name}` }).click();
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await expect(row.getByText("disabled", { exact: true })).toBeVisible();
  const done = toast(page, `Disabled ${name}: the runtime no longer loads it`);
  await expect(done).toBeVisible();
  await page.screenshot({ path: "test-results/guard-toggle-toast.png" });
  await done.getByRole("button", { name: "Undo" }).click();
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await expect(toast(page, `Undone: Enabled ${name}`)).toBeVisible();
  await expect(row.getByText("disabled", { exact: true })).toHaveCount(0);

  // The toast goes by itself after a few seconds, and can be dismissed before.
  await toast(page, `Undone: Enabled ${name}`).getByRole("button", { name: "Dismiss" }).click();
  await expect(toast(page, `Undone: Enabled ${name}`)).toHaveCount(0);
  await expect(done).toHaveCount(0);
});

test("a flag override applies on a click only, never on arrow keys, with a toast and Undo", async ({
  page,
}) => {
  const name = `guard-flags-${id()}`;
  await page.goto(await runtimeWith(page, name));
  const flag = page.locator(
    `[data-testid="binding-flags"][data-binding="${name}"] [data-flag="auto-contain"]`,
  );
  const choice = (label: string) => flag.getByRole("button", { name: label, exact: true });
  await waitForHydration(page, '[data-testid="binding-flags"] button');
  const sent = patches(page);

  // Arrow keys move nothing and send nothing (one press used to turn auto-contain on).
  await choice("Default (off)").focus();
  for (const key of ["ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp"])
    await page.keyboard.press(key);
  await expect(choice("Default (off)")).toHaveAttribute("aria-pressed", "true");
  await expect(flag.getByTestId("flag-effective")).toHaveText("off");
  expect(sent()).toBe(0);

  // A click applies at once and says so; Undo puts the default back.
  await choice("On").click();
  await expect(choice("On")).toHaveAttribute("aria-pressed", "true");
  await expect(flag.getByTestId("flag-effective")).toHaveText("on");
  await expect(flag).toContainText("overridden");
  const done = toast(page, `Turned auto-contain on for ${name}.`);
  await expect(done).toBeVisible();
  await done.getByRole("button", { name: "Undo" }).click();
  await expect(choice("Default (off)")).toHaveAttribute("aria-pressed", "true");
  await expect(flag.getByTestId("flag-effective")).toHaveText("off");
  await expect(
    toast(page, `Undone: Cleared the override of auto-contain for ${name}`),
  ).toBeVisible();
  await page.reload();
  await expect(choice("Default (off)")).toHaveAttribute("aria-pressed", "true");
});

test("a change the server fails, or one made offline, is shown as failed and rolled back, and not replayed on reconnect", async ({
  page,
  context,
}) => {
  const name = `guard-fail-${id()}`;
  const url = await runtimeWith(page, name);
  await page.goto(url);
  const flag = page.locator(
    `[data-testid="binding-flags"][data-binding="${name}"] [data-flag="auto-contain"]`,
  );
  const choice = (label: string) => flag.getByRole("button", { name: label, exact: true });
  const toggle = page.getByRole("switch", { name: `Enabled: ${name}` });
  await waitForHydration(page, '[data-testid="binding-flags"] button');

  // A 500: the override shows for a moment, then goes back, and a toast says it failed.
  await page.route("**/capabilities/*", async (route) => {
    if (route.request().method() !== "PATCH") return route.fallback();
    // Long enough to see the optimistic state on a loaded machine.
    await new Promise((r) => setTimeout(r, 1500));
    await route.fulfill({
      status: 500,
      contentType: "application/json",
      body: JSON.stringify({ code: 500, type: "server_error", detail: "Internal server error" }),
    });
  });
  await choice("On").click();
  await expect(choice("On")).toHaveAttribute("aria-pressed", "true");
  await expect(choice("Default (off)")).toHaveAttribute("aria-pressed", "true");
  const failed = page.getByTestId("toast").filter({ hasText: "Could not turn on auto-contain" });
  await expect(failed).toHaveAttribute("data-tone", "error");
  await expect(failed).toContainText("It is shown as it was.");
  await expect(failed.getByRole("button", { name: "Undo" })).toHaveCount(0);
  await page.unroute("**/capabilities/*");

  // Offline: the change fails at once instead of looking done, for a flag and for a toggle.
  await context.setOffline(true);
  await choice("On").click();
  await expect(
    page.getByTestId("toast").filter({ hasText: "Could not reach Quiver" }).first(),
  ).toBeVisible();
  await expect(choice("Default (off)")).toHaveAttribute("aria-pressed", "true");
  await toggle.click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: `Disable ${name}` })
    .click();
  await expect(
    page.getByTestId("toast").filter({ hasText: `Could not disable ${name}` }),
  ).toBeVisible();
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await page.screenshot({ path: "test-results/guard-offline.png" });

  // Back online, nothing is replayed: the binding is as it was.
  await context.setOffline(false);
  await page.waitForTimeout(1500);
  const bindings = await page.request.get(
    `${api}/ws/main/runtimes/${url.split("/").pop()}/capabilities`,
  );
  const items = ((await bindings.json()) as { items: { enabled: boolean; flags: object }[] }).items;
  expect(items).toEqual([expect.objectContaining({ enabled: true, flags: {} })]);
});

test("an upgrade says what it did", async ({ page }) => {
  const name = `guard-upgrade-${id()}`;
  await page.goto(await runtimeWith(page, name));
  const row = page.locator(`[data-testid="binding-row"][data-binding="${name}"]`);
  await waitForHydration(page, "button[role=switch]");
  await row.getByTestId("upgrade-badge").click();
  const dialog = page.getByRole("dialog", { name: `${name}: 1.0.0 → 1.1.0` });
  await expect(dialog.getByTestId("upgrade-preview")).toBeVisible();
  await dialog.getByRole("button", { name: "Upgrade to 1.1.0" }).click();
  await expect(dialog).toBeHidden();
  await expect(toast(page, `Upgraded ${name} from 1.0.0 to 1.1.0`)).toBeVisible();
  await expect(row.getByTestId("binding-version")).toHaveText("1.1.0");
});

test("Public asks first, saying who will see it; the badge follows at once; a failure or going offline changes nothing", async ({
  page,
  context,
}) => {
  const name = `guard-public-${id()}`;
  await pushCapability(page, name, "1.0.0", false);
  await page.goto(`/acme/catalog/${name}`);
  const badge = page.getByTestId("visibility-badge");
  const sw = page.getByRole("switch", { name: "Public" });
  await expect(badge).toHaveText("private");
  await waitForHydration(page, 'input[role="switch"]');

  await sw.click();
  const dialog = page.getByRole("dialog", { name: `Make ${name} public?` });
  await expect(dialog.getByTestId("visibility-summary")).toContainText("Every org");
  await page.screenshot({ path: "test-results/guard-public-confirm.png" });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(sw).not.toBeChecked();
  await expect(badge).toHaveText("private");

  await sw.click();
  await dialog.getByRole("button", { name: "Make it public" }).click();
  await expect(dialog).toBeHidden();
  await expect(badge).toHaveText("public");
  await expect(sw).toBeChecked();
  await expect(toast(page, `${name} is public: every org can see and bind it.`)).toBeVisible();

  // A refusal: the dialog says why; the switch and the badge stay as they are.
  await page.route("**/visibility", (route) =>
    route.fulfill({
      status: 409,
      contentType: "application/json",
      body: JSON.stringify({ code: 409, type: "conflict_error", detail: "Changed meanwhile" }),
    }),
  );
  await sw.click();
  const back = page.getByRole("dialog", { name: `Make ${name} private?` });
  await back.getByRole("button", { name: "Make it private" }).click();
  await expect(back.getByRole("alert")).toHaveText("Changed meanwhile");
  await expect(badge).toHaveText("public");
  await back.getByRole("button", { name: "Cancel" }).click();
  await expect(sw).toBeChecked();
  await page.unroute("**/visibility");

  // Offline: it fails at once, nothing waits to be replayed.
  await context.setOffline(true);
  await sw.click();
  await back.getByRole("button", { name: "Make it private" }).click();
  await expect(back.getByRole("alert")).toContainText("Could not reach Quiver");
  await back.getByRole("button", { name: "Cancel" }).click();
  await context.setOffline(false);
  await page.waitForTimeout(1000);
  await page.reload();
  await expect(badge).toHaveText("public");

  await waitForHydration(page, 'input[role="switch"]');
  await sw.click();
  await back.getByRole("button", { name: "Make it private" }).click();
  await expect(badge).toHaveText("private");
  await expect(sw).not.toBeChecked();
});

/** An agent with releases 1.0.0 ("first") and 1.0.1 ("second", deployed); answers its id. */
async function agentWithReleases(page: Page): Promise<string> {
  const base = `${api}/ws/main/agents`;
  const made = await page.request.post(base, { data: { name: `guard-agent-${id()}` } });
  expect(made.status()).toBe(201);
  const agentId = ((await made.json()) as { id: string }).id;
  for (const prompt of ["first", "second"]) {
    const draft = (await (await page.request.get(`${base}/${agentId}/draft`)).json()) as {
      revision: number;
    };
    const put = await page.request.put(`${base}/${agentId}/draft`, {
      data: {
        revision: draft.revision,
        actions: [],
        resources: [],
        capabilities: [],
        suggested_actions: [],
        mcp_clients: [],
        integration_slug: "openai",
        language_model_slug: "gpt-4.1",
        system_prompt: prompt,
      },
    });
    expect(put.status(), await put.text()).toBe(200);
    expect(
      (await page.request.post(`${base}/${agentId}/draft/deploy`, { data: {} })).status(),
    ).toBe(201);
  }
  return agentId;
}

test("roll an agent back to a release in one action, then restore and deploy, each with a toast", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const agentId = await agentWithReleases(page);
  await page.goto(`/acme/main/agents/${agentId}/releases`);
  const row = (v: string) => page.locator(`[data-testid="release-row"][data-version="${v}"]`);
  await expect(row("1.0.1")).toContainText("deployed");
  await expect(row("1.0.1").getByRole("button", { name: "Roll back to 1.0.1" })).toHaveCount(0);
  await waitForHydration(page, "main button");

  // A refusal leaves everything as it was, and says why.
  await page.route("**/rollback", (route) =>
    route.fulfill({
      status: 409,
      contentType: "application/json",
      body: JSON.stringify({
        code: 409,
        type: "conflict_error",
        detail: "The draft is at revision 5, not 4: someone changed or deployed it",
      }),
    }),
  );
  await row("1.0.0").getByRole("button", { name: "Roll back to 1.0.0" }).click();
  const dialog = page.getByRole("dialog", { name: "Roll back to 1.0.0?" });
  await dialog.getByRole("button", { name: "Roll back to 1.0.0" }).click();
  await expect(dialog.getByRole("alert")).toContainText("someone changed or deployed it");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(row("1.0.1")).toContainText("deployed");
  await page.unroute("**/rollback");

  // The summary the deploy dialog shows: the new version and what changes; then one click.
  await row("1.0.0").getByRole("button", { name: "Roll back to 1.0.0" }).click();
  await expect(dialog.getByLabel("New release version")).toHaveValue("1.0.2");
  await expect(dialog.getByTestId("deploy-changes")).toContainText("System prompt");
  await expect(dialog).toContainText("1.0.1, deployed now, is archived");
  await page.screenshot({ path: "test-results/guard-rollback.png" });
  await dialog.getByRole("button", { name: "Roll back to 1.0.0" }).click();
  await expect(dialog).toBeHidden();
  await expect(
    toast(page, "Rolled back to 1.0.0: the agent runs it now, as release 1.0.2."),
  ).toBeVisible();
  await expect(row("1.0.2")).toContainText("deployed");
  await expect(row("1.0.2")).toContainText("Roll back to 1.0.0");
  await expect(row("1.0.1")).toContainText("archived");

  // Restore 1.0.1 into the draft, then deploy it: each says what it did.
  await row("1.0.1").getByRole("button", { name: "Restore 1.0.1" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Restore 1.0.1" }).click();
  await expect(
    toast(page, "Restored 1.0.1 into the draft: deploy it to make it live."),
  ).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/acme/main/agents/${agentId}$`));
  await waitForHydration(page, "main button");
  await page.getByRole("button", { name: "Deploy…" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Deploy 1.0.3" }).click();
  await expect(toast(page, "Deployed 1.0.3: the agent runs it from now on.")).toBeVisible();
});
