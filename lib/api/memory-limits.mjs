// The in-memory limit counters, in plain JavaScript so that two kinds of process run the same code:
// a server process counting its own requests (lib/api/limit-store.ts), and the primary process of
// `npm start` counting for all its server processes over cluster IPC (scripts/start.mjs). Types:
// memory-limits.d.mts. How the counters work is described in lib/api/limit-store.ts.

const interval = (b) => b.periodMs / b.limit;
// Arrival times are fractional milliseconds (a minute / 7): a hair over the period is rounding.
const EPSILON_MS = 0.01;

/** The decision from each bucket's new arrival time minus now (`ahead`), shared by every store. */
export function decide(buckets, ahead) {
  let retryAfterMs = 0;
  let tightest = { limit: buckets[0]?.limit ?? 0, remaining: Number.POSITIVE_INFINITY };
  buckets.forEach((b, i) => {
    const d = ahead[i];
    if (d - b.periodMs > EPSILON_MS) retryAfterMs = Math.max(retryAfterMs, d - b.periodMs);
    const remaining = Math.max(0, Math.floor((b.periodMs - d) / interval(b) + 1e-6));
    if (remaining < tightest.remaining) tightest = { limit: b.limit, remaining };
  });
  const allowed = retryAfterMs <= 0;
  return {
    allowed,
    limit: tightest.limit,
    remaining: allowed ? tightest.remaining : 0,
    retryAfterMs: allowed ? 0 : retryAfterMs,
  };
}

export { interval as bucketInterval };

const lockFor = (n, p) =>
  n >= p.free ? Math.min(p.baseLockMs * 2 ** (n - p.free), p.maxLockMs) : 0;

/** Token buckets (GCRA) and attempt locks in this process's memory; every method is synchronous. */
export class MemoryLimits {
  tats = new Map();
  attempts = new Map();
  lastSweep = 0;

  sweep(now) {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [k, tat] of this.tats) if (tat <= now) this.tats.delete(k);
    for (const [k, a] of this.attempts) if (a.expires <= now) this.attempts.delete(k);
  }

  take(buckets, now) {
    this.sweep(now);
    const next = buckets.map((b) => Math.max(this.tats.get(b.key) ?? now, now) + interval(b));
    const result = decide(
      buckets,
      next.map((t) => t - now),
    );
    if (result.allowed) buckets.forEach((b, i) => this.tats.set(b.key, next[i]));
    return result;
  }

  /**
   * Takes as many requests as every bucket holds, up to `n`, at once: a server process's lease
   * (PrimaryLimitStore). `granted` is how many (0: refused); the rest is the decision after them.
   */
  takeUpTo(buckets, now, n) {
    this.sweep(now);
    const base = buckets.map((b) => Math.max(this.tats.get(b.key) ?? now, now));
    let granted = Math.max(0, Math.floor(n));
    buckets.forEach((b, i) => {
      const room = Math.floor((b.periodMs + EPSILON_MS - (base[i] - now)) / interval(b));
      granted = Math.min(granted, room);
    });
    if (granted < 1)
      return {
        ...decide(
          buckets,
          base.map((t, i) => t + interval(buckets[i]) - now),
        ),
        granted: 0,
      };
    const next = base.map((t, i) => t + granted * interval(buckets[i]));
    buckets.forEach((b, i) => this.tats.set(b.key, next[i]));
    return {
      ...decide(
        buckets,
        next.map((t) => t - now),
      ),
      granted,
    };
  }

  refund(bucket, now, count = 1) {
    const tat = (this.tats.get(bucket.key) ?? now) - count * interval(bucket);
    if (tat <= now) this.tats.delete(bucket.key);
    else this.tats.set(bucket.key, tat);
  }

  attempt(key, policy, now) {
    this.sweep(now);
    const a = this.attempts.get(key);
    const live = a && a.expires > now ? a : undefined;
    if (live && now < live.until) return { allowed: false, retryAfterMs: live.until - now };
    const n = (live?.n ?? 0) + 1;
    const lock = lockFor(n, policy);
    this.attempts.set(key, { n, until: now + lock, expires: now + lock + policy.forgetMs });
    return { allowed: true, retryAfterMs: 0 };
  }

  clear(key) {
    this.attempts.delete(key);
  }

  reset() {
    this.tats.clear();
    this.attempts.clear();
  }
}

/** The type of the IPC messages between a server process and the primary. */
export const LIMITS_MESSAGE = "quiver:limits";

/** One operation's answer: `{ id, result }` or `{ id, error }`. */
function answerOne(limits, { id, op, args }) {
  try {
    if (!["take", "takeUpTo", "refund", "attempt", "clear"].includes(op) || !Array.isArray(args))
      throw new Error(`unknown limit operation '${String(op)}'`);
    return { id, result: limits[op](...args) ?? null };
  } catch (err) {
    return { id, error: String(err?.message ?? err) };
  }
}

/**
 * The primary's answer to a server process's limit message, or null for a message that is not
 * one: a batch (`{ type, batch: [{ id, op, args }, …] }`, what PrimaryLimitStore sends: one message
 * per turn of its event loop) gets `{ type, batch: [{ id, result | error }, …] }`; a single
 * operation (`{ type, id, op, args }`) gets `{ type, id, result | error }`.
 */
export function answerLimitMessage(limits, message) {
  if (!message || message.type !== LIMITS_MESSAGE) return null;
  if (Array.isArray(message.batch)) {
    const batch = message.batch
      .filter((m) => m && typeof m.id === "number")
      .map((m) => answerOne(limits, m));
    return { type: LIMITS_MESSAGE, batch };
  }
  if (typeof message.id !== "number") return null;
  return { type: LIMITS_MESSAGE, ...answerOne(limits, message) };
}
