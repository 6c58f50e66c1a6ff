// The Prisma client singleton, built with the driver adapter that DATABASE_URL names: SQLite
// (better-sqlite3) for `file:` URLs, PostgreSQL (pg) otherwise. Secret columns are omitted from
// every query result unless a query asks for them.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "@/lib/env";
import { closeBlobWriters } from "./blobs";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { sqlitePath } from "./migrate";

const omit = {
  user: { passwordHash: true },
  apiToken: { tokenHash: true },
  invitation: { tokenHash: true },
} as const;

function createSqlite(url: string) {
  return new SqliteClient({
    adapter: new PrismaBetterSQLite3({ url: sqlitePath(url), timeout: 15_000 }),
    omit,
  });
}

/** The client type every service works with; the PostgreSQL client has the same shape. */
export type Db = ReturnType<typeof createSqlite>;
/** A client inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

// On globalThis, like the client: Next.js may bundle this module into several chunks.
const urls = ((globalThis as unknown as { quiverDbUrls?: WeakMap<object, string> }).quiverDbUrls ??=
  new WeakMap<object, string>());

export function createDb(url: string): Db {
  const client = url.startsWith("file:")
    ? createSqlite(url)
    : (new PostgresClient({
        adapter: new PrismaPg({ connectionString: url, max: 10 }),
        omit,
      }) as unknown as Db);
  urls.set(client, url);
  return client;
}

/** The DATABASE_URL a client was created for (writes that go straight through the driver need it). */
export function urlOf(client: Db | Tx): string {
  const url = urls.get(client);
  if (!url)
    throw new Error(
      "urlOf: not a client made by createDb (a transaction client has no URL of its own)",
    );
  return url;
}

const globalForDb = globalThis as unknown as { quiverDb?: Db };

export function db(): Db {
  globalForDb.quiverDb ??= createDb(env().DATABASE_URL);
  return globalForDb.quiverDb;
}

/** Closes the shared client (CLI commands and tests). */
export async function closeDb(): Promise<void> {
  await closeBlobWriters();
  await globalForDb.quiverDb?.$disconnect();
  globalForDb.quiverDb = undefined;
}
