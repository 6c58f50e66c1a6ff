// GET /api/v1/orgs: a session sees every org it belongs to, with its role. POST: a session creates
// an org it owns, with a `main` workspace; a taken slug is a 409, a bad one a 422, a token a 403.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import {
  createOrgBody,
  organization,
  orgListResponse,
  workspaceListResponse,
} from "@/lib/orgs/schemas";
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
import * as workspaces from "@/app/api/v1/org/[org]/workspaces/route";
import { GET, POST } from "./route";

describe("GET /api/v1/orgs", () => {
  it("lists the caller's orgs with their roles, and no others", async () => {
    const a = await newOwner();
    const b = await newOwner();
    const member = await newMember(b.org, "viewer");
    await newOwner(); // an org the member has nothing to do with
    const body = expectBody(
      await call(GET, { cookie: await sessionCookie(member.user.id) }),
      200,
      orgListResponse,
    );
    const bySlug = Object.fromEntries(body.orgs.map((o) => [o.slug, o.role]));
    expect(bySlug[b.org.slug]).toBe("viewer");
    expect(bySlug[a.org.slug]).toBeUndefined();
    expect(body.orgs).toHaveLength(2); // their personal org and b
  });
});

describe("POST /api/v1/orgs", () => {
  const create = (body: unknown, auth: { cookie?: string; token?: string }) =>
    call(POST, { method: "POST", body, ...auth });

  it("creates the org with the caller as owner and a main workspace, listed like GET lists it", async () => {
    const user = await newOwner();
    const cookie = await sessionCookie(user.user.id);
    const slug = `new-${uid()}`;
    const created = expectBody(
      await create({ slug, name: "  New team  " }, { cookie }),
      201,
      organization,
    );
    expect(created).toMatchObject({ slug, name: "New team", role: "owner" });
    const listed = expectBody(await call(GET, { cookie }), 200, orgListResponse).orgs.find(
      (o) => o.slug === slug,
    );
    expect(listed).toEqual(created);
    const ws = expectBody(
      await call(workspaces.GET, { params: { org: slug }, cookie }),
      200,
      workspaceListResponse,
    );
    expect(ws.workspaces.map((w) => w.slug)).toEqual(["main"]);
    const members = await db().membership.findMany({ where: { orgId: created.id } });
    expect(members).toMatchObject([{ userId: user.user.id, role: "owner" }]);
    const [event] = await db().auditEvent.findMany({
      where: { orgId: created.id, action: "org.create" },
    });
    expect(event).toMatchObject({ actorId: user.user.id, summary: { slug } });
  });

  it("answers 409 to a taken slug, creating nothing", async () => {
    const other = await newOwner();
    const user = await newOwner();
    const res = expectError(
      await create(
        { slug: other.org.slug, name: "Mine" },
        { cookie: await sessionCookie(user.user.id) },
      ),
      409,
      "already_exists_error",
    );
    expect(res.detail).toContain(other.org.slug);
    expect(await db().membership.count({ where: { userId: user.user.id } })).toBe(1);
  });

  it.each([
    "A-Capital",
    "x",
    "-lead",
    "trail-",
    "under_score",
    "a".repeat(41),
    "api",
    "sign-in",
    "",
  ])("answers 422 at slug to %j", async (slug) => {
    const user = await newOwner();
    const res = expectError(
      await create({ slug, name: "Team" }, { cookie: await sessionCookie(user.user.id) }),
      422,
      "validation_error",
    );
    expect(res.errors?.map((e) => e.loc)).toContainEqual(["body", "slug"]);
  });

  it("accepts 2 and 40 characters with inner hyphens", async () => {
    const user = await newOwner();
    const cookie = await sessionCookie(user.user.id);
    const id = uid();
    expectBody(
      await create({ slug: `${id}-${"b".repeat(39 - id.length)}`, name: "Long" }, { cookie }),
      201,
      organization,
    );
    // Two characters are enough (the slug itself may be taken by another test's org).
    expect(createOrgBody.safeParse({ slug: "q7", name: "Short" }).success).toBe(true);
  });

  it("answers 422 without a name, 401 without credentials and 403 to an API token", async () => {
    const user = await newOwner();
    const slug = `tok-${uid()}`;
    const noName = expectError(
      await create({ slug }, { cookie: await sessionCookie(user.user.id) }),
      422,
      "validation_error",
    );
    expect(noName.errors?.map((e) => e.loc)).toContainEqual(["body", "name"]);
    expectError(await create({ slug, name: "T" }, {}), 401, "authentication_error");
    const { secret } = await tokenFor(user, ["admin"]);
    const byToken = expectError(
      await create({ slug, name: "T" }, { token: secret }),
      403,
      "forbidden_error",
    );
    expect(byToken.detail).toMatch(/browser session/);
    expect(await db().organization.findUnique({ where: { slug } })).toBeNull();
  });
});
