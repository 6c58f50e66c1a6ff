// GET /api/v1/org/{org}/audit-events: newest first, cursor pages, filters and search, targets by
// name (batch-resolved, deleted ones by their recorded name), action words and before/after;
// admins only. Runs on SQLite and PostgreSQL.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { auditEventListResponse } from "@/lib/audit/schemas";
import { db } from "@/lib/db/client";
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
import * as runtimes from "@/app/api/v1/org/[org]/ws/[workspace]/runtimes/route";
import * as runtime from "@/app/api/v1/org/[org]/ws/[workspace]/runtimes/[runtime_id]/route";
import * as prompts from "@/app/api/v1/org/[org]/ws/[workspace]/prompts/route";
import * as promptVersions from "@/app/api/v1/org/[org]/ws/[workspace]/prompts/[id]/versions/route";
import { GET } from "./route";

let owner: TestMember;
let cookie: string;
let rt: { id: string };
let prompt: { id: string };

const list = async (qs = "", who = cookie) =>
  expectBody(
    await call(GET, { path: `/x?${qs}`, params: { org: owner.org.slug }, cookie: who }),
    200,
    auditEventListResponse,
  );

beforeAll(async () => {
  owner = await newOwner();
  cookie = await sessionCookie(owner.user.id);
  const ws = { org: owner.org.slug, workspace: "main" };
  for (const slug of ["w1", "w2", "w3"])
    await call(workspaces.POST, { method: "POST", params: ws, cookie, body: { slug, name: slug } });
  rt = (
    await call(runtimes.POST, { method: "POST", params: ws, cookie, body: { name: "edge-eu" } })
  ).json as { id: string };
  await call(runtime.PATCH, {
    method: "PATCH",
    params: { ...ws, runtime_id: rt.id },
    cookie,
    body: { name: "edge-europe" },
  });
  const gone = (
    await call(runtimes.POST, { method: "POST", params: ws, cookie, body: { name: "old-box" } })
  ).json as { id: string };
  await call(runtime.DELETE, { method: "DELETE", params: { ...ws, runtime_id: gone.id }, cookie });
  prompt = (
    await call(prompts.POST, {
      method: "POST",
      params: ws,
      cookie,
      body: { name: "support-reply", content: "Be kind." },
    })
  ).json as { id: string };
  for (const content of ["Be kind and brief.", "Be kind, brief and exact."])
    await call(promptVersions.POST, {
      method: "POST",
      params: { ...ws, id: prompt.id },
      cookie,
      body: { content },
    });
});

describe("GET /api/v1/org/{org}/audit-events", () => {
  it("names targets, words actions and shows before and after", async () => {
    const page = await list();
    const version = page.audit_events.find((e) => e.action === "prompt.version.create")!;
    expect(version).toMatchObject({
      action_label: "Added a prompt version",
      target: {
        type: "prompt",
        id: prompt.id,
        name: "support-reply",
        url: `/${owner.org.slug}/main/prompts/${prompt.id}`,
        deleted: false,
      },
    });
    // The newest version event names the third version.
    expect(version.target.label).toBe("prompt support-reply v3");
    const rename = page.audit_events.find((e) => e.action === "runtime.update")!;
    expect(rename.target).toMatchObject({ label: "runtime edge-europe", deleted: false });
    expect(rename.changes).toEqual([{ field: "name", before: "edge-eu", after: "edge-europe" }]);
    const deleted = page.audit_events.find((e) => e.action === "runtime.delete")!;
    expect(deleted.target).toMatchObject({
      name: "old-box",
      label: "runtime old-box",
      url: null,
      deleted: true,
    });
    const org = page.audit_events.find((e) => e.action === "org.create")!;
    expect(org).toMatchObject({
      action_label: "Created the organization",
      target: { name: owner.org.name, deleted: false },
      actor: { type: "user", label: owner.user.email },
    });
  });

  it("resolves the names of a page with one query per target type, not one per row", async () => {
    const spy = vi.spyOn(db().workspace, "findMany");
    try {
      const page = await list("target_type=workspace");
      expect(page.audit_events.map((e) => e.target.label)).toEqual([
        "workspace w3",
        "workspace w2",
        "workspace w1",
      ]);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it("pages with an opaque cursor, newest first, without gaps or repeats", async () => {
    const all = (await list("limit=100")).audit_events.map((e) => e.id);
    // org.create, 3 workspaces, 4 runtime events, a prompt and its 2 new versions.
    expect(all).toHaveLength(11);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof list>> = await list(
        `limit=5${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(page.audit_events.length).toBeLessThanOrEqual(5);
      seen.push(...page.audit_events.map((e) => e.id));
      expect(page.has_next).toBe(page.next_cursor !== null);
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it("keeps events of the same instant apart by id across pages", async () => {
    const other = await newOwner();
    const at = new Date("2026-06-01T12:00:00.000Z");
    // Ids that sort by their last character, new on every run (the test database is kept).
    const base = randomUUID().slice(0, 35);
    const idOf = (i: number) => `${base}${i}`;
    await db().auditEvent.createMany({
      data: Array.from({ length: 7 }, (_, i) => ({
        id: idOf(i),
        orgId: other.org.id,
        actorType: "system",
        actorLabel: "system",
        action: "optimization.start",
        targetType: "optimization_job",
        targetId: idOf(i),
        createdAt: at,
      })),
    });
    const otherCookie = await sessionCookie(other.user.id);
    const get = async (qs: string) =>
      expectBody(
        await call(GET, { path: `/x?${qs}`, params: { org: other.org.slug }, cookie: otherCookie }),
        200,
        auditEventListResponse,
      );
    const first = await get("limit=3&action=optimization.start");
    const second = await get(`limit=3&action=optimization.start&cursor=${first.next_cursor}`);
    const third = await get(`limit=3&action=optimization.start&cursor=${second.next_cursor}`);
    const ids = [first, second, third].flatMap((p) => p.audit_events.map((e) => e.target.id));
    expect(ids).toEqual(Array.from({ length: 7 }, (_, i) => idOf(6 - i)));
    expect(third).toMatchObject({ has_next: false, next_cursor: null });
    // Gone jobs with nothing recorded about them: named by the start of their id, marked deleted.
    expect(first.audit_events[0]!.target).toMatchObject({
      label: `optimization run ${base.slice(0, 8)}`,
      deleted: true,
      url: null,
    });
  });

  it("filters by action, target type, actor and dates, and searches names and values", async () => {
    const byAction = await list("action=runtime.update");
    expect(byAction.audit_events.map((e) => e.action)).toEqual(["runtime.update"]);
    const byType = await list("target_type=prompt");
    expect(new Set(byType.audit_events.map((e) => e.target.type))).toEqual(new Set(["prompt"]));
    expect(byType.audit_events).toHaveLength(3);
    expect((await list(`actor=${owner.user.id}`)).audit_events.length).toBeGreaterThan(10);
    expect((await list("actor=system")).audit_events).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await list(`from=${today}&to=${today}`)).audit_events.length).toBeGreaterThan(10);
    expect((await list("to=2001-01-01")).audit_events).toEqual([]);
    expect((await list(`from=${today}T00:00:00Z`)).audit_events.length).toBeGreaterThan(10);
    // A target's name finds its events, even those whose summary does not carry it.
    const search = await list("q=SUPPORT-reply");
    expect(search.audit_events.map((e) => e.action).sort()).toEqual([
      "prompt.create",
      "prompt.version.create",
      "prompt.version.create",
    ]);
    // A summary's value (the old name) finds the rename.
    expect((await list("q=edge-eu&action=runtime.update")).audit_events).toHaveLength(1);
    expect((await list("q=nothing-like-this")).audit_events).toEqual([]);
  });

  it("counts what a person did with their tokens under their name", async () => {
    const admin = await newMember(owner.org, "admin");
    const token = await tokenFor(admin, ["admin"]);
    await call(workspaces.POST, {
      method: "POST",
      params: { org: owner.org.slug },
      token: token.secret,
      body: { slug: "by-token", name: "By token" },
    });
    const page = await list(`actor=${admin.user.id}`);
    expect(page.audit_events.map((e) => [e.action, e.actor.type])).toEqual([
      ["workspace.create", "token"],
      ["token.create", "user"],
    ]);
  });

  it("refuses bad filters and cursors with a 422 naming the parameter", async () => {
    const bad = async (qs: string, loc: (string | number)[]) => {
      const res = await call(GET, { path: `/x?${qs}`, params: { org: owner.org.slug }, cookie });
      const err = expectError(res, 422, "validation_error");
      expect(err.errors?.[0]?.loc).toEqual(loc);
    };
    await bad("cursor=bm90LWEtY3Vyc29y", ["query", "cursor"]);
    await bad("cursor=***", ["query", "cursor"]);
    await bad("action=runtime.explode", ["query", "action"]);
    await bad("target_type=planet", ["query", "target_type"]);
    await bad("from=yesterday", ["query", "from"]);
    await bad("to=2026-02-30", ["query", "to"]);
    await bad("from=2026-03-02&to=2026-03-01", ["query", "to"]);
    await bad("limit=101", ["query", "limit"]);
    await bad(`q=${"x".repeat(201)}`, ["query", "q"]);
  });

  it("is for admins and owners: a member and a viewer get 403, another org's owner 404", async () => {
    for (const role of ["member", "viewer"] as const) {
      const m = await newMember(owner.org, role);
      const res = await call(GET, {
        path: "/x",
        params: { org: owner.org.slug },
        cookie: await sessionCookie(m.user.id),
      });
      expectError(res, 403, "forbidden_error");
    }
    const admin = await newMember(owner.org, "admin");
    expect(
      (await list("", await sessionCookie(admin.user.id))).audit_events.length,
    ).toBeGreaterThan(0);
    const stranger = await newOwner();
    const res = await call(GET, {
      path: "/x",
      params: { org: owner.org.slug },
      cookie: await sessionCookie(stranger.user.id),
    });
    expectError(res, 404, "not_found_error");
  });
});
