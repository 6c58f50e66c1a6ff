// Sign-up: a user with a personal org (owner) and `main` workspace; duplicates and bad input.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { checkCredentials } from "@/lib/auth/options";
import { signUpResponse } from "@/lib/users/schemas";
import { call, expectBody, expectError, uid } from "@/lib/testing/api";
import { POST } from "./route";

describe("POST /api/v1/auth/sign-up", () => {
  it("creates the user, their org as owner with a main workspace, and lets them sign in", async () => {
    const email = `New.User-${uid()}@Example.com`;
    const res = await call(POST, { method: "POST", body: { email, password: "correct horse", name: "New User" } });
    const body = expectBody(res, 201, signUpResponse);
    expect(body.user.email).toBe(email.toLowerCase());
    expect(body.workspace.slug).toBe("main");
    const membership = await db().membership.findFirstOrThrow({ where: { userId: body.user.id }, include: { org: { include: { workspaces: true } } } });
    expect(membership.role).toBe("owner");
    expect(membership.org.slug).toBe(body.org.slug);
    expect(membership.org.workspaces.map((w) => w.slug)).toEqual(["main"]);
    expect(await checkCredentials(email, "correct horse")).toMatchObject({ id: body.user.id });
    expect(await checkCredentials(email, "wrong horse")).toBeNull();
    expect(await db().auditEvent.count({ where: { orgId: membership.orgId, action: "org.create" } })).toBe(1);
  });

  it("gives each personal org its own slug", async () => {
    const local = `same-${uid()}`;
    const a = signUpResponse.parse((await call(POST, { method: "POST", body: { email: `${local}@a.test`, password: "password-1" } })).json);
    const b = signUpResponse.parse((await call(POST, { method: "POST", body: { email: `${local}@b.test`, password: "password-1" } })).json);
    expect(a.org.slug).toBe(local);
    expect(b.org.slug).toBe(`${local}-2`);
  });

  it("answers 409 to a taken email, whatever its case, and creates nothing more", async () => {
    const email = `taken-${uid()}@example.com`;
    expect((await call(POST, { method: "POST", body: { email, password: "password-1" } })).status).toBe(201);
    const before = await db().organization.count();
    expectError(await call(POST, { method: "POST", body: { email: email.toUpperCase(), password: "password-2" } }), 409, "already_exists_error");
    expect(await db().organization.count()).toBe(before);
  });

  it("answers 422 to a short password or a bad email, naming the field", async () => {
    const short = expectError(await call(POST, { method: "POST", body: { email: `s-${uid()}@x.test`, password: "short" } }), 422, "validation_error");
    expect(short.errors?.[0]?.loc).toEqual(["body", "password"]);
    const bad = expectError(await call(POST, { method: "POST", body: { email: "not-an-email", password: "password-1" } }), 422, "validation_error");
    expect(bad.errors?.[0]?.loc).toEqual(["body", "email"]);
    expectError(await call(POST, { method: "POST", rawBody: "{nope" }), 422, "validation_error");
  });
});
