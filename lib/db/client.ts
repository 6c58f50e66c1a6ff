// The Prisma client singleton, built with the driver adapter that DATABASE_URL names: SQLite
// (better-sqlite3) for `file:` URLs, PostgreSQL (pg) otherwise. Secret columns are omitted from
// every query result unless a query asks for them.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "../env";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { sqlitePath } from "./migrate";

const omit = { user: { passwordHash: true }, apiToken: { tokenHash: true } } as const;

function createSqlite(url: string) {
  return new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: sqlitePath(url), timeout: 15_000 }), omit });
}

/** The client type every service works with; the PostgreSQL client has the same shape. */
export type Db = ReturnType<typeof createSqlite>;
/** A client inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export function createDb(url: string): Db {
  if (url.startsWith("file:")) return createSqlite(url);
  const adapter = new PrismaPg({ connectionString: url, max: 10 });
  return new PostgresClient({ adapter, omit }) as unknown as Db;
}

const globalForDb = globalThis as unknown as { quiverDb?: Db };

export function db(): Db {
  globalForDb.quiverDb ??= createDb(env().DATABASE_URL);
  return globalForDb.quiverDb;
}

/** Closes the shared client (CLI commands and tests). */
export async function closeDb(): Promise<void> {
  await globalForDb.quiverDb?.$disconnect();
  globalForDb.quiverDb = undefined;
}
