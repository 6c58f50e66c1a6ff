// Single sign-on's account rules (lib/auth/sso.ts) against the real database, and the next-auth
// callbacks that apply them on the way in (a refusal is a redirect to the sign-in page with its
// reason; a success is a server-side session for the Quiver user, not the provider's subject).
import { createHash, randomBytes } from "node:crypto";
import type { JWT } from "next-auth/jwt";
import type { Account, Profile, User } from "next-auth";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { call, expectBody, newOwner, sessionCookie, uid } from "@/lib/testing/api";
import { orgListResponse } from "@/lib/orgs/schemas";
import * as orgs from "@/app/api/v1/orgs/route";
import { authOptions, checkCredentials } from "./options";
import { resolveSsoUser, type SsoClaims, type SsoPolicy } from "./sso";

const ISSUER = "https://idp.test.quiver";
const open: SsoPolicy = { signup: "open", allowedDomains: [] };

function claims(over: Partial<SsoClaims> = {}): SsoClaims {
  const id = uid();
  return {
    issuer: ISSUER,
    subject: `sub-${id}`,
    email: `sso-${id}@corp.test`,
    emailVerified: true,
    name: `Sso ${id}`,
    ...over,
  };
}

async function userState(userId: string) {
  return db().user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      email: true,
      passwordHash: true,
      identities: { select: { issuer: true, subject: true, email: true } },
      memberships: {
        select: {
          role: true,
          org: { select: { slug: true, name: true, workspaces: { select: { slug: true } } } },
        },
      },
    },
  });
}

async function pendingInvitation(
  orgId: string,
  email: string,
  role: "admin" | "member" | "viewer",
  expiresInMs = 86_400_000,
) {
  return db().invitation.create({
    data: {
      orgId,
      email,
      role,
      tokenHash: createHash("sha256").update(randomBytes(24)).digest("hex"),
      expiresAt: new Date(Date.now() + expiresInMs),
    },
  });
}

describe("the first single sign-on of a new email", () => {
  it("creates a user without a password, its identity, and a personal org with a main workspace", async () => {
    const c = claims();
    const res = await resolveSsoUser(db(), c, open);
    expect(res).toMatchObject({
      ok: true,
      created: true,
      linked: false,
      user: { email: c.email, name: c.name },
    });
    if (!res.ok) throw new Error("refused");
    const state = await userState(res.user.id);
    expect(state.passwordHash).toBeNull();
    expect(state.identities).toEqual([{ issuer: ISSUER, subject: c.subject, email: c.email }]);
    expect(state.memberships).toEqual([
      {
        role: "owner",
        org: { slug: expect.any(String), name: `${c.name}'s org`, workspaces: [{ slug: "main" }] },
      },
    ]);
    const audit = await db().auditEvent.findMany({
      where: { actorId: res.user.id, action: "org.create" },
    });
    expect(audit).toHaveLength(1);
    // No password signs in to it, not even an empty one.
    expect(await checkCredentials(c.email!, "")).toBeNull();
  });

  it("lower-cases the email and names the user after the address when the provider gives no name", async () => {
    const id = uid();
    const res = await resolveSsoUser(
      db(),
      claims({ email: `  Mixed.${id}@Corp.TEST `, name: null }),
      open,
    );
    expect(res).toMatchObject({
      ok: true,
      user: { email: `mixed.${id}@corp.test`, name: `mixed.${id}` },
    });
  });

  it("accepts a pending invitation for that email instead of making a personal org; expired ones are left alone", async () => {
    const inviter = await newOwner();
    const other = await newOwner();
    const c = claims();
    const email = c.email!.toLowerCase();
    const invitation = await pendingInvitation(inviter.org.id, email, "admin");
    const expired = await pendingInvitation(other.org.id, email, "member", -60_000);
    const res = await resolveSsoUser(db(), c, open);
    if (!res.ok) throw new Error(`refused: ${res.reason}`);
    const state = await userState(res.user.id);
    expect(state.memberships).toEqual([
      { role: "admin", org: expect.objectContaining({ slug: inviter.org.slug }) },
    ]);
    const accepted = await db().invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(accepted.acceptedAt).not.toBeNull();
    expect(accepted.acceptedById).toBe(res.user.id);
    expect(
      (await db().invitation.findUniqueOrThrow({ where: { id: expired.id } })).acceptedAt,
    ).toBeNull();
    expect(
      await db().auditEvent.count({
        where: { orgId: inviter.org.id, action: "invitation.accept" },
      }),
    ).toBe(1);
  });

  it("leaves the invitation alone when the provider has not verified the email: a personal org instead", async () => {
    const inviter = await newOwner();
    const c = claims({ emailVerified: false });
    const invitation = await pendingInvitation(inviter.org.id, c.email!.toLowerCase(), "admin");
    const res = await resolveSsoUser(db(), c, open);
    if (!res.ok) throw new Error(`refused: ${res.reason}`);
    const state = await userState(res.user.id);
    expect(state.memberships).toEqual([
      { role: "owner", org: expect.objectContaining({ name: `${c.name}'s org` }) },
    ]);
    expect(
      (await db().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).acceptedAt,
    ).toBeNull();
  });

  it("QUIVER_SIGNUP=invite lets single sign-on create users; closed refuses new ones and creates nothing", async () => {
    expect(
      await resolveSsoUser(db(), claims(), { signup: "invite", allowedDomains: [] }),
    ).toMatchObject({ ok: true, created: true });
    const c = claims();
    expect(await resolveSsoUser(db(), c, { signup: "closed", allowedDomains: [] })).toEqual({
      ok: false,
      reason: "signup_closed",
    });
    expect(await db().user.findUnique({ where: { email: c.email! } })).toBeNull();
    expect(
      await db().userIdentity.findUnique({
        where: { issuer_subject: { issuer: ISSUER, subject: c.subject } },
      }),
    ).toBeNull();
  });

  it("refuses an identity without an email", async () => {
    expect(await resolveSsoUser(db(), claims({ email: undefined }), open)).toEqual({
      ok: false,
      reason: "email_missing",
    });
    expect(await resolveSsoUser(db(), claims({ email: "not-an-address" }), open)).toEqual({
      ok: false,
      reason: "email_missing",
    });
  });
});

describe("later sign-ins", () => {
  it("find the user by issuer and subject even when the email changed at the provider", async () => {
    const c = claims();
    const first = await resolveSsoUser(db(), c, open);
    if (!first.ok) throw new Error("refused");
    const renamed = `renamed-${uid()}@corp.test`;
    const again = await resolveSsoUser(db(), { ...c, email: renamed, emailVerified: false }, open);
    expect(again).toMatchObject({
      ok: true,
      created: false,
      linked: false,
      user: { id: first.user.id, email: c.email },
    });
    const state = await userState(first.user.id);
    expect(state.identities).toEqual([{ issuer: ISSUER, subject: c.subject, email: renamed }]);
    expect(state.memberships).toHaveLength(1);
    expect(await db().user.findUnique({ where: { email: renamed } })).toBeNull();
    // The same subject at another issuer is another person.
    const elsewhere = await resolveSsoUser(
      db(),
      { ...c, issuer: "https://other-idp.test.quiver", email: `x-${uid()}@corp.test` },
      open,
    );
    expect(elsewhere.ok && elsewhere.user.id).not.toBe(first.user.id);
  });

  it("still sign in a linked user when QUIVER_SIGNUP=closed", async () => {
    const c = claims();
    const first = await resolveSsoUser(db(), c, open);
    if (!first.ok) throw new Error("refused");
    expect(await resolveSsoUser(db(), c, { signup: "closed", allowedDomains: [] })).toMatchObject({
      ok: true,
      user: { id: first.user.id },
    });
  });
});

describe("an existing password account with the same email", () => {
  it("is linked when the provider says the email is verified; the password keeps working", async () => {
    const owner = await newOwner();
    const c = claims({ email: owner.user.email.toUpperCase(), emailVerified: true });
    const res = await resolveSsoUser(db(), c, { signup: "closed", allowedDomains: [] });
    expect(res).toMatchObject({
      ok: true,
      created: false,
      linked: true,
      user: { id: owner.user.id },
    });
    const state = await userState(owner.user.id);
    expect(state.identities).toEqual([
      { issuer: ISSUER, subject: c.subject, email: owner.user.email },
    ]);
    expect(state.memberships).toHaveLength(1);
    expect(await checkCredentials(owner.user.email, "password-123")).toMatchObject({
      id: owner.user.id,
    });
    expect(await resolveSsoUser(db(), c, open)).toMatchObject({
      ok: true,
      linked: false,
      user: { id: owner.user.id },
    });
  });

  it("is refused, and not linked, when the email is not verified", async () => {
    const owner = await newOwner();
    const c = claims({ email: owner.user.email, emailVerified: false });
    expect(await resolveSsoUser(db(), c, open)).toEqual({ ok: false, reason: "email_unverified" });
    expect((await userState(owner.user.id)).identities).toEqual([]);
    expect(
      await db().userIdentity.findUnique({
        where: { issuer_subject: { issuer: ISSUER, subject: c.subject } },
      }),
    ).toBeNull();
  });
});

describe("QUIVER_OIDC_ALLOWED_DOMAINS", () => {
  const policy: SsoPolicy = { signup: "open", allowedDomains: ["corp.test", "sub.corp.test"] };

  it("refuses an email outside the listed domains, new or already linked, and creates nothing", async () => {
    const c = claims({ email: `eve-${uid()}@evil.test` });
    expect(await resolveSsoUser(db(), c, policy)).toEqual({
      ok: false,
      reason: "domain_not_allowed",
    });
    expect(await db().user.findUnique({ where: { email: c.email! } })).toBeNull();
    // A look-alike is not the domain.
    expect(
      await resolveSsoUser(db(), claims({ email: `eve-${uid()}@notcorp.test` }), policy),
    ).toEqual({ ok: false, reason: "domain_not_allowed" });
    // A linked identity whose provider now gives an address elsewhere is refused too.
    const linked = claims();
    expect(await resolveSsoUser(db(), linked, policy)).toMatchObject({ ok: true });
    expect(
      await resolveSsoUser(db(), { ...linked, email: `moved-${uid()}@evil.test` }, policy),
    ).toEqual({ ok: false, reason: "domain_not_allowed" });
  });

  it("lets a listed domain in, whatever its case", async () => {
    expect(
      await resolveSsoUser(db(), claims({ email: `ok-${uid()}@SUB.Corp.Test` }), policy),
    ).toMatchObject({ ok: true, created: true });
  });
});

describe("next-auth's callbacks for the oidc provider", () => {
  const cb = () => authOptions().callbacks!;
  const account = (sub: string): Account => ({
    provider: "oidc",
    type: "oauth",
    providerAccountId: sub,
  });

  it("sign in as the Quiver user with a server-side session the API accepts", async () => {
    const c = claims();
    const user: User = { id: c.subject, email: c.email, name: c.name };
    const profile = {
      iss: c.issuer,
      sub: c.subject,
      email: c.email,
      email_verified: true,
      name: c.name,
    } as Profile;
    expect(await cb().signIn!({ user, account: account(c.subject), profile })).toBe(true);
    const created = await db().user.findUniqueOrThrow({ where: { email: c.email! } });
    expect(user.id).toBe(created.id);
    const token = (await cb().jwt!({
      token: { sub: c.subject },
      user,
      account: account(c.subject),
      profile,
      trigger: "signIn",
    })) as JWT;
    expect(token.sub).toBe(created.id);
    const session = await db().authSession.findUniqueOrThrow({
      where: { id: token.sid as string },
    });
    expect(session).toMatchObject({ userId: created.id, revokedAt: null });
    const listed = expectBody(
      await call(orgs.GET, { cookie: await sessionCookie(created.id) }),
      200,
      orgListResponse,
    );
    expect(listed.orgs).toHaveLength(1);
  });

  it("send a refused sign-in back to the sign-in page with its reason, and make no session", async () => {
    const owner = await newOwner();
    const sub = `sub-${uid()}`;
    const user: User = { id: sub, email: owner.user.email, name: "Mallory" };
    const profile = { iss: ISSUER, sub, email: owner.user.email, email_verified: false } as Profile;
    expect(await cb().signIn!({ user, account: account(sub), profile })).toBe(
      "/sign-in?error=SsoUnverifiedEmail",
    );
    expect(user.id).toBe(sub);
    // An email_verified the provider sends as a string is read the same way.
    const stringly = { ...profile, email_verified: "false" } as unknown as Profile;
    expect(await cb().signIn!({ user, account: account(sub), profile: stringly })).toBe(
      "/sign-in?error=SsoUnverifiedEmail",
    );
    const linked = { ...profile, email_verified: "true" } as unknown as Profile;
    expect(await cb().signIn!({ user, account: account(sub), profile: linked })).toBe(true);
    expect(user.id).toBe(owner.user.id);
  });

  it("leave password sign-ins to the credentials provider", async () => {
    const user: User = { id: "whoever" };
    expect(
      await cb().signIn!({
        user,
        account: { provider: "credentials", type: "credentials", providerAccountId: "whoever" },
      }),
    ).toBe(true);
    expect(user.id).toBe("whoever");
  });
});
