// GET /api/v1/orgs: a session sees every org it belongs to, with its role.
import { describe, expect, it } from "vitest";
import { orgListResponse } from "@/lib/orgs/schemas";
import { call, expectBody, newMember, newOwner, sessionCookie } from "@/lib/testing/api";
import { GET } from "./route";

describe("GET /api/v1/orgs", () => {
  it("lists the caller's orgs with their roles, and no others", async () => {
    const a = await newOwner();
    const b = await newOwner();
    const member = await newMember(b.org, "viewer");
    await newOwner(); // an org the member has nothing to do with
    const body = expectBody(await call(GET, { cookie: await sessionCookie(member.user.id) }), 200, orgListResponse);
    const bySlug = Object.fromEntries(body.orgs.map((o) => [o.slug, o.role]));
    expect(bySlug[b.org.slug]).toBe("viewer");
    expect(bySlug[a.org.slug]).toBeUndefined();
    expect(body.orgs).toHaveLength(2); // their personal org and b
  });
});
