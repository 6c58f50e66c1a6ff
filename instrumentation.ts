// Runs once when a Quiver server starts: migrations, demo data, and the start-up banner.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootstrap } = await import("./lib/db/bootstrap");
  const { env } = await import("./lib/env");
  const { seeded } = await bootstrap();
  const e = env();
  const lines = [
    `Quiver is serving at http://localhost:${e.PORT} (database: ${e.databaseProvider})`,
    ...(e.QUIVER_DEMO ? ["Demo sign-in: demo@quiver.dev / quiver-demo" + (seeded ? " (demo data seeded now)" : "")] : []),
  ];
  console.log(lines.join("\n"));
}
