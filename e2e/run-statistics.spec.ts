// The statistics of a run, read by someone who is not a statistician, on the demo runs (a clear
// winner, an inconclusive one, one the original won, a stopped one) and a run that finished with
// no scored cell: comparisons in words with their range in points, coloured by meaning with an
// arrow, variants by effect with the deciding one marked, one chart, the methods behind a
// disclosure, the run's size and what it can detect, and Apply/Promote disabled with the reason.
import { expect, test, type Page } from "@playwright/test";
import { sameOriginRequests, waitForHydration } from "./helpers";

test.use(sameOriginRequests);

const API = "/api/v1/org/acme/ws/main";
// The series colours as drawn in the light scheme (the fills are CSS variables of globals.css).
const BETTER = "rgb(0, 158, 115)";
const WORSE = "rgb(213, 94, 0)";
const UNCLEAR = "rgb(148, 163, 184)";

/** Opens the acme/main demo run whose hypothesis starts with these words. */
async function openDemoRun(page: Page, hypothesis: string): Promise<string> {
  const res = await page.request.get(`${API}/optimization/jobs?page_size=100`);
  expect(res.status()).toBe(200);
  const { jobs } = (await res.json()) as {
    jobs: { id: string; is_demo: boolean; intent: { hypothesis: string | null } }[];
  };
  const job = jobs.find((j) => j.is_demo && j.intent.hypothesis?.startsWith(hypothesis));
  expect(job, hypothesis).toBeDefined();
  await page.goto(`/acme/main/optimization/${job!.id}`);
  return job!.id;
}

/** The fills of the chart's bars, in order, as computed (once the chart has drawn them). */
async function barFills(page: Page): Promise<string[]> {
  const bars = page.getByTestId("chart-effects").locator(".recharts-bar-rectangle path");
  await expect(bars.first()).toBeAttached();
  return bars.evaluateAll((els) => els.map((e) => getComputedStyle(e).fill));
}

/** The variants of the statistics table, in order. */
const tableOrder = (page: Page) =>
  page
    .getByTestId("stats-variant")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-variant")));

test("a clear winner: in words, by effect, one chart coloured by meaning, methods behind a disclosure", async ({
  page,
}) => {
  await openDemoRun(page, "Restating the customer's goal");
  await expect(page.getByTestId("verdict")).toHaveText(/^Variant B won: /);
  await expect(page.getByTestId("verdict-words")).toHaveText(
    /^★ Variant B, the winner: likely better \(between \+\d+\.\d and \+\d+\.\d points\) on task completion\.$/,
  );
  // Size: cells scored of planned, and what 5 personas × 8 scenarios can detect.
  await expect(page.getByTestId("run-size")).toHaveText(
    /^(\d+) of \1 planned cells scored\. With \d+ personas × 8 scenarios this run could detect a difference of about \d+\.\d points/,
  );

  // One chart (the two near-identical ones merged), bars coloured by meaning.
  await expect(page.getByTestId("chart-effects")).toHaveCount(1);
  // One chart (its numbers' table for screen readers aside).
  await expect(
    page.locator("[data-testid^='chart-']:not([data-testid='chart-table'])"),
  ).toHaveCount(1);
  await expect(page.getByTestId("chart-effects").locator(".recharts-surface")).toBeVisible();
  const fills = await barFills(page);
  expect(fills).toHaveLength(6); // 2 candidates × 3 metrics
  expect(fills[0]).toBe(BETTER); // Variant B, task completion: the largest gain first
  expect(fills).toContain(UNCLEAR); // Variant C, task completion: no clear difference
  await expect(page.getByTestId("chart-effects")).toContainText(/▲\s\+\d+\.\d/);
  await expect(page.getByTestId("chart-effects")).toContainText("likely better");

  // The table: by effect, the winner marked; words and arrows, no confidence percentages or method names.
  expect(await tableOrder(page)).toEqual(["Variant B", "Variant C"]);
  const table = page.getByTestId("stats-table");
  const winner = page.locator('[data-testid="stats-variant"][data-variant="Variant B"]');
  await expect(winner.getByTestId("deciding-variant")).toContainText(
    "★ Verdict decided on this variant",
  );
  await expect(page.getByTestId("deciding-variant")).toHaveCount(1);
  await expect(winner.locator('[data-tone="better"]').first()).toContainText("▲ likely better");
  await expect(winner.locator('[data-tone="better"]').first()).toContainText(/between \+\d/);
  await expect(winner.locator('[data-tone="better"] > span').first()).toHaveCSS(
    "color",
    "rgb(0, 112, 79)",
  );
  await expect(table).not.toContainText("% confidence");
  await expect(table).not.toContainText("Holm");
  await expect(table).not.toContainText("bootstrap");
  await expect(page.getByTestId("verdict").locator("..")).not.toContainText("Holm");

  // The methods: behind "How this was computed", closed until opened.
  const how = page.getByTestId("how-computed");
  await expect(how.getByTestId("method-table")).toBeHidden();
  await how.getByText("How this was computed").click();
  await expect(how.getByTestId("method-table")).toBeVisible();
  await expect(how).toContainText("Holm");
  await expect(how).toContainText("paired t-test");
  await expect(how.getByTestId("method-table")).toContainText(/paired t|bootstrap \+ t/);

  // Completed with a winner: Apply is offered.
  await waitForHydration(page, '[data-testid="run-actions"] button');
  await expect(page.getByRole("button", { name: "Apply…" })).toBeEnabled();
  await page.screenshot({ path: "test-results/run-statistics-winner.png", fullPage: true });
});

test("an inconclusive run: the variant that regresses is marked, worse in its own colour and arrow", async ({
  page,
}) => {
  await openDemoRun(page, "Shorter replies that quote the refund policy");
  await expect(page.getByTestId("verdict")).toHaveText(
    "Inconclusive: Shorter replies regresses sentiment",
  );
  await expect(page.getByTestId("verdict-words")).toHaveText(
    /^★ Shorter replies, met the bar but is worse on sentiment: likely better \(between \+\d+\.\d and \+\d+\.\d points\) on task completion\.$/,
  );
  expect(await tableOrder(page)).toEqual([
    "Shorter replies",
    "Annual plan nudge",
    "Quote the policy",
  ]);
  const shorter = page.locator('[data-testid="stats-variant"][data-variant="Shorter replies"]');
  await expect(shorter.getByTestId("deciding-variant")).toBeVisible();
  const worse = shorter.locator('[data-tone="worse"]');
  await expect(worse).toHaveCount(1);
  await expect(worse).toContainText("▼ likely worse");
  await expect(worse).toContainText(/between −\d+\.\d and −\d+\.\d points/);
  await expect(worse.locator("> span").first()).toHaveCSS("color", "rgb(169, 71, 0)");
  // The others are no clear difference, said so, not as a confidence percentage.
  const quote = page.locator('[data-testid="stats-variant"][data-variant="Quote the policy"]');
  await expect(quote.locator('[data-tone="unclear"]').first()).toContainText(
    "◆ no clear difference",
  );
  await expect(page.getByTestId("stats-table")).not.toContainText("% confidence");
  // Gains and regressions are drawn in different colours.
  const fills = await barFills(page);
  // 3 candidates × 3 metrics; a difference of exactly 0 draws no bar, only its range and label.
  expect(fills.length).toBeGreaterThanOrEqual(8);
  expect(fills).toContain(BETTER);
  expect(fills).toContain(WORSE);
  await expect(page.getByTestId("chart-effects")).toContainText(/▼\s−\d+\.\d/);
  await page.screenshot({ path: "test-results/run-statistics-inconclusive.png", fullPage: true });
});

test("the original won: the best candidate marked and said to be no better", async ({ page }) => {
  await openDemoRun(page, "Asking about budget and timeline up front");
  await expect(page.getByTestId("verdict")).toHaveText("Original won: no variant improves quality");
  await expect(page.getByTestId("verdict-words")).toHaveText(
    /^★ Feature tour, the best candidate, and still no better than the original: likely worse \(between −\d+\.\d and −\d+\.\d points\) on quality\.$/,
  );
  expect(await tableOrder(page)).toEqual(["Feature tour", "Budget first"]);
  const fills = await barFills(page);
  expect(fills[0]).toBe(WORSE); // Feature tour, quality (the primary metric)
  expect(fills).not.toContain(BETTER);
});

test("a stopped run shows its size short of the plan, and Apply says why it is disabled", async ({
  page,
}) => {
  await openDemoRun(page, "Ending every answer with exactly one next step");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("stopped");
  await expect(page.getByTestId("run-size")).toHaveText(
    /^12 of \d+ planned cells scored \(the run ended short of its plan\)\. With \d+ personas × 3 scenarios this run could detect/,
  );
  await expect(page.getByRole("button", { name: "Apply…" })).toBeDisabled();
  await expect(page.getByTestId("action-hint")).toHaveText(
    "Only a completed run can be applied; this one is stopped.",
  );
});

test("a run finished with no scored cell failed: no verdict, Apply and Promote disabled with the reason", async ({
  page,
}) => {
  const prompts = (await (await page.request.get(`${API}/prompts`)).json()) as {
    prompts: { id: string; name: string }[];
  };
  const prompt = prompts.prompts.find((p) => p.name === "support-reply")!;
  const created = await page.request.post(`${API}/optimization/jobs`, {
    data: {
      target_kind: "prompt",
      prompt_id: prompt.id,
      variant_count: 1,
      intent: { target_improvements: ["task completion"], hypothesis: "e2e: nothing scored" },
    },
  });
  expect(created.status()).toBe(201);
  const job = (await created.json()) as { id: string; persona_ids: string[] };
  const personas = (
    (await (await page.request.get(`${API}/personas`)).json()) as {
      personas: { id: string; name: string }[];
    }
  ).personas.filter((p) => job.persona_ids.includes(p.id));
  const variants = [
    { key: "control", name: "Control (Original)", content: "You help.", is_original: true },
    { key: "b", name: "Variant B", content: "You help in steps." },
  ];
  const cells = variants.flatMap((v) =>
    personas.map((p) => ({ variant: v.key, persona: p.name, scenario: "s1", metrics: {} })),
  );
  const report = await page.request.post(`${API}/optimization/jobs/${job.id}/progress`, {
    data: { variants, cells, finished: true },
  });
  expect(report.status()).toBe(200);
  expect(((await report.json()) as { status: string }).status).toBe("failed");

  await page.goto(`/acme/main/optimization/${job.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("failed");
  const alert = page
    .getByRole("alert")
    .filter({ hasText: "Finished without a single scored cell" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("The run failed: nothing was scored");
  await expect(page.getByTestId("run-size")).toHaveText(/^0 of \d+ planned cells scored/);
  await expect(page.getByTestId("verdict")).toHaveCount(0);
  await expect(page.getByTestId("chart-effects")).toHaveCount(0);
  await waitForHydration(page, '[data-testid="run-actions"] button');
  await expect(page.getByRole("button", { name: "Apply…" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Apply…" })).toHaveAccessibleDescription(
    "Only a completed run can be applied; this one is failed.",
  );
  await expect(page.getByRole("button", { name: "Promote…" })).toBeDisabled();
  await expect(page.getByTestId("action-hint")).toHaveText(
    "Only a completed run can be applied; this one is failed.",
  );
  await page.screenshot({ path: "test-results/run-statistics-failed.png", fullPage: true });
});

test("before a start, the new-run form says what the run can detect", async ({ page }) => {
  await page.goto("/acme/main/optimization/new");
  await waitForHydration(page, 'form[aria-label="New optimization run"]');
  const note = page.getByTestId("run-detectable");
  await expect(note).toHaveText(
    /^With (\d+) personas × 3 scenarios this run can detect a difference of about (\d+\.\d) points/,
  );
  const exploratory = Number(/about (\d+\.\d)/.exec((await note.textContent())!)![1]);
  await page.getByRole("radio", { name: /^Validation/ }).check();
  await expect(note).toHaveText(/× 8 scenarios this run can detect a difference of about/);
  const validation = Number(/about (\d+\.\d)/.exec((await note.textContent())!)![1]);
  expect(validation).toBeGreaterThan(0);
  // Fewer personas: a larger difference is needed to be seen.
  const boxes = page.getByRole("group", { name: "Personas" }).getByRole("checkbox");
  const n = await boxes.count();
  for (let i = 1; i < n; i++) await boxes.nth(i).uncheck();
  await expect(note).toHaveText(/^With 1 persona × 8 scenarios this run can detect/);
  const one = Number(/about (\d+\.\d)/.exec((await note.textContent())!)![1]);
  expect(one).toBeGreaterThan(validation);
  expect(exploratory).toBeGreaterThan(0);
  await page.screenshot({ path: "test-results/run-statistics-new.png", fullPage: true });
});
