// PATCH and DELETE /api/v1/org/{org}/members/{user_id}: the role ladder (admins up to their own
// role, owners only by owners), the last owner (no demotion, leaving or removal), leaving, token
// revocation on removal, tenancy, audit events, and two owners demoting each other at once.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { RoleName } from "@/lib/auth/roles";
import { member, removedMember } from "@/lib/members/schemas";
import {
  call,
  expectBody,
  expectError,
  newMember,
  newOwner,
  sessionCookie,
  tokenFor,
  type TestMember,
} from "@/lib/testing/api";
import * as workspaces from "@/app/api/v1/org/[org]/workspaces/route";
import { DELETE, PATCH } from "./route";

const patch = (
  org: string,
  userId: string,
  role: string,
  auth: { cookie?: string; token?: string },
) => call(PATCH, { method: "PATCH", params: { org, user_id: userId }, body: { role }, ...auth });
const remove = (org: string, userId: string, auth: { cookie?: string; token?: string }) =>
  call(DELETE, { method: "DELETE", params: { org, user_id: userId }, ...auth });

const roleOf = async (m: TestMember) =>
  (
    await db().membership.findUnique({
      where: { userId_orgId: { userId: m.user.id, orgId: m.org.id } },
    })
  )?.role ?? null;
const owners = (orgId: string) => db().membership.count({ where: { orgId, role: "owner" } });
const audit = (orgId: string, action: string) =>
  db().auditEvent.findMany({ where: { orgId, action } });

/** An org whose founding owner stays an owner, with the caller in `actor` role (the founder for "owner"). */
async function orgWith(
  actor: RoleName,
): Promise<{ founder: TestMember; actor: TestMember; cookie: string }> {
  const founder = await newOwner();
  const a = actor === "owner" ? founder : await newMember(founder.org, actor);
  return { founder, actor: a, cookie: await sessionCookie(a.user.id) };
}

// [caller's role, target's role, new role, status]
const ladder: [RoleName, RoleName, RoleName, number][] = [
  ["viewer", "viewer", "member", 403],
  ["member", "viewer", "member", 403],
  ["member", "member", "viewer", 403],
  ["admin", "viewer", "member", 200],
  ["admin", "viewer", "admin", 200],
  ["admin", "member", "viewer", 200],
  ["admin", "admin", "member", 200],
  ["admin", "member", "owner", 403],
  ["admin", "owner", "admin", 403],
  ["admin", "owner", "viewer", 403],
  ["owner", "viewer", "owner", 200],
  ["owner", "admin", "owner", 200],
  ["owner", "owner", "admin", 200],
  ["owner", "owner", "viewer", 200],
  ["owner", "member", "admin", 200],
];

describe("PATCH /api/v1/org/{org}/members/{user_id}", () => {
  it.each(ladder)("a %s changing a %s to %s → %i", async (actorRole, targetRole, to, status) => {
    const { founder, cookie } = await orgWith(actorRole);
    const target = await newMember(founder.org, targetRole);
    const res = await patch(founder.org.slug, target.user.id, to, { cookie });
    if (status === 200) {
      const body = expectBody(res, 200, member);
      expect(body).toMatchObject({ user_id: target.user.id, email: target.user.email, role: to });
      expect(await roleOf(target)).toBe(to);
      const [event] = await audit(founder.org.id, "member.role_change");
      expect(event).toMatchObject({
        targetId: target.user.id,
        summary: { email: target.user.email, from: targetRole, to },
      });
    } else {
      expectError(res, status, "forbidden_error");
      expect(await roleOf(target)).toBe(targetRole);
      expect(await audit(founder.org.id, "member.role_change")).toHaveLength(0);
    }
  });

  it("an admin may lower their own role but not raise it", async () => {
    const { founder, actor, cookie } = await orgWith("admin");
    expectError(
      await patch(founder.org.slug, actor.user.id, "owner", { cookie }),
      403,
      "forbidden_error",
    );
    expectBody(await patch(founder.org.slug, actor.user.id, "member", { cookie }), 200, member);
    expect(await roleOf(actor)).toBe("member");
    // Now a member: changing roles is over.
    expectError(
      await patch(founder.org.slug, actor.user.id, "admin", { cookie }),
      403,
      "forbidden_error",
    );
  });

  it("the last owner cannot be demoted (409 saying why); with a second owner they can", async () => {
    const founder = await newOwner();
    const cookie = await sessionCookie(founder.user.id);
    const refused = expectError(
      await patch(founder.org.slug, founder.user.id, "admin", { cookie }),
      409,
      "conflict_error",
    );
    expect(refused.detail).toMatch(/last owner/);
    expect(await roleOf(founder)).toBe("owner");
    const second = await newMember(founder.org, "member");
    expectBody(await patch(founder.org.slug, second.user.id, "owner", { cookie }), 200, member);
    expectBody(await patch(founder.org.slug, founder.user.id, "admin", { cookie }), 200, member);
    expect(await roleOf(founder)).toBe("admin");
    // The second owner is now the last one.
    const lastCookie = await sessionCookie(second.user.id);
    expectError(
      await patch(founder.org.slug, second.user.id, "member", { cookie: lastCookie }),
      409,
      "conflict_error",
    );
  });

  it("two owners demoting each other at the same time leave exactly one owner", async () => {
    for (let round = 0; round < 3; round++) {
      const a = await newOwner();
      const b = await newMember(a.org, "owner");
      const [ca, cb] = [await sessionCookie(a.user.id), await sessionCookie(b.user.id)];
      const results = await Promise.all([
        patch(a.org.slug, b.user.id, "admin", { cookie: ca }),
        patch(a.org.slug, a.user.id, "admin", { cookie: cb }),
      ]);
      // The second to run finds its caller no longer an owner.
      expect(results.map((r) => r.status).sort()).toEqual([200, 403]);
      expect(await owners(a.org.id)).toBe(1);
    }
  });

  it("two owners demoting themselves at the same time: one is refused as the last owner", async () => {
    for (let round = 0; round < 3; round++) {
      const a = await newOwner();
      const b = await newMember(a.org, "owner");
      const [ca, cb] = [await sessionCookie(a.user.id), await sessionCookie(b.user.id)];
      const results = await Promise.all([
        patch(a.org.slug, a.user.id, "member", { cookie: ca }),
        patch(a.org.slug, b.user.id, "member", { cookie: cb }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await owners(a.org.id)).toBe(1);
    }
  });

  it("a member of another org, or an unknown id, is a 404", async () => {
    const { founder, cookie } = await orgWith("owner");
    const elsewhere = await newOwner();
    expectError(
      await patch(founder.org.slug, elsewhere.user.id, "viewer", { cookie }),
      404,
      "not_found_error",
    );
    expectError(
      await patch(founder.org.slug, "7d1b0c59-7cb6-4d5e-9f43-7d8f3b3c1a11", "viewer", { cookie }),
      404,
      "not_found_error",
    );
    expect(await roleOf(elsewhere)).toBe("owner");
  });

  it("refuses an unknown role (422) and a token without the admin scope (403)", async () => {
    const { founder, cookie } = await orgWith("owner");
    const target = await newMember(founder.org, "member");
    const bad = expectError(
      await patch(founder.org.slug, target.user.id, "superuser", { cookie }),
      422,
      "validation_error",
    );
    expect(bad.errors?.[0]?.loc).toEqual(["body", "role"]);
    const write = await tokenFor(founder, ["write"]);
    expectError(
      await patch(founder.org.slug, target.user.id, "viewer", { token: write.secret }),
      403,
      "forbidden_error",
    );
    const adminToken = await tokenFor(founder, ["admin"]);
    expectBody(
      await patch(founder.org.slug, target.user.id, "viewer", { token: adminToken.secret }),
      200,
      member,
    );
  });
});

// [caller's role, target's role, status]
const removals: [RoleName, RoleName, number][] = [
  ["viewer", "viewer", 403],
  ["member", "viewer", 403],
  ["member", "member", 403],
  ["admin", "viewer", 200],
  ["admin", "member", 200],
  ["admin", "admin", 200],
  ["admin", "owner", 403],
  ["owner", "admin", 200],
  ["owner", "owner", 200],
];

describe("DELETE /api/v1/org/{org}/members/{user_id}", () => {
  it.each(removals)("a %s removing a %s → %i", async (actorRole, targetRole, status) => {
    const { founder, cookie } = await orgWith(actorRole);
    const target = await newMember(founder.org, targetRole);
    const res = await remove(founder.org.slug, target.user.id, { cookie });
    if (status === 200) {
      expect(expectBody(res, 200, removedMember)).toEqual({
        user_id: target.user.id,
        tokens_revoked: 0,
      });
      expect(await roleOf(target)).toBeNull();
      expect(await audit(founder.org.id, "member.remove")).toMatchObject([
        { targetId: target.user.id, summary: { email: target.user.email, role: targetRole } },
      ]);
    } else {
      expectError(res, status, "forbidden_error");
      expect(await roleOf(target)).toBe(targetRole);
    }
  });

  it.each(["viewer", "member", "admin", "owner"] as const)(
    "a %s may leave (a second owner remaining)",
    async (role) => {
      const founder = await newOwner();
      const leaver = await newMember(founder.org, role);
      const cookie = await sessionCookie(leaver.user.id);
      expect(
        expectBody(await remove(founder.org.slug, leaver.user.id, { cookie }), 200, removedMember)
          .user_id,
      ).toBe(leaver.user.id);
      expect(await roleOf(leaver)).toBeNull();
      const [event] = await audit(founder.org.id, "member.leave");
      expect(event).toMatchObject({ targetId: leaver.user.id, actorId: leaver.user.id });
      expect(await audit(founder.org.id, "member.remove")).toHaveLength(0);
    },
  );

  it("the last owner can neither leave (409 saying so) nor be removed by an admin", async () => {
    const founder = await newOwner();
    const cookie = await sessionCookie(founder.user.id);
    const refused = expectError(
      await remove(founder.org.slug, founder.user.id, { cookie }),
      409,
      "conflict_error",
    );
    expect(refused.detail).toMatch(/last owner.*cannot leave/);
    const admin = await newMember(founder.org, "admin");
    expectError(
      await remove(founder.org.slug, founder.user.id, {
        cookie: await sessionCookie(admin.user.id),
      }),
      403,
      "forbidden_error",
    );
    expect(await roleOf(founder)).toBe("owner");
  });

  it("two owners leaving at the same time leave exactly one owner", async () => {
    const a = await newOwner();
    const b = await newMember(a.org, "owner");
    const results = await Promise.all([
      remove(a.org.slug, a.user.id, { cookie: await sessionCookie(a.user.id) }),
      remove(a.org.slug, b.user.id, { cookie: await sessionCookie(b.user.id) }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await owners(a.org.id)).toBe(1);
  });

  it("revokes the member's tokens of this org only, and their session loses the org at once", async () => {
    const founder = await newOwner();
    const target = await newMember(founder.org, "member");
    const personal = await db().organization.findFirstOrThrow({
      where: { memberships: { some: { userId: target.user.id, role: "owner" } } },
    });
    const inOrg = [await tokenFor(target, ["read"]), await tokenFor(target, ["write"])];
    const inPersonal = await tokenFor({ ...target, org: personal, role: "owner" }, ["read"]);
    const founderToken = await tokenFor(founder, ["admin"]);
    const targetCookie = await sessionCookie(target.user.id);
    expect(
      (await call(workspaces.GET, { params: { org: founder.org.slug }, cookie: targetCookie }))
        .status,
    ).toBe(200);

    const body = expectBody(
      await remove(founder.org.slug, target.user.id, { token: founderToken.secret }),
      200,
      removedMember,
    );
    expect(body).toEqual({ user_id: target.user.id, tokens_revoked: 2 });

    expectError(
      await call(workspaces.GET, { params: { org: founder.org.slug }, cookie: targetCookie }),
      404,
      "not_found_error",
    );
    for (const t of inOrg)
      expectError(
        await call(workspaces.GET, { params: { org: founder.org.slug }, token: t.secret }),
        401,
        "authentication_error",
      );
    expect(
      (await call(workspaces.GET, { params: { org: personal.slug }, token: inPersonal.secret }))
        .status,
    ).toBe(200);
    expect(
      (await call(workspaces.GET, { params: { org: personal.slug }, cookie: targetCookie })).status,
    ).toBe(200);
    expect(
      (
        await call(workspaces.GET, {
          params: { org: founder.org.slug },
          token: founderToken.secret,
        })
      ).status,
    ).toBe(200);
    const [event] = await audit(founder.org.id, "member.remove");
    expect(event).toMatchObject({
      actorType: "token",
      actorId: founderToken.id,
      summary: { tokens_revoked: 2 },
    });
  });

  it("a member of another org, or someone no longer a member, is a 404", async () => {
    const { founder, cookie } = await orgWith("owner");
    const elsewhere = await newOwner();
    expectError(
      await remove(founder.org.slug, elsewhere.user.id, { cookie }),
      404,
      "not_found_error",
    );
    const gone = await newMember(founder.org, "viewer");
    expectBody(await remove(founder.org.slug, gone.user.id, { cookie }), 200, removedMember);
    expectError(await remove(founder.org.slug, gone.user.id, { cookie }), 404, "not_found_error");
    // Someone removed can no longer act in the org at all.
    expectError(
      await remove(founder.org.slug, founder.user.id, {
        cookie: await sessionCookie(gone.user.id),
      }),
      404,
      "not_found_error",
    );
  });
});
