// Runs once when a Quiver server process starts: migrations and demo data (in the first server
// process only, when `npm start` runs several: QUIVER_SKIP_BOOTSTRAP in the others), the in-process
// job worker (in every process: leases let several share the queue), blob garbage collection (in the
// first process), and the start-up banner.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // What scripts/start.mjs asks of every request before Next.js sees it (lib/api/front-door.ts).
  // It serves API routes only once the database is migrated (and seeded): until then they go to
  // Next.js, which holds requests until this function returns.
  const door = await import("./lib/api/front-door");
  door.installFrontDoor();
  const { env } = await import("./lib/env");
  const e = env();
  const { seeded } = e.QUIVER_SKIP_BOOTSTRAP
    ? { seeded: false }
    : await (await import("./lib/db/bootstrap")).bootstrap();
  door.openFrontDoor();
  // The built-in optimization jobs run in this process too, unless QUIVER_WORKER=0.
  const worker =
    e.NODE_ENV === "test"
      ? null
      : (await import("./lib/optimization/engine/worker")).startInProcessWorker();
  // Unreferenced blobs are collected in the background, now and periodically (lib/db/blob-gc.ts),
  // by the first server process only (it is safe in several, but one is enough).
  if (e.NODE_ENV !== "test" && !e.QUIVER_SKIP_BOOTSTRAP) {
    const [{ startBlobGc }, { db }] = await Promise.all([
      import("./lib/db/blob-gc"),
      import("./lib/db/client"),
    ]);
    startBlobGc(db());
  }
  if (e.QUIVER_SKIP_BOOTSTRAP) return; // one banner, from the first process
  const processes = e.QUIVER_CLUSTER_WORKER ? Number(e.QUIVER_WEB_CONCURRENCY) : 1;
  const lines = [
    `Quiver is serving at http://localhost:${e.PORT} (database: ${e.databaseProvider}; ${
      processes === 1 ? "1 server process" : `${processes} server processes, QUIVER_WEB_CONCURRENCY`
    })`,
    worker
      ? `Running built-in optimization jobs in ${processes === 1 ? "this process" : "each server process"} (QUIVER_WORKER=0 to leave them to \`npm run worker\`)`
      : "Not running optimization jobs here (QUIVER_WORKER=0)",
    ...(e.QUIVER_DEMO
      ? ["Demo sign-in: demo@quiver.dev / quiver-demo" + (seeded ? " (demo data seeded now)" : "")]
      : []),
  ];
  console.log(lines.join("\n"));
}
