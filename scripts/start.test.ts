// `npm start` (scripts/start.mjs) refuses a setting it cannot use before it builds or serves
// anything: it exits 1 and names the variable and the value.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";

const start = path.join(import.meta.dirname, "start.mjs");

function startWith(env: Record<string, string>) {
  const run = spawnSync(process.execPath, [start], {
    env: { ...process.env, ...env, PORT: "1" },
    encoding: "utf8",
    timeout: 20_000,
  });
  return { status: run.status, stderr: run.stderr };
}

it.each([
  ["QUIVER_HEAP_GROWTH_PERCENT", "lots"],
  ["QUIVER_HEAP_GROWTH_PERCENT", "-5"],
  ["QUIVER_HEAP_GROWTH_PERCENT", "1000"],
  ["QUIVER_WEB_CONCURRENCY", "0"],
])("refuses %s=%s", (name, value) => {
  const { status, stderr } = startWith({ [name]: value });
  expect(status).toBe(1);
  expect(stderr).toContain(`${name} must be`);
  expect(stderr).toContain(`'${value}'`);
});
