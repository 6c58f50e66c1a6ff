// Writing blob bytes straight through the database driver. Prisma passes every `Bytes` parameter
// through its query compiler as base64, which made storing a 5 MB push's 10 MB of blobs take
// 200–450 ms (docs/benchmarks.md); the drivers take 15–80 ms. Blobs are content-addressed and
// inserted with ON CONFLICT DO NOTHING, so they are written before the version's transaction
// (on SQLite they cannot be written inside it: that transaction holds the write lock on another
// connection). A push that fails after this point leaves unreferenced blobs, never a version;
// garbage collection (lib/db/blob-gc.ts) removes them later. Since a blob the write found already
// there may be collected before the version's transaction, that transaction claims its blobs
// (`claimBlobs`) before it refers to them, and writes again any that are gone.
// Every writer takes its rows in one order, by hash: two statements inserting overlapping sets in
// different orders would each wait for a row the other inserted (PostgreSQL reports a deadlock).
// Each client made by lib/db/client.ts owns one writer (`db.blobs`); a transaction client has none.
import Database from "better-sqlite3";
import pg from "pg";
import { log } from "@/lib/log";
import type { Tx } from "./client";
import { sqlitePath } from "./migrate";
import { byProvider, type Provider } from "./provider";

export interface BlobRow {
  sha256: string;
  data: Buffer;
}

export interface BlobWriter {
  /** Stores blobs that are not stored yet (a repeat is a no-op). */
  write(rows: BlobRow[]): Promise<void>;
  close(): Promise<void>;
}

function sqliteWriter(url: string): BlobWriter {
  const conn = new Database(sqlitePath(url), { timeout: 15_000 });
  const insert = conn.prepare(
    `INSERT INTO "Blob" ("sha256", "size", "data") VALUES (?, ?, ?) ON CONFLICT ("sha256") DO NOTHING`,
  );
  const writeAll = conn.transaction((rows: BlobRow[]) => {
    for (const r of rows) insert.run(r.sha256, r.data.length, r.data);
  });
  return {
    write: async (rows) => {
      writeAll(rows);
    },
    close: async () => {
      conn.close();
    },
  };
}

/** A PostgreSQL deadlock (SQLSTATE 40P01), as the driver or Prisma reports it. */
export function isDeadlock(err: unknown): boolean {
  const e = err as {
    code?: unknown;
    meta?: { code?: unknown };
    cause?: { originalCode?: unknown };
  };
  return (
    e?.code === "40P01" ||
    e?.meta?.code === "40P01" ||
    e?.cause?.originalCode === "40P01" ||
    /deadlock detected/.test(String((err as Error)?.message ?? ""))
  );
}

/** Blobs at least this large are written in a statement of their own (postgresWriter). */
const LARGE_BLOB = 1024 * 1024;

/** One INSERT of `chunk` (in hash order). */
async function insertBlobs(pool: pg.Pool, chunk: BlobRow[]): Promise<void> {
  const values = chunk.map((_, j) => `($${j * 3 + 1}, $${j * 3 + 2}, $${j * 3 + 3})`).join(", ");
  const insert = () =>
    pool.query(
      `INSERT INTO "Blob" ("sha256", "size", "data") VALUES ${values} ON CONFLICT ("sha256") DO NOTHING`,
      chunk.flatMap((r) => [r.sha256, r.data.length, r.data]),
    );
  // The statement is idempotent: one chosen as a deadlock's victim runs again (a transaction
  // writing blobs in another order, e.g. an older client, can still cross it).
  for (let attempt = 1; ; attempt++) {
    try {
      await insert();
      return;
    } catch (err) {
      if (!isDeadlock(err) || attempt >= 3) throw err;
    }
  }
}

function postgresWriter(url: string): BlobWriter {
  const pool = new pg.Pool({ connectionString: url, max: 2, idleTimeoutMillis: 10_000 });
  // An idle connection the server ends (a restart, a dropped database) must not crash the process:
  // the pool replaces it on the next write.
  pool.on("error", (err) =>
    log.warn("blob writer: idle PostgreSQL connection ended", { error: err.message }),
  );
  return {
    write: async (rows) => {
      // A blob of 1 MB or more (a push's bundle) goes in a statement of its own, beside the
      // others (up to 1,000 rows, 3,000 parameters, a statement): on the pool's two connections,
      // the database stores the bundle and the files at once. Each statement still takes its
      // rows in hash order, so their waits cannot form a cycle (see the top of this file).
      const large = rows.filter((r) => r.data.length >= LARGE_BLOB);
      const small = rows.filter((r) => r.data.length < LARGE_BLOB);
      const statements = large.map((r) => [r]);
      for (let i = 0; i < small.length; i += 1000) statements.push(small.slice(i, i + 1000));
      await Promise.all(statements.map((chunk) => insertBlobs(pool, chunk)));
    },
    close: () => pool.end(),
  };
}

const hashOrder = (a: BlobRow, b: BlobRow) =>
  a.sha256 < b.sha256 ? -1 : a.sha256 > b.sha256 ? 1 : 0;

/** The blob writer of the database at `url`: it connects on its first write. */
export function blobWriter(provider: Provider, url: string): BlobWriter {
  let open: BlobWriter | undefined;
  return {
    write: async (rows) => {
      const unique = [...new Map(rows.map((r) => [r.sha256, r])).values()].sort(hashOrder);
      if (!unique.length) return;
      open ??= byProvider(provider, {
        sqlite: () => sqliteWriter(url),
        postgresql: () => postgresWriter(url),
      });
      await open.write(unique);
    },
    close: async () => {
      const writer = open;
      open = undefined;
      await writer?.close();
    },
  };
}

/** Of `sha256s`, those not stored; those stored stay until the transaction ends (claimBlobs). */
async function lockPresent(tx: Tx, sha256s: string[]): Promise<string[]> {
  const json = JSON.stringify(sha256s);
  const rows = await byProvider(tx.provider, {
    sqlite: () =>
      tx.$queryRaw<{ sha256: string }[]>`SELECT "sha256" FROM "Blob"
        WHERE "sha256" IN (SELECT value FROM json_each(${json}))`,
    postgresql: () =>
      tx.$queryRaw<{ sha256: string }[]>`SELECT "sha256" FROM "Blob"
        WHERE "sha256" IN (SELECT jsonb_array_elements_text(${json}::jsonb)) FOR KEY SHARE`,
  });
  const present = new Set(rows.map((r) => r.sha256));
  return sha256s.filter((s) => !present.has(s));
}

/**
 * Makes sure the blobs a version about to be stored will refer to are there until its
 * transaction ends; those collected since they were written (a push that found a blob stored
 * writes nothing, and garbage collection may remove it before this transaction) are written again
 * through `tx`, through Prisma (slower for bytes, but rare), so they commit with the version.
 * PostgreSQL: a `FOR KEY SHARE` lock on each, which garbage collection's `FOR UPDATE SKIP LOCKED`
 * skips, and which waits for a collection that locked them first (a row it then deleted is not
 * returned, so it is written again). SQLite: the caller holds the write lock already
 * (lockCapability), so no collection runs until the transaction ends.
 */
export async function claimBlobs(tx: Tx, rows: BlobRow[]): Promise<void> {
  const byHash = new Map(rows.map((r) => [r.sha256, r]));
  // In hash order, as the writers insert (a deadlock otherwise; see the top of this file).
  let missing = [...byHash.keys()].sort();
  for (let round = 1; missing.length; round++) {
    missing = await lockPresent(tx, missing);
    if (!missing.length) return;
    if (round > 3) throw new Error(`${missing.length} blobs keep disappearing while being stored`);
    for (const sha of missing) {
      const r = byHash.get(sha)!;
      await tx.$executeRaw`INSERT INTO "Blob" ("sha256", "size", "data")
        VALUES (${r.sha256}, ${r.data.length}, ${r.data}) ON CONFLICT ("sha256") DO NOTHING`;
    }
  }
}
