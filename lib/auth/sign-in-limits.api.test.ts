// Sign-in attempt limits through next-auth's real credentials callback (its core, our authorize(),
// the real password check), and sign-up limits through the real route.
import NextAuth from "next-auth";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { resetRateLimits } from "@/lib/api/rate-limit";
import { call, expectError, newOwner, uid } from "@/lib/testing/api";
import { authOptions } from "./options";
import { limitClock, limitSignIn } from "./sign-in-limits";
import { tooManySignInsMessage } from "./sign-in-messages";
import * as signUpRoute from "@/app/api/v1/auth/sign-up/route";

/**
 * next-auth's handler for a Request, through its API-route entry (the app-router entry reads
 * cookies and headers from Next's request scope, which exists only inside a Next server).
 */
async function nextAuth(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const nextauth = url.pathname.replace(/^\/api\/auth\//, "").split("/");
  const body =
    req.method === "POST" ? Object.fromEntries(new URLSearchParams(await req.text())) : undefined;
  const cookies = Object.fromEntries(
    (req.headers.get("cookie") ?? "")
      .split(";")
      .filter((c) => c.includes("="))
      .map((c) => [
        c.slice(0, c.indexOf("=")).trim(),
        decodeURIComponent(c.slice(c.indexOf("=") + 1).trim()),
      ]),
  );
  let status = 200;
  let payload: string | null = null;
  const headers = new Headers();
  const res = {
    status: (s: number) => ((status = s), res),
    setHeader: (k: string, v: string | string[]) => {
      headers.delete(k);
      for (const x of [v].flat()) headers.append(k, x);
      return res;
    },
    getHeader: (k: string) =>
      k.toLowerCase() === "set-cookie" ? headers.getSetCookie() : (headers.get(k) ?? undefined),
    json: (b: unknown) => (
      headers.set("content-type", "application/json"),
      (payload = JSON.stringify(b)),
      res
    ),
    send: (b: unknown) => ((payload = typeof b === "string" ? b : JSON.stringify(b)), res),
    end: () => res,
  };
  await NextAuth(
    {
      query: { nextauth, ...Object.fromEntries(url.searchParams) },
      body,
      cookies,
      headers: Object.fromEntries(req.headers),
      method: req.method,
    } as never,
    res as never,
    authOptions(),
  );
  return new Response(payload, { status, headers });
}

const BASE = "http://localhost:3000/api/auth";
let csrf: { token: string; cookie: string };

async function signIn(email: string, password: string, address: string) {
  const req = new Request(`${BASE}/callback/credentials`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: csrf.cookie,
      "x-forwarded-for": address,
    },
    body: new URLSearchParams({
      csrfToken: csrf.token,
      email,
      password,
      json: "true",
      callbackUrl: "/",
    }),
  });
  const res = await limitSignIn(req, nextAuth);
  const body = (await res.json()) as { url: string };
  const error = new URL(body.url).searchParams.get("error");
  const session = res.headers.getSetCookie().some((c) => /session-token=[^;]/.test(c));
  return { status: res.status, retryAfter: res.headers.get("retry-after"), error, session };
}

let t = 1_900_000_000_000;

beforeEach(async () => {
  resetRateLimits();
  limitClock.now = () => t;
  const res = await nextAuth(new Request(`${BASE}/csrf`));
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  csrf = {
    token: csrfToken,
    cookie: res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; "),
  };
});

afterEach(() => {
  limitClock.now = () => Date.now();
  for (const k of [
    "QUIVER_SIGNIN_FAILURES_PER_ADDRESS_PER_HOUR",
    "QUIVER_SIGNUPS_PER_ADDRESS_PER_HOUR",
  ])
    delete process.env[k];
  process.env.QUIVER_SIGNUPS_PER_ADDRESS_PER_HOUR = "1000000";
  resetEnvCache();
});

describe("sign-in attempt limits", () => {
  it("after 5 wrong passwords answers 429 with Retry-After, refuses even the right password during the lock, accepts it after", async () => {
    const { user } = await newOwner();
    const ip = "203.0.113.10";
    const results = [];
    for (let i = 0; i < 200; i++) results.push(await signIn(user.email, `wrong-${i}`, ip));
    expect(results.slice(0, 5).map((r) => [r.status, r.error])).toEqual(
      Array(5).fill([401, "CredentialsSignin"]),
    );
    expect(results.slice(5).every((r) => r.status === 429 && r.retryAfter === "30")).toBe(true);
    // What the sign-in form shows for it.
    expect(tooManySignInsMessage(results[5]!.error)).toBe(
      "Too many failed sign-ins. Try again in 30 seconds.",
    );

    const locked = await signIn(user.email, "password-123", ip);
    expect(locked).toMatchObject({ status: 429, session: false });

    t += 30_000;
    const after = await signIn(user.email, "password-123", ip);
    expect(after).toMatchObject({ status: 200, error: null, session: true });
    // A success forgets the failures: five free attempts again.
    for (let i = 0; i < 5; i++) expect((await signIn(user.email, "wrong", ip)).status).toBe(401);
    expect((await signIn(user.email, "wrong", ip)).status).toBe(429);
  });

  it("doubles the lock with each attempt after it, and treats an unknown email the same way", async () => {
    const ip = "203.0.113.11";
    const email = `nobody-${uid()}@test.quiver`;
    for (let i = 0; i < 5; i++) expect((await signIn(email, "guess", ip)).status).toBe(401);
    expect((await signIn(email, "guess", ip)).retryAfter).toBe("30");
    t += 30_000;
    expect((await signIn(email, "guess", ip)).status).toBe(401);
    const second = await signIn(email, "guess", ip);
    expect(second).toMatchObject({ status: 429, retryAfter: "60" });
    expect(tooManySignInsMessage(second.error)).toBe(
      "Too many failed sign-ins. Try again in 1 minute.",
    );
    t += 60_000;
    expect((await signIn(email, "guess", ip)).status).toBe(401);
    expect((await signIn(email, "guess", ip)).retryAfter).toBe("120");
  });

  it("locks an account per address: the owner elsewhere can still sign in", async () => {
    const { user } = await newOwner();
    for (let i = 0; i < 6; i++) await signIn(user.email, "wrong", "203.0.113.12");
    expect((await signIn(user.email, "password-123", "203.0.113.12")).status).toBe(429);
    expect(await signIn(user.email, "password-123", "198.51.100.12")).toMatchObject({
      status: 200,
      session: true,
    });
  });

  it("caps failures per address across accounts; successes do not use it up", async () => {
    process.env.QUIVER_SIGNIN_FAILURES_PER_ADDRESS_PER_HOUR = "8";
    resetEnvCache();
    const ip = "203.0.113.13";
    const { user } = await newOwner();
    for (let i = 0; i < 3; i++)
      expect((await signIn(user.email, "password-123", ip)).status).toBe(200);
    for (let i = 0; i < 8; i++)
      expect((await signIn(`n${i}-${uid()}@test.quiver`, "guess", ip)).status).toBe(401);
    const capped = await signIn(`n9-${uid()}@test.quiver`, "guess", ip);
    expect(capped.status).toBe(429);
    expect(Number(capped.retryAfter)).toBe(450); // one failure regained every 3600/8 s
    expect((await signIn(user.email, "password-123", ip)).status).toBe(429);
    expect((await signIn(`n10-${uid()}@test.quiver`, "guess", "198.51.100.13")).status).toBe(401);
  });
});

describe("sign-up limits", () => {
  it("answers 429 with Retry-After past the sign-ups allowed per address", async () => {
    process.env.QUIVER_SIGNUPS_PER_ADDRESS_PER_HOUR = "2";
    resetEnvCache();
    const signUp = (address: string) => {
      const id = uid();
      return call(signUpRoute.POST, {
        method: "POST",
        headers: { "x-forwarded-for": address },
        body: { email: `su-${id}@test.quiver`, password: "password-123", name: `S ${id}` },
      });
    };
    expect((await signUp("203.0.113.20")).status).toBeLessThan(300);
    expect((await signUp("203.0.113.20")).status).toBeLessThan(300);
    const refused = await signUp("203.0.113.20");
    expect(expectError(refused, 429, "usage_limit_exceeded_error").detail).toContain(
      "Too many sign-ups",
    );
    expect(refused.headers.get("retry-after")).toBe("1800");
    expect((await signUp("198.51.100.20")).status).toBeLessThan(300);
  });
});
