// DELETE /api/v1/account/sessions: sign out everywhere. Every session of the user ends, the
// caller's included; other users' sessions and the user's API tokens keep working.
import { describe, expect, it } from "vitest";
import { signOutEverywhereResponse } from "@/lib/users/schemas";
import {
  call,
  expectBody,
  expectError,
  newOwner,
  sessionCookie,
  tokenFor,
} from "@/lib/testing/api";
import * as orgs from "@/app/api/v1/orgs/route";
import { DELETE } from "./route";

describe("DELETE /api/v1/account/sessions", () => {
  it("ends every session of the caller, their own included, and no one else's", async () => {
    const owner = await newOwner();
    const other = await newOwner();
    const mine = await sessionCookie(owner.user.id);
    const laptop = await sessionCookie(owner.user.id);
    const someoneElse = await sessionCookie(other.user.id);
    const { secret } = await tokenFor(owner, ["read"]);

    expect(
      expectBody(
        await call(DELETE, { method: "DELETE", cookie: mine }),
        200,
        signOutEverywhereResponse,
      ),
    ).toEqual({ sessions_ended: 2 });
    expectError(await call(orgs.GET, { cookie: mine }), 401, "authentication_error");
    expectError(await call(orgs.GET, { cookie: laptop }), 401, "authentication_error");
    expectError(
      await call(DELETE, { method: "DELETE", cookie: mine }),
      401,
      "authentication_error",
    );
    expect((await call(orgs.GET, { cookie: someoneElse })).status).toBe(200);
    expect((await call(orgs.GET, { token: secret })).status).toBe(200);
  });

  it("refuses an API token (403) and no credentials (401), ending nothing", async () => {
    const owner = await newOwner();
    const cookie = await sessionCookie(owner.user.id);
    const { secret } = await tokenFor(owner, ["admin"]);
    const byToken = expectError(
      await call(DELETE, { method: "DELETE", token: secret }),
      403,
      "forbidden_error",
    );
    expect(byToken.detail).toMatch(/browser session/);
    expectError(await call(DELETE, { method: "DELETE" }), 401, "authentication_error");
    expect((await call(orgs.GET, { cookie })).status).toBe(200);
  });
});
