// Sign-in and sign-up attempt limits, against password guessing (docs/security.md).
// - Per account and address: QUIVER_SIGNIN_FREE_FAILURES attempts, then a lock of
//   QUIVER_SIGNIN_LOCK_SECONDS that doubles with each further attempt up to the maximum. An attempt
//   counts before its password is checked (so parallel guesses cannot slip past the count) and a
//   success forgets the record. During a lock every attempt is refused, the right password too,
//   without checking it: guessing stops, and so does the CPU it costs.
// - Per address, whatever the account: QUIVER_SIGNIN_FAILURES_PER_ADDRESS_PER_HOUR failures (a
//   token bucket; a success gives its attempt back), against one address trying many accounts.
// - Sign-ups per address: QUIVER_SIGNUPS_PER_ADDRESS_PER_HOUR.
// Known and unknown emails go through the same steps, so the limits say nothing of which exist.
// Counts are shared through Redis when REDIS_URL is set (lib/api/limit-store.ts).
import "server-only";
import { createHash } from "node:crypto";
import { env } from "@/lib/env";
import { addressKey, clientAddress } from "@/lib/api/client-address";
import { ApiError } from "@/lib/api/errors";
import { limitStore, type AttemptPolicy, type Bucket } from "@/lib/api/limit-store";
import { TOO_MANY_SIGN_INS, waitText } from "./sign-in-messages";

const HOUR = 3_600_000;

/** The time the limits read; tests move it. */
export const limitClock = { now: () => Date.now() };

function policy(): AttemptPolicy {
  const e = env();
  return {
    free: e.QUIVER_SIGNIN_FREE_FAILURES,
    baseLockMs: e.QUIVER_SIGNIN_LOCK_SECONDS * 1000,
    maxLockMs: e.QUIVER_SIGNIN_MAX_LOCK_SECONDS * 1000,
    forgetMs: 24 * HOUR,
  };
}

// The email is hashed: the counters (in Redis, perhaps) do not hold a list of addresses people typed.
const accountKey = (email: string, address: string) =>
  `signin:acct:${createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 32)}:${addressKey(address)}`;

const addressBucket = (address: string): Bucket => ({
  key: `signin:ip:${addressKey(address)}`,
  limit: env().QUIVER_SIGNIN_FAILURES_PER_ADDRESS_PER_HOUR,
  periodMs: HOUR,
});

type SignInGate =
  | { allowed: true; settle: (succeeded: boolean) => Promise<void> }
  | { allowed: false; retryAfterS: number };

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** Before a password is checked: refused while locked; otherwise the attempt is counted. */
async function beginSignIn(email: string, address: string): Promise<SignInGate> {
  const store = limitStore();
  const now = limitClock.now();
  const perAddress = addressBucket(address);
  const byAddress = await store.take([perAddress], now);
  if (!byAddress.allowed) return { allowed: false, retryAfterS: seconds(byAddress.retryAfterMs) };
  const key = accountKey(email, address);
  const byAccount = await store.attempt(key, policy(), now);
  if (!byAccount.allowed) {
    await store.refund(perAddress, now); // refused unchecked: not a failure of this address
    return { allowed: false, retryAfterS: seconds(byAccount.retryAfterMs) };
  }
  return {
    allowed: true,
    settle: async (succeeded) => {
      if (!succeeded) return;
      await store.clear(key);
      await store.refund(perAddress, limitClock.now());
    },
  };
}

async function emailOf(req: Request): Promise<string> {
  const type = req.headers.get("content-type") ?? "";
  const text = await req.clone().text();
  if (type.includes("application/json")) {
    try {
      const body = JSON.parse(text) as { email?: unknown };
      return typeof body?.email === "string" ? body.email : "";
    } catch {
      return "";
    }
  }
  return new URLSearchParams(text).get("email") ?? "";
}

/** Whether next-auth's answer is a sign-in: a success sets the session cookie. */
function signedIn(res: Response): boolean {
  return res.status < 400 && res.headers.getSetCookie().some((c) => /session-token=[^;]/.test(c));
}

/**
 * Wraps next-auth's credentials callback: 429 with Retry-After while the account (from this
 * address) or the address is locked; otherwise the sign-in runs and its outcome is recorded.
 */
export async function limitSignIn(
  req: Request,
  signIn: (req: Request) => Promise<Response>,
): Promise<Response> {
  const gate = await beginSignIn(await emailOf(req), clientAddress(req));
  if (!gate.allowed) {
    const url = new URL("/sign-in", env().NEXTAUTH_URL ?? req.url);
    url.searchParams.set("error", `${TOO_MANY_SIGN_INS}:${gate.retryAfterS}`);
    return Response.json(
      { url: url.toString(), error: "Too many failed sign-ins", retry_after: gate.retryAfterS },
      {
        status: 429,
        headers: { "retry-after": String(gate.retryAfterS), "cache-control": "no-store" },
      },
    );
  }
  const res = await signIn(req);
  await gate.settle(signedIn(res));
  return res;
}

/** Counts a sign-up against its address; 429 past QUIVER_SIGNUPS_PER_ADDRESS_PER_HOUR. */
export async function limitSignUp(req: Request): Promise<void> {
  const bucket = {
    key: `signup:ip:${addressKey(clientAddress(req))}`,
    limit: env().QUIVER_SIGNUPS_PER_ADDRESS_PER_HOUR,
    periodMs: HOUR,
  };
  const r = await limitStore().take([bucket], limitClock.now());
  if (r.allowed) return;
  const s = seconds(r.retryAfterMs);
  throw new ApiError(
    "rate_limited",
    `Too many sign-ups from your network; try again in ${waitText(s)}`,
    { headers: { "retry-after": String(s) } },
  );
}
