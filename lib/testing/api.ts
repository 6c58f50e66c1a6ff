// Helpers for API tests: call a real route handler with a Request, make users, orgs, tokens and
// session cookies with unique names (tests share one database and run in parallel).
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { expect } from "vitest";
import type { z } from "zod";
import { db } from "@/lib/db/client";
import { authSecret } from "@/lib/env";
import { apiErrorPayload } from "@/lib/api/schemas";
import type { OrgCtx } from "@/lib/api/context";
import type { RoleName, Scope } from "@/lib/auth/roles";
import { createSession } from "@/lib/auth/sessions";
import { createToken } from "@/lib/tokens/service";
import { addMember, createUser } from "@/lib/users/service";

type Handler = (
  req: Request,
  ctx: { params: Promise<Record<string, string>> },
) => Promise<Response>;

export interface CallOptions {
  method?: string;
  path?: string;
  params?: Record<string, string>;
  token?: string;
  cookie?: string;
  body?: unknown;
  rawBody?: string;
  /** Bytes sent unchanged (a bundle), with the content type in `headers`. */
  bytes?: Buffer;
  headers?: Record<string, string>;
  /**
   * With a cookie, call() sends what a browser sends on a same-origin fetch (`Origin:
   * http://localhost`, `Sec-Fetch-Site: same-origin`) unless `headers` names them; false leaves
   * them out, as a cross-site or non-browser request would.
   */
  browserHeaders?: boolean;
  /** Aborts the request (a client that goes away). */
  signal?: AbortSignal;
}

export interface CallResult {
  status: number;
  headers: Headers;
  json: unknown;
}

export async function call(handler: Handler, opts: CallOptions = {}): Promise<CallResult> {
  const headers = new Headers(opts.headers);
  if (opts.token) headers.set("authorization", `Bearer ${opts.token}`);
  if (opts.cookie) headers.set("cookie", opts.cookie);
  if (opts.cookie && opts.browserHeaders !== false) {
    if (!headers.has("origin")) headers.set("origin", "http://localhost");
    if (!headers.has("sec-fetch-site")) headers.set("sec-fetch-site", "same-origin");
  }
  let body: BodyInit | undefined = opts.rawBody;
  if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined && !headers.has("content-type"))
    headers.set("content-type", "application/json");
  if (opts.bytes) body = new Uint8Array(opts.bytes);
  const req = new Request(`http://localhost${opts.path ?? "/"}`, {
    method: opts.method ?? "GET",
    headers,
    body,
    signal: opts.signal,
  });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

export function uid(): string {
  return randomUUID().slice(0, 8);
}

export interface TestMember {
  user: { id: string; email: string; name: string };
  org: { id: string; slug: string; name: string };
  role: RoleName;
}

/** A new user who owns a new org (slug `t-<random>`), with its `main` workspace. */
export async function newOwner(): Promise<TestMember> {
  const id = uid();
  const { user, org } = await createUser(db(), {
    email: `owner-${id}@test.quiver`,
    password: "password-123",
    name: `Owner ${id}`,
    org: { slug: `t-${id}`, name: `Test org ${id}` },
  });
  return {
    user: { id: user.id, email: user.email, name: user.name },
    org: { id: org.id, slug: org.slug, name: org.name },
    role: "owner",
  };
}

/** A new user with `role` in an existing org (their personal org is created too). */
export async function newMember(org: TestMember["org"], role: RoleName): Promise<TestMember> {
  const id = uid();
  const { user } = await createUser(db(), {
    email: `${role}-${id}@test.quiver`,
    password: "password-123",
    name: `${role} ${id}`,
  });
  await addMember(db(), org.id, user.id, role);
  return { user: { id: user.id, email: user.email, name: user.name }, org, role };
}

/** An API token for a member, created through the service (so audit and rules apply). */
export async function tokenFor(
  m: TestMember,
  scopes: Scope[] = ["admin"],
  extra: { workspace?: string; expires_at?: string } = {},
) {
  const ctx: OrgCtx = {
    db: db(),
    requestId: "test",
    actor: {
      type: "user",
      userId: m.user.id,
      email: m.user.email,
      name: m.user.name,
      scopes: ["read", "write", "admin"],
    },
    org: m.org,
    role: m.role,
  };
  const { row, secret } = await createToken(ctx, { name: `token-${uid()}`, scopes, ...extra });
  return { id: row.id, secret };
}

/** A next-auth session cookie for a user, as the browser would send it after signing in (with its AuthSession row). */
export async function sessionCookie(userId: string): Promise<string> {
  const session = await createSession(db(), userId);
  const token = await encode({ token: { sub: userId, sid: session.id }, secret: authSecret() });
  return `next-auth.session-token=${token}`;
}

/** Asserts an APIErrorPayload with this status and type. */
export function expectError(
  res: CallResult,
  status: number,
  type: string,
): z.infer<typeof apiErrorPayload> {
  expect(res.status, JSON.stringify(res.json)).toBe(status);
  const payload = apiErrorPayload.parse(res.json);
  expect(payload.code).toBe(status);
  expect(payload.type).toBe(type);
  expect(res.headers.get("x-request-id")).toBeTruthy();
  return payload;
}

/** Parses a success body with the route's response schema (throws on any mismatch). */
export function expectBody<T extends z.ZodType>(
  res: CallResult,
  status: number,
  schema: T,
): z.output<T> {
  expect(res.status, JSON.stringify(res.json)).toBe(status);
  return schema.parse(res.json);
}
