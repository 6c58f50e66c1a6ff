// No page scrolls sideways on a phone (390 px), a tablet (768 px) or a small laptop (1024 px): each
// main page is loaded once and then reloaded at the other widths. A failure names the elements
// whose right edge passes the window (the outermost ones), so the culprit is in the message.
import { expect, test, type Page } from "@playwright/test";
import { signedOut } from "./helpers";

const WIDTHS = [390, 768, 1024] as const;
const API = "/api/v1/org/acme/ws/main";

/** The page's sideways overflow in pixels, and the outermost elements that cause it. */
async function overflow(page: Page): Promise<{ by: number; culprits: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const edge = root.clientWidth + 1;
    const past = (e: Element) => e.getBoundingClientRect().right > edge;
    // Inside a box that scrolls or clips it (for a positioned element: one that holds its
    // containing block; an absolute one inside a scroll box without `relative` escapes it).
    const clipped = (e: HTMLElement) => {
      const position = getComputedStyle(e).position;
      if (position === "fixed") return false;
      const block = position === "absolute" ? e.offsetParent : e.parentElement;
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== "visible" && block && a.contains(block)) return true;
      }
      return false;
    };
    const culprits = [...document.querySelectorAll<HTMLElement>("body *")]
      .filter((e) => past(e) && !clipped(e))
      .filter((e) => !(e.parentElement && past(e.parentElement) && !clipped(e.parentElement)))
      .slice(0, 8)
      .map((e) => {
        const cls = typeof e.className === "string" ? e.className.trim().split(/\s+/) : [];
        const name = [e.tagName.toLowerCase(), ...cls.slice(0, 4)].join(".");
        const text = (e.textContent ?? "").trim().slice(0, 40);
        return `${name} (right edge ${Math.round(e.getBoundingClientRect().right)}px) "${text}"`;
      });
    return { by: root.scrollWidth - root.clientWidth, culprits };
  });
}

/** Loads `path` at each width (one navigation, then reloads) and checks it never overflows. */
async function checkWidths(page: Page, path: string): Promise<void> {
  for (const [i, width] of WIDTHS.entries()) {
    await page.setViewportSize({ width, height: 844 });
    if (i === 0) await page.goto(path);
    else await page.reload();
    await expect(page.locator("h1").first()).toBeVisible();
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    const { by, culprits } = await overflow(page);
    expect(by, `${path} at ${width}px scrolls sideways by ${by}px: ${culprits.join("; ")}`).toBe(0);
  }
}

async function idOf(page: Page, url: string, list: string, name: string): Promise<string> {
  const res = await page.request.get(url);
  expect(res.status(), url).toBe(200);
  const items = (await res.json())[list] as { id: string; name: string }[];
  const item = items.find((x) => x.name === name);
  expect(item, `${name} in ${url}`).toBeDefined();
  return item!.id;
}

test.describe("signed out", () => {
  test.use({ storageState: signedOut });
  for (const path of ["/sign-in", "/docs/api"]) {
    test(`${path} fits every width`, async ({ page }) => {
      await checkWidths(page, path);
    });
  }
});

const pages = [
  "/acme/catalog",
  // The open file, the trust card and the versions of a capability with findings.
  "/acme/catalog/legacy-ops-bridge?version=1.1.0&file=agents/operator.md",
  "/acme/catalog/legacy-ops-bridge/diff?from=1.0.0&to=1.1.0&view=split",
  "/acme/compare?items=pr-reviewer&items=legacy-ops-bridge&items=support-triage",
  "/acme/main/runtimes",
  "/acme/main/optimization",
  "/acme/main/optimization/new",
  "/acme/main/prompts",
  "/acme/main/personas",
  "/acme/main/agents",
  "/acme/settings/workspaces",
  "/acme/settings/members",
  "/acme/settings/tokens",
  "/acme/settings/audit",
  "/acme/settings/model-provider",
  "/acme/settings/account",
];

for (const path of pages) {
  test(`${path} fits every width`, async ({ page }) => {
    await checkWidths(page, path);
  });
}

test("a runtime, a run, a prompt, an agent and its releases fit every width", async ({ page }) => {
  const runtime = await idOf(page, `${API}/runtimes`, "runtimes", "soc-copilot-staging");
  const prompt = await idOf(
    page,
    `${API}/prompts?search=support-reply`,
    "prompts",
    "support-reply",
  );
  const agent = await idOf(page, `${API}/agents`, "agents", "Support Concierge");
  const jobs = await page.request.get(`${API}/optimization/jobs?page_size=100`);
  const run = ((await jobs.json()).jobs as { id: string; intent: { hypothesis: string | null } }[])
    // The demo's clear winner: charts, statistics, persona table and conversations.
    .find((j) => j.intent.hypothesis?.startsWith("Restating the customer's goal"));
  expect(run, "the demo run").toBeDefined();
  for (const path of [
    `/acme/main/runtimes/${runtime}`,
    `/acme/main/optimization/${run!.id}`,
    `/acme/main/prompts/${prompt}`,
    `/acme/main/agents/${agent}`,
    `/acme/main/agents/${agent}/releases`,
  ]) {
    await checkWidths(page, path);
  }
});
