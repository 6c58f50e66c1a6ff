// `npm run bench`: starts a production build of Quiver on a database of its own, and measures
// API routes over HTTP with autocannon, printing requests per second and latency percentiles
// against the targets of the issues. Figures go to docs/benchmarks.md by hand, with the command.
//
//   npm run bench                       SQLite (data/bench/quiver.db, created afresh)
//   npm run bench -- --db postgresql    PostgreSQL (BENCH_DATABASE_URL, default a fresh
//                                       quiver_bench database on 127.0.0.1:5432)
//   npm run bench -- --duration 20      seconds per measurement (default 10)
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    db: { type: "string", default: "sqlite" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    port: { type: "string", default: "3200" },
  },
});
const port = Number(values.port);
const duration = Number(values.duration);
const connections = Number(values.connections);
const base = `http://127.0.0.1:${port}`;

async function databaseUrl(): Promise<string> {
  if (values.db === "sqlite") {
    rmSync(path.join(root, "data/bench"), { recursive: true, force: true });
    return "file:./data/bench/quiver.db";
  }
  const url = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/quiver_bench";
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return url;
}

async function waitForHealth(server: ChildProcess, timeoutMs = 300_000): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server did not become healthy");
}

interface Target {
  rps?: number;
  p50?: number;
  p95?: number;
  p99?: number;
}

async function measure(name: string, url: string, headers: Record<string, string>, target: Target) {
  // Warm up the route (JIT, caches, connection pool) before measuring.
  await autocannon({ url, headers, connections, duration: 3 });
  const r = await autocannon({ url, headers, connections, duration });
  const errors = r.non2xx + r.errors + r.timeouts;
  const rps = r.requests.average;
  const lat = r.latency;
  // autocannon reports p97.5 and p99; p95 is not among its fields, so p97.5 bounds it from above.
  const p95 = lat.p97_5;
  const checks = [
    target.rps !== undefined ? `rps ${rps.toFixed(0)} ≥ ${target.rps}: ${rps >= target.rps ? "PASS" : "MISS"}` : null,
    target.p99 !== undefined ? `p99 ${lat.p99} ms < ${target.p99}: ${lat.p99 < target.p99 ? "PASS" : "MISS"}` : null,
    target.p95 !== undefined ? `p95 (≤ p97.5) ${p95} ms ≤ ${target.p95}: ${p95 <= target.p95 ? "PASS" : "MISS"}` : null,
  ].filter(Boolean);
  console.log(
    `${name}\n  requests/s avg ${rps.toFixed(0)}, total ${r.requests.total}, non-2xx/errors ${errors}\n` +
      `  latency ms: p50 ${lat.p50}, p90 ${lat.p90}, p97.5 ${lat.p97_5}, p99 ${lat.p99}, max ${lat.max}\n  ${checks.join("; ")}`,
  );
  if (errors > 0) throw new Error(`${name}: ${errors} failed requests`);
}

async function main() {
  const url = await databaseUrl();
  const env = {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: url,
    QUIVER_DATA_DIR: "./data/bench",
    QUIVER_DEMO: "1",
    QUIVER_LOG_LEVEL: "warn",
    // The benchmark sends tens of thousands of requests with one token.
    QUIVER_RATE_LIMIT_PER_MINUTE: "100000000",
  };
  console.log(`Quiver benchmark: ${values.db}, ${connections} connections, ${duration} s per run, node ${process.version}`);
  const server = spawn("node", ["scripts/start.mjs"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
  try {
    await waitForHealth(server);
    const token = execFileSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/quiver.ts", "token", "create", "--email", "demo@quiver.dev", "--org", "acme", "--scopes", "read", "--name", "bench"], { cwd: root, env, encoding: "utf8" }).trim();
    await measure("GET /api/v1/org/acme/workspaces (token)", `${base}/api/v1/org/acme/workspaces`, { authorization: `Bearer ${token}` }, { rps: 1000, p99: 50 });
    // Reference points: what this Next.js server does with (almost) nothing of ours in the way.
    await measure("reference: GET /api/health (no auth, SELECT 1)", `${base}/api/health`, {}, {});
    await measure("reference: GET /api/v1/openapi.json (prerendered, static)", `${base}/api/v1/openapi.json`, {}, {});
  } finally {
    server.kill("SIGTERM");
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
