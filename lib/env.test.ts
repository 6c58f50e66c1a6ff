// The server's settings agree with what `npm start` accepts (scripts/start.test.ts): a heap growth
// outside 0–999 is refused by name, one inside is read as a number.
import { afterEach, expect, it } from "vitest";
import { env, resetEnvCache } from "./env";

const before = process.env.QUIVER_HEAP_GROWTH_PERCENT;
afterEach(() => {
  if (before === undefined) delete process.env.QUIVER_HEAP_GROWTH_PERCENT;
  else process.env.QUIVER_HEAP_GROWTH_PERCENT = before;
  resetEnvCache();
});

it.each(["1000", "-5", "lots"])("refuses QUIVER_HEAP_GROWTH_PERCENT=%s", (value) => {
  process.env.QUIVER_HEAP_GROWTH_PERCENT = value;
  resetEnvCache();
  expect(() => env()).toThrow(/QUIVER_HEAP_GROWTH_PERCENT/);
});

it("reads QUIVER_HEAP_GROWTH_PERCENT, 50 when unset", () => {
  delete process.env.QUIVER_HEAP_GROWTH_PERCENT;
  resetEnvCache();
  expect(env().QUIVER_HEAP_GROWTH_PERCENT).toBe(50);
  process.env.QUIVER_HEAP_GROWTH_PERCENT = "0";
  resetEnvCache();
  expect(env().QUIVER_HEAP_GROWTH_PERCENT).toBe(0);
});
