// GET /api/v1/org/{org}/audit-events: newest first, paginated, only this org's events.
import { describe, expect, it } from "vitest";
import { auditEventListResponse } from "@/lib/audit/schemas";
import { call, expectBody, newOwner, sessionCookie } from "@/lib/testing/api";
import * as workspaces from "@/app/api/v1/org/[org]/workspaces/route";
import { GET } from "./route";

describe("GET /api/v1/org/{org}/audit-events", () => {
  it("pages through this org's events, newest first", async () => {
    const owner = await newOwner();
    const other = await newOwner();
    const cookie = await sessionCookie(owner.user.id);
    for (const slug of ["w1", "w2", "w3"]) {
      await call(workspaces.POST, {
        method: "POST",
        params: { org: owner.org.slug },
        cookie,
        body: { slug, name: slug },
      });
    }
    // 1 org.create + 3 workspace.create
    const page1 = expectBody(
      await call(GET, { path: `/x?limit=3`, params: { org: owner.org.slug }, cookie }),
      200,
      auditEventListResponse,
    );
    expect(page1).toMatchObject({
      total: 4,
      page: 1,
      limit: 3,
      total_pages: 2,
      has_next: true,
      has_previous: false,
    });
    expect(page1.audit_events.map((e) => e.summary?.slug)).toEqual(["w3", "w2", "w1"]);
    expect(page1.audit_events[0]).toMatchObject({
      action: "workspace.create",
      org: owner.org.slug,
      actor: { type: "user", label: owner.user.email },
    });
    const page2 = expectBody(
      await call(GET, { path: `/x?limit=3&page=2`, params: { org: owner.org.slug }, cookie }),
      200,
      auditEventListResponse,
    );
    expect(page2.audit_events.map((e) => e.action)).toEqual(["org.create"]);
    expect(page2).toMatchObject({ has_next: false, has_previous: true });
    const beyond = expectBody(
      await call(GET, { path: `/x?limit=3&page=9`, params: { org: owner.org.slug }, cookie }),
      200,
      auditEventListResponse,
    );
    expect(beyond.audit_events).toEqual([]);
    expect(other.org.slug).not.toBe(owner.org.slug);
  });
});
