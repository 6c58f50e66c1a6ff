// The wrapper's own behaviour: rate limit with Retry-After, request ids, hidden internals.
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { resetEnvCache } from "@/lib/env";
import { call, expectError, newOwner, sessionCookie, tokenFor } from "@/lib/testing/api";
import { defineOperation } from "./operation";
import { resetRateLimits } from "./rate-limit";
import { route } from "./route";
import * as workspaces from "@/app/api/v1/org/[org]/workspaces/route";

afterEach(() => {
  process.env.QUIVER_RATE_LIMIT_PER_MINUTE = "1000000";
  delete process.env.QUIVER_RATE_LIMIT_USER_PER_MINUTE;
  delete process.env.QUIVER_TRUSTED_PROXIES;
  resetEnvCache();
  resetRateLimits();
});

describe("route wrapper", () => {
  it("answers 429 with Retry-After past the per-token limit, and counts tokens separately", async () => {
    process.env.QUIVER_RATE_LIMIT_PER_MINUTE = "3";
    resetEnvCache();
    resetRateLimits();
    const owner = await newOwner();
    const a = (await tokenFor(owner, ["read"])).secret;
    const b = (await tokenFor(owner, ["read"])).secret;
    for (let i = 0; i < 3; i++)
      expect(
        (await call(workspaces.GET, { params: { org: owner.org.slug }, token: a })).status,
      ).toBe(200);
    const limited = await call(workspaces.GET, { params: { org: owner.org.slug }, token: a });
    expectError(limited, 429, "usage_limit_exceeded_error");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await call(workspaces.GET, { params: { org: owner.org.slug }, token: b })).status).toBe(
      200,
    );
  });

  it("answers 429 to an IP that keeps failing authentication", async () => {
    process.env.QUIVER_RATE_LIMIT_PER_MINUTE = "3";
    resetEnvCache();
    resetRateLimits();
    const guess = (n: number) =>
      call(workspaces.GET, {
        params: { org: "acme" },
        token: `qvr_guess-${n}`,
        headers: { "x-forwarded-for": "203.0.113.9" },
      });
    for (let i = 0; i < 3; i++) expectError(await guess(i), 401, "authentication_error");
    const limited = await guess(4);
    expectError(limited, 429, "usage_limit_exceeded_error");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("answers 429 to an address that keeps calling without credentials", async () => {
    process.env.QUIVER_RATE_LIMIT_PER_MINUTE = "3";
    resetEnvCache();
    resetRateLimits();
    const anonymous = () =>
      call(workspaces.GET, {
        params: { org: "acme" },
        headers: { "x-forwarded-for": "203.0.113.10" },
      });
    for (let i = 0; i < 3; i++) expectError(await anonymous(), 401, "authentication_error");
    expectError(await anonymous(), 429, "usage_limit_exceeded_error");
  });

  it("counts a user's tokens together: minting more tokens does not raise the limit", async () => {
    process.env.QUIVER_RATE_LIMIT_PER_MINUTE = "3";
    process.env.QUIVER_RATE_LIMIT_USER_PER_MINUTE = "5";
    resetEnvCache();
    resetRateLimits();
    const owner = await newOwner();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const token = (await tokenFor(owner, ["read"])).secret;
      for (let j = 0; j < 2; j++)
        statuses.push(
          (await call(workspaces.GET, { params: { org: owner.org.slug }, token })).status,
        );
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    // The session of the same user counts against the same user limit; another user is unaffected.
    const cookie = await sessionCookie(owner.user.id);
    expectError(
      await call(workspaces.GET, { params: { org: owner.org.slug }, cookie }),
      429,
      "usage_limit_exceeded_error",
    );
    const other = await newOwner();
    expect(
      (
        await call(workspaces.GET, {
          params: { org: other.org.slug },
          token: (await tokenFor(other, ["read"])).secret,
        })
      ).status,
    ).toBe(200);
    delete process.env.QUIVER_RATE_LIMIT_USER_PER_MINUTE;
  });

  it("limits anonymous callers by their real address: a forged X-Forwarded-For does not open a new bucket", async () => {
    process.env.QUIVER_RATE_LIMIT_PER_MINUTE = "3";
    resetEnvCache();
    resetRateLimits();
    // The server appends the peer (203.0.113.77) after whatever the client wrote.
    const guess = (n: number) =>
      call(workspaces.GET, {
        params: { org: "acme" },
        token: `qvr_guess-${n}`,
        headers: { "x-forwarded-for": `10.9.9.${n}, 203.0.113.77` },
      });
    for (let i = 0; i < 3; i++) expectError(await guess(i), 401, "authentication_error");
    expectError(await guess(3), 429, "usage_limit_exceeded_error");
    // Through a trusted proxy, the address it reports is the client's: another client has its own bucket.
    process.env.QUIVER_TRUSTED_PROXIES = "203.0.113.77";
    resetEnvCache();
    expectError(await guess(4), 401, "authentication_error");
    delete process.env.QUIVER_TRUSTED_PROXIES;
  });

  it("sends a fresh X-Request-Id, or echoes a well-formed one", async () => {
    const res = await call(workspaces.GET, { params: { org: "x" } });
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await call(workspaces.GET, {
      params: { org: "x" },
      headers: { "x-request-id": "abc-123-def" },
    });
    expect(echoed.headers.get("x-request-id")).toBe("abc-123-def");
    const refused = await call(workspaces.GET, {
      params: { org: "x" },
      headers: { "x-request-id": "bad id with spaces" },
    });
    expect(refused.headers.get("x-request-id")).not.toBe("bad id with spaces");
  });

  it("turns an unexpected failure into a 500 server_error that reveals nothing", async () => {
    const op = defineOperation({
      method: "GET",
      path: "/boom",
      tag: "Test",
      summary: "boom",
      auth: "none",
      scope: "none",
    });
    const handler = route(op, async () => {
      throw new Error("secret internal detail: /var/lib/db password=hunter2");
    });
    const res = await call(handler);
    const payload = expectError(res, 500, "server_error");
    expect(JSON.stringify(payload)).not.toContain("hunter2");
    expect(payload.detail).toBe("Internal server error");
  });

  it("refuses a response that does not match its schema in tests", async () => {
    const op = defineOperation({
      method: "GET",
      path: "/bad",
      tag: "Test",
      summary: "bad",
      auth: "none",
      scope: "none",
      response: z.object({ n: z.number() }),
    });
    const handler = route(op, async () => ({ n: "not a number" }) as unknown as { n: number });
    expectError(await call(handler), 500, "server_error");
  });
});
