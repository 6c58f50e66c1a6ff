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
  LIMITS_MESSAGE,
  MemoryLimits,
  type AttemptPolicy,
  type AttemptResult,
  type Bucket,
  type LimitAnswer,
  type LimitOp,
  type LimitOperation,
  type LimitReply,
  type GrantResult,
  type LimitRequest,
  type TakeResult,
} from "./memory-limits.mjs";

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

/** How long a server process may hold requests it took from the primary ahead of need. */
const LEASE_MS = 100;
/** At most this many requests ahead, and at most this share of a bucket's limit (1/LEASE_SHARE). */
const MAX_LEASE = 32;
const LEASE_SHARE = 20;

/** Requests taken ahead from one set of buckets, and how many this process took lately. */
interface Lease {
  buckets: Bucket[];
  /** Taken from the primary and not used yet; valid until `expires`. */
  left: number;
  limit: number;
  /** The primary's count after the grant (the lease's unused requests come on top). */
  remaining: number;
  expires: number;
  /** Requests taken in this lease period and in the one before (the next lease's size). */
  count: number;
  last: number;
  /** The ask for a lease on its way to the primary, if any. */
  pending: Promise<void> | null;
}

/** The IPC channel to the primary process: `process` in a cluster worker. */
export interface PrimaryChannel {
  /** False once the channel has closed (`process.connected`). */
  readonly connected?: boolean;
  /**
   * Queues the message. Its return value is not a verdict: Node returns false both for a closed
   * channel and for a long backlog whose messages are still delivered. A failure reaches the
   * callback (without one, Node emits it as an 'error' event on the process).
   */
  send?(message: LimitRequest, callback?: (error: Error | null) => void): boolean;
  on(event: "message", listener: (message: unknown) => void): unknown;
}

/**
 * Counts in the primary process of `npm start` (scripts/start.mjs), over cluster IPC, so that all
 * the server processes of one instance share one count without Redis. One message is in flight at
 * a time: operations that come while it is go together in the next, sent when its answer arrives.
 * So a busy process sends one message per round trip, not one per request (a change wakes
 * thousands of watchers, whose requests arrive together: one message each kept the primary busy
 * past the timeout; and at a few thousand requests a second the primary's share of a core was a
 * sixth of the cluster's). An answer that does not come within `timeoutMs`, or a channel that is
 * closed, throws: FallbackLimitStore then counts in this process's memory, so a request never
 * hangs on the primary.
 */
export class PrimaryLimitStore implements LimitStore {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
  >();
  private queue: LimitOperation[] = [];
  private readonly leases = new Map<string, Lease>();
  private sweeper: NodeJS.Timeout | null = null;
  /** A message is on its way to the primary, or a flush is due: new operations wait in the queue. */
  private inFlight = false;
  private flushDue = false;

  constructor(
    private readonly channel: PrimaryChannel,
    private readonly timeoutMs = 250,
  ) {
    channel.on("message", (message) => {
      const m = message as LimitReply | null;
      if (!m || m.type !== LIMITS_MESSAGE) return;
      for (const answer of "batch" in m ? m.batch : [m]) this.settle(answer);
      this.release();
    });
  }

  private settle(answer: LimitAnswer): void {
    const p = this.pending.get(answer.id);
    if (!p) return;
    this.pending.delete(answer.id);
    clearTimeout(p.timer);
    if (answer.error !== undefined) p.reject(new Error(`the primary process: ${answer.error}`));
    else p.resolve(answer.result);
  }

  private fail(id: number, err: Error): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    p.reject(err);
  }

  /** The message in flight was answered (or given up on): what queued meanwhile goes now. */
  private release(): void {
    this.inFlight = false;
    if (this.queue.length > 0 && !this.flushDue) this.flush();
  }

  private flush = () => {
    this.flushDue = false;
    if (this.inFlight || this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    const failAll = (err: unknown) => {
      const error = err instanceof Error ? err : new Error(String(err));
      for (const { id } of batch) this.fail(id, error);
      this.release();
    };
    if (this.channel.connected === false || !this.channel.send)
      return failAll(new Error("the channel to the primary process is closed"));
    this.inFlight = true;
    try {
      // A false return may be a long backlog, still delivered: the answer or the timeout decides.
      this.channel.send({ type: LIMITS_MESSAGE, batch }, (err) => err && failAll(err));
    } catch (err) {
      failAll(err);
    }
  };

  private call<T>(op: LimitOp, args: unknown[]): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const id = this.nextId++;
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`the primary process did not answer within ${this.timeoutMs} ms`));
        // An answer this late may never come: stop waiting for it before sending more.
        this.release();
      }, this.timeoutMs);
      timer.unref?.();
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      this.queue.push({ id, op, args });
      if (!this.inFlight && !this.flushDue) {
        this.flushDue = true;
        setImmediate(this.flush);
      }
    });
  }

  /**
   * One request from the buckets: from this process's lease on them when it holds one, else from
   * the primary, asking for as many as this process took from them in the last lease's time.
   */
  async take(buckets: Bucket[], now: number): Promise<TakeResult> {
    const key = buckets.map((b) => b.key).join("\n");
    let lease = this.leases.get(key);
    if (!lease) {
      lease = {
        buckets,
        left: 0,
        limit: 0,
        remaining: 0,
        expires: 0,
        count: 0,
        last: 0,
        pending: null,
      };
      this.leases.set(key, lease);
      this.sweeper ??= setInterval(this.sweep, LEASE_MS);
      this.sweeper.unref?.();
    }
    lease.count++;
    for (let round = 0; ; round++) {
      if (lease.left > 0 && now < lease.expires) {
        lease.left--;
        // The next lease is asked for before this one runs out, so requests do not wait for it.
        if (!lease.pending && lease.left <= this.leaseSize(lease) / 4) this.prefetch(lease, now);
        return {
          allowed: true,
          limit: lease.limit,
          remaining: lease.remaining + lease.left,
          retryAfterMs: 0,
        };
      }
      if (lease.left > 0) this.giveBack(lease); // expired
      // A lease on its way: wait for it rather than ask for one request each (twice at most).
      if (lease.pending && round < 2) {
        await lease.pending;
        continue;
      }
      break;
    }
    const want = lease.pending ? 1 : this.leaseSize(lease);
    const asking = this.call<GrantResult>("takeUpTo", [buckets, now, want]);
    if (want > 1) this.track(lease, asking);
    const r = await asking;
    if (r.granted > 1) this.extend(lease, r.granted - 1, r, now);
    return r.granted > 0
      ? { allowed: true, limit: r.limit, remaining: r.remaining + lease.left, retryAfterMs: 0 }
      : { allowed: false, limit: r.limit, remaining: 0, retryAfterMs: r.retryAfterMs };
  }

  /** Marks the lease's ask as on its way until it settles (and its grant, if any, is added). */
  private track(lease: Lease, asking: Promise<unknown>): void {
    const pending: Promise<void> = asking.then(
      () => undefined,
      () => undefined,
    );
    lease.pending = pending;
    // After the asker's own continuation has added the grant (it was registered first).
    void pending.then(() => {
      if (lease.pending === pending) lease.pending = null;
    });
  }

  /** As many as this process took from the buckets in the last lease's time, within the caps. */
  private leaseSize(lease: Lease): number {
    const smallest = Math.min(...lease.buckets.map((b) => b.limit));
    const cap = Math.max(1, Math.floor(smallest / LEASE_SHARE));
    return Math.min(MAX_LEASE, cap, Math.max(1, lease.last));
  }

  private extend(lease: Lease, count: number, r: GrantResult, now: number): void {
    lease.left += count;
    lease.limit = r.limit;
    lease.remaining = r.remaining;
    lease.expires = now + LEASE_MS;
  }

  /** Asks for the next lease in the background (a refusal or no answer just leaves it empty). */
  private prefetch(lease: Lease, now: number): void {
    const want = this.leaseSize(lease);
    if (want <= 1) return;
    const asking = this.call<GrantResult>("takeUpTo", [lease.buckets, now, want]).then((r) => {
      if (r.granted > 0) this.extend(lease, r.granted, r, now);
    });
    this.track(lease, asking);
  }

  /** Gives the primary back what an expired lease did not use. */
  private giveBack(lease: Lease): void {
    if (lease.left <= 0) return;
    const count = lease.left;
    lease.left = 0;
    for (const b of lease.buckets)
      this.call("refund", [b, lease.expires, count]).catch(() => {
        // the primary did not answer: its count stays a little high until the bucket refills
      });
  }

  /** Every lease's time: what expired goes back, the counts roll over, idle leases are dropped. */
  private sweep = () => {
    const now = Date.now();
    for (const [key, lease] of this.leases) {
      if (lease.left > 0 && !(now < lease.expires)) this.giveBack(lease);
      if (lease.count === 0 && lease.last === 0 && lease.left === 0 && !lease.pending)
        this.leases.delete(key);
      lease.last = lease.count;
      lease.count = 0;
    }
    if (this.leases.size === 0 && this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = null;
    }
  };

  async refund(bucket: Bucket, now: number) {
    await this.call("refund", [bucket, now]);
  }
  attempt(key: string, policy: AttemptPolicy, now: number) {
    return this.call<AttemptResult>("attempt", [key, policy, now]);
  }
  async clear(key: string) {
    await this.call("clear", [key]);
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
