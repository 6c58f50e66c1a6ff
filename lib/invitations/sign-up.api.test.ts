// Sign-up in each QUIVER_SIGNUP mode, with and without an invitation, through the real route.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { checkCredentials } from "@/lib/auth/options";
import { signUpResponse } from "@/lib/users/schemas";
import {
  call,
  expectBody,
  expectError,
  newOwner,
  sessionCookie,
  uid,
  type TestMember,
} from "@/lib/testing/api";
import { POST as signUpRoute } from "@/app/api/v1/auth/sign-up/route";
import * as invitationsRoute from "@/app/api/v1/org/[org]/invitations/route";
import * as revokeRoute from "@/app/api/v1/org/[org]/invitations/[id]/route";
import { invitationWithLink } from "./schemas";
import { signupMode } from "./sign-up";

let owner: TestMember;
let cookie: string;

beforeAll(async () => {
  owner = await newOwner();
  cookie = await sessionCookie(owner.user.id);
});

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

function mode(m: "open" | "invite" | "closed") {
  vi.stubEnv("QUIVER_SIGNUP", m);
  resetEnvCache();
}

const freshEmail = () => `signup-${uid()}@test.quiver`;

async function invite(email: string, role = "member") {
  const res = expectBody(
    await call(invitationsRoute.POST, {
      method: "POST",
      path: `/api/v1/org/${owner.org.slug}/invitations`,
      params: { org: owner.org.slug },
      cookie,
      body: { email, role },
    }),
    201,
    invitationWithLink,
  );
  return { id: res.invitation.id, secret: res.accept_url.split("/invite/")[1]! };
}

const signUp = (body: Record<string, unknown>) =>
  call(signUpRoute, {
    method: "POST",
    path: "/api/v1/auth/sign-up",
    body: { password: "password-123", ...body },
  });
const userCount = (email: string) => db().user.count({ where: { email: email.toLowerCase() } });

describe("QUIVER_SIGNUP=open (the default)", () => {
  it("is the default, and signs up without an invitation as before: a personal org, a taken email answered like a new one", async () => {
    expect(signupMode()).toBe("open");
    const email = freshEmail();
    const first = expectBody(await signUp({ email }), 201, signUpResponse);
    const m = await db().membership.findFirstOrThrow({
      where: { userId: first.user.id },
      include: { org: true },
    });
    expect(m).toMatchObject({ role: "owner", org: { slug: first.org.slug } });
    const again = expectBody(await signUp({ email }), 201, signUpResponse);
    expect(again.user.id).not.toBe(first.user.id);
    expect(await userCount(email)).toBe(1);
  });

  it("with an invitation for that email (any case): joins the inviting org with the role, makes no personal org", async () => {
    const email = freshEmail();
    const inv = await invite(email, "admin");
    const res = expectBody(
      await signUp({ email: email.toUpperCase(), name: "Invited Person", invitation: inv.secret }),
      201,
      signUpResponse,
    );
    expect(res).toMatchObject({
      user: { email, name: "Invited Person" },
      org: { slug: owner.org.slug, name: owner.org.name },
      workspace: { slug: "main" },
    });
    const memberships = await db().membership.findMany({ where: { userId: res.user.id } });
    expect(memberships.map((x) => [x.orgId, x.role])).toEqual([[owner.org.id, "admin"]]);
    const row = await db().invitation.findUniqueOrThrow({ where: { id: inv.id } });
    expect(row.acceptedById).toBe(res.user.id);
    const actions = (
      await db().auditEvent.findMany({
        where: { orgId: owner.org.id, targetId: { in: [inv.id, res.user.id] } },
      })
    )
      .map((e) => e.action)
      .sort();
    expect(actions).toEqual(["invitation.accept", "invitation.create", "member.add"]);
    expect(await checkCredentials(email, "password-123")).toMatchObject({ id: res.user.id });
    // The link is spent.
    expectError(
      await signUp({ email: freshEmail(), invitation: inv.secret }),
      409,
      "conflict_error",
    );
  });

  it("refuses an invitation for another email (403 naming it) and creates nobody", async () => {
    const invited = freshEmail();
    const inv = await invite(invited);
    const other = freshEmail();
    const res = expectError(
      await signUp({ email: other, invitation: inv.secret }),
      403,
      "forbidden_error",
    );
    expect(res.detail).toContain(invited);
    expect(await userCount(other)).toBe(0);
  });

  it("answers unknown 404, expired and revoked 409, and an email that has an account 409", async () => {
    expectError(
      await signUp({ email: freshEmail(), invitation: "x".repeat(43) }),
      404,
      "not_found_error",
    );
    const expiredEmail = freshEmail();
    const expired = await invite(expiredEmail);
    await db().invitation.update({
      where: { id: expired.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expectError(
      await signUp({ email: expiredEmail, invitation: expired.secret }),
      409,
      "expired_token_error",
    );
    const revokedEmail = freshEmail();
    const revoked = await invite(revokedEmail);
    await call(revokeRoute.DELETE, {
      method: "DELETE",
      params: { org: owner.org.slug, id: revoked.id },
      cookie,
    });
    expectError(
      await signUp({ email: revokedEmail, invitation: revoked.secret }),
      409,
      "conflict_error",
    );
    expect((await userCount(expiredEmail)) + (await userCount(revokedEmail))).toBe(0);

    const existing = freshEmail();
    expectBody(await signUp({ email: existing }), 201, signUpResponse);
    const inv = await invite(existing);
    const taken = expectError(
      await signUp({ email: existing, invitation: inv.secret }),
      409,
      "already_exists_error",
    );
    expect(taken.detail).toMatch(/sign in/);
  });
});

describe("QUIVER_SIGNUP=invite", () => {
  it("refuses sign-up without an invitation (403 forbidden_error) and creates nobody", async () => {
    mode("invite");
    expect(signupMode()).toBe("invite");
    const email = freshEmail();
    const res = expectError(await signUp({ email }), 403, "forbidden_error");
    expect(res.detail).toMatch(/invitation/);
    expect(await userCount(email)).toBe(0);
  });

  it("signs up with a valid invitation for that email", async () => {
    const email = freshEmail();
    const inv = await invite(email, "viewer");
    mode("invite");
    const res = expectBody(await signUp({ email, invitation: inv.secret }), 201, signUpResponse);
    expect(res.org.slug).toBe(owner.org.slug);
    expect((await db().membership.findFirstOrThrow({ where: { userId: res.user.id } })).role).toBe(
      "viewer",
    );
  });

  it("answers an unusable link with 403 forbidden_error saying why, and a wrong email with 403", async () => {
    const email = freshEmail();
    const inv = await invite(email);
    await db().invitation.update({
      where: { id: inv.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    mode("invite");
    const expired = expectError(
      await signUp({ email, invitation: inv.secret }),
      403,
      "forbidden_error",
    );
    expect(expired.detail).toMatch(/expired/);
    expect(
      expectError(await signUp({ email, invitation: "nope" }), 403, "forbidden_error").detail,
    ).toMatch(/not found/);
    const fresh = await invite(freshEmail());
    expectError(await signUp({ email, invitation: fresh.secret }), 403, "forbidden_error");
    expect(await userCount(email)).toBe(0);
  });
});

describe("QUIVER_SIGNUP=closed", () => {
  it("refuses every sign-up, with or without a valid invitation: accounts are created by an operator", async () => {
    const email = freshEmail();
    const inv = await invite(email);
    mode("closed");
    expect(signupMode()).toBe("closed");
    for (const body of [{ email }, { email, invitation: inv.secret }]) {
      const res = expectError(await signUp(body), 403, "forbidden_error");
      expect(res.detail).toMatch(/Accounts are created by an operator/);
    }
    expect(await userCount(email)).toBe(0);
    mode("open");
    expect(
      (await db().invitation.findUniqueOrThrow({ where: { id: inv.id } })).acceptedAt,
    ).toBeNull();
  });
});
