// The wrapper's own behaviour: rate limit with Retry-After, request ids, hidden internals.
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { resetEnvCache } from "../env";
import { call, expectError, newOwner, tokenFor } from "../testing/api";
import { defineOperation } from "./operation";
import { resetRateLimits } from "./rate-limit";
import { route } from "./route";
import * as workspaces from "../../app/api/v1/org/[org]/workspaces/route";

afterEach(() => {
  process.env.QUIVER_RATE_LIMIT_PER_MINUTE = "1000000";
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
    for (let i = 0; i < 3; i++) expect((await call(workspaces.GET, { params: { org: owner.org.slug }, token: a })).status).toBe(200);
    const limited = await call(workspaces.GET, { params: { org: owner.org.slug }, token: a });
    expectError(limited, 429, "usage_limit_exceeded_error");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await call(workspaces.GET, { params: { org: owner.org.slug }, token: b })).status).toBe(200);
  });

  it("answers 429 to an IP that keeps failing authentication", async () => {
    process.env.QUIVER_RATE_LIMIT_PER_MINUTE = "3";
    resetEnvCache();
    resetRateLimits();
    const guess = (n: number) =>
      call(workspaces.GET, { params: { org: "acme" }, token: `qvr_guess-${n}`, headers: { "x-forwarded-for": "203.0.113.9" } });
    for (let i = 0; i < 3; i++) expectError(await guess(i), 401, "authentication_error");
    const limited = await guess(4);
    expectError(limited, 429, "usage_limit_exceeded_error");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("sends a fresh X-Request-Id, or echoes a well-formed one", async () => {
    const res = await call(workspaces.GET, { params: { org: "x" } });
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await call(workspaces.GET, { params: { org: "x" }, headers: { "x-request-id": "abc-123-def" } });
    expect(echoed.headers.get("x-request-id")).toBe("abc-123-def");
    const refused = await call(workspaces.GET, { params: { org: "x" }, headers: { "x-request-id": "bad id with spaces" } });
    expect(refused.headers.get("x-request-id")).not.toBe("bad id with spaces");
  });

  it("turns an unexpected failure into a 500 server_error that reveals nothing", async () => {
    const op = defineOperation({ method: "GET", path: "/boom", tag: "Test", summary: "boom", auth: "none", scope: "none" });
    const handler = route(op, async () => {
      throw new Error("secret internal detail: /var/lib/db password=hunter2");
    });
    const res = await call(handler);
    const payload = expectError(res, 500, "server_error");
    expect(JSON.stringify(payload)).not.toContain("hunter2");
    expect(payload.detail).toBe("Internal server error");
  });

  it("refuses a response that does not match its schema in tests", async () => {
    const op = defineOperation({ method: "GET", path: "/bad", tag: "Test", summary: "bad", auth: "none", scope: "none", response: z.object({ n: z.number() }) });
    const handler = route(op, async () => ({ n: "not a number" }) as unknown as { n: number });
    expectError(await call(handler), 500, "server_error");
  });
});
