// Password hashing with bcrypt (cost 10) through the native binding: each hash or compare runs on
// libuv's thread pool, never on the event loop, and at most QUIVER_PASSWORD_HASH_CONCURRENCY run at
// once (the rest wait their turn), so a flood of sign-in guesses queues instead of starving every
// other request. bcrypt reads only the first 72 bytes of a password: longer ones are refused when
// set and never match when checked, so nothing is silently truncated.
import bcrypt from "bcrypt";
import pLimit, { type LimitFunction } from "p-limit";
import { ApiError } from "@/lib/api/errors";
import { env } from "@/lib/env";
import { PASSWORD_MAX_BYTES, passwordBytes, passwordProblem } from "./password-rules";

const COST = 10;

let limiter: LimitFunction | undefined;

/** The one queue every hash and compare of this process goes through. */
function hashQueue(): LimitFunction {
  limiter ??= pLimit(env().QUIVER_PASSWORD_HASH_CONCURRENCY);
  return limiter;
}

/** Hash operations running and waiting now (for tests and the benchmark). */
export function hashQueueSize(): { active: number; pending: number } {
  const q = hashQueue();
  return { active: q.activeCount, pending: q.pendingCount };
}

/** Hashes a new password; one past 72 bytes is a 422 naming the limit (at `loc`). */
export function hashPassword(
  password: string,
  loc: (string | number)[] = ["body", "password"],
): Promise<string> {
  const problem = passwordProblem(password);
  if (problem)
    return Promise.reject(
      new ApiError("validation", "Validation failed", {
        errors: [{ loc, msg: problem, type: "value_error" }],
      }),
    );
  return hashQueue()(() => bcrypt.hash(password, COST));
}

/**
 * Whether `password` matches `hash` ($2a$/$2b$, as stored since the first release). A password
 * past 72 bytes never matches (it could only through truncation), but is still compared so that
 * it takes as long as any other answer.
 */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const ok = await hashQueue()(() => bcrypt.compare(password, hash).catch(() => false));
  return ok && passwordBytes(password) <= PASSWORD_MAX_BYTES;
}

/** Compared against when no user matches, so a wrong email costs as long as a wrong password. */
export const DUMMY_HASH = "$2b$10$G3db8SVKSR/rpZL1o07ew.UzL/D1MLcB29WrnGiWZqDSpMY1B6kaC";
