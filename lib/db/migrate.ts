// Quiver's own migrator: applies the SQL files in prisma/migrations/<provider>/ in name order,
// records each in _quiver_migrations with its checksum, and does so under a lock so that any
// number of instances starting at once on one database apply every migration exactly once.
// Prisma's migrate cannot run through driver adapters on PostgreSQL, hence this.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { byProvider, providerOf, type Provider } from "./provider";

export interface Migration {
  id: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  total: number;
}

/** Advisory-lock key for PostgreSQL; any constant shared by every Quiver instance. */
const PG_LOCK_KEY = 7_262_698_823;

export function migrationsDir(provider: Provider, root = process.cwd()): string {
  return path.join(root, "prisma", "migrations", provider);
}

export function loadMigrations(provider: Provider, root?: string): Migration[] {
  const dir = migrationsDir(provider, root);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((file) => {
      const sql = readFileSync(path.join(dir, file), "utf8");
      return {
        id: file.replace(/\.sql$/, ""),
        sql,
        checksum: createHash("sha256").update(sql).digest("hex"),
      };
    });
}

/** Path of the SQLite file named by a `file:` URL (relative paths are relative to the cwd). */
export function sqlitePath(url: string): string {
  return path.resolve(url.replace(/^file:/, "").replace(/\?.*$/, ""));
}

function checkRecorded(recorded: Map<string, string>, migrations: Migration[]): Migration[] {
  for (const m of migrations) {
    const sum = recorded.get(m.id);
    if (sum && sum !== m.checksum) {
      throw new Error(
        `Migration ${m.id} was changed after it was applied; write a new migration instead`,
      );
    }
  }
  return migrations.filter((m) => !recorded.has(m.id));
}

export function migrateSqlite(url: string, migrations: Migration[]): MigrateResult {
  const file = sqlitePath(url);
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 30_000 });
  try {
    db.pragma("journal_mode = WAL");
    // A migration that redefines a table (Prisma's RedefineTables: copy, DROP, rename) must not
    // fire ON DELETE CASCADE from the DROP, or every row that refers to the table would go with
    // it. The PRAGMA in the generated SQL is a no-op inside a transaction, so enforcement is
    // switched off here, before BEGIN, and the references are checked before COMMIT instead.
    db.pragma("foreign_keys = OFF");
    // BEGIN IMMEDIATE takes SQLite's write lock: a second instance waits here (busy timeout)
    // and then finds the migrations recorded. DDL is transactional in SQLite.
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec(`CREATE TABLE IF NOT EXISTS "_quiver_migrations" (
        "id" TEXT NOT NULL PRIMARY KEY, "checksum" TEXT NOT NULL,
        "applied_at" TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)`);
      db.exec(
        `CREATE TABLE IF NOT EXISTS "_quiver_meta" ("key" TEXT NOT NULL PRIMARY KEY, "value" TEXT NOT NULL)`,
      );
      const rows = db.prepare(`SELECT "id", "checksum" FROM "_quiver_migrations"`).all() as {
        id: string;
        checksum: string;
      }[];
      const pending = checkRecorded(new Map(rows.map((r) => [r.id, r.checksum])), migrations);
      const record = db.prepare(
        `INSERT INTO "_quiver_migrations" ("id", "checksum") VALUES (?, ?)`,
      );
      for (const m of pending) {
        db.exec(m.sql);
        record.run(m.id, m.checksum);
      }
      const broken = db.pragma("foreign_key_check") as { table: string }[];
      if (broken.length > 0) {
        throw new Error(
          `Migrations would leave ${broken.length} broken reference(s), first in table ${broken[0]?.table}`,
        );
      }
      db.exec("COMMIT");
      return { applied: pending.map((m) => m.id), total: migrations.length };
    } catch (err) {
      db.exec("ROLLBACK");
      throw err;
    }
  } finally {
    db.close();
  }
}

export async function migratePostgres(
  url: string,
  migrations: Migration[],
): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PG_LOCK_KEY]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS "_quiver_migrations" (
        "id" TEXT NOT NULL PRIMARY KEY, "checksum" TEXT NOT NULL,
        "applied_at" TIMESTAMPTZ NOT NULL DEFAULT now())`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS "_quiver_meta" ("key" TEXT NOT NULL PRIMARY KEY, "value" TEXT NOT NULL)`,
      );
      const { rows } = await client.query<{ id: string; checksum: string }>(
        `SELECT "id", "checksum" FROM "_quiver_migrations"`,
      );
      const pending = checkRecorded(new Map(rows.map((r) => [r.id, r.checksum])), migrations);
      for (const m of pending) {
        await client.query("BEGIN");
        try {
          await client.query(m.sql);
          await client.query(
            `INSERT INTO "_quiver_migrations" ("id", "checksum") VALUES ($1, $2)`,
            [m.id, m.checksum],
          );
          await client.query("COMMIT");
        } catch (err) {
          await client.query("ROLLBACK");
          throw new Error(`Migration ${m.id} failed: ${(err as Error).message}`, { cause: err });
        }
      }
      return { applied: pending.map((m) => m.id), total: migrations.length };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PG_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

/** Applies every pending migration of the database at `url`. Idempotent. */
export async function migrate(url: string, root?: string): Promise<MigrateResult> {
  const provider = providerOf(url);
  const migrations = loadMigrations(provider, root);
  return byProvider(provider, {
    sqlite: async () => migrateSqlite(url, migrations),
    postgresql: () => migratePostgres(url, migrations),
  });
}
