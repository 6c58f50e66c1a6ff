// Route matching as Next.js's app router matches (static before [param] before [...catchAll],
// backtracking when a more specific branch dead-ends), on small tables and on the API's own.
import { describe, expect, it } from "vitest";
import { frontDoorRoutes } from "./front-door-routes";
import { routeMatcher } from "./route-match";

describe("routeMatcher", () => {
  const patterns = ["/a/[x]", "/a/b", "/a/[x]/c", "/a/[...rest]", "/d/[id]/e"];
  const match = routeMatcher(patterns);
  const at = (path: string) => {
    const found = match(path);
    return found && { pattern: patterns[found.index], params: found.params };
  };

  it("prefers a static segment, then a param, then a catch-all", () => {
    expect(at("/a/b")).toEqual({ pattern: "/a/b", params: {} });
    expect(at("/a/z")).toEqual({ pattern: "/a/[x]", params: { x: "z" } });
    expect(at("/a/b/c")).toEqual({ pattern: "/a/[x]/c", params: { x: "b" } });
    expect(at("/a/z/y")).toEqual({ pattern: "/a/[...rest]", params: { rest: ["z", "y"] } });
  });

  it("decodes params, and a catch-all's segments one by one", () => {
    expect(at("/a/caf%C3%A9")).toEqual({ pattern: "/a/[x]", params: { x: "café" } });
    expect(at("/a/x%2Fy")).toEqual({ pattern: "/a/[x]", params: { x: "x/y" } });
    expect(at("/a/1/%20/3")).toEqual({
      pattern: "/a/[...rest]",
      params: { rest: ["1", " ", "3"] },
    });
  });

  it("leaves a trailing slash, empty, dot and unknown paths unmatched", () => {
    for (const path of ["/a/b/", "/a//b", "/a/./b", "/a/../b", "/d/1", "/d/1/e/f", "/", "/x"])
      expect(match(path), path).toBeNull();
    expect(at("/d/1/e")).toEqual({ pattern: "/d/[id]/e", params: { id: "1" } });
  });

  it("routes the API's paths to the files Next.js would", () => {
    const api = routeMatcher(frontDoorRoutes.map((r) => r.path));
    const file = (path: string) => {
      const found = api(path);
      return found && frontDoorRoutes[found.index]!.path;
    };
    expect(file("/api/v1/org/acme/capabilities/facets")).toBe(
      "/api/v1/org/[org]/capabilities/facets",
    );
    expect(file("/api/v1/org/acme/capabilities/web-search")).toBe(
      "/api/v1/org/[org]/capabilities/[name]",
    );
    expect(file("/api/v1/org/acme/capabilities/web-search/versions")).toBe(
      "/api/v1/org/[org]/capabilities/[name]/versions",
    );
    expect(file("/api/v1/org/acme/capabilities/web-search/1.0.0/files/a/b.md")).toBe(
      "/api/v1/org/[org]/capabilities/[name]/[version]/files/[...path]",
    );
    expect(file("/api/v1/org/acme/ws/main/runtimes/r1/capabilities/resolved/stream")).toBe(
      "/api/v1/org/[org]/ws/[workspace]/runtimes/[runtime_id]/capabilities/resolved/stream",
    );
    expect(file("/api/v1/org/acme/ws/main/runtimes/r1/capabilities/b1")).toBe(
      "/api/v1/org/[org]/ws/[workspace]/runtimes/[runtime_id]/capabilities/[binding_id]",
    );
    expect(file("/api/v1/optimizations/o1")).toBe("/api/v1/optimizations/[id]");
    expect(file("/api/v1/optimizations/o1/x/y")).toBe("/api/v1/optimizations/[...path]");
    expect(file("/api/v1/org/acme/nothing-here")).toBe("/api/v1/[...path]");
    expect(file("/api/v1/openapi.json")).toBe("/api/v1/openapi.json");
    expect(file("/api/auth/session")).toBe("/api/auth/[...nextauth]");
    expect(file("/api/elsewhere")).toBeNull();
  });
});
