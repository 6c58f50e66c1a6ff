// Keyboard-only flows (issue 18): after the first page.goto, only page.keyboard drives the page
// (Tab, Shift+Tab, Enter, Space, Escape, typing); locators only read. Each test makes its own
// runtime or agent through the API and deletes it, so the demo workspace stays as seeded.
// Along the way: "Add capability" opens in its search field, a dialog hands focus back to the
// control that opened it (after its action, Escape), and the flag control shows a focus ring.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { sameOriginRequests, waitForHydration } from "./helpers";

test.use(sameOriginRequests);

const base = "/api/v1/org/acme/ws/main";
const uid = () => Date.now().toString(36);

/** Presses Tab (or Shift+Tab when the target is above the focus) until the target has focus. */
async function tabTo(page: Page, target: Locator, max = 150): Promise<void> {
  await expect(target).toBeVisible();
  const back = await target.evaluate((el) => {
    const a = document.activeElement;
    if (!a || a === document.body) return false;
    return !!(a.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING);
  });
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  throw new Error(`${max} presses of Tab did not reach ${target}`);
}

const draftBody = (revision: number, systemPrompt: string) => ({
  revision,
  system_prompt: systemPrompt,
  language_model_slug: "gpt-4.1",
  integration_slug: "zendesk",
  with_reasoning: false,
  temperature: 0.2,
  max_steps: 5,
  actions: [],
  resources: [],
  capabilities: [],
  suggested_actions: [],
  mcp_clients: [],
  output: null,
  heartbeat: null,
  evaluator: { rubric: "Names the plan.", threshold: 0.7 },
});

/** An agent with its draft's system prompt set; deployed as 1.0.0 when `deploy`. */
async function makeAgent(page: Page, label: string, prompt: string, deploy: boolean) {
  const api = page.request;
  const agent = await (
    await api.post(`${base}/agents`, { data: { name: `e2e-${label}-${uid()}` } })
  ).json();
  const draft = await (await api.get(`${base}/agents/${agent.id}/draft`)).json();
  const put = await api.put(`${base}/agents/${agent.id}/draft`, {
    data: draftBody(draft.revision, prompt),
  });
  expect(put.status(), await put.text()).toBe(200);
  if (deploy)
    expect((await api.post(`${base}/agents/${agent.id}/draft/deploy`, { data: {} })).status()).toBe(
      201,
    );
  return agent as { id: string; name: string };
}

test("bind a capability through Add capability and override a flag, by keyboard", async ({
  page,
}) => {
  const api = page.request;
  const created = await api.post(`${base}/runtimes`, { data: { name: `e2e-keys-${uid()}` } });
  expect(created.status(), await created.text()).toBe(201);
  const runtime = await created.json();
  await page.goto(`/acme/main/runtimes/${runtime.id}`);
  await waitForHydration(page, "main button");

  const add = page.getByRole("button", { name: "Add capability" });
  await tabTo(page, add);
  await page.keyboard.press("Enter");
  const picker = page.getByRole("dialog", { name: "Add a capability" });
  const search = picker.getByRole("combobox", { name: "Search capabilities" });
  await expect(search).toBeFocused();
  await page.keyboard.type("support-triage");
  await expect(picker.getByRole("option").first()).toContainText("support-triage");
  await expect(search).toHaveAttribute("aria-activedescendant", /.+/);
  await page.keyboard.press("Enter");
  await expect(picker.getByTestId("picked-capability")).toContainText("support-triage");
  const confirm = picker.getByRole("button", { name: "Add support-triage 0.3.0" });
  await expect(confirm).toBeEnabled();
  await tabTo(page, confirm);
  await page.keyboard.press("Enter");
  await expect(picker).toBeHidden();
  // The dialog gives focus back to the button that opened it.
  await expect(add).toBeFocused();

  const flag = page.locator(
    '[data-testid="binding-flags"][data-binding="support-triage"] [data-flag="auto-tag"]',
  );
  await expect(flag.getByTestId("flag-effective")).toHaveText("on");
  const off = flag.getByRole("button", { name: "Off", exact: true });
  await tabTo(page, off);
  // The override control shows where the keyboard is.
  expect(
    await off.evaluate((el) => {
      const s = getComputedStyle(el);
      return `${s.outlineStyle} ${s.outlineWidth}`;
    }),
  ).toBe("solid 2px");
  await page.keyboard.press("Space");
  await expect(off).toHaveAttribute("aria-pressed", "true");
  await expect(flag.getByTestId("flag-effective")).toHaveText("off");
  await expect(page.getByTestId("resolved-flags")).toContainText("auto-tag=false");
  const bindings = await (await api.get(`${base}/runtimes/${runtime.id}/capabilities`)).json();
  expect(bindings.items).toMatchObject([
    { capability_name: "support-triage", version: "0.3.0", flags: { "auto-tag": false } },
  ]);

  expect((await api.delete(`${base}/runtimes/${runtime.id}`)).status()).toBe(204);
});

test("deploy an agent's draft, then roll back to an earlier release, by keyboard", async ({
  page,
}) => {
  const api = page.request;
  const first = "You answer billing questions for Acme Cloud.";
  const second = "You answer billing questions for Acme Cloud. Name the plan.";
  const agent = await makeAgent(page, "keys-rollback", first, true);
  const draft = await (await api.get(`${base}/agents/${agent.id}/draft`)).json();
  expect(
    (
      await api.put(`${base}/agents/${agent.id}/draft`, { data: draftBody(draft.revision, second) })
    ).status(),
  ).toBe(200);

  await page.goto(`/acme/main/agents/${agent.id}`);
  await waitForHydration(page, "main button");
  await tabTo(page, page.getByRole("button", { name: "Deploy…" }));
  await page.keyboard.press("Enter");
  const deploy = page.getByRole("dialog", { name: "Deploy 1.0.1" });
  // The version field has focus when the dialog opens: Enter submits its form.
  await expect(deploy.getByLabel("Version")).toBeFocused();
  await expect(deploy.getByLabel("Version")).toHaveValue("1.0.1");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("deployed-banner")).toContainText("Deployed 1.0.1");
  await expect(deploy).toBeHidden();

  await tabTo(page, page.getByRole("link", { name: "Release history", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`/acme/main/agents/${agent.id}/releases`);
  const older = page
    .locator('[data-testid="release-row"][data-version="1.0.0"]')
    .getByRole("button", { name: "Roll back to 1.0.0" });
  await waitForHydration(page, '[data-testid="release-row"] button');
  await tabTo(page, older);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Roll back to 1.0.0?" });
  const confirm = dialog.getByRole("button", { name: "Roll back to 1.0.0" });
  await expect(confirm).toBeEnabled();
  await tabTo(page, confirm);
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(older).toBeFocused();
  await expect(page.locator('[data-testid="release-row"][data-version="1.0.2"]')).toContainText(
    "deployed",
  );
  const list = await (await api.get(`${base}/agents/${agent.id}/releases?limit=1`)).json();
  const latest = await (
    await api.get(`${base}/agents/${agent.id}/releases/${list.releases[0].id}`)
  ).json();
  expect(latest).toMatchObject({ version: "1.0.2", status: "deployed", system_prompt: first });

  expect((await api.delete(`${base}/agents/${agent.id}`)).status()).toBe(204);
});

test("apply a completed run's winning variant, by keyboard", async ({ page }) => {
  const api = page.request;
  const original = "You answer billing questions for Acme Cloud. Be brief.";
  const better = `${original} Name the customer's plan.`;
  const agent = await makeAgent(page, "keys-apply", original, false);
  const made = await api.post(`${base}/optimization/jobs`, {
    data: {
      target_kind: "agent_draft",
      agent_id: agent.id,
      executor: "external",
      variant_count: 1,
    },
  });
  expect(made.status(), await made.text()).toBe(201);
  const job = await made.json();
  const cells = (variant: string, score: number) =>
    ["p1", "p2", "p3", "p4"].flatMap((persona, i) =>
      ["s1", "s2", "s3"].map((scenario, k) => ({
        variant,
        persona,
        scenario,
        metrics: { task_completion: score + i + k, quality: 70, sentiment: 70 },
      })),
    );
  const report = await api.post(`${base}/optimization/jobs/${job.id}/progress`, {
    data: {
      variants: [
        { key: "control", name: "Original", content: original, is_original: true },
        { key: "b", name: "Variant B", content: better, strategy: "name the plan" },
      ],
      cells: [...cells("control", 55), ...cells("b", 80)],
      finished: true,
    },
  });
  expect(report.status(), await report.text()).toBe(200);

  await page.goto(`/acme/main/optimization/${job.id}`);
  await expect(page.getByTestId("verdict")).toHaveText(/^Variant B won: /);
  // The chart's numbers are a table for screen readers; the drawing is hidden from them.
  const chart = page.getByTestId("chart-effects");
  await expect(
    chart.getByRole("table", { name: /Each candidate against the original/ }),
  ).toContainText("Variant B");
  await expect(chart.locator(".recharts-responsive-container").locator("xpath=..")).toHaveAttribute(
    "aria-hidden",
    "true",
  );
  await waitForHydration(page, '[data-testid="run-actions"] button');
  const apply = page.getByRole("button", { name: "Apply…" });
  await tabTo(page, apply);

  // Escape closes the dialog and focus is back on Apply…; Enter opens it again.
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Apply a variant to the agent's draft" });
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(apply).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog.getByLabel("Variant")).toHaveValue(/.+/);
  const confirm = dialog.getByRole("button", { name: "Apply Variant B" });
  await tabTo(page, confirm);
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(apply).toBeFocused();
  await expect(page.getByTestId("applied-link")).toBeVisible();
  const draft = await (await api.get(`${base}/agents/${agent.id}/draft`)).json();
  expect(draft).toMatchObject({ system_prompt: better, optimization_job_id: job.id });

  expect((await api.delete(`${base}/agents/${agent.id}`)).status()).toBe(204);
});
