// Workspaces: list, create, duplicates, audit.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { workspace, workspaceListResponse } from "@/lib/orgs/schemas";
import {
  call,
  expectBody,
  expectError,
  newOwner,
  sessionCookie,
  type TestMember,
} from "@/lib/testing/api";
import { GET, POST } from "./route";

let owner: TestMember;
let cookie: string;

beforeAll(async () => {
  owner = await newOwner();
  cookie = await sessionCookie(owner.user.id);
});

describe("workspaces", () => {
  it("starts with main, then lists a created workspace in slug order", async () => {
    const first = expectBody(
      await call(GET, { params: { org: owner.org.slug }, cookie }),
      200,
      workspaceListResponse,
    );
    expect(first.workspaces.map((w) => w.slug)).toEqual(["main"]);
    const created = expectBody(
      await call(POST, {
        method: "POST",
        params: { org: owner.org.slug },
        cookie,
        body: { slug: "alpha", name: "  Alpha  " },
      }),
      201,
      workspace,
    );
    expect(created).toMatchObject({ slug: "alpha", name: "Alpha" });
    const after = workspaceListResponse.parse(
      (await call(GET, { params: { org: owner.org.slug }, cookie })).json,
    );
    expect(after.workspaces.map((w) => w.slug)).toEqual(["alpha", "main"]);
    expect(
      await db().auditEvent.count({
        where: { orgId: owner.org.id, action: "workspace.create", targetId: created.id },
      }),
    ).toBe(1);
  });

  it("answers 409 to a taken slug and leaves one workspace", async () => {
    await call(POST, {
      method: "POST",
      params: { org: owner.org.slug },
      cookie,
      body: { slug: "dup", name: "One" },
    });
    const res = await call(POST, {
      method: "POST",
      params: { org: owner.org.slug },
      cookie,
      body: { slug: "dup", name: "Two" },
    });
    expectError(res, 409, "already_exists_error");
    expect(await db().workspace.count({ where: { orgId: owner.org.id, slug: "dup" } })).toBe(1);
  });

  it("refuses the slugs of the dashboard's own pages with a 422 naming the field", async () => {
    for (const slug of ["catalog", "compare", "settings"]) {
      const res = await call(POST, {
        method: "POST",
        params: { org: owner.org.slug },
        cookie,
        body: { slug, name: "Clash" },
      });
      const body = expectError(res, 422, "validation_error");
      expect(body.errors?.[0]?.loc).toEqual(["body", "slug"]);
      expect(body.errors?.[0]?.msg).toContain("reserved");
    }
    expect(
      await db().workspace.count({
        where: { orgId: owner.org.id, slug: { in: ["catalog", "compare", "settings"] } },
      }),
    ).toBe(0);
  });

  it("lets racing creates of one slug produce one workspace and 409s, never a 5xx", async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        call(POST, {
          method: "POST",
          params: { org: owner.org.slug },
          cookie,
          body: { slug: "race", name: "Race" },
        }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(3);
  });
});
