// The pages' security headers as proxy.ts sets them: a fresh nonce per request, on the request
// (where Next.js reads it to put on its scripts) and on the response; 'unsafe-eval' only under
// `next dev`; HSTS and upgrade-insecure-requests only when the public URL is https.
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { resetEnvCache } from "@/lib/env";
import { contentSecurityPolicy } from "./headers";

const saved = { NODE_ENV: process.env.NODE_ENV, NEXTAUTH_URL: process.env.NEXTAUTH_URL };

function withEnv(vars: Partial<typeof saved>): void {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete (process.env as Record<string, string | undefined>)[k];
    else (process.env as Record<string, string | undefined>)[k] = v;
  }
  resetEnvCache();
}

afterEach(() => withEnv(saved));

function page(path = "/acme/catalog") {
  const res = proxy(new NextRequest(`http://localhost:3000${path}`));
  const csp = res.headers.get("content-security-policy") ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  return { res, csp, nonce };
}

function directives(csp: string): Map<string, string> {
  return new Map(
    csp
      .split(/;\s*/)
      .filter(Boolean)
      .map((d) => [d.split(" ")[0]!, d.split(" ").slice(1).join(" ")]),
  );
}

describe("proxy: page security headers", () => {
  it("sets a strict policy with a fresh, unguessable nonce per request, on the request and the response", () => {
    withEnv({ NEXTAUTH_URL: "http://localhost:3000" });
    const a = page();
    const b = page();
    expect(a.nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(b.nonce).not.toBe(a.nonce);
    // NextResponse.next({ request }) carries the request's new headers this way.
    expect(a.res.headers.get("x-middleware-request-content-security-policy")).toBe(a.csp);
    expect(a.res.headers.get("x-middleware-request-x-nonce")).toBe(a.nonce);
    expect(a.res.headers.get("x-middleware-request-x-quiver-path")).toBe("/acme/catalog");

    const d = directives(a.csp);
    expect(d.get("script-src")).toBe(`'self' 'nonce-${a.nonce}' 'strict-dynamic'`);
    expect(d.get("object-src")).toBe("'none'");
    expect(d.get("base-uri")).toBe("'none'");
    expect(d.get("frame-ancestors")).toBe("'none'");
    expect(d.get("form-action")).toBe("'self'");
    expect(d.get("img-src")).toBe("'self' data: blob:");
    expect(d.get("connect-src")).toBe("'self'");
    expect(d.get("style-src")).toBe("'self' 'unsafe-inline'");
    expect(d.has("upgrade-insecure-requests")).toBe(false);

    expect(a.res.headers.get("x-frame-options")).toBe("DENY");
    expect(a.res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    const permissions = a.res.headers.get("permissions-policy") ?? "";
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"])
      expect(permissions).toContain(`${feature}=()`);
    expect(a.res.headers.get("strict-transport-security")).toBeNull();
  });

  it("adds HSTS and upgrade-insecure-requests when the public URL is https", () => {
    withEnv({ NEXTAUTH_URL: "https://quiver.example.com" });
    const { res, csp } = page();
    expect(res.headers.get("strict-transport-security")).toBe("max-age=63072000");
    expect(directives(csp).has("upgrade-insecure-requests")).toBe(true);
  });

  it("allows eval only under next dev, and never in production", () => {
    withEnv({ NODE_ENV: "development" });
    expect(directives(page().csp).get("script-src")).toContain("'unsafe-eval'");
    withEnv({ NODE_ENV: "production" });
    expect(page().csp).not.toContain("unsafe-eval");
  });

  it("gives the API reference a nonce like every page (it was prerendered with inline scripts allowed)", () => {
    const { res, csp, nonce } = page("/docs/api");
    expect(nonce).toBeTruthy();
    expect(directives(csp).get("script-src")).toBe(`'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(res.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
  });

  it("puts no nonce in style-src, where it would switch 'unsafe-inline' off", () => {
    const csp = contentSecurityPolicy({ nonce: "abc", dev: false, https: false });
    expect(directives(csp).get("style-src")).not.toContain("nonce");
  });
});
