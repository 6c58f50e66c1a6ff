// Sign-up: a user with a personal org (owner) and `main` workspace; duplicates (answered like a
// new account, so that sign-up does not say which emails exist), bcrypt's 72-byte limit, bad input.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { checkCredentials } from "@/lib/auth/options";
import { signUpResponse } from "@/lib/users/schemas";
import { createUser } from "@/lib/users/service";
import { call, expectBody, expectError, uid } from "@/lib/testing/api";
import { POST } from "./route";

describe("POST /api/v1/auth/sign-up", () => {
  it("creates the user, their org as owner with a main workspace, and lets them sign in", async () => {
    const email = `New.User-${uid()}@Example.com`;
    const res = await call(POST, {
      method: "POST",
      body: { email, password: "correct horse", name: "New User" },
    });
    const body = expectBody(res, 201, signUpResponse);
    expect(body.user.email).toBe(email.toLowerCase());
    expect(body.workspace.slug).toBe("main");
    const membership = await db().membership.findFirstOrThrow({
      where: { userId: body.user.id },
      include: { org: { include: { workspaces: true } } },
    });
    expect(membership.role).toBe("owner");
    expect(membership.org.slug).toBe(body.org.slug);
    expect(membership.org.workspaces.map((w) => w.slug)).toEqual(["main"]);
    expect(await checkCredentials(email, "correct horse")).toMatchObject({ id: body.user.id });
    expect(await checkCredentials(email, "wrong horse")).toBeNull();
    expect(
      await db().auditEvent.count({ where: { orgId: membership.orgId, action: "org.create" } }),
    ).toBe(1);
  });

  it("gives each personal org its own slug", async () => {
    const local = `same-${uid()}`;
    const a = signUpResponse.parse(
      (
        await call(POST, {
          method: "POST",
          body: { email: `${local}@a.test`, password: "password-1" },
        })
      ).json,
    );
    const b = signUpResponse.parse(
      (
        await call(POST, {
          method: "POST",
          body: { email: `${local}@b.test`, password: "password-1" },
        })
      ).json,
    );
    expect(a.org.slug).toBe(local);
    expect(b.org.slug).toBe(`${local}-2`);
  });

  it("never gives a personal org the address of one of the app's pages (api@…, welcome@…)", async () => {
    for (const local of ["api", "welcome"]) {
      const res = signUpResponse.parse(
        (
          await call(POST, {
            method: "POST",
            body: { email: `${local}@${uid()}.test`, password: "password-1" },
          })
        ).json,
      );
      expect(res.org.slug).toMatch(new RegExp(`^${local}-\\d+$`));
    }
  });

  it("answers a taken email (whatever its case) exactly like a new one, changes nothing, and reveals nothing of the account", async () => {
    const local = `taken-${uid()}`;
    const email = `${local}@example.com`;
    const first = expectBody(
      await call(POST, {
        method: "POST",
        body: { email, password: "password-1", name: "The Owner" },
      }),
      201,
      signUpResponse,
    );
    const users = await db().user.count();
    const orgsBefore = await db().organization.count();

    const again = await call(POST, {
      method: "POST",
      body: { email: email.toUpperCase(), password: "password-2", name: "Someone Else" },
    });
    const dup = expectBody(again, 201, signUpResponse);
    // The answer a new account gets: same shape, a fresh id, the caller's own name, the org slug a
    // new sign-up with this local part would get now; nothing of the existing user.
    expect(Object.keys(dup).sort()).toEqual(Object.keys(first).sort());
    expect(dup.user.id).not.toBe(first.user.id);
    expect(dup.user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(dup.user).toMatchObject({ email, name: "Someone Else" });
    expect(dup.org).toEqual({ slug: `${local}-2`, name: "Someone Else's org" });
    expect(dup.workspace).toEqual({ slug: "main" });
    expect(JSON.stringify(again.json)).not.toContain("The Owner");
    expect(JSON.stringify(again.json)).not.toContain(first.org.slug + '"');
    expect(await db().user.count()).toBe(users);
    expect(await db().organization.count()).toBe(orgsBefore);
    expect(await db().user.count({ where: { id: dup.user.id } })).toBe(0);

    // What the sign-up form does next: sign in. Only the account's own password works.
    expect(await checkCredentials(email, "password-2")).toBeNull();
    expect(await checkCredentials(email, "password-1")).toMatchObject({ id: first.user.id });
  });

  it("takes about as long for a taken email as for a new one (the same bcrypt work)", async () => {
    const taken = `timing-${uid()}@example.com`;
    expect(
      (await call(POST, { method: "POST", body: { email: taken, password: "password-1" } })).status,
    ).toBe(201);
    const time = async (email: string) => {
      const t = performance.now();
      expect(
        (await call(POST, { method: "POST", body: { email, password: "password-9" } })).status,
      ).toBe(201);
      return performance.now() - t;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const fresh: number[] = [];
    const dup: number[] = [];
    for (let i = 0; i < 3; i++) {
      fresh.push(await time(`timing-new-${uid()}@example.com`));
      dup.push(await time(taken));
    }
    // Without the dummy compare a duplicate answered in a few ms against ~60+ ms for a new account.
    expect(median(dup)).toBeGreaterThan(median(fresh) / 3);
  });

  it("finds a taken email before hashing: the operators' createUser refuses it with a 409, whatever the password", async () => {
    const email = `cli-${uid()}@example.com`;
    await createUser(db(), { email, password: "password-1" });
    // A password bcrypt could not take would be a 422 if it were hashed first.
    await expect(createUser(db(), { email, password: "x".repeat(100) })).rejects.toMatchObject({
      kind: "already_exists",
    });
  });

  it("refuses a password past bcrypt's 72 bytes with a 422 naming the limit in bytes, and never truncates", async () => {
    const email = `long-${uid()}@example.com`;
    const tooLong = expectError(
      await call(POST, { method: "POST", body: { email, password: "a".repeat(73) } }),
      422,
      "validation_error",
    );
    expect(tooLong.errors?.[0]?.loc).toEqual(["body", "password"]);
    expect(tooLong.errors?.[0]?.msg).toMatch(/at most 72 bytes: this one is 73 bytes/);
    // Bytes, not characters: 37 two-byte letters are 74 bytes.
    const accented = expectError(
      await call(POST, { method: "POST", body: { email, password: "é".repeat(37) } }),
      422,
      "validation_error",
    );
    expect(accented.errors?.[0]?.msg).toMatch(/74 bytes/);
    expect(await db().user.count({ where: { email } })).toBe(0);

    // Exactly 72 bytes is fine; a longer one that differs only after byte 72 does not sign in.
    const password = "b".repeat(72);
    const created = expectBody(
      await call(POST, { method: "POST", body: { email, password } }),
      201,
      signUpResponse,
    );
    expect(await checkCredentials(email, password)).toMatchObject({ id: created.user.id });
    expect(await checkCredentials(email, `${password}c`)).toBeNull();
    expect(await checkCredentials(email, `${password}${"c".repeat(100)}`)).toBeNull();
  });

  it("answers 422 to a short password or a bad email, naming the field", async () => {
    const short = expectError(
      await call(POST, { method: "POST", body: { email: `s-${uid()}@x.test`, password: "short" } }),
      422,
      "validation_error",
    );
    expect(short.errors?.[0]?.loc).toEqual(["body", "password"]);
    const bad = expectError(
      await call(POST, { method: "POST", body: { email: "not-an-email", password: "password-1" } }),
      422,
      "validation_error",
    );
    expect(bad.errors?.[0]?.loc).toEqual(["body", "email"]);
    expectError(await call(POST, { method: "POST", rawBody: "{nope" }), 422, "validation_error");
  });
});
