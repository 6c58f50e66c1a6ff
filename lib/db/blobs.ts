// Writing blob bytes straight through the database driver. Prisma passes every `Bytes` parameter
// through its query compiler as base64, which made storing a 5 MB push's 10 MB of blobs take
// 200–450 ms (docs/benchmarks.md); the drivers take 15–80 ms. Blobs are content-addressed and
// inserted with ON CONFLICT DO NOTHING, so they are written before the version's transaction
// (on SQLite they cannot be written inside it: that transaction holds the write lock on another
// connection). A push that fails after this point leaves unreferenced blobs, never a version.
// Each client made by lib/db/client.ts owns one writer (`db.blobs`); a transaction client has none.
import Database from "better-sqlite3";
import pg from "pg";
import { log } from "@/lib/log";
import { sqlitePath } from "./migrate";
import { byProvider, type Provider } from "./provider";

interface BlobRow {
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

function postgresWriter(url: string): BlobWriter {
  const pool = new pg.Pool({ connectionString: url, max: 2, idleTimeoutMillis: 10_000 });
  // An idle connection the server ends (a restart, a dropped database) must not crash the process:
  // the pool replaces it on the next write.
  pool.on("error", (err) =>
    log.warn("blob writer: idle PostgreSQL connection ended", { error: err.message }),
  );
  return {
    write: async (rows) => {
      for (let i = 0; i < rows.length; i += 200) {
        const chunk = rows.slice(i, i + 200);
        const values = chunk
          .map((_, j) => `($${j * 3 + 1}, $${j * 3 + 2}, $${j * 3 + 3})`)
          .join(", ");
        await pool.query(
          `INSERT INTO "Blob" ("sha256", "size", "data") VALUES ${values} ON CONFLICT ("sha256") DO NOTHING`,
          chunk.flatMap((r) => [r.sha256, r.data.length, r.data]),
        );
      }
    },
    close: () => pool.end(),
  };
}

/** The blob writer of the database at `url`: it connects on its first write. */
export function blobWriter(provider: Provider, url: string): BlobWriter {
  let open: BlobWriter | undefined;
  return {
    write: async (rows) => {
      const unique = [...new Map(rows.map((r) => [r.sha256, r])).values()];
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
