import { beforeEach, describe, expect, it } from "vitest";
import { resetRateLimits, takeToken } from "./rate-limit";

describe("takeToken", () => {
  beforeEach(() => resetRateLimits());

  it("allows up to the limit in a window, then refuses with the seconds left", () => {
    const t0 = 1_000_000;
    expect(takeToken("k", 2, t0)).toMatchObject({ allowed: true, remaining: 1 });
    expect(takeToken("k", 2, t0 + 10)).toMatchObject({ allowed: true, remaining: 0 });
    const refused = takeToken("k", 2, t0 + 20_000);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterS).toBe(40);
  });

  it("counts callers separately and starts a new window after a minute", () => {
    const t0 = 5_000_000;
    takeToken("a", 1, t0);
    expect(takeToken("a", 1, t0 + 1).allowed).toBe(false);
    expect(takeToken("b", 1, t0 + 1).allowed).toBe(true);
    expect(takeToken("a", 1, t0 + 60_000).allowed).toBe(true);
  });
});
