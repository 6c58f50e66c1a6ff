// `npm run worker`: a process that only runs built-in optimization jobs (no web server). Run as
// many as you like, on any machine that reaches the database; jobs are claimed with a lease, so no
// two run the same job. Web servers run one in-process too unless QUIVER_WORKER=0.
// SIGINT/SIGTERM: stop claiming, interrupt the running jobs and hand their leases back, so another
// worker resumes them at once.
import { migrate } from "@/lib/db/migrate";
import { closeDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { Worker } from "@/lib/optimization/engine/worker";

async function main() {
  const e = env();
  await migrate(e.DATABASE_URL);
  const worker = new Worker({ log: (line) => console.log(`[worker] ${line}`) }).start();
  console.log(
    `Quiver worker ${worker.id} is running jobs (database: ${e.databaseProvider}, ${e.QUIVER_WORKER_JOBS} at a time, lease ${e.QUIVER_WORKER_LEASE_MS} ms)`,
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: handing back ${worker.activeJobs.length} running job(s) and stopping`);
    await worker.stop();
    await closeDb();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
