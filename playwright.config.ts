// End-to-end tests: Chromium against a production build (`node scripts/start.mjs`) on port 3100,
// with a fresh database under data/e2e on every run and the demo data seeded at start.
import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { demoStorageState } from "./e2e/helpers";
import { oidcE2e } from "./e2e/oidc/settings";

// QUIVER_E2E_PORT lets two checkouts on one machine run their end-to-end tests at once.
const port = Number(process.env.QUIVER_E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
// e2e/oidc/server.mjs: the OpenID Connect provider e2e/sso.spec.ts signs in with (another origin).
const idp = oidcE2e(port);

/** QUIVER_CHROMIUM_PATH, else the system's Chromium (Debian), else Playwright's own browser. */
function chromiumPath(): string | undefined {
  if (process.env.QUIVER_CHROMIUM_PATH) return process.env.QUIVER_CHROMIUM_PATH;
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  return undefined;
}

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: "list",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    viewport: { width: 1280, height: 800 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    video: "off",
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  projects: [
    // Signs in as the demo user once and saves the session for the signed-in specs.
    { name: "setup", testMatch: "auth.setup.ts", use: { browserName: "chromium" } },
    {
      name: "chromium",
      dependencies: ["setup"],
      use: { browserName: "chromium", storageState: demoStorageState },
    },
  ],
  webServer: [
    {
      command: "rm -rf data/e2e && node scripts/start.mjs",
      url: `${baseURL}/api/health`,
      timeout: 900_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        PORT: String(port),
        DATABASE_URL: "file:./data/e2e/quiver.db",
        QUIVER_DATA_DIR: "./data/e2e",
        QUIVER_DEMO: "1",
        // One server process, as before several were the default (e2e/cluster.spec.ts starts two).
        QUIVER_WEB_CONCURRENCY: "1",
        NEXTAUTH_URL: baseURL,
        QUIVER_RATE_LIMIT_PER_MINUTE: "100000",
        // Every spec signs up from this one address.
        QUIVER_SIGNUPS_PER_ADDRESS_PER_HOUR: "1000",
        // e2e/engine.spec.ts serves a fake model provider on loopback, refused unless allowed.
        QUIVER_LLM_ALLOWED_HOSTS: "127.0.0.1",
        // Single sign-on with e2e/oidc/server.mjs (the sign-in page then has two buttons: specs
        // click the password one by its exact name).
        QUIVER_OIDC_ISSUER: idp.issuer,
        QUIVER_OIDC_CLIENT_ID: idp.clientId,
        QUIVER_OIDC_CLIENT_SECRET: idp.clientSecret,
        QUIVER_OIDC_NAME: idp.name,
      },
    },
    {
      command: "node e2e/oidc/server.mjs",
      url: `${idp.issuer}/health`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        OIDC_PORT: String(idp.port),
        OIDC_ISSUER: idp.issuer,
        OIDC_APP_URL: baseURL,
        OIDC_CLIENT_ID: idp.clientId,
        OIDC_CLIENT_SECRET: idp.clientSecret,
      },
    },
  ],
});
