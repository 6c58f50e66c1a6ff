// Invitations through the real routes: create, list, replace, resend, revoke, the public view of a
// link, accepting it, and who may do what in which org.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { hashToken } from "@/lib/auth/tokens";
import { resetEnvCache } from "@/lib/env";
import { addMember, createUser } from "@/lib/users/service";
import {
  acceptInvitationResponse,
  invitation,
  invitationListResponse,
  invitationWithLink,
  publicInvitation,
} from "./schemas";
import { acceptPendingInvitationsForEmail } from "./service";
import {
  call,
  expectBody,
  expectError,
  newMember,
  newOwner,
  sessionCookie,
  tokenFor,
  uid,
  type TestMember,
} from "@/lib/testing/api";
import * as listRoute from "@/app/api/v1/org/[org]/invitations/route";
import * as oneRoute from "@/app/api/v1/org/[org]/invitations/[id]/route";
import * as resendRoute from "@/app/api/v1/org/[org]/invitations/[id]/resend/route";
import * as publicRoute from "@/app/api/v1/invitations/[token]/route";
import * as acceptRoute from "@/app/api/v1/invitations/[token]/accept/route";

let owner: TestMember;
let ownerCookie: string;
let admin: TestMember;
let adminCookie: string;

beforeAll(async () => {
  owner = await newOwner();
  ownerCookie = await sessionCookie(owner.user.id);
  admin = await newMember(owner.org, "admin");
  adminCookie = await sessionCookie(admin.user.id);
});

type Auth = { cookie?: string; token?: string };
const invite = (org: string, auth: Auth, body: unknown) =>
  call(listRoute.POST, {
    method: "POST",
    path: `/api/v1/org/${org}/invitations`,
    params: { org },
    body,
    ...auth,
  });
const list = (org: string, auth: Auth) => call(listRoute.GET, { params: { org }, ...auth });
const revoke = (org: string, id: string, auth: Auth) =>
  call(oneRoute.DELETE, { method: "DELETE", params: { org, id }, ...auth });
const resend = (org: string, id: string, auth: Auth) =>
  call(resendRoute.POST, {
    method: "POST",
    path: `/api/v1/org/${org}/invitations/${id}/resend`,
    params: { org, id },
    ...auth,
  });
const view = (token: string) => call(publicRoute.GET, { params: { token } });
const accept = (token: string, auth: Auth) =>
  call(acceptRoute.POST, { method: "POST", params: { token }, ...auth });
const secretOf = (url: string) => url.split("/invite/")[1]!;
const freshEmail = () => `invitee-${uid()}@test.quiver`;

async function created(
  email = freshEmail(),
  role = "member",
  auth: Auth = { cookie: ownerCookie },
  org = owner.org.slug,
) {
  const body = expectBody(await invite(org, auth, { email, role }), 201, invitationWithLink);
  return { ...body, secret: secretOf(body.accept_url) };
}

async function userWithEmail(email: string) {
  const { user } = await createUser(db(), {
    email,
    password: "password-123",
    name: `Invitee ${uid()}`,
  });
  return { user, cookie: await sessionCookie(user.id) };
}

const auditActions = async (orgId: string, targetId: string) =>
  (
    await db().auditEvent.findMany({ where: { orgId, targetId }, orderBy: { createdAt: "asc" } })
  ).map((e) => e.action);

describe("POST /api/v1/org/{org}/invitations", () => {
  it("creates a pending invitation whose link is shown once and stored only as its sha256", async () => {
    const email = `New.Person-${uid()}@Test.Quiver`;
    const res = await created(email, "member");
    expect(res.accept_url).toMatch(/^http:\/\/localhost\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(res.invitation).toMatchObject({
      email: email.toLowerCase(),
      role: "member",
      status: "pending",
      invited_by: { name: owner.user.name, email: owner.user.email },
      email_sent_at: null,
      email_error: null,
    });
    const ttlMs =
      new Date(res.invitation.expires_at).getTime() - new Date(res.invitation.created_at).getTime();
    expect(ttlMs).toBe(7 * 86_400_000);

    const row = await db().invitation.findUniqueOrThrow({
      where: { id: res.invitation.id },
      omit: { tokenHash: false },
    });
    expect(row.tokenHash).toBe(hashToken(res.secret));
    // The secret is nowhere in the database: not in the row, not in the audit trail.
    const everything = JSON.stringify([
      await db().invitation.findMany({
        where: { orgId: owner.org.id },
        omit: { tokenHash: false },
      }),
      await db().auditEvent.findMany({ where: { orgId: owner.org.id } }),
    ]);
    expect(everything).not.toContain(res.secret);
    expect(await auditActions(owner.org.id, res.invitation.id)).toEqual(["invitation.create"]);

    const listed = expectBody(
      await list(owner.org.slug, { cookie: ownerCookie }),
      200,
      invitationListResponse,
    );
    expect(listed.items.find((i) => i.id === res.invitation.id)).toEqual(res.invitation);
    expect(JSON.stringify(listed)).not.toContain(res.secret);
  });

  it("uses NEXTAUTH_URL's address for the link when it is set, the request's origin otherwise", async () => {
    const send = (path: string) =>
      call(listRoute.POST, {
        method: "POST",
        path,
        params: { org: owner.org.slug },
        cookie: ownerCookie,
        body: { email: freshEmail(), role: "viewer" },
        headers: { origin: "http://localhost" },
      });
    expect(
      invitationWithLink.parse((await send(`/api/v1/org/${owner.org.slug}/invitations`)).json)
        .accept_url,
    ).toMatch(/^http:\/\/localhost\/invite\//);
    vi.stubEnv("NEXTAUTH_URL", "https://quiver.example.com/");
    resetEnvCache();
    try {
      const res = await send(`/api/v1/org/${owner.org.slug}/invitations`);
      expect(invitationWithLink.parse(res.json).accept_url).toMatch(
        /^https:\/\/quiver\.example\.com\/invite\/[A-Za-z0-9_-]{43}$/,
      );
    } finally {
      vi.unstubAllEnvs();
      resetEnvCache();
    }
  });

  it("replaces an open invitation to the same email: the first link stops working", async () => {
    const email = freshEmail();
    const first = await created(email, "viewer");
    const second = await created(email.toUpperCase(), "member");
    const old = await db().invitation.findUniqueOrThrow({ where: { id: first.invitation.id } });
    expect(old.revokedAt).not.toBeNull();
    expect(old.replacedAt).not.toBeNull();
    expect(publicInvitation.parse((await view(first.secret)).json).status).toBe("revoked");
    const { cookie } = await userWithEmail(email);
    const refused = expectError(await accept(first.secret, { cookie }), 409, "conflict_error");
    expect(refused.detail).toMatch(/replaced by a newer one/);
    const items = expectBody(
      await list(owner.org.slug, { cookie: ownerCookie }),
      200,
      invitationListResponse,
    ).items;
    expect(items.filter((i) => i.email === email)).toEqual([
      expect.objectContaining({ id: second.invitation.id, role: "member" }),
    ]);
    expect(
      expectBody(await accept(second.secret, { cookie }), 200, acceptInvitationResponse).role,
    ).toBe("member");
  });

  it("invites up to the inviter's own role: admins not owners, owners owners", async () => {
    const tooHigh = expectError(
      await invite(owner.org.slug, { cookie: adminCookie }, { email: freshEmail(), role: "owner" }),
      403,
      "forbidden_error",
    );
    expect(tooHigh.detail).toContain("admin");
    expect(
      (
        await invite(
          owner.org.slug,
          { cookie: adminCookie },
          { email: freshEmail(), role: "admin" },
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await invite(
          owner.org.slug,
          { cookie: ownerCookie },
          { email: freshEmail(), role: "owner" },
        )
      ).status,
    ).toBe(201);
  });

  it("refuses an email that already belongs to a member, whatever its case (409)", async () => {
    const member = await newMember(owner.org, "viewer");
    const res = expectError(
      await invite(
        owner.org.slug,
        { cookie: ownerCookie },
        { email: member.user.email.toUpperCase(), role: "member" },
      ),
      409,
      "already_exists_error",
    );
    expect(res.detail).toContain(member.user.email);
  });

  it("is for admins and owners: members and viewers get 403 on list and create", async () => {
    for (const role of ["member", "viewer"] as const) {
      const low = await newMember(owner.org, role);
      const cookie = await sessionCookie(low.user.id);
      expectError(await list(owner.org.slug, { cookie }), 403, "forbidden_error");
      expectError(
        await invite(owner.org.slug, { cookie }, { email: freshEmail(), role: "viewer" }),
        403,
        "forbidden_error",
      );
    }
  });

  it("answers 422 to a malformed email or an unknown role", async () => {
    const bad = expectError(
      await invite(
        owner.org.slug,
        { cookie: ownerCookie },
        { email: "not-an-email", role: "member" },
      ),
      422,
      "validation_error",
    );
    expect(bad.errors?.map((e) => e.loc)).toContainEqual(["body", "email"]);
    const role = expectError(
      await invite(owner.org.slug, { cookie: ownerCookie }, { email: freshEmail(), role: "root" }),
      422,
      "validation_error",
    );
    expect(role.errors?.map((e) => e.loc)).toContainEqual(["body", "role"]);
  });
});

describe("GET /api/v1/org/{org}/invitations", () => {
  it("lists pending and expired ones, newest first; never revoked or accepted ones", async () => {
    const org = await newOwner();
    const cookie = await sessionCookie(org.user.id);
    const a = await created(freshEmail(), "viewer", { cookie }, org.org.slug);
    const b = await created(freshEmail(), "member", { cookie }, org.org.slug);
    const c = await created(freshEmail(), "admin", { cookie }, org.org.slug);
    const d = await created(freshEmail(), "member", { cookie }, org.org.slug);
    await db().invitation.update({
      where: { id: a.invitation.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await revoke(org.org.slug, b.invitation.id, { cookie })).status).toBe(200);
    const joiner = await userWithEmail(d.invitation.email);
    expect((await accept(d.secret, { cookie: joiner.cookie })).status).toBe(200);
    const res = expectBody(await list(org.org.slug, { cookie }), 200, invitationListResponse);
    expect(res.items.map((i) => [i.id, i.status])).toEqual([
      [c.invitation.id, "pending"],
      [a.invitation.id, "expired"],
    ]);
    expect(res.total).toBe(2);
  });

  it("is scoped to the org: a token of org B sees only B's; B's invitation ids are 404 in A", async () => {
    const b = await newOwner();
    const bToken = (await tokenFor(b, ["admin"])).secret;
    const bInvitation = await created(freshEmail(), "member", { token: bToken }, b.org.slug);
    expectError(await list(owner.org.slug, { token: bToken }), 404, "not_found_error");
    expectError(
      await invite(owner.org.slug, { token: bToken }, { email: freshEmail(), role: "viewer" }),
      404,
      "not_found_error",
    );
    expectError(
      await revoke(owner.org.slug, bInvitation.invitation.id, { cookie: ownerCookie }),
      404,
      "not_found_error",
    );
    expectError(
      await resend(owner.org.slug, bInvitation.invitation.id, { cookie: ownerCookie }),
      404,
      "not_found_error",
    );
    expect(publicInvitation.parse((await view(bInvitation.secret)).json).status).toBe("pending");
    const bList = expectBody(
      await list(b.org.slug, { token: bToken }),
      200,
      invitationListResponse,
    );
    expect(bList.items.map((i) => i.id)).toEqual([bInvitation.invitation.id]);
  });
});

describe("DELETE /api/v1/org/{org}/invitations/{id}", () => {
  it("revokes: the link answers 409 and shows revoked; a second revoke answers the same", async () => {
    const inv = await created();
    const res = expectBody(
      await revoke(owner.org.slug, inv.invitation.id, { cookie: adminCookie }),
      200,
      invitation,
    );
    expect(res).toMatchObject({ id: inv.invitation.id, status: "revoked" });
    expect(await auditActions(owner.org.id, inv.invitation.id)).toEqual([
      "invitation.create",
      "invitation.revoke",
    ]);
    expect(publicInvitation.parse((await view(inv.secret)).json).status).toBe("revoked");
    const { cookie } = await userWithEmail(inv.invitation.email);
    const gone = expectError(await accept(inv.secret, { cookie }), 409, "conflict_error");
    expect(gone.detail).toMatch(/revoked/);
    expect(
      expectBody(
        await revoke(owner.org.slug, inv.invitation.id, { cookie: adminCookie }),
        200,
        invitation,
      ).status,
    ).toBe("revoked");
    expect(await auditActions(owner.org.id, inv.invitation.id)).toEqual([
      "invitation.create",
      "invitation.revoke",
    ]);
    expectError(
      await revoke(owner.org.slug, "00000000-0000-4000-8000-000000000000", { cookie: adminCookie }),
      404,
      "not_found_error",
    );
  });

  it("refuses to revoke an accepted invitation (409)", async () => {
    const inv = await created();
    const { cookie } = await userWithEmail(inv.invitation.email);
    expect((await accept(inv.secret, { cookie })).status).toBe(200);
    expectError(
      await revoke(owner.org.slug, inv.invitation.id, { cookie: ownerCookie }),
      409,
      "conflict_error",
    );
  });
});

describe("POST /api/v1/org/{org}/invitations/{id}/resend", () => {
  it("gives a new link (the old one is unknown at once) and renews an expired invitation", async () => {
    const inv = await created();
    await db().invitation.update({
      where: { id: inv.invitation.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(publicInvitation.parse((await view(inv.secret)).json).status).toBe("expired");
    const again = expectBody(
      await resend(owner.org.slug, inv.invitation.id, { cookie: adminCookie }),
      200,
      invitationWithLink,
    );
    const secret = secretOf(again.accept_url);
    expect(secret).not.toBe(inv.secret);
    expect(again.invitation).toMatchObject({ id: inv.invitation.id, status: "pending" });
    expect(new Date(again.invitation.expires_at).getTime()).toBeGreaterThan(
      Date.now() + 6 * 86_400_000,
    );
    expectError(await view(inv.secret), 404, "not_found_error");
    expect(publicInvitation.parse((await view(secret)).json).status).toBe("pending");
    expect(await auditActions(owner.org.id, inv.invitation.id)).toEqual([
      "invitation.create",
      "invitation.resend",
    ]);
  });

  it("refuses revoked and accepted invitations (409) and an owner's invitation to an admin (403)", async () => {
    const revoked = await created();
    await revoke(owner.org.slug, revoked.invitation.id, { cookie: ownerCookie });
    expectError(
      await resend(owner.org.slug, revoked.invitation.id, { cookie: ownerCookie }),
      409,
      "conflict_error",
    );
    const ownerInvite = await created(freshEmail(), "owner");
    expectError(
      await resend(owner.org.slug, ownerInvite.invitation.id, { cookie: adminCookie }),
      403,
      "forbidden_error",
    );
    expect(publicInvitation.parse((await view(ownerInvite.secret)).json).status).toBe("pending");
  });
});

describe("GET /api/v1/invitations/{token}", () => {
  it("shows the org, email, role, inviter and whether an account exists, without signing in", async () => {
    const inv = await created(freshEmail(), "admin");
    const res = await view(inv.secret);
    expect(res.headers.get("x-ratelimit-limit")).toBeTruthy();
    expect(expectBody(res, 200, publicInvitation)).toEqual({
      org: { slug: owner.org.slug, name: owner.org.name },
      email: inv.invitation.email,
      role: "admin",
      status: "pending",
      invited_by: { name: owner.user.name },
      expires_at: inv.invitation.expires_at,
      account_exists: false,
    });
    await userWithEmail(inv.invitation.email);
    expect(publicInvitation.parse((await view(inv.secret)).json).account_exists).toBe(true);
  });

  it("shows expired, revoked and accepted links as such", async () => {
    const expired = await created();
    await db().invitation.update({
      where: { id: expired.invitation.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(publicInvitation.parse((await view(expired.secret)).json).status).toBe("expired");
    const accepted = await created();
    const { cookie } = await userWithEmail(accepted.invitation.email);
    await accept(accepted.secret, { cookie });
    expect(publicInvitation.parse((await view(accepted.secret)).json)).toMatchObject({
      status: "accepted",
      account_exists: true,
    });
  });

  it("answers an unknown or malformed secret with a bare 404", async () => {
    const a = expectError(await view("x".repeat(43)), 404, "not_found_error");
    const b = expectError(await view("nope"), 404, "not_found_error");
    expect(a.detail).toBe("Invitation not found");
    expect(b.detail).toBe("Invitation not found");
    expectError(await view("y".repeat(201)), 422, "validation_error");
  });
});

describe("POST /api/v1/invitations/{token}/accept", () => {
  it("adds the invited account with the role, case-insensitively, once; audit member.add and invitation.accept", async () => {
    const email = freshEmail();
    const inv = await created(email.toUpperCase(), "admin");
    const { user, cookie } = await userWithEmail(email);
    const res = expectBody(await accept(inv.secret, { cookie }), 200, acceptInvitationResponse);
    expect(res).toEqual({ org: { slug: owner.org.slug, name: owner.org.name }, role: "admin" });
    const m = await db().membership.findUniqueOrThrow({
      where: { userId_orgId: { userId: user.id, orgId: owner.org.id } },
    });
    expect(m.role).toBe("admin");
    const row = await db().invitation.findUniqueOrThrow({ where: { id: inv.invitation.id } });
    expect(row.acceptedAt).not.toBeNull();
    expect(row.acceptedById).toBe(user.id);
    expect(await auditActions(owner.org.id, inv.invitation.id)).toEqual([
      "invitation.create",
      "invitation.accept",
    ]);
    expect(await auditActions(owner.org.id, user.id)).toEqual(["member.add"]);
    // Accepting twice: 409.
    const twice = expectError(await accept(inv.secret, { cookie }), 409, "conflict_error");
    expect(twice.detail).toMatch(/already been accepted/);
  });

  it("answers 409 expired_token_error to an expired link", async () => {
    const inv = await created();
    await db().invitation.update({
      where: { id: inv.invitation.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const { cookie, user } = await userWithEmail(inv.invitation.email);
    const res = expectError(await accept(inv.secret, { cookie }), 409, "expired_token_error");
    expect(res.detail).toMatch(/expired/);
    expect(
      await db().membership.findFirst({ where: { userId: user.id, orgId: owner.org.id } }),
    ).toBeNull();
  });

  it("answers 403 naming the invited address to another account, and adds nobody", async () => {
    const inv = await created();
    const other = await userWithEmail(freshEmail());
    const res = expectError(
      await accept(inv.secret, { cookie: other.cookie }),
      403,
      "forbidden_error",
    );
    expect(res.detail).toContain(inv.invitation.email);
    expect(
      await db().membership.findFirst({ where: { userId: other.user.id, orgId: owner.org.id } }),
    ).toBeNull();
    expect(publicInvitation.parse((await view(inv.secret)).json).status).toBe("pending");
  });

  it("needs a browser session: 401 without one, 403 with an API token; unknown link 404", async () => {
    const inv = await created();
    expectError(await accept(inv.secret, {}), 401, "authentication_error");
    const { user } = await userWithEmail(inv.invitation.email);
    const personal = await db().membership.findFirstOrThrow({
      where: { userId: user.id },
      include: { org: true },
    });
    const token = (await tokenFor({ user, org: personal.org, role: "owner" }, ["admin"])).secret;
    expectError(await accept(inv.secret, { token }), 403, "forbidden_error");
    expectError(
      await accept("z".repeat(43), { cookie: await sessionCookie(user.id) }),
      404,
      "not_found_error",
    );
  });

  it("keeps the higher role of someone who became a member meanwhile", async () => {
    const up = await created(freshEmail(), "admin");
    const a = await userWithEmail(up.invitation.email);
    await addMember(db(), owner.org.id, a.user.id, "viewer");
    expect(
      expectBody(await accept(up.secret, { cookie: a.cookie }), 200, acceptInvitationResponse).role,
    ).toBe("admin");
    expect(await auditActions(owner.org.id, a.user.id)).toEqual(["member.role_change"]);

    const down = await created(freshEmail(), "viewer");
    const b = await userWithEmail(down.invitation.email);
    await addMember(db(), owner.org.id, b.user.id, "admin");
    expect(
      expectBody(await accept(down.secret, { cookie: b.cookie }), 200, acceptInvitationResponse)
        .role,
    ).toBe("admin");
    expect(
      (
        await db().membership.findFirstOrThrow({
          where: { userId: b.user.id, orgId: owner.org.id },
        })
      ).role,
    ).toBe("admin");
    expect(publicInvitation.parse((await view(down.secret)).json).status).toBe("accepted");
  });
});

describe("acceptPendingInvitationsForEmail", () => {
  it("accepts every pending, unexpired invitation for the email, in every org, and nothing else", async () => {
    const email = freshEmail();
    const other = await newOwner();
    const otherCookie = await sessionCookie(other.user.id);
    const mine = await created(email, "member");
    const theirs = await created(
      email.toUpperCase(),
      "admin",
      { cookie: otherCookie },
      other.org.slug,
    );
    const third = await newOwner();
    const expired = await created(
      email,
      "viewer",
      { cookie: await sessionCookie(third.user.id) },
      third.org.slug,
    );
    await db().invitation.update({
      where: { id: expired.invitation.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const { user } = await userWithEmail(email);
    const joined = await db().$transaction((tx) =>
      acceptPendingInvitationsForEmail(tx, {
        id: user.id,
        email: email.toUpperCase(),
        name: user.name,
      }),
    );
    expect(joined.sort((x, y) => x.slug.localeCompare(y.slug))).toEqual(
      [
        { orgId: owner.org.id, slug: owner.org.slug, role: "member" },
        { orgId: other.org.id, slug: other.org.slug, role: "admin" },
      ].sort((x, y) => x.slug.localeCompare(y.slug)),
    );
    expect(publicInvitation.parse((await view(mine.secret)).json).status).toBe("accepted");
    expect(publicInvitation.parse((await view(theirs.secret)).json).status).toBe("accepted");
    expect(publicInvitation.parse((await view(expired.secret)).json).status).toBe("expired");
    expect(
      await db().membership.findFirst({ where: { userId: user.id, orgId: third.org.id } }),
    ).toBeNull();
    expect(await auditActions(other.org.id, user.id)).toEqual(["member.add"]);
  });
});
