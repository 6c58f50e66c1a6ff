// Optimization runs as a prompt engineer uses them. A new account (so the demo workspaces stay as
// seeded) creates a prompt, starts an external run from the UI, reports variants and scored
// conversations through the API with its session as a harness would, watches the run page follow
// to completed, reads the verdict and the charts, and applies the winner. Then, on the demo data,
// the capability-agent run's winner is promoted into a new capability version.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { sameOriginRequests, signedOut, uniqueEmail, waitForHydration } from "./helpers";

// page.request writes as the browser would: with the app's Origin (the API's CSRF check).
test.use(sameOriginRequests);

test.describe("a prompt run through the external executor", () => {
  test.use({ storageState: signedOut });

  test("start from the UI, report through the API, watch it complete, read the results, apply the winner", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const email = uniqueEmail("optimize");
    const org = email.split("@")[0]!;
    await page.goto("/sign-up");
    await waitForHydration(page);
    await page.getByLabel("Name").fill("Olivia Optimizer");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("correct-horse-battery");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(`/${org}/catalog`);

    // An empty workspace: the runs list says what a run is, the prompts page offers to create one.
    await page.getByRole("link", { name: "Optimization" }).click();
    await expect(page.getByRole("heading", { name: "No optimization runs yet" })).toBeVisible();
    await page.getByRole("link", { name: "Prompts" }).click();
    await expect(page.getByRole("heading", { name: "Prompts", level: 1 })).toBeVisible();
    await waitForHydration(page, 'form[aria-label="Create a prompt"]');
    const original = "You answer questions about Acme Cloud billing. Be accurate and brief.";
    await page.getByLabel("Name").fill("billing-helper");
    await page.getByLabel("Prompt text").fill(original);
    await page.getByRole("button", { name: "Create prompt" }).click();
    await expect(page).toHaveURL(new RegExp(`/${org}/main/prompts/[0-9a-f-]{36}$`));
    await expect(page.getByRole("heading", { name: "billing-helper", level: 1 })).toBeVisible();

    // New run from the prompt's Optimize button: one candidate, all personas.
    await page.getByRole("link", { name: "Optimize" }).click();
    await expect(page).toHaveURL(/\/optimization\/new\?prompt_id=/);
    await waitForHydration(page, 'form[aria-label="New optimization run"]');
    await expect(page.getByLabel("Prompt", { exact: true })).toHaveValue(/[0-9a-f-]{36}/);
    await page.getByLabel("Variants", { exact: true }).selectOption("1");
    await expect(page.getByTestId("run-size")).toContainText("= 30 conversations");
    await page.getByRole("button", { name: "Start run" }).click();
    await expect(page).toHaveURL(new RegExp(`/${org}/main/optimization/[0-9a-f-]{36}$`));
    const jobId = page.url().split("/").pop()!;

    // Queued: the page shows, honestly, how a harness reports, with this run's id.
    await expect(page.getByRole("heading", { name: "billing-helper", level: 1 })).toContainText(
      "queued",
    );
    await expect(
      page.getByRole("heading", { name: "Waiting for an external executor" }),
    ).toBeVisible();
    await expect(page.getByTestId("executor-curl")).toContainText(
      `/api/v1/org/${org}/ws/main/optimization/jobs/${jobId}/progress`,
    );
    await expect(page.getByTestId("run-progress")).toHaveText("0 of 30 cells");

    // The body the page shows is the report to send: the original as the control, the personas.
    const shown = JSON.parse((await page.getByTestId("executor-body").textContent())!) as {
      variants: { key: string; content: string }[];
      cells: { persona: string }[];
    };
    expect(shown.variants[0]).toMatchObject({ key: "control", content: original });
    const api: APIRequestContext = page.request;
    const base = `/api/v1/org/${org}/ws/main/optimization/jobs/${jobId}`;
    const job = await (await api.get(base)).json();
    const personas = (
      (await (await api.get(`/api/v1/org/${org}/ws/main/personas`)).json()).personas as {
        id: string;
        name: string;
      }[]
    )
      .filter((p) => job.persona_ids.includes(p.id))
      .map((p) => p.name);
    expect(personas).toContain(shown.cells[0]!.persona);
    const candidate = `${original}\nRestate the customer's question in one sentence, then answer it in numbered steps.`;
    const variants = [
      { key: "control", name: "Control (Original)", content: original, is_original: true },
      { key: "b", name: "Variant B", content: candidate, strategy: "Restate, then steps" },
    ];
    const cell = (variant: string, persona: string, scenario: number) => {
      const wobble = ((persona.length * 7 + scenario * 5) % 9) - 4; // the same for both variants: paired
      const own = variant === "b" ? ((persona.length + scenario * 3) % 5) - 2 : 0;
      const base = variant === "b" ? 78 : 62;
      return {
        variant,
        persona,
        scenario: `s${scenario}`,
        metrics: {
          task_completion: base + wobble + own,
          quality: 70 + wobble,
          sentiment: 68 + own,
        },
        transcript: [
          { role: "user", content: `Scenario ${scenario}: why was I charged twice?` },
          {
            role: "assistant",
            content:
              variant === "b" ? "You want one of two charges refunded. 1. …" : "Let me check.",
          },
        ],
      };
    };
    const all = variants.flatMap((v) =>
      personas.flatMap((p) => [1, 2, 3].map((s) => cell(v.key, p, s))),
    );
    expect(all).toHaveLength(30);

    let res = await api.post(`${base}/progress`, {
      data: { stage: "simulating", variants, cells: all.slice(0, 10), log: ["harness: started"] },
    });
    expect(res.status()).toBe(200);
    // Until the run completes, Apply says why it is disabled.
    await expect(page.getByTestId("action-hint")).toHaveText(
      /^Only a completed run can be applied; this one is (queued|running)\.$/,
    );
    // The page follows by itself: running, 10 of 30.
    await expect(page.getByTestId("run-progress")).toHaveText("10 of 30 cells");
    await expect(page.getByTestId("run-stage")).toHaveText("simulating");
    await expect(page.getByRole("heading", { name: "billing-helper", level: 1 })).toContainText(
      "running",
    );
    // A retried report changes nothing.
    res = await api.post(`${base}/progress`, { data: { variants, cells: all.slice(0, 10) } });
    expect((await res.json()).progress.done).toBe(10);
    res = await api.post(`${base}/progress`, {
      data: { cells: all.slice(10), log: ["harness: scored 30"] },
    });
    expect(res.status()).toBe(200);
    res = await api.post(`${base}/progress`, { data: { finished: true } });
    expect((await res.json()).status).toBe("completed");

    // Completed: the verdict in one line, the charts with their legends, the tables.
    const heading = page.getByRole("heading", { name: "billing-helper", level: 1 });
    await expect(heading).toContainText("completed");
    await expect(page.getByTestId("verdict")).toHaveText(
      /^Variant B won: \+\d+\.\d% task completion, \d+% confidence$/,
    );
    const chart = page.getByTestId("chart-effects");
    await expect(chart.locator(".recharts-surface").first()).toBeVisible();
    await expect(chart).toContainText("Variant B");
    await expect(chart.locator(".recharts-bar-rectangle").first()).toBeVisible();
    await expect(chart).toContainText("Each candidate against the original");
    await expect(page.getByTestId("persona-table").getByRole("row")).toHaveCount(
      personas.length + 1,
    );
    // The persona table's metric is in the link; one the run does not measure is said.
    await waitForHydration(page, '[aria-label="Persona table metric"]');
    await page.getByLabel("Persona table metric").selectOption("quality");
    await expect(page).toHaveURL(/[?&]persona_metric=quality(&|$)/);
    await page.goto(page.url().replace("persona_metric=quality", "persona_metric=speed"));
    await expect(
      page.getByText(/^The link asks for the metric speed, which this run/),
    ).toBeVisible();
    await expect(page.getByLabel("Persona table metric")).toHaveValue("task_completion");
    await page.goto(page.url().replace("persona_metric=speed", "persona_metric=quality"));
    await expect(page.getByLabel("Persona table metric")).toHaveValue("quality");
    await expect(page.getByTestId("url-notice")).toHaveCount(0);
    await expect(page.getByTestId("stats-table")).toContainText("task completion");
    await expect(page.getByTestId("variant-compare")).toContainText(
      "Restate the customer's question",
    );
    await expect(page.getByTestId("conversations")).toContainText("why was I charged twice?");
    await expect(page.getByRole("button", { name: "Stop…" })).toBeDisabled();
    await expect(page.getByRole("button", { name: "Retry…" })).toBeDisabled();

    // Apply the winner: confirmed, then the prompt's active version is the candidate.
    await waitForHydration(page, '[data-testid="run-actions"] button');
    await page.getByRole("button", { name: "Apply…" }).click();
    const dialog = page.getByRole("dialog", { name: "Apply a variant to the prompt" });
    await expect(dialog).toContainText("Adds v2 of billing-helper");
    await dialog.getByRole("button", { name: "Apply Variant B" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("toast")).toContainText(
      "Applied Variant B: v2 of billing-helper is active now.",
    );
    await page.getByTestId("applied-link").click();
    await expect(page.getByRole("heading", { name: "billing-helper", level: 1 })).toBeVisible();
    await expect(page.getByTestId("active-content")).toHaveText(candidate);
    await expect(page.getByRole("heading", { name: "Active version: v2" })).toBeVisible();
    await expect(page.locator('[data-testid="prompt-version"][data-version="2"]')).toContainText(
      "active",
    );
    await expect(page.locator('[data-testid="prompt-version"][data-version="2"]')).toContainText(
      "from optimization",
    );
    // The diff between the versions shows the added line.
    await expect(page.getByTestId("prompt-diff-summary")).toContainText("v1 → v2");
    await expect(page.locator('[data-line="added"]').first()).toContainText(
      "Restate the customer's question",
    );

    // A second run, stopped from the page with a reason, then retried as a new queued run.
    await page.getByRole("link", { name: "Optimize" }).click();
    await waitForHydration(page, 'form[aria-label="New optimization run"]');
    await page.getByRole("button", { name: "Start run" }).click();
    await expect(page).toHaveURL(new RegExp(`/${org}/main/optimization/[0-9a-f-]{36}$`));
    const second = page.url().split("/").pop()!;
    await waitForHydration(page, '[data-testid="run-actions"] button');
    await expect(page.getByRole("button", { name: "Retry…" })).toBeDisabled();
    await page.getByRole("button", { name: "Stop…" }).click();
    const stop = page.getByRole("dialog", { name: "Stop this run?" });
    await stop.getByLabel("Reason").fill("wrong persona set");
    await stop.getByRole("button", { name: "Stop run" }).click();
    await expect(page.getByRole("heading", { name: "billing-helper", level: 1 })).toContainText(
      "stopped",
    );
    await expect(
      page.getByRole("status").filter({ hasText: "Stopped: wrong persona set" }),
    ).toBeVisible();
    expect(
      (
        await api.post(`/api/v1/org/${org}/ws/main/optimization/jobs/${second}/progress`, {
          data: { stage: "late" },
        })
      ).status(),
    ).toBe(409);
    await page.getByRole("button", { name: "Retry…" }).click();
    await page
      .getByRole("dialog", { name: "Retry as a new run?" })
      .getByRole("button", { name: "Start new run" })
      .click();
    await expect(page).not.toHaveURL(new RegExp(second));
    await expect(page.getByRole("heading", { name: "billing-helper", level: 1 })).toContainText(
      "queued",
    );
    await expect(page.getByText(`retry of run ${second.slice(0, 8)}`)).toBeVisible();

    // A capability agent: another org's public capability, picked from the catalog, and one of its agents.
    await page.goto(`/${org}/main/optimization/new`);
    await waitForHydration(page, 'form[aria-label="New optimization run"]');
    await page.getByRole("radio", { name: "A capability agent" }).check();
    await page.getByRole("searchbox", { name: "Search capabilities" }).fill("pr-reviewer");
    await page.getByRole("radio", { name: /^acme\/pr-reviewer/ }).check();
    const agent = page.getByLabel("Agent", { exact: true });
    await expect(agent).toBeEnabled();
    await agent.selectOption("security-reviewer");
    await page.getByRole("button", { name: "Start run" }).click();
    await expect(
      page.getByRole("heading", { name: "acme/pr-reviewer · security-reviewer", level: 1 }),
    ).toContainText("queued");
    await expect(page.getByText("Agent security-reviewer of acme/pr-reviewer 1.2.0")).toBeVisible();
    // The control is the agent's instructions without their frontmatter.
    const body = JSON.parse((await page.getByTestId("executor-body").textContent())!) as {
      variants: { content: string }[];
    };
    expect(body.variants[0]!.content).toMatch(/^You review only security-relevant changes/);
  });
});

test("promote the demo capability-agent run's winner and open the new version", async ({
  page,
}) => {
  await page.goto("/acme/main/optimization?target_kind=capability_agent");
  await page.getByRole("link", { name: "Analyst: state assumptions", exact: true }).click();
  await expect(
    page.getByRole("heading", { name: "sql-analyst · analyst", level: 1 }),
  ).toContainText("completed");
  await expect(page.getByTestId("demo-note")).toContainText("scripted scores");
  await expect(page.getByTestId("verdict")).toHaveText(
    /^Assumptions first won: \+\d+\.\d% task completion, \d+% confidence$/,
  );
  // Apply is for prompt runs, Stop for live ones: disabled, with the reason.
  await expect(page.getByRole("button", { name: "Apply…" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Apply…" })).toHaveAccessibleDescription(
    /promote it into a new capability version instead/,
  );
  await expect(page.getByRole("button", { name: "Stop…" })).toBeDisabled();

  await waitForHydration(page, '[data-testid="run-actions"] button');
  await page.getByRole("button", { name: "Promote…" }).click();
  const dialog = page.getByRole("dialog", {
    name: "Promote the winner into a new capability version",
  });
  await expect(dialog).toContainText("Creates sql-analyst 1.1.1");
  await dialog.getByRole("button", { name: "Create sql-analyst 1.1.1" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("toast")).toContainText(
    "Promoted the winner: sql-analyst 1.1.1 is in the catalog.",
  );
  // Promoted once: the button says why it is disabled now, and the link opens the new version.
  await expect(page.getByRole("button", { name: "Promote…" })).toBeDisabled();
  await page.getByTestId("promoted-link").click();
  await expect(page).toHaveURL("/acme/catalog/sql-analyst?version=1.1.1");
  await expect(page.getByRole("heading", { name: "sql-analyst", level: 1 })).toBeVisible();
  await expect(page.getByText("1.1.1").first()).toBeVisible();
});
