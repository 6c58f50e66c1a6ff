// API tokens: the secret once, never in lists; scopes capped by role; revocation; audit.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { hashToken } from "@/lib/auth/tokens";
import { createdApiToken, tokenListResponse } from "@/lib/tokens/schemas";
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
import * as workspacesRoute from "@/app/api/v1/org/[org]/workspaces/route";
import { DELETE } from "./[id]/route";
import { GET, POST } from "./route";

let owner: TestMember;
let cookie: string;

beforeAll(async () => {
  owner = await newOwner();
  cookie = await sessionCookie(owner.user.id);
});

const create = (
  m: { org: { slug: string } },
  auth: { cookie?: string; token?: string },
  body: unknown,
) => call(POST, { method: "POST", params: { org: m.org.slug }, body, ...auth });

describe("POST /api/v1/org/{org}/tokens", () => {
  it("returns the secret once, stores only its hash, and lists the token without it", async () => {
    const res = await create(
      owner,
      { cookie },
      { name: "deploy bot", scopes: ["read", "write"], workspace: "main" },
    );
    const created = expectBody(res, 201, createdApiToken);
    expect(created.token).toMatch(/^qvr_[A-Za-z0-9_-]{40}$/);
    expect(created.prefix).toBe(created.token.slice(0, 12));
    expect(created).toMatchObject({
      name: "deploy bot",
      scopes: ["read", "write"],
      workspace: "main",
      status: "active",
      revoked_at: null,
    });
    const row = await db().apiToken.findUniqueOrThrow({
      where: { id: created.id },
      omit: { tokenHash: false },
    });
    expect(row.tokenHash).toBe(hashToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);

    const list = expectBody(
      await call(GET, { params: { org: owner.org.slug }, cookie }),
      200,
      tokenListResponse,
    );
    const listed = list.tokens.find((t) => t.id === created.id);
    expect(listed).toMatchObject({ name: "deploy bot", prefix: created.prefix });
    expect(JSON.stringify(list)).not.toContain(created.token);
    expect(JSON.stringify(list)).not.toMatch(/token_hash|tokenHash/);
  });

  it("makes a token that works at once, within its scopes, and records last use", async () => {
    const created = createdApiToken.parse(
      (await create(owner, { cookie }, { name: "reader", scopes: ["read"] })).json,
    );
    const ok = await call(workspacesRoute.GET, {
      params: { org: owner.org.slug },
      token: created.token,
    });
    expect(ok.status).toBe(200);
    const denied = await call(workspacesRoute.POST, {
      method: "POST",
      params: { org: owner.org.slug },
      token: created.token,
      body: { slug: "nope", name: "N" },
    });
    expectError(denied, 403, "forbidden_error");
    const row = await db().apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.lastUsedAt).not.toBeNull();
  });

  it("caps scopes by role: a member may grant write but not admin, a viewer only read", async () => {
    const member = await newMember(owner.org, "member");
    const mc = await sessionCookie(member.user.id);
    expect((await create(owner, { cookie: mc }, { name: "m", scopes: ["write"] })).status).toBe(
      201,
    );
    const tooHigh = expectError(
      await create(owner, { cookie: mc }, { name: "m", scopes: ["admin"] }),
      403,
      "forbidden_error",
    );
    expect(tooHigh.detail).toContain("member");
    const viewer = await newMember(owner.org, "viewer");
    const vc = await sessionCookie(viewer.user.id);
    expect((await create(owner, { cookie: vc }, { name: "v", scopes: ["read"] })).status).toBe(201);
    expectError(
      await create(owner, { cookie: vc }, { name: "v", scopes: ["write"] }),
      403,
      "forbidden_error",
    );
  });

  it("refuses repeated scopes and unknown fields' bad values without storing anything", async () => {
    const before = await db().apiToken.count({ where: { orgId: owner.org.id } });
    expectError(
      await create(owner, { cookie }, { name: "x", scopes: ["read", "read"] }),
      422,
      "validation_error",
    );
    expectError(
      await create(owner, { cookie }, { name: "", scopes: ["read"] }),
      422,
      "validation_error",
    );
    expectError(
      await create(owner, { cookie }, { name: "x", scopes: ["read"], workspace: "does-not-exist" }),
      422,
      "validation_error",
    );
    expect(await db().apiToken.count({ where: { orgId: owner.org.id } })).toBe(before);
  });

  it("writes a token.create audit event with the request id, in the same transaction", async () => {
    const res = await call(POST, {
      method: "POST",
      params: { org: owner.org.slug },
      cookie,
      body: { name: "audited", scopes: ["read"] },
      headers: { "x-request-id": "req-audit-12345" },
    });
    expect(res.headers.get("x-request-id")).toBe("req-audit-12345");
    const id = (res.json as { id: string }).id;
    const event = await db().auditEvent.findFirstOrThrow({
      where: { targetId: id, action: "token.create" },
    });
    expect(event).toMatchObject({
      orgId: owner.org.id,
      actorType: "user",
      actorId: owner.user.id,
      requestId: "req-audit-12345",
    });
    expect(event.summary).toMatchObject({ name: "audited", scopes: ["read"] });
  });
});

describe("GET and DELETE /api/v1/org/{org}/tokens", () => {
  it("shows a member only their own tokens; an admin sees all", async () => {
    const member = await newMember(owner.org, "member");
    const mine = await tokenFor(member, ["read"]);
    const ownerTok = await tokenFor(owner, ["read"]);
    const memberList = tokenListResponse.parse(
      (
        await call(GET, {
          params: { org: owner.org.slug },
          cookie: await sessionCookie(member.user.id),
        })
      ).json,
    );
    expect(memberList.tokens.map((t) => t.id)).toEqual([mine.id]);
    const ownerList = tokenListResponse.parse(
      (await call(GET, { params: { org: owner.org.slug }, cookie })).json,
    );
    expect(ownerList.tokens.map((t) => t.id)).toEqual(
      expect.arrayContaining([mine.id, ownerTok.id]),
    );
  });

  it("revokes: refused at once afterwards, idempotent, audited; a member cannot revoke another's token", async () => {
    const member = await newMember(owner.org, "member");
    const target = await tokenFor(owner, ["read"]);
    const byMember = await call(DELETE, {
      method: "DELETE",
      params: { org: owner.org.slug, id: target.id },
      cookie: await sessionCookie(member.user.id),
    });
    expectError(byMember, 404, "not_found_error");

    const res = await call(DELETE, {
      method: "DELETE",
      params: { org: owner.org.slug, id: target.id },
      cookie,
    });
    expect(res.status).toBe(204);
    expect(res.json).toBeNull();
    const after = await call(workspacesRoute.GET, {
      params: { org: owner.org.slug },
      token: target.secret,
    });
    expectError(after, 401, "authentication_error");
    expect(
      (
        await call(DELETE, {
          method: "DELETE",
          params: { org: owner.org.slug, id: target.id },
          cookie,
        })
      ).status,
    ).toBe(204);
    expect(
      await db().auditEvent.count({ where: { targetId: target.id, action: "token.revoke" } }),
    ).toBe(1);

    const listed = tokenListResponse
      .parse((await call(GET, { params: { org: owner.org.slug }, cookie })).json)
      .tokens.find((t) => t.id === target.id);
    expect(listed?.status).toBe("revoked");
  });

  it("answers 404 for a token id of another org", async () => {
    const other = await newOwner();
    const foreign = await tokenFor(other, ["read"]);
    expectError(
      await call(DELETE, {
        method: "DELETE",
        params: { org: owner.org.slug, id: foreign.id },
        cookie,
      }),
      404,
      "not_found_error",
    );
    const still = await db().apiToken.findUniqueOrThrow({ where: { id: foreign.id } });
    expect(still.revokedAt).toBeNull();
  });
});
