// Runs and conversations you can find. A new account (so the demo workspaces stay as seeded)
// creates a prompt and three runs through the API as a harness would: a named run with a winner,
// one with the default name that the original won, and a named one still queued. Then, in the
// browser: the list's columns (name, target, executor, status, verdict, size, started), search and
// filters kept in the URL, rename, archive and restore (a live run cannot be archived), and on the
// run page the conversation table: filters, sort, score range and pages, all in the URL.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { sameOriginRequests, signedOut, uniqueEmail, waitForHydration } from "./helpers";

test.use(sameOriginRequests);
test.use({ storageState: signedOut });

interface Setup {
  org: string;
  winner: { id: string; name: string };
  lost: { id: string; name: string };
  queued: { id: string; name: string };
}

const VARIANTS = [
  { key: "control", name: "Control (Original)", content: "You answer refunds.", is_original: true },
  { key: "b", name: "Variant B", content: "You answer refunds: the policy first, then steps." },
];

/** 2 variants × 5 personas × 3 scenarios; task completion `base` (+`lift` for b), a spread per cell. */
function cells(personas: string[], base: number, lift: number) {
  return VARIANTS.flatMap((v) =>
    personas.flatMap((p, i) =>
      [1, 2, 3].map((s) => ({
        variant: v.key,
        persona: p,
        scenario: `case-${s}`,
        metrics: {
          task_completion: base + (v.key === "b" ? lift : 0) + ((i * 3 + s) % 7),
          quality: 60 + i * 5,
          sentiment: 55 + s * 5,
        },
        transcript: [
          { role: "user", content: `${p}, case ${s}: where is my refund?` },
          { role: "assistant", content: `${v.name} answers case ${s}.` },
        ],
      })),
    ),
  );
}

async function setUp(page: Page): Promise<Setup> {
  const email = uniqueEmail("runs");
  const org = email.split("@")[0]!;
  await page.goto("/sign-up");
  await waitForHydration(page);
  await page.getByLabel("Name").fill("Rita Runs");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct-horse-battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(`/${org}/catalog`);

  const api: APIRequestContext = page.request;
  const ws = `/api/v1/org/${org}/ws/main`;
  const prompt = await (
    await api.post(`${ws}/prompts`, {
      data: { name: "refund-desk", content: "You answer refunds." },
    })
  ).json();
  const job = async (name?: string) => {
    const res = await api.post(`${ws}/optimization/jobs`, {
      data: {
        target_kind: "prompt",
        prompt_id: prompt.id,
        executor: "external",
        variant_count: 1,
        ...(name ? { name } : {}),
      },
    });
    expect(res.status()).toBe(201);
    return (await res.json()) as { id: string; name: string };
  };
  const personas = (
    (await (await api.get(`${ws}/personas`)).json()).personas as { name: string }[]
  ).map((p) => p.name);
  expect(personas).toHaveLength(5);
  const finish = async (id: string, base: number, lift: number) => {
    const res = await api.post(`${ws}/optimization/jobs/${id}/progress`, {
      data: { variants: VARIANTS, cells: cells(personas, base, lift), finished: true },
    });
    expect(res.status()).toBe(200);
  };
  const winner = await job("Refunds: policy first");
  await finish(winner.id, 50, 30);
  const lost = await job();
  await finish(lost.id, 80, -30);
  const queued = await job("Tone check");
  return { org, winner, lost, queued };
}

const rowOf = (page: Page, id: string) => page.locator(`[data-testid="run-row"][data-run="${id}"]`);

test("runs: columns, search and filters in the URL, rename, archive and restore", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const s = await setUp(page);
  await page.goto(`/${s.org}/main/optimization`);
  await expect(page.getByRole("heading", { name: "3 runs" })).toBeVisible();
  const headings = page.locator("thead th");
  await expect(headings).toHaveText([
    "Name",
    "Target",
    "Executor",
    "Status",
    "Verdict",
    "Size",
    "Started",
    "Actions",
  ]);
  // The default name is the target and a short id; the columns say what each run is and did.
  expect(s.lost.name).toBe(`refund-desk · ${s.lost.id.slice(0, 8)}`);
  const win = rowOf(page, s.winner.id);
  await expect(win.getByRole("link", { name: "Refunds: policy first" })).toBeVisible();
  await expect(win).toContainText("refund-desk");
  await expect(win).toContainText("external");
  await expect(win).toContainText("completed");
  await expect(win).toContainText("Winner: Variant B");
  await expect(win).toContainText("30 of 30 cells");
  await expect(rowOf(page, s.lost.id)).toContainText("Original won");
  await expect(rowOf(page, s.queued.id)).toContainText("0 of 30 cells");
  await expect(rowOf(page, s.queued.id)).toContainText("not yet");
  await page.screenshot({ path: "test-results/runs-list.png", fullPage: true });

  // Search by name, then by target: the URL keeps it, a reload shows the same view.
  await waitForHydration(page, 'input[type="search"]');
  const search = page.getByRole("searchbox", { name: "Search runs by name or target" });
  await search.fill("POLICY");
  await expect(page).toHaveURL(/[?&]search=POLICY(&|$)/);
  await expect(page.getByTestId("run-row")).toHaveCount(1);
  await page.reload();
  await expect(page.getByRole("searchbox", { name: "Search runs by name or target" })).toHaveValue(
    "POLICY",
  );
  await expect(page.getByTestId("run-row")).toHaveCount(1);
  await waitForHydration(page, 'input[type="search"]');
  await page.getByRole("searchbox", { name: "Search runs by name or target" }).fill("refund-d");
  await expect(page).toHaveURL(/search=refund-d/);
  await expect(page.getByTestId("run-row")).toHaveCount(3);

  // Filters: verdict, status, executor; each in the URL.
  await page.getByRole("combobox", { name: "Verdict" }).selectOption("original_won");
  await expect(page).toHaveURL(/verdict=original_won/);
  await expect(page.getByTestId("run-row")).toHaveCount(1);
  await expect(rowOf(page, s.lost.id)).toBeVisible();
  await page.getByRole("combobox", { name: "Verdict" }).selectOption("");
  await page.getByRole("combobox", { name: "Status" }).selectOption("queued");
  await expect(page).toHaveURL(/status=queued/);
  await expect(page.getByTestId("run-row")).toHaveCount(1);
  await expect(rowOf(page, s.queued.id)).toBeVisible();
  await page.getByRole("combobox", { name: "Executor" }).selectOption("builtin");
  await expect(page).toHaveURL(/executor=builtin/);
  await expect(page.getByRole("heading", { name: "No run matches these filters" })).toBeVisible();

  // Rename from the list.
  await page.goto(`/${s.org}/main/optimization`);
  await waitForHydration(page, '[data-testid="run-row"] button');
  await rowOf(page, s.winner.id)
    .getByRole("button", { name: "Rename Refunds: policy first" })
    .click();
  const dialog = page.getByRole("dialog", { name: "Rename run" });
  await dialog.getByLabel("Name").fill("Refunds: quote the policy");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(
    rowOf(page, s.winner.id).getByRole("link", { name: "Refunds: quote the policy" }),
  ).toBeVisible();

  // A live run cannot be archived: the button says why.
  const archiveQueued = rowOf(page, s.queued.id).getByRole("button", {
    name: "Archive Tone check",
  });
  await expect(archiveQueued).toBeDisabled();
  await expect(archiveQueued).toHaveAttribute("title", /stop it first/);

  // Archive: hidden from the list; "Show archived" lists it with a badge; Restore brings it back.
  await rowOf(page, s.lost.id)
    .getByRole("button", { name: `Archive ${s.lost.name}` })
    .click();
  await expect(rowOf(page, s.lost.id)).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "2 runs" })).toBeVisible();
  // A click, not check(): the box follows the URL, a moment after the click.
  await page.getByLabel("Show archived").click();
  await expect(page.getByLabel("Show archived")).toBeChecked();
  await expect(page).toHaveURL(/archived=include/);
  await expect(rowOf(page, s.lost.id)).toContainText("archived");
  await page.screenshot({ path: "test-results/runs-list-archived.png", fullPage: true });
  await rowOf(page, s.lost.id)
    .getByRole("button", { name: `Restore ${s.lost.name}` })
    .click();
  await expect(rowOf(page, s.lost.id)).not.toContainText("archived");
  await page.getByLabel("Show archived").click();
  await expect(page.getByLabel("Show archived")).not.toBeChecked();
  await expect(page.getByRole("heading", { name: "3 runs" })).toBeVisible();
});

test("a run's conversations: filters, sort, score range and pages in the URL", async ({ page }) => {
  test.setTimeout(120_000);
  const s = await setUp(page);
  await page.goto(`/${s.org}/main/optimization/${s.winner.id}`);
  await expect(page.getByTestId("run-name")).toHaveText("Refunds: policy first");
  const table = page.getByTestId("conversations");
  const filters = page.getByRole("group", { name: "Filter conversations" });
  const pages = page.getByRole("navigation", { name: "Conversation pages" });
  const rows = table.getByTestId("conversation-row");
  // More than four at a time: 25 of the 30 on the first page, the first one open as an example.
  await expect(rows).toHaveCount(25);
  await expect(page.getByText("Conversations 1–25 of 30")).toBeVisible();
  await expect(table.getByTestId("open-conversation")).toContainText("where is my refund?");
  await expect(table.getByTestId("open-conversation").locator("ol")).toHaveCount(2);

  // Sort by task completion, descending: the heading says so, the scores go down.
  await waitForHydration(page, '[data-testid="conversations"] thead button');
  const sortTc = table.getByRole("button", { name: "task completion" });
  const tcHeading = table.getByRole("columnheader", { name: "task completion" });
  await sortTc.click();
  await expect(page).toHaveURL(/c_sort=task_completion/);
  await expect(tcHeading).toHaveAttribute("aria-sort", "ascending");
  await sortTc.click();
  await expect(page).toHaveURL(/c_sort=-task_completion/);
  await expect(tcHeading).toHaveAttribute("aria-sort", "descending");
  const scores = async () =>
    (await rows.locator("td:nth-child(4)").allTextContents()).map((t) => Number(t.trim()));
  await expect.poll(async () => (await scores())[0]).toBeGreaterThanOrEqual(80);
  const down = await scores();
  expect(down).toEqual([...down].sort((a, b) => b - a));

  // Filters: the variant and a score range; fewer rows, each within the range.
  await filters.getByRole("combobox", { name: "Variant" }).selectOption("control");
  await expect(page).toHaveURL(/c_variant=control/);
  const atMost = filters.getByRole("spinbutton", { name: "at most" });
  await atMost.fill("55");
  await atMost.press("Enter");
  await expect(page).toHaveURL(/c_max=55/);
  await expect.poll(async () => Math.max(...(await scores()))).toBeLessThanOrEqual(55);
  expect((await scores()).length).toBeGreaterThan(0);
  await expect(table).not.toContainText("Variant B");

  // The view is a link: a reload shows the same filters and order.
  const filtered = (await scores()).length;
  await page.reload();
  await expect(filters.getByRole("combobox", { name: "Variant" })).toHaveValue("control");
  await expect(filters.getByRole("spinbutton", { name: "at most" })).toHaveValue("55");
  await expect(rows).toHaveCount(filtered);

  // Pages: 10 a page, then the next.
  await waitForHydration(page, '[data-testid="conversations"] thead button');
  await filters.getByRole("button", { name: "Clear filters" }).click();
  await pages.getByRole("combobox", { name: "Rows" }).selectOption("10");
  await expect(page.getByText("Conversations 1–10 of 30")).toBeVisible();
  await pages.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/c_page=2/);
  await expect(page.getByText("Conversations 11–20 of 30")).toBeVisible();
  await expect(rows).toHaveCount(10);
  await page.getByRole("heading", { name: "Conversations", exact: true }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/run-conversations.png", fullPage: true });
});
