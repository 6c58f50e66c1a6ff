/// <reference types="vite/client" />
// Every route file answers every method: the ones it serves, and for the rest a 405 in its
// surface's envelope with `Allow` (Next.js alone answers an empty 405). Unknown paths under the
// seeds/004 surface answer that surface's 404.
import { describe, expect, it } from "vitest";
import { apiErrorPayload } from "@/lib/api/schemas";
import { allowHeader, notAllowedHandlers, routeMethods } from "@/lib/api/method-not-allowed";
import { allOperations } from "@/lib/api/operations-index";
import type { Method } from "@/lib/api/operation";
import { call } from "@/lib/testing/api";
import * as optimizationsUnknown from "./optimizations/[...path]/route";
import * as promptsUnknown from "./prompts/[...path]/route";

type Handler = Parameters<typeof call>[0];
type RouteModule = Record<string, unknown>;

const modules = {
  ...import.meta.glob<RouteModule>("./**/route.ts"),
  ...import.meta.glob<RouteModule>("../health/route.ts"),
};

/** The URL path a route file serves, `[org]` → `{org}`, as in the OpenAPI document. */
function pathOf(file: string): string {
  const rel = file.startsWith("../health")
    ? "/api/health"
    : `/api/v1/${file.slice(2, -"/route.ts".length)}`;
  return rel
    .replace(/\/$/, "")
    .replace(/\[\.\.\.(\w+)\]/g, "{$1}")
    .replace(/\[(\w+)\]/g, "{$1}");
}

const isCatchAll = (file: string) =>
  /(^|\/)\[\.\.\.path\]\/route\.ts$/.test(file) && !file.includes("/files/");
const compatPath = (p: string) =>
  p.startsWith("/api/v1/optimizations") || p.startsWith("/api/v1/prompts");

function expectCompat(res: { status: number; json: unknown }, status: number, code: string) {
  expect(res.status, JSON.stringify(res.json)).toBe(status);
  expect(res.json).toEqual({ error: { code, message: expect.any(String) } });
}

describe("methods a route does not serve", () => {
  const files = Object.keys(modules)
    .filter((f) => !isCatchAll(f))
    .sort();

  it("finds the route files", () => {
    expect(files.length).toBeGreaterThan(60);
    expect(files).toContain("../health/route.ts");
  });

  it.each(files)("%s answers every method, in its envelope, with Allow", async (file) => {
    const mod = await modules[file]!();
    const path = pathOf(file);
    const served = routeMethods.filter(
      (m) => typeof mod[m] === "function" && !notAllowedHandlers.has(mod[m] as object),
    );
    const missing = routeMethods.filter((m) => !served.includes(m));
    const hint = `add: export const { ${[...missing, "OPTIONS"].join(", ")} } = otherMethods(<this file's operations>);`;
    for (const m of [...routeMethods, "OPTIONS"])
      expect(typeof mod[m], `${file} exports no ${m}; ${hint}`).toBe("function");
    expect(
      notAllowedHandlers.has(mod.OPTIONS as object),
      `${file}: OPTIONS must come from otherMethods(); ${hint}`,
    ).toBe(true);

    // What the route serves is what the operations index says this path serves.
    const documented = allOperations
      .filter((op) => op.path === path)
      .map((op) => op.method)
      .sort();
    if (path !== "/api/v1/openapi.json")
      expect(served.slice().sort(), `${file} against the operations of ${path}`).toEqual(
        documented,
      );

    const allow = allowHeader(served as Method[]);
    const options = await (mod.OPTIONS as Handler)(
      new Request(`http://localhost${path}`, { method: "OPTIONS" }),
      { params: Promise.resolve({}) },
    );
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe(allow);

    for (const m of missing) {
      const res = await call(mod[m] as Handler, {
        method: m,
        path,
        body: m === "GET" || m === "DELETE" ? undefined : {},
      });
      expect(res.headers.get("allow"), `${m} ${path}`).toBe(allow);
      expect(res.headers.get("x-request-id")).toBeTruthy();
      if (compatPath(path)) {
        expectCompat(res, 405, "METHOD_NOT_ALLOWED");
      } else {
        expect(res.status, `${m} ${path}`).toBe(405);
        const payload = apiErrorPayload.parse(res.json);
        expect(payload).toEqual({
          code: 405,
          type: "invalid_error",
          detail: `Method ${m} is not allowed here; this route allows ${allow}`,
        });
      }
    }
  });
});

describe("unknown paths under the seeds/004 surface", () => {
  it("answer 404 in {error: {code, message}}, for any method", async () => {
    const a = await call(optimizationsUnknown.GET as Handler, {
      path: "/api/v1/optimizations/x/nope",
      params: { path: "x/nope" },
    });
    expectCompat(a, 404, "NOT_FOUND");
    expect((a.json as { error: { message: string } }).error.message).toBe(
      "No API route GET /api/v1/optimizations/x/nope",
    );
    expectCompat(
      await call(promptsUnknown.POST as Handler, {
        method: "POST",
        path: "/api/v1/prompts/x/y",
        body: {},
      }),
      404,
      "NOT_FOUND",
    );
    expectCompat(
      await call(promptsUnknown.DELETE as Handler, {
        method: "DELETE",
        path: "/api/v1/prompts/x/y",
      }),
      404,
      "NOT_FOUND",
    );
  });
});
