// Limits counted in the primary process of `npm start` (scripts/start.mjs), over cluster IPC: the
// store each server process uses when there are several and no Redis (lib/api/limit-store.ts
// chooses), with its leases for busy callers.
import type { LimitStore } from "./limit-store";
import {
  LIMITS_MESSAGE,
  type AttemptPolicy,
  type AttemptResult,
  type Bucket,
  type GrantResult,
  type LimitAnswer,
  type LimitOp,
  type LimitOperation,
  type LimitReply,
  type LimitRequest,
  type TakeResult,
} from "./memory-limits.mjs";

/** How long a server process may hold requests it took from the primary ahead of need. */
const LEASE_MS = 100;
/** At most this many requests ahead, and at most this share of a bucket's limit (1/LEASE_SHARE). */
const MAX_LEASE = 32;
const LEASE_SHARE = 20;

/** Requests taken ahead from one set of buckets, and how many this process took lately. */
interface Lease {
  buckets: Bucket[];
  /** The largest lease: MAX_LEASE, and 1/LEASE_SHARE of the smallest bucket's limit. */
  cap: number;
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
        cap: Math.min(
          MAX_LEASE,
          Math.max(1, Math.floor(Math.min(...buckets.map((b) => b.limit)) / LEASE_SHARE)),
        ),
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
    return Math.min(lease.cap, Math.max(1, lease.last));
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
