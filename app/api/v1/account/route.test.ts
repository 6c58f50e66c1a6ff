// GET /api/v1/account shows the caller's account (session or token); PATCH changes the name from a
// browser session only.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { account } from "@/lib/users/schemas";
import {
  call,
  expectBody,
  expectError,
  newOwner,
  sessionCookie,
  tokenFor,
} from "@/lib/testing/api";
import { GET, PATCH } from "./route";

describe("/api/v1/account", () => {
  it("GET answers the caller's account to a session and to a token", async () => {
    const owner = await newOwner();
    const expected = {
      id: owner.user.id,
      email: owner.user.email,
      name: owner.user.name,
      has_password: true,
      sso: false,
    };
    expect(
      expectBody(await call(GET, { cookie: await sessionCookie(owner.user.id) }), 200, account),
    ).toEqual(expected);
    const { secret } = await tokenFor(owner, ["read"]);
    expect(expectBody(await call(GET, { token: secret }), 200, account)).toEqual(expected);
    expectError(await call(GET), 401, "authentication_error");
  });

  it("GET says when the account has no password and signs in with SSO", async () => {
    const owner = await newOwner();
    await db().user.update({ where: { id: owner.user.id }, data: { passwordHash: null } });
    await db().userIdentity.create({
      data: {
        userId: owner.user.id,
        issuer: "https://idp.test",
        subject: `s-${owner.user.id}`,
        email: owner.user.email,
      },
    });
    expect(
      expectBody(await call(GET, { cookie: await sessionCookie(owner.user.id) }), 200, account),
    ).toMatchObject({ has_password: false, sso: true });
  });

  it("PATCH changes the name (trimmed), and nothing else", async () => {
    const owner = await newOwner();
    const other = await newOwner();
    const cookie = await sessionCookie(owner.user.id);
    const body = expectBody(
      await call(PATCH, { method: "PATCH", cookie, body: { name: "  Ada Lovelace " } }),
      200,
      account,
    );
    expect(body).toEqual({
      id: owner.user.id,
      email: owner.user.email,
      name: "Ada Lovelace",
      has_password: true,
      sso: false,
    });
    expect((await db().user.findUniqueOrThrow({ where: { id: owner.user.id } })).name).toBe(
      "Ada Lovelace",
    );
    expect((await db().user.findUniqueOrThrow({ where: { id: other.user.id } })).name).toBe(
      other.user.name,
    );
    expect(expectBody(await call(GET, { cookie }), 200, account).name).toBe("Ada Lovelace");
  });

  it("PATCH refuses an empty or too long name (422), an API token (403) and no credentials (401)", async () => {
    const owner = await newOwner();
    const cookie = await sessionCookie(owner.user.id);
    for (const name of ["   ", "x".repeat(101)]) {
      const bad = expectError(
        await call(PATCH, { method: "PATCH", cookie, body: { name } }),
        422,
        "validation_error",
      );
      expect(bad.errors?.[0]?.loc).toEqual(["body", "name"]);
    }
    const { secret } = await tokenFor(owner, ["admin"]);
    const byToken = expectError(
      await call(PATCH, { method: "PATCH", token: secret, body: { name: "Token" } }),
      403,
      "forbidden_error",
    );
    expect(byToken.detail).toMatch(/browser session/);
    expectError(
      await call(PATCH, { method: "PATCH", body: { name: "Nobody" } }),
      401,
      "authentication_error",
    );
    expect((await db().user.findUniqueOrThrow({ where: { id: owner.user.id } })).name).toBe(
      owner.user.name,
    );
  });
});
