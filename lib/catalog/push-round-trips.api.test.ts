// What a push costs the database on PostgreSQL, counted rather than timed (timings on a shared
// machine are noise): the statements sent and their bytes for a new version of 200 files, 5 MB.
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { orgCtxOf } from "@/lib/agents/testing";
import { pushBundle } from "@/lib/catalog/push";
import { newOwner, uid } from "@/lib/testing/api";
import { ingestBundle } from "@/scripts/bench/ingest-bundle";

const onPostgres = process.env.DATABASE_URL!.startsWith("postgres");

interface Counted {
  statements: string[];
  bytes: number;
}

/** Counts every statement sent through `pg` (Prisma's adapter and the blob writer both use it). */
function countQueries(): Counted & { stop: () => void } {
  const counted: Counted = { statements: [], bytes: 0 };
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [q, values] = args as [string | { text: string; values?: unknown[] }, unknown[]?];
    const text = typeof q === "string" ? q : q.text;
    const params = (typeof q === "string" ? values : (q.values ?? values)) ?? [];
    counted.statements.push(text.slice(0, 300).replace(/\s+/g, " "));
    counted.bytes += Buffer.byteLength(text);
    for (const p of params)
      counted.bytes += Buffer.isBuffer(p) || p instanceof Uint8Array ? p.length : String(p).length;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  return Object.assign(counted, { stop: () => (pg.Client.prototype.query = original) });
}

let stop: (() => void) | undefined;
afterEach(() => stop?.());

describe.runIf(onPostgres)("push round trips on PostgreSQL", () => {
  it("a new version of 200 files and 5 MB", async () => {
    const owner = await newOwner();
    const ctx = orgCtxOf(owner);
    const name = `rt-${uid()}`;
    // A warm-up: the capability exists and connections are open, as in the benchmark.
    await pushBundle(ctx, ingestBundle(name, "1.0.0", 1).bundle, "api");
    const { bundle, unpackedBytes } = ingestBundle(name, "1.0.1", 2);
    const c = countQueries();
    stop = c.stop;
    const stored = await pushBundle(ctx, bundle, "api");
    c.stop();
    expect(stored.created).toBe(true);
    // 30 on main before blob garbage collection (31 with its claim); 22 since: the existence
    // check reads one table, the capability is locked and found in one UPDATE, the blobs go in
    // one INSERT, and the trust and latest refresh take the version just stored instead of reading it again.
    // 23 since the bundle's blob goes in an INSERT of its own, at the same time as the files'
    // (two connections, one round trip's wait: lib/db/blobs.ts). 22 since the latest refresh
    // takes the new latest (and the level just stored) from the store instead of reading it.
    expect(c.statements.length, c.statements.join("\n")).toBeLessThanOrEqual(22);
    expect(c.statements.filter((s) => s.includes('FROM "public"."CapabilityFile"'))).toHaveLength(
      1,
    );
    // The blobs (files and bundle) cross once, as bytes; the rest is small.
    const blobBytes = unpackedBytes + bundle.length;
    expect(c.bytes).toBeGreaterThan(blobBytes);
    expect(c.bytes).toBeLessThan(blobBytes + 200_000);
  });
});
