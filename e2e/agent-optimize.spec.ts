// Optimizing an agent's draft, as issue 8 describes it: from the agent page's "Optimize this
// prompt", a run against the draft's system prompt is started, an external harness reports
// through the API (here, the page's own session), the winner is applied to the draft (a new
// revision; the deployed release does not change), and deploying the draft records the run in
// the release history. The spec makes its own agent in the demo workspace.
import { expect, test } from "@playwright/test";
import { sameOriginRequests, waitForHydration } from "./helpers";

// page.request writes as the browser would: with the app's Origin (the API's CSRF check).
test.use(sameOriginRequests);

test("optimize a draft's prompt through an external run and apply the winner to the draft", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const api = page.request;
  const base = "/api/v1/org/acme/ws/main";
  const name = `e2e-optimized-${Date.now().toString(36)}`;
  const original = "You answer billing questions for Acme Cloud. Be brief.";
  const better =
    "You answer billing questions for Acme Cloud. Be brief. Name the customer's plan and link the invoice.";

  // An agent with 1.0.0 deployed, set up through the API.
  const agent = await (await api.post(`${base}/agents`, { data: { name } })).json();
  const draft = await (await api.get(`${base}/agents/${agent.id}/draft`)).json();
  const put = await api.put(`${base}/agents/${agent.id}/draft`, {
    data: {
      revision: draft.revision,
      system_prompt: original,
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
    },
  });
  expect(put.status(), await put.text()).toBe(200);
  expect((await api.post(`${base}/agents/${agent.id}/draft/deploy`, { data: {} })).status()).toBe(
    201,
  );

  // From the agent page, "Optimize this prompt" opens a new run against this draft.
  await page.goto(`/acme/main/agents/${agent.id}`);
  await page.getByRole("link", { name: "Optimize this prompt →" }).click();
  await expect(page).toHaveURL(new RegExp(`/acme/main/optimization/new\\?agent_id=${agent.id}$`));
  await waitForHydration(page, 'form[aria-label="New optimization run"]');
  await expect(page.getByRole("radio", { name: "An agent's draft" })).toBeChecked();
  await expect(page.getByLabel("Agent", { exact: true })).toHaveValue(agent.id);
  await page.getByRole("radio", { name: "External" }).check();
  await page.getByLabel("Variants", { exact: true }).selectOption("1");
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/acme\/main\/optimization\/[0-9a-f-]{36}$/);
  const jobId = page.url().split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`${name} · draft`);

  // The harness reports: the draft's prompt as the control, one clearly better candidate.
  const job = await (await api.get(`${base}/optimization/jobs/${jobId}`)).json();
  expect(job).toMatchObject({
    target_kind: "agent_draft",
    agent_id: agent.id,
    original_content: original,
  });
  const cells = (variant: string, base: number) =>
    ["p1", "p2", "p3", "p4"].flatMap((persona, i) =>
      ["s1", "s2", "s3"].map((scenario, k) => ({
        variant,
        persona,
        scenario,
        metrics: { task_completion: base + i + k, quality: 70, sentiment: 70 },
      })),
    );
  const report = await api.post(`${base}/optimization/jobs/${jobId}/progress`, {
    data: {
      variants: [
        { key: "control", name: "Original", content: original, is_original: true },
        { key: "b", name: "Variant B", content: better, strategy: "add the plan" },
      ],
      cells: [...cells("control", 55), ...cells("b", 80)],
      finished: true,
    },
  });
  expect(report.status(), await report.text()).toBe(200);

  // The run page follows to completed; Apply writes the winner into the draft.
  await expect(page.getByTestId("verdict")).toHaveText(/^Variant B won: /, { timeout: 20_000 });
  await waitForHydration(page, '[data-testid="run-actions"] button');
  await page.getByRole("button", { name: "Apply…" }).click();
  const dialog = page.getByRole("dialog", { name: "Apply a variant to the agent's draft" });
  await expect(dialog).toContainText("The deployed release does not change");
  await dialog.getByRole("button", { name: "Apply Variant B" }).click();
  await expect(dialog).toBeHidden();
  await page.getByTestId("applied-link").click();

  // The draft carries the winner and the run; 1.0.0 still runs the original until a deploy.
  await expect(page).toHaveURL(`/acme/main/agents/${agent.id}`);
  await expect(page.getByRole("textbox", { name: "System prompt" })).toHaveValue(better);
  await expect(page.getByTestId("optimized-by")).toContainText(jobId.slice(0, 8));
  const latest = async () => {
    const list = await (await api.get(`${base}/agents/${agent.id}/releases?limit=1`)).json();
    return (await api.get(`${base}/agents/${agent.id}/releases/${list.releases[0].id}`)).json();
  };
  expect(await latest()).toMatchObject({
    version: "1.0.0",
    system_prompt: original,
    optimization_job_id: null,
  });

  // Deploying the draft records the run in the release history.
  await waitForHydration(page, "main button");
  await page.getByRole("button", { name: "Deploy…" }).click();
  const deploy = page.getByRole("dialog");
  await expect(deploy.getByLabel("Version")).toHaveValue("1.0.1");
  await deploy.getByRole("button", { name: "Deploy 1.0.1" }).click();
  await expect(page.getByTestId("deployed-banner")).toContainText("Deployed 1.0.1");
  await page.goto(`/acme/main/agents/${agent.id}/releases`);
  await expect(page.getByText(/optimized by run/).first()).toBeVisible();
  expect(await latest()).toMatchObject({
    version: "1.0.1",
    system_prompt: better,
    optimization_job_id: jobId,
  });

  // Leave the demo workspace as seeded.
  expect((await api.delete(`${base}/agents/${agent.id}`)).status()).toBe(204);
});
