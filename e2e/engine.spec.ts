// The built-in optimization engine through the browser. Each test signs up a new account (so the
// demo workspaces stay as seeded) and points its workspace, in Settings → Model provider, at a fake
// OpenAI-compatible provider that this test process serves over real HTTP on 127.0.0.1
// (lib/testing/fake-llm.ts, answering as lib/testing/fake-engine.ts): the web server's in-process
// worker runs the real pipeline against it. The happy path tests the connection, saves (the key
// shown only by its last 4 characters), starts a built-in run, watches it live, reads the verdict
// and a multi-turn conversation with the judge's note, applies the winner and removes the
// provider. The failure path shows a test that cannot connect and a run whose key is refused.
import { expect, test, type Page } from "@playwright/test";
import { startFakeLlm, type FakeHandler } from "@/lib/testing/fake-llm";
import { fakeEngine } from "@/lib/testing/fake-engine";
import { sameOriginRequests, signedOut, uniqueEmail, waitForHydration } from "./helpers";

// page.request writes as the browser would: with the app's Origin (the API's CSRF check).
test.use(sameOriginRequests);

test.use({ storageState: signedOut });

/** Signs up a new account; its personal org (slug from the email) has a `main` workspace with the default personas. */
async function signUp(page: Page, label: string, name: string): Promise<string> {
  const email = uniqueEmail(label);
  const org = email.split("@")[0]!;
  await page.goto("/sign-up");
  await waitForHydration(page);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct-horse-battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(`/${org}/catalog`);
  return org;
}

/** Creates a prompt from the Prompts page and lands on it. */
async function createPrompt(page: Page, org: string, name: string, text: string): Promise<void> {
  await page.goto(`/${org}/main/prompts`);
  await waitForHydration(page, 'form[aria-label="Create a prompt"]');
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Prompt text").fill(text);
  await page.getByRole("button", { name: "Create prompt" }).click();
  await expect(page).toHaveURL(new RegExp(`/${org}/main/prompts/[0-9a-f-]{36}$`));
}

/** Fills Settings → Model provider's form (the page must be open and hydrated). */
async function fillProvider(
  page: Page,
  p: { baseUrl: string; model: string; apiKey: string; judgeModel?: string },
): Promise<void> {
  await page.getByLabel("Base URL").fill(p.baseUrl);
  await page.getByLabel("API key").fill(p.apiKey);
  await page.getByLabel("Default model").fill(p.model);
  if (p.judgeModel) await page.getByLabel("Judge model").fill(p.judgeModel);
}

/** Everything a user could find the key in: the markup, and the values of the form's fields. */
async function pageText(page: Page): Promise<string> {
  return page.evaluate(() =>
    [
      document.documentElement.outerHTML,
      ...[...document.querySelectorAll("input, textarea")].map(
        (e) => (e as HTMLInputElement).value,
      ),
    ].join("\n"),
  );
}

/** Holds every judgment after the first `pass` until `release()`: the run stays visibly part-way for as long as the test needs. */
function holdJudgments(
  inner: FakeHandler,
  pass: number,
): { handler: FakeHandler; release: () => void } {
  let judged = 0;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  return {
    handler: async (req) => {
      if (req.body?.response_format?.json_schema?.name === "judgment" && judged++ >= pass)
        await gate;
      return inner(req);
    },
    release,
  };
}

test("a built-in run: configure the provider, test it, run, watch it live, read the verdict and conversations, apply the winner", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const held = holdJudgments(fakeEngine({ strategyQuality: { "clarify constraints": 85 } }), 4);
  const fake = await startFakeLlm(held.handler);
  try {
    const org = await signUp(page, "engine", "Erin Engine");
    const apiKey = `sk-e2e-${Math.random().toString(36).slice(2, 12)}-k3Y9`;

    // Settings → Model provider: none yet, with both ways to set one up.
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("link", { name: "Model provider" }).click();
    await expect(page).toHaveURL(`/${org}/settings/model-provider`);
    await expect(page.getByRole("link", { name: "Model provider" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expect(page.getByTestId("provider-none")).toContainText(
      "No model provider for this workspace",
    );
    await waitForHydration(page);
    await fillProvider(page, {
      baseUrl: fake.url,
      model: "agent-e2e",
      judgeModel: "judge-e2e",
      apiKey,
    });

    // Test connection tries what is typed, before anything is saved, with the key as a Bearer token.
    await page.getByRole("button", { name: "Test connection" }).click();
    const result = page.getByTestId("test-result");
    await expect(result).toHaveAttribute("role", "status");
    await expect(result).toContainText(`Connected to ${fake.url} in`);
    await expect(result).toContainText("(these settings)");
    await expect(result).toContainText("Models answered:");
    await expect(result.locator("code")).toHaveText(["agent-e2e", "judge-e2e"]);
    const tested = fake.requests.map((r) => r.body.model as string);
    expect(new Set(tested)).toEqual(new Set(["agent-e2e", "judge-e2e"]));
    expect(fake.requests.every((r) => r.headers.authorization === `Bearer ${apiKey}`)).toBe(true);
    await expect(page.getByTestId("provider-none")).toBeVisible(); // nothing saved by a test

    // Save: the workspace's own provider, the key only as "ends in …k3Y9", anywhere on the page.
    await page.getByRole("button", { name: "Save for this workspace" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toHaveText(
      /Saved\. Built-in runs in main use these settings from their next start\./,
    );
    await expect(page.getByTestId("provider-workspace")).toContainText(
      "Runs in main use this workspace's own provider",
    );
    await expect(page.getByTestId("api-key-status")).toHaveText("Set, ends in …k3Y9");
    await expect(page.getByLabel("Base URL")).toHaveValue(fake.url);
    await expect(page.getByLabel("Judge model")).toHaveValue("judge-e2e");
    expect(await pageText(page)).not.toContain(apiKey);
    await page.reload();
    await expect(page.getByTestId("api-key-status")).toHaveText("Set, ends in …k3Y9");
    expect(await pageText(page)).not.toContain(apiKey);
    const view = await (await page.request.get(`/api/v1/org/${org}/ws/main/model-provider`)).text();
    expect(view).toContain('"api_key_last4":"k3Y9"');
    expect(view).not.toContain(apiKey);

    // A prompt, and a new run: Built-in is preselected and names the endpoint and the models.
    const original = "You answer questions about Acme Cloud billing. Be accurate and brief.";
    await createPrompt(page, org, "billing-engine", original);
    await page.getByRole("link", { name: "Optimize" }).click();
    await waitForHydration(page, 'form[aria-label="New optimization run"]');
    const builtin = page.getByRole("radio", { name: "Built-in" });
    await expect(builtin).toBeChecked();
    await expect(page.getByRole("radiogroup", { name: "Executor" })).toContainText(
      `Quiver runs it with this workspace's model provider at ${fake.url}: agent agent-e2e, simulated user agent-e2e, judge judge-e2e.`,
    );
    // One candidate, two personas, three turns: 2 × 2 × 3 = 12 conversations.
    await page.getByLabel("Variants", { exact: true }).selectOption("1");
    await page.getByRole("button", { name: "None", exact: true }).click();
    const personas = page.getByRole("group", { name: "Personas" }).getByRole("checkbox");
    await personas.nth(0).check();
    await personas.nth(1).check();
    await page.getByLabel("Turns per conversation").selectOption("3");
    await expect(page.getByTestId("run-size")).toHaveText(
      "2 variants (the original and 1 candidate) × 2 personas × 3 scenarios = 12 conversations to simulate and judge.",
    );
    const callsBefore = fake.requests.length;
    await page.getByRole("button", { name: "Start run" }).click();
    await expect(page).toHaveURL(new RegExp(`/${org}/main/optimization/[0-9a-f-]{36}$`));
    const heading = page.getByRole("heading", { name: "billing-engine", level: 1 });

    // Live: the worker picked it up; four conversations are judged, the rest wait at the fake.
    await expect(heading).toContainText("running");
    await expect(page.getByTestId("run-stage")).toHaveText("simulating");
    await expect(page.getByTestId("run-progress")).toHaveText("4 of 12 cells", { timeout: 30_000 });
    await expect(page.getByRole("progressbar", { name: "Cells scored" })).toHaveAttribute(
      "aria-valuenow",
      "4",
    );
    await expect(
      page.getByText("Interim, from the 4 cells reported so far; not a verdict"),
    ).toBeVisible();
    await expect(page.getByRole("region", { name: "Log" })).toContainText(
      "Models: agent agent-e2e, simulated user agent-e2e, judge judge-e2e (workspace provider",
    );
    await expect(page.getByTestId("action-hint")).toHaveText(
      "Only a completed run can be applied; this one is running.",
    );
    held.release();

    // Completed: the verdict, decided on task completion; the progress card is gone.
    await expect(heading).toContainText("completed", { timeout: 60_000 });
    await expect(page.getByTestId("verdict")).toHaveText(
      /^Variant B won: \+\d+\.\d% task completion, \d+% confidence$/,
    );
    await expect(page.getByTestId("run-progress")).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Log" })).toContainText(
      "Variant b (clarify constraints) written: Applied clarify constraints.",
    );
    await expect(page.getByRole("region", { name: "Log" })).toContainText(
      /Completed: Variant b won: .* \(\d+ model calls this attempt, \d+ tokens\)/,
    );
    await expect(
      page.getByText(
        /^Model usage: model calls [\d,]+ · prompt tokens [\d,]+ · completion tokens [\d,]+/,
      ),
    ).toBeVisible();
    const calls = fake.requests.length - callsBefore;
    await expect(page.getByText(`Model usage: model calls ${calls} ·`)).toBeVisible();
    await expect(page.getByTestId("variant-compare")).toContainText(
      "[clarify constraints] QUALITY=85",
    );

    // Conversations: the first (the winner's, "b" sorts before "control") is open beside the
    // original's in the same scenario, several turns each, with the judge's note.
    const first = page.getByTestId("conversations").getByTestId("open-conversation");
    await expect(first).toBeVisible();
    // Two transcripts side by side: the original's, then the candidate's.
    await expect(first.locator("ol")).toHaveCount(2);
    const control = first.locator("ol").nth(0).locator("xpath=..");
    const candidate = first.locator("ol").nth(1).locator("xpath=..");
    await expect(control).toContainText("Original");
    await expect(candidate).toContainText("Variant B");
    const turns = candidate.locator("ol > li");
    await expect(turns).toHaveCount(5); // user, agent, user, agent, user: the goal met after two answers
    await expect(turns.nth(0)).toContainText(/^persona\s*Hello, I need help: Goal \d of /);
    await expect(turns.nth(1)).toContainText(
      /^assistant\s*Answer at quality 8\d\.\d for: Hello, I need help/,
    );
    await expect(turns.nth(2)).toContainText("Follow-up 1");
    await expect(candidate).toContainText(/Judge: Quality 8\d\.\d seen\./);
    await expect(control).toContainText(/Answer at quality [56]\d\.\d/);
    await expect(control).toContainText(/Judge: Quality [56]\d\.\d seen\./);

    // Apply the winner: the prompt's v2, active, is the candidate's text.
    await waitForHydration(page, '[data-testid="run-actions"] button');
    await page.getByRole("button", { name: "Apply…" }).click();
    const dialog = page.getByRole("dialog", { name: "Apply a variant to the prompt" });
    await expect(dialog).toContainText("Adds v2 of billing-engine");
    await dialog.getByRole("button", { name: "Apply Variant B" }).click();
    await expect(dialog).toBeHidden();
    await page.getByTestId("applied-link").click();
    await expect(page.getByRole("heading", { name: "billing-engine", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Active version: v2" })).toBeVisible();
    await expect(page.getByTestId("active-content")).toHaveText(
      `${original}\n\n[clarify constraints] QUALITY=85`,
    );
    await expect(page.locator('[data-testid="prompt-version"][data-version="2"]')).toContainText(
      "from optimization",
    );

    // Remove the workspace's provider: none again, and Built-in is no longer offered.
    await page.goto(`/${org}/settings/model-provider`);
    await waitForHydration(page, "main button");
    await page.getByRole("button", { name: "Remove workspace provider" }).click();
    const remove = page.getByRole("dialog", { name: "Remove this workspace's provider?" });
    await expect(remove).toContainText(
      "built-in optimization runs in this workspace will not start until one is set",
    );
    await remove.getByRole("button", { name: "Remove", exact: true }).click();
    await expect(remove).toBeHidden();
    await expect(page.getByTestId("provider-none")).toBeVisible();
    await page.goto(`/${org}/main/optimization/new`);
    await expect(page.getByRole("radio", { name: "Built-in" })).toBeDisabled();
    await expect(page.getByRole("radio", { name: "External" })).toBeChecked();
  } finally {
    held.release();
    await fake.close();
  }
});

test("failures: a connection test that cannot connect, and a run whose API key is refused", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const fake = await startFakeLlm(fakeEngine());
  let org: string | undefined;
  try {
    org = await signUp(page, "engine-fail", "Fay Failure");
    const apiKey = `sk-e2e-${Math.random().toString(36).slice(2, 12)}-x7Q2`;
    await page.goto(`/${org}/settings/model-provider`);
    await waitForHydration(page);

    // Nothing listens on port 9: the test says so, on the spot, without retrying.
    await fillProvider(page, { baseUrl: "http://127.0.0.1:9/v1", model: "agent-e2e", apiKey });
    await page.getByRole("button", { name: "Test connection" }).click();
    const result = page.getByTestId("test-result");
    await expect(result).toHaveAttribute("role", "alert");
    await expect(result).toContainText("Unreachable (unreachable) testing these settings");
    await expect(result).toContainText(
      "Could not connect to the model provider at http://127.0.0.1:9/v1 (the port is not allowed for HTTP)",
    );
    await expect(result).toContainText("after 1 attempt");

    // The fake refuses the key (echoing it, as some providers do): the test names the status, and
    // repeats nothing the provider said (lib/llm/client.ts), the key least of all.
    fake.setHandler(() => ({ status: 401, error: `Incorrect API key provided: ${apiKey}` }));
    await page.getByLabel("Base URL").fill(fake.url);
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(result).toContainText("API key refused (auth) testing these settings");
    await expect(result).toContainText(
      `The model provider at ${fake.url} refused the API key (HTTP 401 Unauthorized from the provider)`,
    );
    expect(await result.textContent()).not.toContain("Incorrect API key provided");
    expect(await result.textContent()).not.toContain(apiKey);

    // Saved anyway: a run with it fails, and the run page says why.
    await page.getByRole("button", { name: "Save for this workspace" }).click();
    await expect(page.getByTestId("api-key-status")).toHaveText("Set, ends in …x7Q2");
    await createPrompt(page, org, "refused-key", "You help with refunds.");
    await page.getByRole("link", { name: "Optimize" }).click();
    await waitForHydration(page, 'form[aria-label="New optimization run"]');
    await expect(page.getByRole("radio", { name: "Built-in" })).toBeChecked();
    await page.getByLabel("Variants", { exact: true }).selectOption("1");
    await page.getByRole("button", { name: "Start run" }).click();
    await expect(page).toHaveURL(new RegExp(`/${org}/main/optimization/[0-9a-f-]{36}$`));
    await expect(page.getByRole("heading", { name: "refused-key", level: 1 })).toContainText(
      "failed",
      { timeout: 60_000 },
    );
    const failure = page.getByRole("alert").filter({ hasText: "The run failed" });
    await expect(failure).toContainText(
      `The model provider at ${fake.url} refused the API key (HTTP 401 Unauthorized from the provider)`,
    );
    expect(await pageText(page)).not.toContain(apiKey);
    await expect(page.getByTestId("verdict")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Retry…" })).toBeEnabled();
  } finally {
    // Leave no provider behind, even when an assertion failed half-way.
    if (org)
      await page.request.delete(`/api/v1/org/${org}/ws/main/model-provider`).catch(() => undefined);
    await fake.close();
  }
});
