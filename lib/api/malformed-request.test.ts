// What the server's front door (lib/api/front-door.ts) refuses before Next's router sees it:
// undecodable paths and unknown methods, as a 400 in the envelope of the path's surface.
// (e2e/api-fuzz.spec.ts checks it against the built server, where both were plain-text 500s.)
import { describe, expect, it } from "vitest";
import { apiErrorPayload, compatErrorPayload } from "./schemas";
import { malformedRequestResponse, undecodableSegment } from "./malformed-request";

describe("malformedRequestResponse", () => {
  it("lets well-formed requests through, encoded or not", () => {
    for (const p of [
      "/api/v1/org/acme/workspaces",
      "/api/v1/org/acme/capabilities/a%20b",
      "/api/v1/x/%F0%9F%98%80",
      "/acme/catalog",
      "/api/v1/x/%25",
    ]) {
      expect(malformedRequestResponse("GET", p, null), p).toBeNull();
    }
    for (const m of ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE", "get"])
      expect(malformedRequestResponse(m, "/api/v1/orgs", null)).toBeNull();
  });

  it("finds the segment that does not decode", () => {
    expect(undecodableSegment("/api/v1/org/%E0%A4%A/workspaces")).toBe("%E0%A4%A");
    expect(undecodableSegment("/api/v1/org/acme/capabilities/%ZZ")).toBe("%ZZ");
    expect(undecodableSegment("/a/%")).toBe("%");
    expect(undecodableSegment("/a/%ED%A0%80")).toBe("%ED%A0%80"); // an encoded lone surrogate is not UTF-8
    expect(undecodableSegment("/a/%E2%82%AC")).toBeNull();
  });

  it("answers an undecodable API path with a 400 APIErrorPayload, keeping a well-formed request id", async () => {
    const res = malformedRequestResponse("GET", "/api/v1/org/%E0%A4%A/workspaces", "req-12345678", {
      "x-content-type-options": "nosniff",
    })!;
    expect(res.status).toBe(400);
    expect(res.headers.get("x-request-id")).toBe("req-12345678");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = apiErrorPayload.strict().parse(await res.json());
    expect(body).toEqual({
      code: 400,
      type: "invalid_error",
      detail: "The path is not valid percent-encoding: '%E0%A4%A' does not decode to UTF-8",
    });
    expect(
      malformedRequestResponse("GET", "/api/v1/x/%ZZ", "bad id")!.headers.get("x-request-id"),
    ).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers in the seeds/004 envelope under /api/v1/optimizations and /api/v1/prompts", async () => {
    for (const p of ["/api/v1/optimizations/%ZZ/variants", "/api/v1/prompts/%E0%A4%A"]) {
      const res = malformedRequestResponse("GET", p, null)!;
      expect(res.status).toBe(400);
      const body = compatErrorPayload.parse(await res.json());
      expect(body.error.code).toBe("BAD_REQUEST");
    }
  });

  it("refuses a method outside HTTP's usual seven with a 400 (PROPFIND was an empty 400)", async () => {
    for (const m of ["TRACE", "PROPFIND", "FOO"]) {
      const res = malformedRequestResponse(m, "/api/v1/orgs", null)!;
      expect(res.status).toBe(400);
      expect(apiErrorPayload.parse(await res.json()).detail).toContain(
        `Unsupported HTTP method '${m}'`,
      );
    }
  });

  it("answers a page path in plain text, with a long segment cut short", async () => {
    const res = malformedRequestResponse("GET", `/acme/catalog/%ZZ${"x".repeat(500)}`, null)!;
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const text = await res.text();
    expect(text).toMatch(
      /^Bad request: The path is not valid percent-encoding: '%ZZx+…' does not decode to UTF-8\n$/,
    );
    expect(text.length).toBeLessThan(200);
  });
});
