// The API's security headers, through the real route wrapper: every response (success, error, a
// route's own Response) may load nothing, be framed by no one and is never sniffed as HTML; a
// route that sets one of these headers itself (a file's sandbox CSP) keeps its own.
import { describe, expect, it } from "vitest";
import {
  GET as health,
  OPTIONS as healthOptions,
  POST as healthPost,
} from "@/app/api/health/route";
import { GET as orgs } from "@/app/api/v1/orgs/route";
import { GET as unknownRoute } from "@/app/api/v1/[...path]/route";
import { defineOperation } from "@/lib/api/operation";
import { route } from "@/lib/api/route";
import { call } from "@/lib/testing/api";

const apiCsp = "default-src 'none'; frame-ancestors 'none'";

function expectApiHeaders(headers: Headers): void {
  expect(headers.get("content-security-policy")).toBe(apiCsp);
  expect(headers.get("x-content-type-options")).toBe("nosniff");
  expect(headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
}

describe("API security headers", () => {
  it("are on a JSON answer", async () => {
    const res = await call(health, { path: "/api/health" });
    expect(res.status).toBe(200);
    expectApiHeaders(res.headers);
  });

  it("are on error answers: 401, an unknown route's 404, a 405 and OPTIONS", async () => {
    const unauthenticated = await call(orgs, { path: "/api/v1/orgs" });
    expect(unauthenticated.status).toBe(401);
    expectApiHeaders(unauthenticated.headers);
    const missing = await call(unknownRoute, {
      path: "/api/v1/no-such-thing",
      params: { path: "no-such-thing" },
    });
    expect(missing.status).toBe(404);
    expectApiHeaders(missing.headers);
    // A method the route does not serve, answered outside the wrapper.
    const notAllowed = await call(healthPost, { method: "POST", path: "/api/health", body: {} });
    expect(notAllowed.status).toBe(405);
    expectApiHeaders(notAllowed.headers);
    const options = await call(healthOptions, { method: "OPTIONS", path: "/api/health" });
    expect(options.status).toBe(204);
    expectApiHeaders(options.headers);
  });

  it("fill in a route's own Response, and leave the security headers it set itself", async () => {
    const op = defineOperation({
      method: "GET",
      path: "/file",
      tag: "Test",
      summary: "file",
      auth: "none",
      scope: "none",
    });
    const plain = route(
      op,
      async () =>
        new Response(JSON.stringify("# hello"), { headers: { "content-type": "text/markdown" } }),
    );
    const bare = await call(plain, { path: "/file" });
    expectApiHeaders(bare.headers);
    expect(bare.headers.get("x-request-id")).toBeTruthy();

    const sandboxed = route(
      op,
      async () =>
        new Response(JSON.stringify("<p>hi</p>"), {
          headers: {
            "content-type": "text/html",
            "content-security-policy": "sandbox; default-src 'none'",
            "referrer-policy": "no-referrer",
          },
        }),
    );
    const own = await call(sandboxed, {
      path: "/file",
      headers: { "x-request-id": "req-own-headers-1" },
    });
    expect(own.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'");
    expect(own.headers.get("referrer-policy")).toBe("no-referrer");
    // …while the headers it did not set are still added, and the wrapper's own as before.
    expect(own.headers.get("x-content-type-options")).toBe("nosniff");
    expect(own.headers.get("x-request-id")).toBe("req-own-headers-1");
    expect(own.headers.get("cache-control")).toBe("no-store");
  });
});
