// Unit tests (pure logic) and API tests (real route handlers against a real database): SQLite
// always, PostgreSQL as well when TEST_DATABASE_URL is set.
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const alias = { "@": root, "server-only": path.join(root, "lib/testing/server-only-stub.ts") };
const apiEnv = {
  NODE_ENV: "test" as const,
  NEXTAUTH_SECRET: "quiver-test-secret-0123456789abcdef",
  QUIVER_DATA_DIR: "./data/test",
  QUIVER_VALIDATE_RESPONSES: "1",
  QUIVER_LOG_LEVEL: "silent",
  QUIVER_RATE_LIMIT_PER_MINUTE: "1000000",
  QUIVER_SIGNUPS_PER_ADDRESS_PER_HOUR: "1000000",
  // The fake model provider (lib/testing/fake-llm.ts) listens on loopback, which is refused unless allowed.
  QUIVER_LLM_ALLOWED_HOSTS: "127.0.0.1",
  // An event stream's heartbeat after 1 s of quiet, not 15 (lib/runtimes/event-stream.ts).
  QUIVER_SSE_HEARTBEAT_MS: "1000",
};

const apiProject = (name: string, databaseUrl: string) => ({
  resolve: { alias },
  test: {
    name,
    include: ["app/**/*.test.ts", "lib/**/*.api.test.ts", "scripts/**/*.api.test.ts"],
    env: { ...apiEnv, DATABASE_URL: databaseUrl },
    globalSetup: ["lib/testing/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

const pgUrl = process.env.TEST_DATABASE_URL;
// Where the SQLite test databases live; several checkouts or agents running tests at once on one
// machine give each run its own folder (its path must contain "test").
const sqliteDir = process.env.QUIVER_TEST_SQLITE_DIR ?? "./data/test";

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          // Pure browser logic (the draft form, flags, the runs list's URL state) is tested too, in
          // Node: no DOM, no React.
          include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "components/**/*.test.ts"],
          exclude: ["**/*.api.test.ts"],
          env: { ...apiEnv, DATABASE_URL: `file:${sqliteDir}/unit.db` },
        },
      },
      apiProject("api-sqlite", `file:${sqliteDir}/api.db`),
      ...(pgUrl ? [apiProject("api-postgresql", pgUrl)] : []),
    ],
  },
});
