// Runs once when a Quiver server starts: migrations, demo data, the in-process job worker, and the
// start-up banner.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootstrap } = await import("./lib/db/bootstrap");
  const { env } = await import("./lib/env");
  const { seeded } = await bootstrap();
  const e = env();
  // The built-in optimization jobs run in this process too, unless QUIVER_WORKER=0.
  const worker =
    e.NODE_ENV === "test"
      ? null
      : (await import("./lib/optimization/engine/worker")).startInProcessWorker();
  const lines = [
    `Quiver is serving at http://localhost:${e.PORT} (database: ${e.databaseProvider})`,
    worker
      ? `Running built-in optimization jobs in this process (QUIVER_WORKER=0 to leave them to \`npm run worker\`)`
      : "Not running optimization jobs here (QUIVER_WORKER=0)",
    ...(e.QUIVER_DEMO
      ? ["Demo sign-in: demo@quiver.dev / quiver-demo" + (seeded ? " (demo data seeded now)" : "")]
      : []),
  ];
  console.log(lines.join("\n"));
}
