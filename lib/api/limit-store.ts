// Where limits count: in Redis when REDIS_URL is set so that every instance shares one count;
// else, in a server process of `npm start` with several processes (QUIVER_WEB_CONCURRENCY), in
// the primary process over cluster IPC, so that the processes of one instance share one count;
// else in this process's memory. Two kinds of counter:
// - token buckets (`take`), kept as GCRA (the generic cell rate algorithm): one number per key,
//   the "theoretical arrival time", which is a token bucket holding `limit` requests that refills
//   at `limit` per period. A burst of `limit` passes, then one request per period/limit; there is
//   no window edge where twice the limit passes at once, as with the fixed window this replaces.
// - attempt locks (`attempt`), for sign-in: N free attempts, then a lock that doubles each time.
// Each operation is atomic (one Lua script in Redis), so parallel requests cannot slip past a limit.
// A Redis error never fails a request: that operation counts in memory instead, and a warning is
// logged at most once a minute (see docs/security.md).
import { Redis } from "ioredis";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import {
  bucketInterval,
  decide,
  MemoryLimits,
  type AttemptPolicy,
  type AttemptResult,
  type Bucket,
  type TakeResult,
} from "./memory-limits.mjs";
import { PrimaryLimitStore, type PrimaryChannel } from "./primary-limit-store";

export type { AttemptPolicy, AttemptResult, Bucket, TakeResult };

export interface LimitStore {
  /** Takes one request from every bucket, or from none when any is empty. */
  take(buckets: Bucket[], now: number): Promise<TakeResult>;
  /** Gives one request back to a bucket (an attempt that turned out not to count). */
  refund(bucket: Bucket, now: number): Promise<void>;
  /** Refused while locked; otherwise counts the attempt and sets the lock the next one meets. */
  attempt(key: string, policy: AttemptPolicy, now: number): Promise<AttemptResult>;
  /** Forgets an attempt record. */
  clear(key: string): Promise<void>;
}

const interval = bucketInterval;

/** This process's memory (the counting itself is memory-limits.mjs, shared with the primary). */
export class MemoryLimitStore implements LimitStore {
  private readonly limits = new MemoryLimits();

  async take(buckets: Bucket[], now: number): Promise<TakeResult> {
    return this.limits.take(buckets, now);
  }
  async refund(bucket: Bucket, now: number): Promise<void> {
    this.limits.refund(bucket, now);
  }
  async attempt(key: string, policy: AttemptPolicy, now: number): Promise<AttemptResult> {
    return this.limits.attempt(key, policy, now);
  }
  async clear(key: string): Promise<void> {
    this.limits.clear(key);
  }
  reset(): void {
    this.limits.reset();
  }
}

// KEYS: the buckets. ARGV: now, then interval and period of each bucket. Returns allowed (0/1)
// and, per bucket, its new arrival time minus now (as strings: Lua numbers would be truncated).
const TAKE = `
local now = tonumber(ARGV[1])
local ahead, next, allowed = {}, {}, 1
for i = 1, #KEYS do
  local iv, period = tonumber(ARGV[2 * i]), tonumber(ARGV[2 * i + 1])
  local tat = tonumber(redis.call('GET', KEYS[i]) or '0')
  if tat < now then tat = now end
  next[i] = tat + iv
  ahead[i] = string.format('%.3f', next[i] - now)
  if next[i] - now - period > 0.01 then allowed = 0 end
end
if allowed == 1 then
  for i = 1, #KEYS do
    redis.call('SET', KEYS[i], string.format('%.3f', next[i]), 'PX', math.max(1, math.ceil(next[i] - now)))
  end
end
return {allowed, unpack(ahead)}
`;

const REFUND = `
local now, iv = tonumber(ARGV[1]), tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0') - iv
if tat <= now then redis.call('DEL', KEYS[1]) else
  redis.call('SET', KEYS[1], string.format('%.3f', tat), 'PX', math.max(1, math.ceil(tat - now)))
end
return 1
`;

// ARGV: now, free, base lock, max lock, forget (ms). Returns allowed (0/1) and the ms left.
const ATTEMPT = `
local now, free, base, max, forget = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local rec = redis.call('HMGET', KEYS[1], 'n', 'u')
local n, u = tonumber(rec[1] or '0'), tonumber(rec[2] or '0')
if now < u then return {0, string.format('%.0f', u - now)} end
n = n + 1
local lock = 0
if n >= free then lock = math.min(base * 2 ^ (n - free), max) end
redis.call('HSET', KEYS[1], 'n', n, 'u', string.format('%.0f', now + lock))
redis.call('PEXPIRE', KEYS[1], math.max(1, math.floor(lock + forget)))
return {1, '0'}
`;

type LimitCommands = {
  quiverTake(numKeys: number, ...args: (string | number)[]): Promise<[number, ...string[]]>;
  quiverRefund(key: string, now: number, iv: number): Promise<number>;
  quiverAttempt(key: string, ...args: number[]): Promise<[number, string]>;
};

/** Counters in Redis under `prefix`; every operation is one Lua script (EVALSHA). */
export class RedisLimitStore implements LimitStore {
  private readonly redis: Redis & LimitCommands;
  private firstConnection: Promise<void> | null = null;

  constructor(
    redis: Redis,
    private readonly prefix = "quiver:limits:",
  ) {
    redis.defineCommand("quiverTake", { lua: TAKE });
    redis.defineCommand("quiverRefund", { numberOfKeys: 1, lua: REFUND });
    redis.defineCommand("quiverAttempt", { numberOfKeys: 1, lua: ATTEMPT });
    this.redis = redis as Redis & LimitCommands;
    // The first requests after start wait (at most a second) for the first connection, rather
    // than all counting in memory; once it has been up, an outage fails fast.
    if (redis.status !== "ready") {
      this.firstConnection = new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.firstConnection = null;
          resolve();
        };
        const timer = setTimeout(done, 1000);
        timer.unref?.();
        redis.once("ready", done);
      });
    }
  }

  async take(buckets: Bucket[], now: number): Promise<TakeResult> {
    if (this.firstConnection) await this.firstConnection;
    const args = buckets.flatMap((b) => [interval(b), b.periodMs]);
    const [allowed, ...ahead] = await this.redis.quiverTake(
      buckets.length,
      ...buckets.map((b) => this.prefix + b.key),
      now,
      ...args,
    );
    const result = decide(buckets, ahead.map(Number));
    // The script decided; `decide` only derives the numbers (both use the same comparison).
    return { ...result, allowed: allowed === 1 };
  }

  async refund(bucket: Bucket, now: number): Promise<void> {
    if (this.firstConnection) await this.firstConnection;
    await this.redis.quiverRefund(this.prefix + bucket.key, now, interval(bucket));
  }

  async attempt(key: string, policy: AttemptPolicy, now: number): Promise<AttemptResult> {
    if (this.firstConnection) await this.firstConnection;
    const [allowed, left] = await this.redis.quiverAttempt(
      this.prefix + key,
      now,
      policy.free,
      policy.baseLockMs,
      policy.maxLockMs,
      policy.forgetMs,
    );
    return { allowed: allowed === 1, retryAfterMs: Number(left) };
  }

  async clear(key: string): Promise<void> {
    if (this.firstConnection) await this.firstConnection;
    await this.redis.del(this.prefix + key);
  }
}

/**
 * Redis (or the primary process) first; on any error, the fallback (logged at most once a minute).
 */
export class FallbackLimitStore implements LimitStore {
  private lastWarning = 0;

  constructor(
    private readonly primary: LimitStore,
    private readonly fallback: LimitStore,
    private readonly warning = "limits: Redis is unavailable, counting in this process's memory until it is back",
  ) {}

  private async run<T>(op: (s: LimitStore) => Promise<T>): Promise<T> {
    try {
      return await op(this.primary);
    } catch (err) {
      if (Date.now() - this.lastWarning > 60_000) {
        this.lastWarning = Date.now();
        log.warn(this.warning, { error: (err as Error)?.message ?? String(err) });
      }
      return op(this.fallback);
    }
  }

  take(buckets: Bucket[], now: number) {
    return this.run((s) => s.take(buckets, now));
  }
  refund(bucket: Bucket, now: number) {
    return this.run((s) => s.refund(bucket, now));
  }
  attempt(key: string, policy: AttemptPolicy, now: number) {
    return this.run((s) => s.attempt(key, policy, now));
  }
  clear(key: string) {
    return this.run((s) => s.clear(key));
  }
}

/**
 * A Redis connection for limits: commands fail at once while it is down (no offline queue, one
 * attempt, a short timeout) so that a request never waits on Redis for long.
 */
export function limitRedis(url: string): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 500,
    connectTimeout: 2_000,
  });
  let lastError = 0;
  redis.on("error", (err: Error) => {
    if (Date.now() - lastError < 60_000) return;
    lastError = Date.now();
    log.warn("limits: Redis connection error", { error: err.message });
  });
  return redis;
}

const g = globalThis as unknown as {
  quiverLimits?: { memory: MemoryLimitStore; store: LimitStore };
};

/**
 * This process's store: shared through Redis when REDIS_URL is set, else through the primary
 * process in a cluster of server processes, else in memory.
 */
export function limitStore(): LimitStore {
  if (!g.quiverLimits) {
    const memory = new MemoryLimitStore();
    const e = env();
    const local =
      e.QUIVER_CLUSTER_WORKER > 0 && process.send
        ? new FallbackLimitStore(
            new PrimaryLimitStore(process as PrimaryChannel),
            memory,
            "limits: the primary process did not answer, counting in this process's memory",
          )
        : memory;
    g.quiverLimits = {
      memory,
      store: e.REDIS_URL
        ? new FallbackLimitStore(new RedisLimitStore(limitRedis(e.REDIS_URL)), local)
        : local,
    };
  }
  return g.quiverLimits.store;
}

/** Forgets every count kept in memory (tests). */
export function resetMemoryLimits(): void {
  g.quiverLimits?.memory.reset();
}
