// POST /api/v1/account/password: the current password is required; the new one follows the
// sign-up rules (8 characters to 72 bytes); every other session of the user ends at once, the
// caller's stays; API tokens may not change a password.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { checkCredentials } from "@/lib/auth/options";
import { changePasswordResponse } from "@/lib/users/schemas";
import {
  call,
  expectBody,
  expectError,
  newOwner,
  sessionCookie,
  tokenFor,
} from "@/lib/testing/api";
import * as orgs from "@/app/api/v1/orgs/route";
import { POST } from "./route";

const change = (cookie: string, current_password: string, new_password: string) =>
  call(POST, { method: "POST", cookie, body: { current_password, new_password } });

describe("POST /api/v1/account/password", () => {
  it("changes the password and signs out every other session of the user, keeping the caller's", async () => {
    const owner = await newOwner();
    const other = await newOwner();
    const mine = await sessionCookie(owner.user.id);
    const laptop = await sessionCookie(owner.user.id);
    const phone = await sessionCookie(owner.user.id);
    const someoneElse = await sessionCookie(other.user.id);

    const body = expectBody(
      await change(mine, "password-123", "a new passphrase"),
      200,
      changePasswordResponse,
    );
    expect(body.sessions_ended).toBe(2);
    expect(await checkCredentials(owner.user.email, "a new passphrase")).toMatchObject({
      id: owner.user.id,
    });
    expect(await checkCredentials(owner.user.email, "password-123")).toBeNull();

    expect((await call(orgs.GET, { cookie: mine })).status).toBe(200);
    expectError(await call(orgs.GET, { cookie: laptop }), 401, "authentication_error");
    expectError(await call(orgs.GET, { cookie: phone }), 401, "authentication_error");
    expect((await call(orgs.GET, { cookie: someoneElse })).status).toBe(200);
  });

  it("refuses a wrong current password with a 422 at current_password, changing nothing", async () => {
    const owner = await newOwner();
    const mine = await sessionCookie(owner.user.id);
    const other = await sessionCookie(owner.user.id);
    const wrong = expectError(
      await change(mine, "not-my-password", "a new passphrase"),
      422,
      "validation_error",
    );
    expect(wrong.errors?.[0]).toMatchObject({
      loc: ["body", "current_password"],
      msg: "The current password is wrong",
    });
    expect(await checkCredentials(owner.user.email, "password-123")).not.toBeNull();
    expect((await call(orgs.GET, { cookie: other })).status).toBe(200);
  });

  it("refuses a new password past 72 bytes (422 naming the limit) or under 8 characters", async () => {
    const owner = await newOwner();
    const mine = await sessionCookie(owner.user.id);
    const long = expectError(
      await change(mine, "password-123", "z".repeat(80)),
      422,
      "validation_error",
    );
    expect(long.errors?.[0]?.loc).toEqual(["body", "new_password"]);
    expect(long.errors?.[0]?.msg).toMatch(/at most 72 bytes: this one is 80 bytes/);
    const short = expectError(await change(mine, "password-123", "short"), 422, "validation_error");
    expect(short.errors?.[0]?.loc).toEqual(["body", "new_password"]);
    expect(await checkCredentials(owner.user.email, "password-123")).not.toBeNull();
  });

  it("needs a browser session: no credentials is a 401, an API token a 403, an ended session a 401", async () => {
    const owner = await newOwner();
    expectError(
      await call(POST, {
        method: "POST",
        body: { current_password: "password-123", new_password: "a new passphrase" },
      }),
      401,
      "authentication_error",
    );
    const { secret } = await tokenFor(owner, ["admin"]);
    const byToken = expectError(
      await call(POST, {
        method: "POST",
        token: secret,
        body: { current_password: "password-123", new_password: "a new passphrase" },
      }),
      403,
      "forbidden_error",
    );
    expect(byToken.detail).toMatch(/browser session/);
    const cookie = await sessionCookie(owner.user.id);
    await db().authSession.updateMany({
      where: { userId: owner.user.id },
      data: { revokedAt: new Date() },
    });
    expectError(
      await change(cookie, "password-123", "a new passphrase"),
      401,
      "authentication_error",
    );
    expect(await checkCredentials(owner.user.email, "password-123")).not.toBeNull();
  });
});
