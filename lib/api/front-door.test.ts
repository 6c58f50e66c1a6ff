// The front door on a real Node HTTP server, as scripts/start.mjs calls it: a malformed request is
// answered there (400, the surface's envelope, the API's security headers); anything else goes on.
import { request, type IncomingMessage, type ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { frontDoorServer } from "@/lib/testing/front-door-server";
import { frontDoor, installFrontDoor } from "./front-door";
import { apiErrorPayload, compatErrorPayload } from "./schemas";

let server: Awaited<ReturnType<typeof frontDoorServer>>;
let port = 0;

beforeAll(async () => {
  server = await frontDoorServer();
  port = server.port;
});
afterAll(() => server.close());

/** A raw request (any method, any path bytes), answered as status, headers and text. */
function send(method: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; text: string }>(
    (resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, method, path, headers }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      });
      req.on("error", reject);
      req.end();
    },
  );
}

describe("frontDoor", () => {
  it("lets writes, pages, next-auth, the OpenAPI document and trailing slashes through to Next.js", async () => {
    for (const [m, p] of [
      ["POST", "/api/v1/x/%F0%9F%98%80?q=%ZZ"],
      ["DELETE", "/acme/catalog"],
      ["GET", "/acme/catalog"],
      ["GET", "/api/v1/openapi.json"],
      ["GET", "/api/auth/session"],
      ["GET", "/api/v1/org/acme/workspaces/"],
      ["OPTIONS", "/api/v1/org/acme/workspaces"],
    ] as const) {
      const res = await send(m, p);
      expect(res.status, `${m} ${p}`).toBe(204);
      expect(res.headers["x-passed"]).toBe("1");
    }
  });

  it("answers an undecodable API path with the canonical envelope and the API's headers", async () => {
    const res = await send("GET", "/api/v1/org/%E0%A4%A/workspaces", {
      "x-request-id": "req-12345678",
    });
    expect(res.status).toBe(400);
    expect(res.headers["x-request-id"]).toBe("req-12345678");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(res.headers["cache-control"]).toBe("no-store");
    const body = apiErrorPayload.strict().parse(JSON.parse(res.text));
    expect(body.code).toBe(400);
    expect(body.detail).toContain("%E0%A4%A");
  });

  it("answers TRACE and unknown methods in the path's surface, and a page path as text", async () => {
    const trace = await send("TRACE", "/api/v1/optimizations");
    expect(trace.status).toBe(400);
    expect(compatErrorPayload.parse(JSON.parse(trace.text)).error.code).toBe("BAD_REQUEST");
    const propfind = await send("PROPFIND", "/api/v1/orgs");
    expect(propfind.status).toBe(400);
    expect(apiErrorPayload.parse(JSON.parse(propfind.text)).detail).toContain("PROPFIND");
    const page = await send("GET", "/acme/%ZZ");
    expect(page.status).toBe(400);
    expect(page.headers["content-type"]).toContain("text/plain");
    expect(page.text).toContain("%ZZ");
  });

  it("leaves API routes to Next.js until start-up has opened it", async () => {
    vi.resetModules();
    const fresh = await import("./front-door");
    const req = { url: "/api/health", method: "GET", headers: {} } as IncomingMessage;
    expect(fresh.frontDoor(req, {} as ServerResponse)).toBe(false);
  });

  it("is installed where scripts/start.mjs looks for it", () => {
    installFrontDoor();
    expect((globalThis as Record<symbol, unknown>)[Symbol.for("quiver.frontDoor")]).toBe(frontDoor);
  });
});
