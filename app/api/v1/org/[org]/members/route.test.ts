// GET /api/v1/org/{org}/members: every member sees who belongs, with role, activity, password and
// single sign-on; pages; another org's members never show.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { memberListResponse } from "@/lib/members/schemas";
import {
  call,
  expectBody,
  expectError,
  newMember,
  newOwner,
  sessionCookie,
  tokenFor,
} from "@/lib/testing/api";
import * as workspaces from "@/app/api/v1/org/[org]/workspaces/route";
import { GET } from "./route";

const list = (org: string, cookie: string, qs = "") =>
  call(GET, { path: `/api/v1/org/${org}/members${qs}`, params: { org }, cookie });

describe("GET /api/v1/org/{org}/members", () => {
  it("lists every member with role, joined_at, last activity, password and SSO, to a viewer", async () => {
    const owner = await newOwner();
    const admin = await newMember(owner.org, "admin");
    const viewer = await newMember(owner.org, "viewer");
    await newOwner(); // another org's people never appear
    await db().userIdentity.create({
      data: {
        userId: admin.user.id,
        issuer: "https://idp.test",
        subject: `sub-${admin.user.id}`,
        email: admin.user.email,
      },
    });
    await db().user.update({ where: { id: admin.user.id }, data: { passwordHash: null } });
    const viewerCookie = await sessionCookie(viewer.user.id);

    const body = expectBody(await list(owner.org.slug, viewerCookie), 200, memberListResponse);
    expect(body).toMatchObject({ total: 3, page: 1, limit: 50 });
    expect(body.items.map((m) => [m.email, m.role])).toEqual([
      [owner.user.email, "owner"],
      [admin.user.email, "admin"],
      [viewer.user.email, "viewer"],
    ]);
    const byEmail = Object.fromEntries(body.items.map((m) => [m.email, m]));
    expect(byEmail[owner.user.email]).toMatchObject({
      user_id: owner.user.id,
      name: owner.user.name,
      has_password: true,
      sso: false,
      last_active_at: null,
    });
    expect(byEmail[admin.user.email]).toMatchObject({
      has_password: false,
      sso: true,
      last_active_at: null,
    });
    // The viewer's session counts as activity.
    expect(byEmail[viewer.user.email]!.last_active_at).not.toBeNull();
    expect(Date.parse(byEmail[viewer.user.email]!.joined_at)).toBeLessThanOrEqual(Date.now());
  });

  it("counts a token's last use in this org as activity, not one in another org", async () => {
    const owner = await newOwner();
    const member = await newMember(owner.org, "member");
    const other = {
      ...member,
      org: await db().organization.findFirstOrThrow({
        where: { memberships: { some: { userId: member.user.id, role: "owner" } } },
      }),
      role: "owner" as const,
    };
    const elsewhere = await tokenFor(other, ["read"]);
    expect(
      (await call(workspaces.GET, { params: { org: other.org.slug }, token: elsewhere.secret }))
        .status,
    ).toBe(200);
    const cookie = await sessionCookie(owner.user.id);
    const before = expectBody(
      await list(owner.org.slug, cookie),
      200,
      memberListResponse,
    ).items.find((m) => m.user_id === member.user.id);
    expect(before?.last_active_at).toBeNull();

    const here = await tokenFor(member, ["read"]);
    expect(
      (await call(workspaces.GET, { params: { org: owner.org.slug }, token: here.secret })).status,
    ).toBe(200);
    const after = expectBody(
      await list(owner.org.slug, cookie),
      200,
      memberListResponse,
    ).items.find((m) => m.user_id === member.user.id);
    expect(after?.last_active_at).not.toBeNull();
  });

  it("pages with page and limit, total counting every member", async () => {
    const owner = await newOwner();
    const added = [];
    for (const role of ["admin", "member", "viewer", "member"] as const)
      added.push(await newMember(owner.org, role));
    const cookie = await sessionCookie(owner.user.id);
    const seen: string[] = [];
    for (const page of [1, 2, 3]) {
      const body = expectBody(
        await list(owner.org.slug, cookie, `?page=${page}&limit=2`),
        200,
        memberListResponse,
      );
      expect(body).toMatchObject({ total: 5, page, limit: 2 });
      expect(body.items).toHaveLength(page === 3 ? 1 : 2);
      seen.push(...body.items.map((m) => m.user_id));
    }
    expect(seen).toEqual([owner.user.id, ...added.map((m) => m.user.id)]);
    const beyond = expectBody(
      await list(owner.org.slug, cookie, "?page=4&limit=2"),
      200,
      memberListResponse,
    );
    expect(beyond.items).toEqual([]);
    expectError(await list(owner.org.slug, cookie, "?limit=101"), 422, "validation_error");
  });

  it("is a 404 to someone who is not a member, as for an org that does not exist", async () => {
    const owner = await newOwner();
    const stranger = await newOwner();
    const cookie = await sessionCookie(stranger.user.id);
    const hidden = expectError(await list(owner.org.slug, cookie), 404, "not_found_error");
    expect(hidden.detail).toBe(`Organization '${owner.org.slug}' not found`);
  });
});
