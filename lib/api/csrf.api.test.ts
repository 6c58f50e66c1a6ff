// Cross-site request forgery: a cookie-authenticated write must come from a page of this app
// (Sec-Fetch-Site, else Origin); token requests and reads are not affected.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import {
  call,
  expectError,
  newOwner,
  sessionCookie,
  tokenFor,
  uid,
  type TestMember,
} from "@/lib/testing/api";
import * as workspaces from "@/app/api/v1/org/[org]/workspaces/route";
import * as optimizations from "@/app/api/v1/optimizations/route";
import * as tokenById from "@/app/api/v1/org/[org]/tokens/[id]/route";

let owner: TestMember;
let cookie: string;

beforeAll(async () => {
  owner = await newOwner();
  cookie = await sessionCookie(owner.user.id);
});

afterEach(() => {
  delete process.env.NEXTAUTH_URL;
  delete process.env.QUIVER_TRUSTED_PROXIES;
  resetEnvCache();
});

/** Creates a workspace with the session cookie and these headers; true when it was stored. */
async function createWith(
  headers: Record<string, string>,
  extra: { browserHeaders?: boolean; rawBody?: string } = {},
) {
  const slug = `w-${uid()}`;
  const res = await call(workspaces.POST, {
    method: "POST",
    params: { org: owner.org.slug },
    cookie,
    headers,
    browserHeaders: extra.browserHeaders ?? false,
    ...(extra.rawBody !== undefined
      ? { rawBody: extra.rawBody.replace("SLUG", slug) }
      : { body: { slug, name: "CSRF" } }),
  });
  const stored = (await db().workspace.count({ where: { orgId: owner.org.id, slug } })) === 1;
  return { res, stored };
}

describe("cross-site requests with the session cookie", () => {
  it("refuses a write from another site's page, and stores nothing", async () => {
    const { res, stored } = await createWith({
      origin: "https://evil.example",
      "sec-fetch-site": "cross-site",
    });
    expect(expectError(res, 403, "forbidden_error").detail).toContain("Cross-site request refused");
    expect(stored).toBe(false);
    // An older browser that sends only Origin.
    const originOnly = await createWith({ origin: "https://evil.example" });
    expectError(originOnly.res, 403, "forbidden_error");
    expect(originOnly.stored).toBe(false);
  });

  it("refuses a write from another origin of the same site (a sibling subdomain)", async () => {
    const sameSite = await createWith({
      origin: "http://blog.localhost",
      "sec-fetch-site": "same-site",
    });
    expectError(sameSite.res, 403, "forbidden_error");
    expect(sameSite.stored).toBe(false);
    const otherPort = await createWith({ origin: "http://localhost:8080" });
    expectError(otherPort.res, 403, "forbidden_error");
    expect(otherPort.stored).toBe(false);
  });

  it("refuses a write that says nothing of where it comes from", async () => {
    const { res, stored } = await createWith({});
    expect(expectError(res, 403, "forbidden_error").detail).toContain("Bearer");
    expect(stored).toBe(false);
  });

  it("refuses DELETE too, and answers a compatibility surface in its own envelope", async () => {
    const res = await call(optimizations.POST, {
      method: "POST",
      cookie,
      browserHeaders: false,
      headers: { origin: "https://evil.example" },
      body: {},
    });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({
      error: { code: expect.any(String), message: expect.stringContaining("Cross-site") },
    });
    const token = await tokenFor(owner, ["read"]);
    const del = await call(tokenById.DELETE, {
      method: "DELETE",
      params: { org: owner.org.slug, id: token.id },
      cookie,
      browserHeaders: false,
      headers: { "sec-fetch-site": "cross-site" },
    });
    expectError(del, 403, "forbidden_error");
    expect(
      (await db().apiToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt,
    ).toBeNull();
  });

  it("accepts the app's own pages: Sec-Fetch-Site same-origin or none, or a matching Origin", async () => {
    expect((await createWith({}, { browserHeaders: true })).stored).toBe(true);
    expect((await createWith({ "sec-fetch-site": "same-origin" })).stored).toBe(true);
    expect((await createWith({ "sec-fetch-site": "none" })).stored).toBe(true);
    expect((await createWith({ origin: "http://localhost" })).stored).toBe(true);
    expect(
      (await createWith({ origin: "http://quiver.test:3000", host: "quiver.test:3000" })).stored,
    ).toBe(true);
  });

  it("takes the app's origin from NEXTAUTH_URL, and from X-Forwarded-Host only through a trusted proxy", async () => {
    process.env.NEXTAUTH_URL = "https://quiver.example.com";
    resetEnvCache();
    expect((await createWith({ origin: "https://quiver.example.com" })).stored).toBe(true);
    delete process.env.NEXTAUTH_URL;
    resetEnvCache();
    const forged = {
      origin: "https://evil.example",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
      "x-forwarded-for": "203.0.113.9",
    };
    expectError((await createWith(forged)).res, 403, "forbidden_error");
    process.env.QUIVER_TRUSTED_PROXIES = "10.0.0.0/8";
    resetEnvCache();
    const proxied = {
      origin: "https://quiver.internal.example",
      "x-forwarded-host": "quiver.internal.example",
      "x-forwarded-proto": "https",
      "x-forwarded-for": "203.0.113.9, 10.1.2.3",
    };
    expect((await createWith(proxied)).stored).toBe(true);
  });

  it("refuses a same-origin write whose body is not declared JSON (what a cross-site form sends)", async () => {
    const raw = '{"slug":"SLUG","name":"Plain"}';
    for (const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
    ]) {
      const { res, stored } = await createWith(
        { "content-type": type },
        { browserHeaders: true, rawBody: raw },
      );
      expect(expectError(res, 400, "invalid_error").detail).toContain("application/json");
      expect(stored).toBe(false);
    }
  });
});

describe("requests the check leaves alone", () => {
  it("a token request from any origin, even with a text/plain JSON body", async () => {
    const token = (await tokenFor(owner, ["admin"])).secret;
    const slug = `w-${uid()}`;
    const res = await call(workspaces.POST, {
      method: "POST",
      params: { org: owner.org.slug },
      token,
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      body: { slug, name: "Token" },
    });
    expect(res.status).toBe(201);
    const plain = await call(workspaces.POST, {
      method: "POST",
      params: { org: owner.org.slug },
      token,
      headers: { "content-type": "text/plain" },
      rawBody: JSON.stringify({ slug: `${slug}-2`, name: "Token" }),
    });
    expect(plain.status).toBe(201);
  });

  it("a read with the cookie from another site", async () => {
    const res = await call(workspaces.GET, {
      params: { org: owner.org.slug },
      cookie,
      browserHeaders: false,
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(res.status).toBe(200);
  });
});
