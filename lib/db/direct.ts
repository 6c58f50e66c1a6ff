// Reads straight through the database driver, for the few queries that run on every API request
// (authentication) or on the trivial routes the benchmarks measure. A Prisma query, even `$queryRaw`, passes through its query compiler and
// client: about 0.2–0.8 ms of CPU each on the bench machine, where the driver's prepared statement
// costs a small fraction of it (docs/benchmarks.md). Each client made by lib/db/client.ts owns one
// reader (`db.direct`). It reads committed data only and outside any transaction: SQLite through a
// connection of its own (WAL: it never waits for the writer), PostgreSQL through the client's pool.
// The SQL is written once for both providers with `?` placeholders (numbered `$n` for PostgreSQL:
// numberPlaceholders),
// and column values come back as each driver gives them: SQLite's dates as ISO text, Json as text.
// A client that was `$disconnect`ed has ended the pool this reader uses: make a new client.
import Database from "better-sqlite3";
import pg from "pg";
import { byProvider, type Provider } from "./provider";
import { sqlitePath } from "./migrate";

export interface DirectReader {
  /** The rows of one read-only statement. */
  rows<T>(sql: string, params: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** A non-null timestamp as a driver returns it: a Date (PostgreSQL), ISO text or epoch ms (SQLite). */
export const asDate = (v: unknown): Date =>
  v instanceof Date ? v : new Date(v as string | number);

/** `timestamp` (without time zone) holds UTC, as Prisma writes it; pg would read it as local time. */
const TIMESTAMP_OID = 1114;

function sqliteReader(url: string): DirectReader {
  let conn: Database.Database | undefined;
  const statements = new Map<string, Database.Statement>();
  return {
    rows: async <T>(sql: string, params: unknown[]) => {
      conn ??= new Database(sqlitePath(url), { timeout: 15_000 });
      let stmt = statements.get(sql);
      if (!stmt) {
        stmt = conn.prepare(sql);
        // Bounded: filters make SQL texts of many shapes (IN lists of each length).
        if (statements.size >= 1000) statements.clear();
        statements.set(sql, stmt);
      }
      return stmt.all(...params) as T[];
    },
    close: async () => {
      statements.clear();
      conn?.close();
      conn = undefined;
    },
  };
}

/**
 * `sql` with its `?` placeholders numbered `$1`, `$2`… for PostgreSQL. A `?` inside a quoted string
 * or identifier is text, not a placeholder. (PostgreSQL's jsonb operators `?`, `?|` and `?&` cannot
 * be told from a placeholder: SQL that uses them does not go through this reader.)
 */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g, (m) => (m === "?" ? `$${++n}` : m));
}

function postgresReader(pool: pg.Pool, types: pg.CustomTypesConfig): DirectReader {
  const numbered = new Map<string, string>();
  return {
    rows: async <T>(sql: string, params: unknown[]) => {
      let text = numbered.get(sql);
      if (text === undefined) {
        text = numberPlaceholders(sql);
        // Bounded like SQLite's statements: filters make SQL texts of many shapes.
        if (numbered.size >= 1000) numbered.clear();
        numbered.set(sql, text);
      }
      const result = await pool.query({ text, values: params, types });
      return result.rows as T[];
    },
    // The pool is the Prisma client's: $disconnect ends it.
    close: async () => {},
  };
}

/** The reader of the database at `url`; on PostgreSQL, over `pool` (the client's). */
export function directReader(provider: Provider, url: string, pool?: pg.Pool): DirectReader {
  return byProvider(provider, {
    sqlite: () => sqliteReader(url),
    postgresql: () => {
      if (!pool) throw new Error("A PostgreSQL reader needs the client's pool");
      const parseTimestamp = (s: string) => new Date(`${s.replace(" ", "T")}Z`);
      const types = {
        getTypeParser: ((oid: number, format?: "text" | "binary") =>
          oid === TIMESTAMP_OID && format !== "binary"
            ? parseTimestamp
            : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
      };
      return postgresReader(pool, types);
    },
  });
}
