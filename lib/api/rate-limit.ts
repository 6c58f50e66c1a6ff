// Request limits of /api/v1: a token bucket per caller (lib/api/limit-store.ts), shared between
// instances through Redis when REDIS_URL is set. A token's requests count against the token and
// against its user, so minting more tokens does not raise what one user may send; a session
// counts against its user; a caller without credentials against its address.
import { env } from "@/lib/env";
import { addressKey } from "./client-address";
import { limitStore, resetMemoryLimits, type Bucket } from "./limit-store";

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  retryAfterS: number;
}

const MINUTE = 60_000;

export interface Caller {
  userId?: string;
  tokenId?: string;
  address: string;
}

/** The buckets a caller's request is taken from. */
function bucketsFor(caller: Caller): Bucket[] {
  const e = env();
  const perToken = e.QUIVER_RATE_LIMIT_PER_MINUTE;
  const perUser = e.QUIVER_RATE_LIMIT_USER_PER_MINUTE || 2 * perToken;
  if (caller.userId) {
    // One hash tag ({u:…}) per user: the buckets of one request live in one Redis Cluster slot.
    const user = { key: `req:{u:${caller.userId}}`, limit: perUser, periodMs: MINUTE };
    return caller.tokenId
      ? [
          {
            key: `req:{u:${caller.userId}}:t:${caller.tokenId}`,
            limit: perToken,
            periodMs: MINUTE,
          },
          user,
        ]
      : [user];
  }
  return [{ key: `req:ip:${addressKey(caller.address)}`, limit: perToken, periodMs: MINUTE }];
}

/** Takes one request from the caller's buckets. */
export async function takeRequest(caller: Caller, now = Date.now()): Promise<RateDecision> {
  const r = await limitStore().take(bucketsFor(caller), now);
  return {
    allowed: r.allowed,
    limit: r.limit,
    remaining: r.remaining,
    retryAfterS: Math.max(1, Math.ceil(r.retryAfterMs / 1000)),
  };
}

/** Forgets the counts kept in memory (tests). */
export function resetRateLimits(): void {
  resetMemoryLimits();
}
