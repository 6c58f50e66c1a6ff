// Sessions end: sign-out, expiry and a session the server no longer knows all stop the cookie at
// once, on the API and on pages (next-auth's jwt callback); a malformed cookie is no session, never
// a 500; removal from an org takes effect on the next request.
import { encode } from "next-auth/jwt";
import type { JWT } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { authSecret } from "@/lib/env";
import { authOptions, checkCredentials } from "./options";
import { createSession, liveSession, nextExpiry, sessionLifetime } from "./sessions";
import {
  call,
  expectBody,
  expectError,
  newMember,
  newOwner,
  sessionCookie,
  tokenFor,
  uid,
} from "@/lib/testing/api";
import { orgListResponse } from "@/lib/orgs/schemas";
import { signUpResponse } from "@/lib/users/schemas";
import * as orgs from "@/app/api/v1/orgs/route";
import * as workspaces from "@/app/api/v1/org/[org]/workspaces/route";
import * as signUp from "@/app/api/v1/auth/sign-up/route";
import * as health from "@/app/api/health/route";

const cookieFor = async (claims: Record<string, unknown>) =>
  `next-auth.session-token=${await encode({ token: claims as JWT, secret: authSecret() })}`;

/** next-auth's callbacks as a sign-in, a page's session read and a sign-out run them. */
const callbacks = () => {
  const o = authOptions();
  return {
    signIn: (user: { id: string; email: string; name: string }) =>
      o.callbacks!.jwt!({
        token: { sub: user.id },
        user: { ...user },
        account: null,
        trigger: "signIn",
      }) as Promise<JWT>,
    read: (token: JWT) =>
      o.callbacks!.jwt!({ token, user: undefined as never, account: null }) as Promise<JWT>,
    signOut: (token: JWT) => o.events!.signOut!({ token, session: undefined as never }),
  };
};

describe("a sign-in creates a server-side session that signing out ends", () => {
  it("works on the API until sign-out, then answers 401 at once; the page-side check refuses it too", async () => {
    const owner = await newOwner();
    const cb = callbacks();
    const user = await checkCredentials(owner.user.email, "password-123");
    expect(user).not.toBeNull();
    const token = await cb.signIn(user!);
    expect(token.sub).toBe(owner.user.id);
    expect(typeof token.sid).toBe("string");
    const row = await db().authSession.findUniqueOrThrow({ where: { id: token.sid as string } });
    expect(row).toMatchObject({ userId: owner.user.id, revokedAt: null });
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now());

    const cookie = await cookieFor(token);
    expectBody(await call(orgs.GET, { cookie }), 200, orgListResponse);
    await expect(cb.read(token)).resolves.toMatchObject({ sub: owner.user.id, sid: token.sid });

    await cb.signOut(token);
    expect(
      (await db().authSession.findUniqueOrThrow({ where: { id: token.sid as string } })).revokedAt,
    ).not.toBeNull();
    const res = expectError(await call(orgs.GET, { cookie }), 401, "authentication_error");
    expect(res.detail).toMatch(/session has ended/);
    expectError(
      await call(workspaces.GET, { params: { org: owner.org.slug }, cookie }),
      401,
      "authentication_error",
    );
    // Pages read the session through the jwt callback: it throws, so next-auth clears the cookie.
    await expect(cb.read(token)).rejects.toThrow(/ended/);
  });

  it("signing out one session leaves the user's other sessions alone", async () => {
    const owner = await newOwner();
    const cb = callbacks();
    const laptop = await cb.signIn(owner.user);
    const phone = await cb.signIn(owner.user);
    await cb.signOut(laptop);
    expectError(
      await call(orgs.GET, { cookie: await cookieFor(laptop) }),
      401,
      "authentication_error",
    );
    expect((await call(orgs.GET, { cookie: await cookieFor(phone) })).status).toBe(200);
  });

  it("refuses a valid JWT that names no session (issued before sessions were kept), or another user's session", async () => {
    const a = await newOwner();
    const b = await newOwner();
    expectError(
      await call(orgs.GET, { cookie: await cookieFor({ sub: a.user.id }) }),
      401,
      "authentication_error",
    );
    expectError(
      await call(orgs.GET, { cookie: await cookieFor({ sub: a.user.id, sid: `nope-${uid()}` }) }),
      401,
      "authentication_error",
    );
    const bSession = await createSession(db(), b.user.id);
    expectError(
      await call(orgs.GET, { cookie: await cookieFor({ sub: a.user.id, sid: bSession.id }) }),
      401,
      "authentication_error",
    );
    await expect(callbacks().read({ sub: a.user.id })).rejects.toThrow();
  });
});

describe("checking a password", () => {
  it("takes as long for an unknown email as for a known one with a wrong password (the dummy hash)", async () => {
    const owner = await newOwner();
    const time = async (email: string) => {
      const t = performance.now();
      expect(await checkCredentials(email, "wrong-password")).toBeNull();
      return performance.now() - t;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time(owner.user.email));
      unknown.push(await time(`nobody-${uid()}@example.com`));
    }
    // Without the dummy compare an unknown email answered in about a millisecond.
    expect(median(unknown)).toBeGreaterThan(median(known) / 3);
  });
});

describe("next-auth's redirect callback", () => {
  it("sends only to this site's paths", async () => {
    const redirect = authOptions().callbacks!.redirect!;
    const baseUrl = "https://quiver.example.com";
    for (const url of [
      "/\\evil.example",
      "//evil.example",
      "https://evil.example/x",
      "javascript:alert(1)",
      "/\t/evil.example",
    ]) {
      expect(await redirect({ url, baseUrl })).toBe(`${baseUrl}/`);
    }
    expect(await redirect({ url: `${baseUrl}/acme/catalog?x=1`, baseUrl })).toBe(
      `${baseUrl}/acme/catalog?x=1`,
    );
    expect(await redirect({ url: "/sign-in", baseUrl })).toBe(`${baseUrl}/sign-in`);
  });
});

describe("session lifetime", () => {
  it("an expired session answers 401 even though its JWT is still valid", async () => {
    const owner = await newOwner();
    const cookie = await sessionCookie(owner.user.id);
    expect((await call(orgs.GET, { cookie })).status).toBe(200);
    await db().authSession.updateMany({
      where: { userId: owner.user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expectError(await call(orgs.GET, { cookie }), 401, "authentication_error");
  });

  it("use moves the idle expiry forward, never past the absolute lifetime", async () => {
    const owner = await newOwner();
    const life = sessionLifetime();
    expect(life.idleMs).toBe(7 * 24 * 3600_000);
    expect(life.maxMs).toBe(30 * 24 * 3600_000);
    const s = await createSession(db(), owner.user.id);
    // Seen 10 minutes ago, created 29.9 days ago: idle would allow 7 more days, absolute 0.1 day.
    const createdAt = new Date(Date.now() - life.maxMs + 2.4 * 3600_000);
    await db().authSession.update({
      where: { id: s.id },
      data: {
        createdAt,
        lastSeenAt: new Date(Date.now() - 600_000),
        expiresAt: new Date(Date.now() + 3600_000),
      },
    });
    const now = new Date();
    expect(await liveSession(db(), s.id, owner.user.id, now)).not.toBeNull();
    const row = await db().authSession.findUniqueOrThrow({ where: { id: s.id } });
    expect(row.lastSeenAt.getTime()).toBe(now.getTime());
    expect(row.expiresAt.getTime()).toBe(createdAt.getTime() + life.maxMs);
    // A young session gets the full idle lifetime from now.
    expect(nextExpiry(now, now, life).getTime()).toBe(now.getTime() + life.idleMs);
  });
});

describe("a malformed session cookie is no session, never a 500", () => {
  const bad = [
    "next-auth.session-token=%E0%A4%A",
    "next-auth.session-token=%",
    "__Secure-next-auth.session-token=%ZZ; next-auth.session-token=%E0%A4%A",
    "next-auth.session-token=not-a-jwt",
  ];

  it.each(bad)("%s: 401 in the envelope on authenticated routes", async (cookie) => {
    const owner = await newOwner();
    expectError(await call(orgs.GET, { cookie }), 401, "authentication_error");
    expectError(
      await call(workspaces.GET, { params: { org: owner.org.slug }, cookie }),
      401,
      "authentication_error",
    );
    expectError(
      await call(workspaces.POST, {
        method: "POST",
        params: { org: owner.org.slug },
        cookie,
        body: { slug: `w-${uid()}`, name: "W" },
      }),
      401,
      "authentication_error",
    );
  });

  it("public routes answer as without a cookie; a token beside it still works", async () => {
    const owner = await newOwner();
    const cookie = bad[0]!;
    expect((await call(health.GET, { cookie })).status).toBe(200);
    const created = await call(signUp.POST, {
      method: "POST",
      cookie,
      body: { email: `bad-cookie-${uid()}@example.com`, password: "password-123" },
    });
    expectBody(created, 201, signUpResponse);
    const { secret } = await tokenFor(owner, ["read"]);
    expect(
      (await call(workspaces.GET, { params: { org: owner.org.slug }, token: secret, cookie }))
        .status,
    ).toBe(200);
  });
});

describe("removal from an org", () => {
  it("a removed member's session gets a 404 on that org at once, and keeps its other orgs", async () => {
    const owner = await newOwner();
    const member = await newMember(owner.org, "member");
    const cookie = await sessionCookie(member.user.id);
    expect((await call(workspaces.GET, { params: { org: owner.org.slug }, cookie })).status).toBe(
      200,
    );
    await db().membership.delete({
      where: { userId_orgId: { userId: member.user.id, orgId: owner.org.id } },
    });
    expectError(
      await call(workspaces.GET, { params: { org: owner.org.slug }, cookie }),
      404,
      "not_found_error",
    );
    expectError(
      await call(workspaces.POST, {
        method: "POST",
        params: { org: owner.org.slug },
        cookie,
        body: { slug: `w-${uid()}`, name: "W" },
      }),
      404,
      "not_found_error",
    );
    const list = expectBody(await call(orgs.GET, { cookie }), 200, orgListResponse);
    expect(list.orgs.map((o) => o.slug)).not.toContain(owner.org.slug);
  });
});
