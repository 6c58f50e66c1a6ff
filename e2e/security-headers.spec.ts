// Security headers on every page of the app, in real Chromium: each page is loaded as a document
// and must carry the CSP (with this request's nonce on every script it serves), the framing,
// referrer, sniffing, permissions and opener headers; it must render (its heading, hydrated by
// the nonced scripts, no error boundary) with no CSP violation reported by the browser. A page
// cannot be framed by another site. API responses and static files get their own headers.
import { expect, test, type Page, type Response } from "@playwright/test";
import { signedOut, waitForHydration } from "./helpers";

interface Report {
  violations: string[];
  console: string[];
}

/** Collects CSP violations (the DOM event, in every document of the page) and console reports. */
async function watch(page: Page): Promise<Report> {
  const report: Report = { violations: [], console: [] };
  await page.exposeFunction("__quiverCspViolation", (v: string) => report.violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __quiverCspViolation: (v: string) => void }).__quiverCspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || "inline"} on ${e.documentURI} ${e.sample}`,
      );
    });
  });
  page.on("console", (m) => {
    if (/Content[- ]Security[- ]Policy|Permissions-Policy/i.test(m.text()))
      report.console.push(m.text());
  });
  page.on("pageerror", (err) => report.console.push(`page error: ${err.message}`));
  return report;
}

function directives(csp: string): Map<string, string> {
  return new Map(
    csp
      .split(/;\s*/)
      .filter(Boolean)
      .map((d) => [d.split(" ")[0]!, d.split(" ").slice(1).join(" ")]),
  );
}

/**
 * The page headers, and the nonce of the policy on every script tag of the document.
 */
async function expectPageHeaders(res: Response | null, label: string): Promise<string> {
  expect(res, label).not.toBeNull();
  const h = res!.headers();
  const csp = directives(h["content-security-policy"] ?? "");
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp.get("script-src") ?? "")?.[1];
  expect(nonce, `${label}: a nonce in script-src`).toBeTruthy();
  expect(csp.get("script-src"), label).toBe(`'self' 'nonce-${nonce}' 'strict-dynamic'`);
  expect(csp.get("object-src"), label).toBe("'none'");
  expect(csp.get("base-uri"), label).toBe("'none'");
  expect(csp.get("frame-ancestors"), label).toBe("'none'");
  expect(csp.get("form-action"), label).toBe("'self'");
  expect(csp.get("connect-src"), label).toBe("'self'");
  expect(csp.has("upgrade-insecure-requests"), `${label}: served over http`).toBe(false);
  expect(h["x-frame-options"], label).toBe("DENY");
  expect(h["x-content-type-options"], label).toBe("nosniff");
  expect(h["referrer-policy"], label).toBe("strict-origin-when-cross-origin");
  expect(h["permissions-policy"], label).toContain("camera=()");
  expect(h["permissions-policy"], label).toContain("microphone=()");
  expect(h["permissions-policy"], label).toContain("geolocation=()");
  expect(h["cross-origin-opener-policy"], label).toBe("same-origin");
  expect(h["strict-transport-security"], `${label}: no HSTS over http`).toBeUndefined();
  // Next.js put this request's nonce on each of its scripts, inline and external.
  const scripts = (await res!.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length, `${label}: scripts`).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, label).toContain(`nonce="${nonce}"`);
  return nonce ?? "";
}

async function expectRendered(page: Page, heading: string | RegExp, label: string): Promise<void> {
  const h1 = page.getByRole("heading", { name: heading, level: 1 });
  await expect(h1, label).toBeVisible();
  // Hydrated: React ran, so the nonced scripts were allowed.
  await waitForHydration(page, "h1");
  await expect(
    page.getByText(/Application error|Internal Server Error|This page couldn.t load/),
    label,
  ).toHaveCount(0);
}

function expectClean(report: Report, label: string): void {
  expect(report.violations, `${label}: CSP violations`).toEqual([]);
  expect(report.console, `${label}: console reports`).toEqual([]);
}

test.describe("signed out", () => {
  test.use({ storageState: signedOut });

  const pages: { path: string; heading: string | RegExp }[] = [
    { path: "/sign-in", heading: "Sign in to Quiver" },
    { path: "/sign-up", heading: "Create your Quiver account" },
    { path: "/docs/api", heading: /^Quiver API/ },
    // The front door and a page that needs a session send a visitor to sign in.
    { path: "/", heading: "Sign in to Quiver" },
    { path: "/acme/main/runtimes", heading: "Sign in to Quiver" },
  ];
  for (const p of pages) {
    test(`${p.path}: headers, renders, no CSP violation`, async ({ page }) => {
      const report = await watch(page);
      await expectPageHeaders(await page.goto(p.path), p.path);
      await expectRendered(page, p.heading, p.path);
      expectClean(report, p.path);
    });
  }

  test("a fresh nonce on every load", async ({ page }) => {
    const first = await expectPageHeaders(await page.goto("/sign-in"), "first");
    const second = await expectPageHeaders(await page.reload(), "second");
    expect(second).not.toBe(first);
  });
});

test.describe("signed in as the demo user", () => {
  // Pages with an id in their URL are reached from a list (`follow`: the link to click), then
  // loaded again as a document to read their headers.
  const pages: { path: string; follow?: string[]; heading: string | RegExp }[] = [
    { path: "/", heading: "Catalog" },
    { path: "/acme/catalog", heading: "Catalog" },
    { path: "/acme/catalog/pr-reviewer", heading: "pr-reviewer" },
    // The file viewer: Markdown with frontmatter, and highlighted code.
    { path: "/acme/catalog/pr-reviewer?file=agents/reviewer.md", heading: "pr-reviewer" },
    { path: "/acme/catalog/pr-reviewer?file=tools/diff_stats.py", heading: "pr-reviewer" },
    { path: "/acme/catalog/globex%2Fcontract-review", heading: "globex/contract-review" },
    {
      path: "/acme/catalog/legacy-ops-bridge/diff?from=1.0.0&to=1.1.0",
      heading: "legacy-ops-bridge: 1.0.0 → 1.1.0",
    },
    {
      path: "/acme/compare?items=pr-reviewer&items=legacy-ops-bridge&items=support-triage",
      heading: "Compare",
    },
    { path: "/acme/main/runtimes", heading: "Runtimes" },
    { path: "/acme/main/runtimes", follow: ["support-agent-prod"], heading: "support-agent-prod" },
    { path: "/acme/main/optimization", heading: "Optimization" },
    // A completed run: its charts (Recharts) draw with inline styles.
    {
      path: "/acme/main/optimization?status=completed",
      follow: ["Support: goal, then steps"],
      heading: /^support-reply/,
    },
    { path: "/acme/main/optimization/new", heading: "New optimization run" },
    { path: "/acme/main/prompts", heading: "Prompts" },
    { path: "/acme/main/prompts", follow: ["support-reply"], heading: "support-reply" },
    { path: "/acme/main/personas", heading: "Personas" },
    { path: "/acme/main/agents", heading: "Agents" },
    { path: "/acme/main/agents", follow: ["Support Concierge"], heading: "Support Concierge" },
    {
      path: "/acme/main/agents",
      follow: ["Support Concierge", "Release history"],
      heading: "Support Concierge: release history",
    },
    { path: "/acme/main/releases", heading: "Agents" },
    { path: "/acme/settings", heading: "Settings" },
    { path: "/acme/settings/tokens", heading: "Settings" },
    { path: "/acme/settings/workspaces", heading: "Settings" },
    { path: "/acme/settings/audit", heading: "Settings" },
    { path: "/acme/settings/model-provider", heading: "Settings" },
    { path: "/globex/catalog", heading: "Catalog" },
    { path: "/docs/api", heading: /^Quiver API/ },
    // Not found: inside a page's layout, and a path no page matches.
    {
      path: "/acme/no-such-workspace/runtimes",
      heading: "This page does not exist, or you cannot see it",
    },
    {
      path: "/no/such/page/at/all/here",
      heading: "This page does not exist, or you cannot see it",
    },
  ];
  for (const p of pages) {
    const label = [p.path, ...(p.follow ?? [])].join(" → ");
    test(`${label}: headers, renders, no CSP violation`, async ({ page }) => {
      const report = await watch(page);
      let res = await page.goto(p.path);
      for (const link of p.follow ?? []) {
        const before = page.url();
        await page.getByRole("link", { name: link, exact: true }).first().click();
        await page.waitForURL((u) => u.href !== before);
      }
      if (p.follow) {
        await expectRendered(page, p.heading, label);
        res = await page.goto(page.url());
      }
      await expectPageHeaders(res, label);
      await expectRendered(page, p.heading, label);
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      expectClean(report, label);
    });
  }

  test("the violation listener works: a remote image injected into a page is reported", async ({
    page,
  }) => {
    const report = await watch(page);
    await page.goto("/acme/catalog");
    await expectRendered(page, "Catalog", "catalog");
    await page.evaluate(() => {
      const img = document.createElement("img");
      img.src = "https://attacker.example/pixel.png";
      document.body.append(img);
    });
    await expect
      .poll(() => report.violations.join("\n"))
      .toMatch(/^img-src blocked https:\/\/attacker\.example\/pixel\.png/);
  });

  test("no other site can frame a page", async ({ page }) => {
    const quiver = new URL("/acme/catalog", test.info().project.use.baseURL).href;
    // A page of another site (served by the test) that frames Quiver, and, to show framing itself
    // works there, a page of its own.
    await page.route("http://attacker.test/**", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: route.request().url().endsWith("/own")
          ? "<h1>Own page</h1>"
          : `<h1>Attacker</h1><iframe id="own" src="/own"></iframe><iframe id="quiver" src="${quiver}"></iframe>`,
      }),
    );
    await page.goto("http://attacker.test/");
    await expect(
      page.frameLocator("#own").getByRole("heading", { name: "Own page" }),
    ).toBeVisible();
    // Chromium replaces a frame its ancestors may not hold with an error page.
    const framed = await (await page.locator("#quiver").elementHandle())!.contentFrame();
    await expect.poll(() => framed!.url()).toBe("chrome-error://chromewebdata/");
    await expect(page.frameLocator("#quiver").getByRole("heading", { level: 1 })).toHaveCount(0);
  });
});

test.describe("API and static files", () => {
  test("an API answer may load nothing and be framed by no one; its own headers stand", async ({
    request,
  }) => {
    for (const path of ["/api/health", "/api/v1/no-such-route", "/api/v1/org/acme/capabilities"]) {
      const res = await request.get(path);
      const h = res.headers();
      expect(h["content-security-policy"], path).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(h["x-content-type-options"], path).toBe("nosniff");
      expect(h["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
      expect(h["x-request-id"], path).toBeTruthy();
    }
    // next-auth's own routes, outside the route wrapper.
    const csrf = await request.get("/api/auth/csrf");
    expect(csrf.headers()["content-security-policy"]).toContain("default-src 'none'");
    expect(csrf.headers()["x-content-type-options"]).toBe("nosniff");
  });

  test("static files are never sniffed", async ({ page, request }) => {
    await page.goto("/sign-in");
    const src = await page.locator("script[src]").first().getAttribute("src");
    const res = await request.get(src!);
    expect(res.status()).toBe(200);
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  });
});
