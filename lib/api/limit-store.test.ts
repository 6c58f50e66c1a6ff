// The limit counters: token buckets and sign-in attempt locks, in memory and (when TEST_REDIS_URL
// is set) in a real Redis, where two instances sharing it must enforce one combined limit.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import {
  FallbackLimitStore,
  MemoryLimitStore,
  RedisLimitStore,
  limitRedis,
  type Bucket,
  type LimitStore,
} from "./limit-store";
import { PrimaryLimitStore, type PrimaryChannel } from "./primary-limit-store";
import { answerLimitMessage, MemoryLimits } from "./memory-limits.mjs";

const redisUrl = process.env.TEST_REDIS_URL;
const connections: Redis[] = [];
afterAll(async () => {
  await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())));
});

function redisStore(prefix: string): RedisLimitStore {
  const conn = new Redis(redisUrl!);
  connections.push(conn);
  return new RedisLimitStore(conn, prefix);
}

/**
 * A primary process as scripts/start.mjs runs it, and a channel to it per server process: messages
 * are copied (as IPC serializes them) and answered on a later turn of the event loop.
 */
function fakePrimary(opts: { silent?: boolean } = {}) {
  const limits = new MemoryLimits();
  return (): PrimaryChannel => {
    const listeners: ((m: unknown) => void)[] = [];
    return {
      send(message) {
        const copy = structuredClone(message);
        setImmediate(() => {
          const reply = opts.silent ? null : answerLimitMessage(limits, copy);
          if (reply) listeners.forEach((l) => l(structuredClone(reply)));
        });
        return true;
      },
      on(_event, listener) {
        listeners.push(listener);
      },
    };
  };
}

const kinds: [string, () => LimitStore][] = [
  ["memory", () => new MemoryLimitStore()],
  ["primary process", () => new PrimaryLimitStore(fakePrimary()())],
];
if (redisUrl) kinds.push(["redis", () => redisStore(`quiver:test:${randomUUID()}:`)]);

const MIN = 60_000;
const bucket = (key: string, limit: number): Bucket => ({ key, limit, periodMs: MIN });

describe.each(kinds)("limit store (%s)", (_kind, make) => {
  it("lets a burst of the limit through, then one request per period/limit", async () => {
    const s = make();
    const t0 = 1_000_000_000;
    for (let i = 0; i < 6; i++) expect((await s.take([bucket("k", 6)], t0)).allowed).toBe(true);
    const refused = await s.take([bucket("k", 6)], t0 + 1);
    expect(refused).toMatchObject({ allowed: false, remaining: 0 });
    expect(refused.retryAfterMs).toBeCloseTo(MIN / 6 - 1, 0);
    expect((await s.take([bucket("k", 6)], t0 + MIN / 6 - 10)).allowed).toBe(false);
    const next = await s.take([bucket("k", 6)], t0 + MIN / 6);
    expect(next).toMatchObject({ allowed: true, remaining: 0 });
  });

  it("has no window edge: a full burst just before a minute ends leaves almost nothing just after", async () => {
    const s = make();
    const t0 = 2_000_000_000;
    let passed = 0;
    for (let i = 0; i < 120; i++)
      if ((await s.take([bucket("edge", 60)], t0 + 59_000)).allowed) passed++;
    expect(passed).toBe(60);
    // A fixed window would start afresh at t0+60 s and let 60 more through; the bucket has refilled
    // two requests in these two seconds.
    passed = 0;
    for (let i = 0; i < 120; i++)
      if ((await s.take([bucket("edge", 60)], t0 + 61_000)).allowed) passed++;
    expect(passed).toBe(2);
  });

  it("takes from all buckets or none: another token of the same user meets the user's limit", async () => {
    const s = make();
    const t0 = 3_000_000_000;
    const user = bucket("u", 4);
    for (let i = 0; i < 3; i++)
      expect((await s.take([bucket("u:a", 3), user], t0)).allowed).toBe(true);
    expect((await s.take([bucket("u:a", 3), user], t0)).allowed).toBe(false); // token a is empty
    const b1 = await s.take([bucket("u:b", 3), user], t0);
    expect(b1).toMatchObject({ allowed: true, limit: 4, remaining: 0 });
    const b2 = await s.take([bucket("u:b", 3), user], t0);
    expect(b2.allowed).toBe(false); // the user is empty, though token b has two left
    expect(b2.retryAfterMs).toBeCloseTo(MIN / 4, 0);
    // The refused takes took nothing from token b: once the user refills one, b passes.
    expect((await s.take([bucket("u:b", 3), user], t0 + MIN / 4)).allowed).toBe(true);
    expect((await s.take([bucket("u:b", 3)], t0 + MIN / 4)).remaining).toBe(0);
  });

  it("gives a request back on refund", async () => {
    const s = make();
    const t0 = 4_000_000_000;
    await s.take([bucket("r", 2)], t0);
    await s.take([bucket("r", 2)], t0);
    expect((await s.take([bucket("r", 2)], t0)).allowed).toBe(false);
    await s.refund(bucket("r", 2), t0);
    expect((await s.take([bucket("r", 2)], t0)).allowed).toBe(true);
  });

  it("locks attempts after the free ones, doubling each time up to the maximum, until cleared", async () => {
    const s = make();
    const policy = { free: 3, baseLockMs: 1000, maxLockMs: 3000, forgetMs: MIN };
    const t0 = 5_000_000_000;
    for (let i = 0; i < 3; i++) expect((await s.attempt("a", policy, t0 + i)).allowed).toBe(true);
    expect(await s.attempt("a", policy, t0 + 10)).toEqual({ allowed: false, retryAfterMs: 992 });
    expect((await s.attempt("a", policy, t0 + 1002)).allowed).toBe(true); // the 4th: locks 2 s
    expect(await s.attempt("a", policy, t0 + 1003)).toEqual({ allowed: false, retryAfterMs: 1999 });
    expect((await s.attempt("a", policy, t0 + 3002)).allowed).toBe(true); // the 5th: 4 s, capped at 3
    expect(await s.attempt("a", policy, t0 + 3003)).toEqual({ allowed: false, retryAfterMs: 2999 });
    expect((await s.attempt("other", policy, t0 + 3003)).allowed).toBe(true);
    await s.clear("a");
    expect((await s.attempt("a", policy, t0 + 3004)).allowed).toBe(true);
  });

  it("lets exactly the limit through when requests race", async () => {
    const s = make();
    const results = await Promise.all(
      Array.from({ length: 40 }, () => s.take([bucket("race", 10)], Date.now())),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });
});

describe.runIf(redisUrl)("limits shared through Redis", () => {
  it("two instances sharing Redis enforce one combined limit", async () => {
    const prefix = `quiver:test:${randomUUID()}:`;
    const a = redisStore(prefix);
    const b = redisStore(prefix);
    const now = Date.now();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).take([bucket("shared", 10)], now)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    expect((await a.take([bucket("shared", 10)], now)).allowed).toBe(false);
    expect((await b.take([bucket("shared", 10)], now)).allowed).toBe(false);
    // Sign-in locks are shared too.
    const policy = { free: 2, baseLockMs: 60_000, maxLockMs: 60_000, forgetMs: 60_000 };
    expect((await a.attempt("acct", policy, now)).allowed).toBe(true);
    expect((await b.attempt("acct", policy, now)).allowed).toBe(true);
    expect((await a.attempt("acct", policy, now)).allowed).toBe(false);
    expect((await b.attempt("acct", policy, now)).allowed).toBe(false);
  });

  it("keeps its keys under the prefix and lets them expire", async () => {
    const prefix = `quiver:test:${randomUUID()}:`;
    const s = redisStore(prefix);
    await s.take([bucket("ttl", 60)], Date.now());
    const probe = new Redis(redisUrl!);
    connections.push(probe);
    const ttl = await probe.pttl(`${prefix}ttl`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1000);
  });
});

describe.runIf(redisUrl)("the first connection", () => {
  it("is waited for: the first requests after start count in Redis, not in memory", async () => {
    const prefix = `quiver:test:${randomUUID()}:`;
    const fresh = limitRedis(redisUrl!); // no offline queue: a command before it connects would fail
    connections.push(fresh);
    const memory = new MemoryLimitStore();
    const store = new FallbackLimitStore(new RedisLimitStore(fresh, prefix), memory);
    const now = Date.now();
    expect((await store.take([bucket("first", 1)], now)).allowed).toBe(true);
    expect((await memory.take([bucket("first", 1)], now)).allowed).toBe(true); // memory was not used
    expect((await redisStore(prefix).take([bucket("first", 1)], now)).allowed).toBe(false);
  });
});

describe("when Redis is down", () => {
  it("counts in memory instead of failing the request", async () => {
    const down = limitRedis("redis://127.0.0.1:1");
    connections.push(down);
    const store = new FallbackLimitStore(
      new RedisLimitStore(down, `quiver:test:${randomUUID()}:`),
      new MemoryLimitStore(),
    );
    const now = Date.now();
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await store.take([bucket("down", 3)], now));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(
      (
        await store.attempt(
          "x",
          { free: 1, baseLockMs: 1000, maxLockMs: 1000, forgetMs: 1000 },
          now,
        )
      ).allowed,
    ).toBe(true);
  });
});

describe("through the primary process (several server processes, no Redis)", () => {
  it("two server processes enforce one combined limit", async () => {
    const channel = fakePrimary();
    const [a, b] = [new PrimaryLimitStore(channel()), new PrimaryLimitStore(channel())];
    const now = Date.now();
    const allowed = [];
    for (let i = 0; i < 6; i++)
      allowed.push((await (i % 2 ? a : b).take([bucket("shared", 4)], now)).allowed);
    expect(allowed).toEqual([true, true, true, true, false, false]);
  });

  it("refuses an unknown operation with an error, not an answer", () => {
    const reply = answerLimitMessage(new MemoryLimits(), {
      type: "quiver:limits",
      id: 1,
      op: "reset",
      args: [],
    });
    expect(reply).toEqual({
      type: "quiver:limits",
      id: 1,
      error: "unknown limit operation 'reset'",
    });
    expect(answerLimitMessage(new MemoryLimits(), { type: "other" })).toBeNull();
  });

  it("does not wait on a primary that does not answer: counts in memory after the timeout", async () => {
    const store = new FallbackLimitStore(
      new PrimaryLimitStore(fakePrimary({ silent: true })(), 50),
      new MemoryLimitStore(),
    );
    const started = Date.now();
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await store.take([bucket("silent", 2)], started));
    expect(results.map((r) => r.allowed)).toEqual([true, true, false]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("counts in memory when the channel to the primary is closed", async () => {
    const closed: PrimaryChannel = { connected: false, send: () => false, on: () => undefined };
    await expect(new PrimaryLimitStore(closed).take([bucket("c", 1)], 0)).rejects.toThrow(/closed/);
    const store = new FallbackLimitStore(new PrimaryLimitStore(closed), new MemoryLimitStore());
    expect((await store.take([bucket("c", 1)], Date.now())).allowed).toBe(true);
    // A send that fails later reports through its callback, not as an 'error' event.
    const failing: PrimaryChannel = {
      send: (_m, callback) => {
        setImmediate(() => callback?.(new Error("channel closed while sending")));
        return false;
      },
      on: () => undefined,
    };
    await expect(new PrimaryLimitStore(failing).take([bucket("f", 1)], 0)).rejects.toThrow(
      /while sending/,
    );
  });

  it("sends the operations of one turn in one message, and waits for the answer when send returns false", async () => {
    const primary = fakePrimary()();
    let sends = 0;
    // Node's send returns false for a long backlog too; the message is still delivered.
    const backlogged: PrimaryChannel = {
      send: (m) => {
        sends++;
        primary.send?.(m);
        return false;
      },
      on: (event, listener) => primary.on(event, listener),
    };
    const store = new PrimaryLimitStore(backlogged);
    const now = Date.now();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => store.take([bucket("batched", 3)], now)),
    );
    expect(sends).toBe(1);
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false, false]);
  });

  it("sends one message while the last is unanswered: what comes meanwhile goes in the next", async () => {
    const { channel, sent } = counted();
    const store = new PrimaryLimitStore(channel);
    const now = Date.now();
    const first = store.take([bucket("in-flight", 100)], now);
    await new Promise((r) => setImmediate(r)); // the first message is on its way
    const more = Array.from({ length: 4 }, () => store.take([bucket("in-flight", 100)], now));
    await Promise.all([first, ...more]);
    expect(sent.map((m) => m.length)).toEqual([1, 4]);
  });

  it("takes requests ahead for a busy process, in far fewer messages, and gives back what it did not use", async () => {
    const { channel, sent } = counted();
    const busy = new PrimaryLimitStore(channel);
    const key = `busy-${randomUUID()}`;
    // A period so long that nothing refills while the test runs.
    const b = { key, limit: 100_000, periodMs: 1e12 };
    let taken = 0;
    const until = Date.now() + 350;
    while (Date.now() < until) {
      const r = await busy.take([b], Date.now());
      expect(r.allowed).toBe(true);
      taken++;
    }
    const asked = sent.flat();
    expect(asked.length).toBeLessThan(taken / 5);
    const leases = asked.filter((op) => op.op === "takeUpTo").map((op) => op.args[2] as number);
    expect(Math.max(...leases)).toBe(32);
    // Another process sees what the busy one used plus what it holds ahead: at most the quarter of
    // a lease left when the next was asked for (8) and that next lease (32). Once the leases have
    // expired (100 ms), it sees exactly what was used.
    const other = new PrimaryLimitStore(channel);
    const held = 100_000 - 1 - (await other.take([b], Date.now())).remaining - taken;
    expect(held).toBeGreaterThanOrEqual(0);
    expect(held).toBeLessThanOrEqual(32 + 8);
    await new Promise((r) => setTimeout(r, 350));
    expect((await other.take([b], Date.now())).remaining).toBe(100_000 - taken - 2);
  });

  it("asks for a busy process's next lease before the last runs out: requests rarely wait", async () => {
    const { channel, sent } = counted();
    const store = new PrimaryLimitStore(channel);
    const b = { key: `prefetch-${randomUUID()}`, limit: 1_000_000, periodMs: 1e12 };
    let taken = 0;
    // Four requests at a time, as a process with four connections sees them.
    const run = (ms: number) => {
      const until = Date.now() + ms;
      return Promise.all(
        Array.from({ length: 4 }, async () => {
          while (Date.now() < until) {
            expect((await store.take([b], Date.now())).allowed).toBe(true);
            taken++;
          }
        }),
      );
    };
    await run(250); // the first lease period asks one at a time; then leases grow
    const [mark, takenBefore] = [sent.length, taken];
    await run(250);
    const asks = sent
      .slice(mark)
      .flat()
      .filter((op) => op.op === "takeUpTo");
    // Without asking ahead, every lease that ran out made the other requests of that moment ask
    // for one each; with it, they find the next lease there.
    const single = asks.filter((op) => op.args[2] === 1).length;
    expect(single).toBeLessThan((taken - takenBefore) / 100);
    expect(asks.length).toBeLessThan((taken - takenBefore) / 10);
  });

  it("never lets more than the limit through with leases in two processes", async () => {
    const { channel } = counted();
    const [a, c] = [new PrimaryLimitStore(channel), new PrimaryLimitStore(channel)];
    const b = bucket(`leased-${randomUUID()}`, 2_000); // leases of up to 2000/20 = 100, capped at 32
    const now = Date.now();
    let allowed = 0;
    // Busy for a while first, so that both ask for leases.
    const until = Date.now() + 250;
    while (Date.now() < until) {
      const rs = await Promise.all([a.take([b], now), c.take([b], now), a.take([b], now)]);
      allowed += rs.filter((r) => r.allowed).length;
      if (rs.every((r) => !r.allowed)) break;
    }
    expect(allowed).toBeLessThanOrEqual(2_000);
    // Once the leases expire, what they held comes back: exactly the limit passed in all.
    await new Promise((r) => setTimeout(r, 350));
    for (;;) {
      const r = await a.take([b], now);
      if (!r.allowed) break;
      allowed++;
    }
    expect(allowed).toBe(2_000);
  });
});

/** A channel to a fake primary that records the operations of each message it carries. */
function counted() {
  const primary = fakePrimary()();
  const sent: { op: string; args: unknown[] }[][] = [];
  const channel: PrimaryChannel = {
    send: (m, callback) => {
      sent.push("batch" in m ? m.batch : [m]);
      return primary.send!(m, callback);
    },
    on: (event, listener) => primary.on(event, listener),
  };
  return { channel, sent };
}
