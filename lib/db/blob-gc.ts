// Blob garbage collection: removes the blobs no version refers to (as a file or as its bundle),
// which a push that lost a race or failed after writing its blobs, and a deleted version, leave
// behind. It never removes a blob a version refers to, nor one a push in flight will refer to:
// - a grace period: only blobs written more than QUIVER_BLOB_GC_GRACE_MINUTES ago are candidates,
//   so a push between writing its blobs and storing its version normally keeps them;
// - correctness does not rest on that timing. Each batch checks "unreferenced" inside one
//   transaction, after locking the rows it deletes: on PostgreSQL `FOR UPDATE SKIP LOCKED` (a
//   store's transaction holds `FOR KEY SHARE` on its blobs, claimBlobs in lib/db/blobs.ts, so they
//   are skipped), then a second statement, with a snapshot taken after the locks, checks the
//   references again and deletes; on SQLite one DELETE statement, which holds the write lock.
//   A store that claims blobs after a collection deleted them finds them gone and writes them
//   again (versionTransaction in lib/catalog/store-version.ts).
// Runs at start-up (in the background) and every QUIVER_BLOB_GC_INTERVAL_MINUTES, and as
// `npm run quiver -- db gc [--dry-run]`. Blobs belong to no org, so it logs rather than audits.
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import type { Db } from "./client";
import { byProvider } from "./provider";

export interface BlobGcResult {
  blobs: number;
  bytes: number;
  dryRun: boolean;
}

export interface BlobGcOptions {
  /** Only blobs written longer ago than this are candidates (default QUIVER_BLOB_GC_GRACE_MINUTES). */
  graceSeconds?: number;
  /** Count what would be removed, remove nothing. */
  dryRun?: boolean;
  /** Blobs deleted per transaction. */
  batch?: number;
}

const unreferenced = `NOT EXISTS (SELECT 1 FROM "CapabilityFile" f WHERE f."sha256" = b."sha256")
  AND NOT EXISTS (SELECT 1 FROM "CapabilityVersion" v WHERE v."artifactSha256" = b."sha256")`;

/** "Written before the grace period", in each provider's date arithmetic (the database's clock). */
const olderThan = (db: Db) =>
  byProvider(db, {
    sqlite: () => `julianday(b."createdAt") < julianday('now') - (? / 86400.0)`,
    postgresql: () => `b."createdAt" < CURRENT_TIMESTAMP - make_interval(secs => $1::float8)`,
  });

interface Row {
  sha256: string;
  size: number | bigint;
}

const total = (rows: Row[]) => rows.reduce((n, r) => n + Number(r.size), 0);

/** One batch: the rows deleted. */
async function deleteBatch(db: Db, graceSeconds: number, batch: number): Promise<Row[]> {
  const candidates = `SELECT b."sha256" FROM "Blob" b WHERE ${olderThan(db)} AND ${unreferenced}`;
  return byProvider(db, {
    sqlite: () =>
      db.$queryRawUnsafe<Row[]>(
        `DELETE FROM "Blob" WHERE "sha256" IN (${candidates} LIMIT ${batch})
         RETURNING "sha256", "size"`,
        graceSeconds,
      ),
    postgresql: () =>
      db.$transaction(async (tx) => {
        const locked = await tx.$queryRawUnsafe<{ sha256: string }[]>(
          `${candidates} LIMIT ${batch} FOR UPDATE OF b SKIP LOCKED`,
          graceSeconds,
        );
        if (!locked.length) return [];
        // A new statement, so a new snapshot: it sees every store committed before the locks.
        return tx.$queryRawUnsafe<Row[]>(
          `DELETE FROM "Blob" b WHERE b."sha256" = ANY($1::text[]) AND ${unreferenced}
           RETURNING b."sha256", b."size"`,
          locked.map((r) => r.sha256),
        );
      }),
  });
}

/** Removes unreferenced blobs older than the grace period, batch by batch; returns what it removed. */
export async function collectBlobs(db: Db, opts: BlobGcOptions = {}): Promise<BlobGcResult> {
  const graceSeconds = opts.graceSeconds ?? env().QUIVER_BLOB_GC_GRACE_MINUTES * 60;
  const batch = opts.batch ?? 500;
  if (opts.dryRun) {
    const rows = await db.$queryRawUnsafe<Row[]>(
      `SELECT b."sha256", b."size" FROM "Blob" b WHERE ${olderThan(db)} AND ${unreferenced}`,
      graceSeconds,
    );
    return { blobs: rows.length, bytes: total(rows), dryRun: true };
  }
  const result: BlobGcResult = { blobs: 0, bytes: 0, dryRun: false };
  for (;;) {
    const rows = await deleteBatch(db, graceSeconds, batch);
    result.blobs += rows.length;
    result.bytes += total(rows);
    // Fewer than a batch: done (rows a push holds are skipped, and wait for the next run).
    if (rows.length < batch) return result;
  }
}

/**
 * Collects now, in the background, and then every QUIVER_BLOB_GC_INTERVAL_MINUTES (0: never).
 * Returns a stop function. A failed run is logged and the next one tries again.
 */
export function startBlobGc(db: Db): () => void {
  const minutes = env().QUIVER_BLOB_GC_INTERVAL_MINUTES;
  if (!minutes) return () => {};
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    const started = Date.now();
    try {
      const r = await collectBlobs(db);
      log.info("blob gc", { blobs: r.blobs, bytes: r.bytes, ms: Date.now() - started });
    } catch (err) {
      log.warn("blob gc failed", { error: (err as Error).message });
    } finally {
      running = false;
    }
  };
  const first = setTimeout(run, 1_000);
  const every = setInterval(run, minutes * 60_000);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
