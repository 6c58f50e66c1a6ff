// The Prisma client singleton, built with the driver adapter of the provider that DATABASE_URL
// names: SQLite (better-sqlite3) for `file:` URLs, PostgreSQL (pg) for `postgresql://`. Each client
// knows its provider (`db.provider`, which its transaction clients share) and owns the writer of
// its blobs (`db.blobs`). Secret columns are omitted from every query result unless a query asks
// for them.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { env } from "@/lib/env";
import { blobWriter, type BlobWriter } from "./blobs";
import { directReader, type DirectReader } from "./direct";
import { log } from "@/lib/log";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import type { Prisma } from "./types";
import { sqlitePath } from "./migrate";
import { byProvider, providerOf, type Provider } from "./provider";

const omit = {
  user: { passwordHash: true },
  apiToken: { tokenHash: true },
  invitation: { tokenHash: true },
} as const;

/**
 * Several server processes share one SQLite file (QUIVER_WEB_CONCURRENCY): WAL, so that readers
 * and the writer do not block each other, and a busy timeout, so that a writer waits for the lock
 * (up to 15 s) instead of failing. Prisma's adapter opens transactions with a deferred `BEGIN`: one
 * that reads and then writes fails at once with SQLITE_BUSY when another process wrote in between
 * (its read snapshot cannot become a write, and the busy timeout does not apply). `BEGIN
 * IMMEDIATE` takes the write lock first, waiting its turn like any other write. Statements are
 * prepared once per SQL text (`reusable`).
 */
class SqliteAdapter extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    const conn = (adapter as unknown as { client?: BetterSqlite3.Database }).client;
    if (!conn?.prepare) throw new Error("The SQLite adapter no longer exposes its connection");
    conn.pragma("journal_mode = WAL");
    const prepare = conn.prepare.bind(conn);
    const cache = new Map<string, BetterSqlite3.Statement>();
    conn.prepare = ((sql: string) => {
      const text = sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql;
      let stmt = cache.get(text);
      if (!stmt) {
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
        stmt = prepare(text);
        cache.set(text, stmt);
      }
      return reusable(stmt);
    }) as unknown as typeof conn.prepare;
    return adapter;
  }
}

/** Distinct statements kept prepared per connection (a full cache starts again). */
const STATEMENT_CACHE_SIZE = 2000;

/**
 * What the adapter does with a prepared statement (`prepare(sql).bind(args)`, then `run()`, or
 * `reader`, `columns()` and `raw().all()`; `prepare("BEGIN").run()`), over a statement prepared
 * once per SQL text. `bind` would tie the arguments to the statement for good, so they are passed
 * to each call instead. The adapter prepared every statement again on every query: a few percent of
 * a trivial request's CPU (docs/benchmarks.md). Calls are synchronous, so sharing one is safe.
 */
function reusable(stmt: BetterSqlite3.Statement) {
  return {
    reader: stmt.reader,
    run: () => stmt.run(),
    bind: (args: unknown[]) => ({
      reader: stmt.reader,
      run: () => stmt.run(args),
      columns: () => stmt.columns(),
      raw: () => ({ all: () => stmt.raw(true).all(args) }),
    }),
  };
}

function createSqlite(url: string) {
  return new SqliteClient({
    adapter: new SqliteAdapter({ url: sqlitePath(url), timeout: 15_000 }),
    omit,
  });
}

/** The Prisma client; the PostgreSQL client has the same shape. */
type PrismaDb = ReturnType<typeof createSqlite>;

/** A client inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Omit<
  PrismaDb,
  "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends"
> & {
  readonly provider: Provider;
};

/** The client type every service works with. */
export type Db = Omit<PrismaDb, "$transaction"> & {
  readonly provider: Provider;
  /** Blobs are written before the transaction that refers to them, so a `Tx` has no writer. */
  readonly blobs: BlobWriter;
  /** Reads through the driver, outside any transaction (lib/db/direct.ts). */
  readonly direct: DirectReader;
  $transaction<R>(
    fn: (tx: Tx) => Promise<R>,
    options?: {
      maxWait?: number;
      timeout?: number;
      isolationLevel?: Prisma.TransactionIsolationLevel;
    },
  ): Promise<R>;
};

export function createDb(url: string): Db {
  const provider = providerOf(url);
  // PostgreSQL: one pool, shared by Prisma and the direct reader.
  let pool: pg.Pool | undefined;
  const client = byProvider(provider, {
    sqlite: () => createSqlite(url),
    postgresql: () => {
      pool = new pg.Pool({ connectionString: url, max: 10 });
      // An idle connection the server ends must not crash the process; the pool replaces it.
      pool.on("error", (err) =>
        log.warn("idle PostgreSQL connection ended", { error: err.message }),
      );
      return new PostgresClient({
        adapter: new PrismaPg(pool, { disposeExternalPool: true }),
        omit,
      }) as unknown as PrismaDb;
    },
  });
  // Set on the client itself, so that its transaction clients (proxies of it) read them too.
  Object.defineProperties(client, {
    provider: { value: provider, enumerable: false },
    blobs: { value: blobWriter(provider, url), enumerable: false },
    direct: { value: directReader(provider, url, pool), enumerable: false },
  });
  return client as unknown as Db;
}

const globalForDb = globalThis as unknown as { quiverDb?: Db };

export function db(): Db {
  globalForDb.quiverDb ??= createDb(env().DATABASE_URL);
  return globalForDb.quiverDb;
}

/** Closes the shared client (CLI commands and tests). */
export async function closeDb(): Promise<void> {
  await globalForDb.quiverDb?.blobs.close();
  await globalForDb.quiverDb?.direct.close();
  await globalForDb.quiverDb?.$disconnect();
  globalForDb.quiverDb = undefined;
}
