// `npm run bench`: starts a production build of Quiver on a database of its own, and measures
// API routes over HTTP against the targets of the issues. Figures go to docs/benchmarks.md by
// hand, with the command.
//
//   npm run bench                         every suite on SQLite (data/bench/quiver.db, created afresh)
//   npm run bench -- --db postgresql      PostgreSQL (BENCH_DATABASE_URL, default a fresh
//                                         quiver_bench database on 127.0.0.1:5432)
//   npm run bench -- --suite foundation   only the foundation run: token-authenticated
//                                         GET /workspaces with autocannon (requests/s, p99)
//   npm run bench -- --suite catalog      only the catalog run: generates 10,000 capabilities ×
//                                         10 versions (scripts/bench/catalog-data.ts), then list,
//                                         search, facets and detail latency (closed loop) and
//                                         ingest of 200-file, 5 MB bundles (scripts/bench/catalog-suite.ts)
//   npm run bench -- --suite runtimes     only the runtimes run: a runtime with 50 bindings (resolved
//                                         view, 304 path) and 1,000 runtimes polling once a second
//                                         (scripts/bench/runtimes-suite.ts)
//   npm run bench -- --suite optimization only the optimization run: statistics in process, progress
//                                         reports of 100 cells, the run page of a 2,000-cell run
//                                         (scripts/bench/optimization-suite.ts)
//   npm run bench -- --suite engine       only the built-in engine run: a validation run of 5 variants
//                                         × 5 personas × 8 scenarios × 6 turns against a fake provider
//                                         answering at once, run by the server's worker (scripts/bench/engine-suite.ts)
//   npm run bench -- --suite agents       only the agents run: deploys of a changed draft, and the release
//                                         list of an agent with 1,000 releases, canonical and seeds/003
//                                         (scripts/bench/agents-suite.ts)
//   npm run bench -- --suite ingest       only the ingest run, in process (no server, no database):
//                                         decompression bombs refused one after another while a
//                                         concurrent request's latency and the event-loop delay are
//                                         measured (scripts/bench/ingest-suite.ts)
//   npm run bench -- --suite sign-in      only the sign-in run: GET /api/health latency alone, then while
//                                         4 and 16 clients send wrong passwords back to back
//                                         (scripts/bench/sign-in-suite.ts)
//   npm run bench -- --suite audit        only the audit run: 100,000 audit events in one org
//                                         (scripts/bench/audit-data.ts), then the audit log's first
//                                         page, filtered and searched pages, deep cursor pages of a
//                                         filter, and a CSV export (scripts/bench/audit-suite.ts)
//   npm run bench -- --suite palette      only the palette run: the catalog's 100,000 versions, then the
//                                         command palette's search after 1, 2 and 4 characters, a whole
//                                         name and no match (scripts/bench/palette-suite.ts)
//   npm run bench -- --suite scale        only the scale run: a reference Next.js app (one indexed read)
//                                         beside Quiver's health, workspaces and catalog list routes at
//                                         100,000 versions, on 1 server process, then §2's routes on 1
//                                         and 2 in alternation, with targets (scripts/bench/scale-suite.ts;
//                                         --scale-versions, --scale-rounds (3), --duration, --connections;
//                                         the reference app listens on --port + 1, the 2 processes on + 2)
//   npm run bench -- --suite watch        only the watch run: 10,000 watchers of resolved views (half SSE,
//                                         half long-poll), server memory, idle CPU, change propagation,
//                                         also through a second instance on port + 1 (scripts/bench/watch-suite.ts)
//   --suite all                           every suite (the default): scale first, then foundation on the demo data
//   --pollers 1000 --poll-seconds 30      runtimes: simulated runtimes and how long they poll
//   --duration 10 --connections 10        foundation: seconds per measurement, autocannon connections
//   --catalog-duration 10                 catalog: seconds per route (after 2 s of warm-up)
//   --catalog-connections 1               catalog: concurrent keep-alive connections per route; a
//                                         list such as 1,4 measures the read routes at each
//   --pushes 20                           catalog: measured pushes (after one warm-up push)
//   --catalog-only ingest                 catalog: only the pushes, into the demo org (no generated data)
//   --audit-events 100000                 audit: events generated
//   --watchers 10000 --watch-runtimes 10  watch: watchers, and the runtimes they are spread over
//   --watch-changes 5                     watch: changes per instance (each moves every runtime's view)
//   --watch-steady 60                     watch: seconds of the steady idle window, 30 s after the first
//                                         20 s one (0: none)
//   --port 3200                           port of the server under test
//   BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"   Node options for the servers under
//                                         test (every process of each; profiles are written as they stop)
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { catalogTable, runCatalogSuite } from "./bench/catalog-suite";
import { optimizationTable, runOptimizationSuite } from "./bench/optimization-suite";
import { engineTable, runEngineSuite } from "./bench/engine-suite";
import { agentsTable, runAgentsSuite } from "./bench/agents-suite";
import { startFakeLlm } from "@/lib/testing/fake-llm";
import { fakeEngine } from "@/lib/testing/fake-engine";
import { runRuntimesSuite, runtimesTable } from "./bench/runtimes-suite";
import { ingestTable, runIngestSuite } from "./bench/ingest-suite";
import { runSignInSuite, signInTable } from "./bench/sign-in-suite";
import { auditTable, runAuditSuite } from "./bench/audit-suite";
import { paletteTable, runPaletteSuite } from "./bench/palette-suite";
import { runScaleSuite, scaleTable } from "./bench/scale-suite";
import { runWatchSuite, startServer, watchTable } from "./bench/watch-suite";
import { serverNodeArgs } from "./bench/proc";

const root = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    db: { type: "string", default: "sqlite" },
    suite: { type: "string", default: "all" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    "catalog-duration": { type: "string", default: "10" },
    "catalog-connections": { type: "string", default: "1" },
    pushes: { type: "string", default: "20" },
    "catalog-only": { type: "string" },
    port: { type: "string", default: "3200" },
    pollers: { type: "string", default: "1000" },
    "poll-seconds": { type: "string", default: "30" },
    "ingest-seconds": { type: "string", default: "10" },
    "audit-events": { type: "string", default: "100000" },
    "scale-versions": { type: "string", default: "100000" },
    "scale-rounds": { type: "string", default: "3" },
    watchers: { type: "string", default: "10000" },
    "watch-runtimes": { type: "string", default: "10" },
    "watch-changes": { type: "string", default: "5" },
    "watch-steady": { type: "string", default: "60" },
  },
});
const suites = [
  "foundation",
  "catalog",
  "runtimes",
  "optimization",
  "engine",
  "agents",
  "ingest",
  "sign-in",
  "audit",
  "palette",
  "scale",
  "watch",
];
if (values.suite !== "all" && !suites.includes(values.suite))
  throw new Error(`--suite must be all or one of ${suites.join(", ")}`);
const runs = (suite: string) => values.suite === "all" || values.suite === suite;
if (!["sqlite", "postgresql"].includes(values.db))
  throw new Error("--db must be sqlite or postgresql");
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
    target.rps !== undefined
      ? `rps ${rps.toFixed(0)} ≥ ${target.rps}: ${rps >= target.rps ? "PASS" : "MISS"}`
      : null,
    target.p99 !== undefined
      ? `p99 ${lat.p99} ms < ${target.p99}: ${lat.p99 < target.p99 ? "PASS" : "MISS"}`
      : null,
    target.p95 !== undefined
      ? `p95 (≤ p97.5) ${p95} ms ≤ ${target.p95}: ${p95 <= target.p95 ? "PASS" : "MISS"}`
      : null,
  ].filter(Boolean);
  console.log(
    `${name}\n  requests/s avg ${rps.toFixed(0)}, total ${r.requests.total}, non-2xx/errors ${errors}\n` +
      `  latency ms: p50 ${lat.p50}, p90 ${lat.p90}, p97.5 ${lat.p97_5}, p99 ${lat.p99}, max ${lat.max}\n  ${checks.join("; ")}`,
  );
  if (errors > 0) throw new Error(`${name}: ${errors} failed requests`);
}

async function foundation(token: string) {
  console.log(
    `\nFoundation: autocannon, ${connections} connections, ${duration} s per run (after 3 s of warm-up)`,
  );
  await measure(
    "GET /api/v1/org/acme/workspaces (token)",
    `${base}/api/v1/org/acme/workspaces`,
    { authorization: `Bearer ${token}` },
    { rps: 1000, p99: 50 },
  );
  // Reference points: what this Next.js server does with (almost) nothing of ours in the way.
  await measure("reference: GET /api/health (no auth, SELECT 1)", `${base}/api/health`, {}, {});
  await measure(
    "reference: GET /api/v1/openapi.json (prerendered, static)",
    `${base}/api/v1/openapi.json`,
    {},
    {},
  );
}

async function catalog(url: string, createToken: (org: string, scopes: string) => string) {
  const levels = values["catalog-connections"].split(",").map(Number);
  if (!levels.length || levels.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error("--catalog-connections: positive integers, comma-separated");
  const seconds = Number(values["catalog-duration"]);
  console.log(
    `\nCatalog: closed loop, ${levels.join(" then ")} connection(s) per route, ${seconds} s per route after 2 s of warm-up; ingest 1 push at a time`,
  );
  const tables = await runCatalogSuite({
    base,
    databaseUrl: url,
    token: createToken,
    connections: levels,
    seconds,
    warmupSeconds: 2,
    pushes: Number(values.pushes),
    only: values["catalog-only"],
    log: (line) => console.log(line),
  });
  for (const [connections, rows] of tables) {
    console.log(
      `\nCatalog (${values.db}, ${connections} connection(s) for the read routes; latencies in ms, measured at the client):\n${catalogTable(rows)}`,
    );
  }
}

async function main() {
  if (runs("ingest")) {
    // In this process: no server or database is needed to see what a bomb costs the event loop.
    console.log(
      `Ingest (in process, node ${process.version}, ${cpus().length} cores, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}; ms):`,
    );
    const rows = await runIngestSuite({
      seconds: Number(values["ingest-seconds"]),
      log: (l) => console.log(l),
    });
    console.log(`\n${ingestTable(rows)}`);
    if (values.suite === "ingest") return;
  }
  const url = await databaseUrl();
  // The engine suite's provider: answers at once, in this process, over real HTTP. Variant b (the
  // first strategy) is built to win; the simulated user never reaches its goal, so every
  // conversation takes the full 6 turns.
  const fake = runs("engine")
    ? await startFakeLlm(
        fakeEngine({ strategyQuality: { "clarify constraints": 80 }, goalAfter: 99 }),
      )
    : null;
  const env = {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: url,
    QUIVER_DATA_DIR: "./data/bench",
    QUIVER_DEMO: "1",
    QUIVER_LOG_LEVEL: "warn",
    // The benchmark sends tens of thousands of requests with one token.
    QUIVER_RATE_LIMIT_PER_MINUTE: "100000000",
    // The sign-in run's wrong passwords must all reach the password check, not the attempt limits.
    QUIVER_SIGNIN_FREE_FAILURES: "100000000",
    QUIVER_SIGNIN_FAILURES_PER_ADDRESS_PER_HOUR: "100000000",
    ...(fake
      ? {
          QUIVER_LLM_BASE_URL: fake.url,
          QUIVER_LLM_MODEL: "fake-model",
          QUIVER_LLM_API_KEY: "bench",
        }
      : {}),
  };
  // Server, database and load generator share this machine: its size and load belong with the figures.
  console.log(
    `Quiver benchmark: ${values.db}, suite ${values.suite}, node ${process.version}, ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  if (runs("scale")) {
    const report = await runScaleSuite({
      root,
      databaseUrl: url,
      env,
      port,
      referencePort: port + 1,
      connections,
      seconds: duration,
      versions: Number(values["scale-versions"]),
      rounds: Number(values["scale-rounds"]),
      log: (l) => console.log(l),
    });
    console.log(
      `\nScale (${values.db}, ${connections} connections, ${duration} s per route):\n${scaleTable(report)}`,
    );
    if (values.suite === "scale") return;
  }
  const server = spawn("node", [...serverNodeArgs(), "scripts/start.mjs"], {
    cwd: root,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  /** A token of the demo user, made with the CLI: an org token, or a workspace's (read,write). */
  const token = (args: string[]) =>
    execFileSync(
      path.join(root, "node_modules/.bin/tsx"),
      ["scripts/quiver.ts", "token", "create", "--email", "demo@quiver.dev", ...args],
      { cwd: root, env, encoding: "utf8" },
    ).trim();
  const createToken = (org: string, scopes: string) =>
    token(["--org", org, "--scopes", scopes, "--name", "bench"]);
  const createWorkspaceToken = (org: string, workspace: string) =>
    token(["--org", org, "--workspace", workspace, "--scopes", "read,write", "--name", "bench-ws"]);
  try {
    await waitForHealth(server);
    if (runs("foundation")) await foundation(createToken("acme", "read"));
    if (runs("catalog")) await catalog(url, createToken);
    if (runs("runtimes")) {
      const rows = await runRuntimesSuite({
        base,
        token: createWorkspaceToken("acme", "main"),
        org: "acme",
        workspace: "main",
        seconds: 10,
        warmupSeconds: 2,
        pollers: Number(values.pollers),
        pollSeconds: Number(values["poll-seconds"]),
        log: (l) => console.log(l),
      });
      console.log(
        `\nRuntimes (${values.db}; latencies in ms, measured at the client):\n${runtimesTable(rows)}`,
      );
    }
    if (runs("optimization")) {
      const rows = await runOptimizationSuite({
        base,
        token: createWorkspaceToken("acme", "main"),
        org: "acme",
        workspace: "main",
        email: "demo@quiver.dev",
        password: "quiver-demo",
        seconds: 10,
        warmupSeconds: 2,
        reports: 30,
        log: (l) => console.log(l),
      });
      console.log(`\nOptimization (${values.db}; latencies in ms):\n${optimizationTable(rows)}`);
    }
    if (runs("engine") && fake) {
      const rows = await runEngineSuite({
        base,
        token: createWorkspaceToken("acme", "main"),
        org: "acme",
        workspace: "main",
        fake,
        log: (l) => console.log(l),
      });
      console.log(
        `\nBuilt-in engine (${values.db}, provider concurrency ${process.env.QUIVER_LLM_CONCURRENCY ?? 8}):\n${engineTable(rows)}`,
      );
    }
    if (runs("sign-in")) {
      const rows = await runSignInSuite({
        base,
        email: "demo@quiver.dev",
        attackers: [4, 16],
        seconds: 10,
        warmupSeconds: 2,
        log: (l) => console.log(l),
      });
      console.log(
        `\nSign-in (${values.db}; GET /api/health latency measured at the client):\n${signInTable(rows)}`,
      );
    }
    if (runs("agents")) {
      const rows = await runAgentsSuite({
        base,
        databaseUrl: url,
        token: createWorkspaceToken("acme", "main"),
        org: "acme",
        workspace: "main",
        capability: "support-triage",
        seconds: 10,
        warmupSeconds: 2,
        deploys: 60,
        releases: 1000,
        log: (l) => console.log(l),
      });
      console.log(
        `\nAgents (${values.db}; latencies in ms, measured at the client):\n${agentsTable(rows)}`,
      );
    }
    if (runs("audit")) {
      const rows = await runAuditSuite({
        base,
        databaseUrl: url,
        token: (org) => createToken(org, "read"),
        seconds: 10,
        warmupSeconds: 2,
        events: Number(values["audit-events"]),
        log: (l) => console.log(l),
      });
      console.log(
        `\nAudit log (${values.db}; latencies in ms, measured at the client):\n${auditTable(rows)}`,
      );
    }
    if (runs("palette")) {
      const rows = await runPaletteSuite({
        base,
        databaseUrl: url,
        token: (org) => createToken(org, "read"),
        seconds: 10,
        warmupSeconds: 2,
        log: (l) => console.log(l),
      });
      console.log(
        `\nCommand palette search (${values.db}; latencies in ms, measured at the client):\n${paletteTable(rows)}`,
      );
    }
    if (runs("watch")) {
      const rows = await runWatchSuite({
        base,
        token: createWorkspaceToken("acme", "main"),
        org: "acme",
        workspace: "main",
        serverPid: server.pid!,
        startSecond: (p) => startServer(root, env, p),
        secondPort: port + 1,
        watchers: Number(values.watchers),
        runtimes: Number(values["watch-runtimes"]),
        changes: Number(values["watch-changes"]),
        idleSeconds: 20,
        steadySeconds: Number(values["watch-steady"]),
        log: (l) => console.log(l),
      });
      console.log(`\nWatch (${values.db}; latencies measured at the client):\n${watchTable(rows)}`);
    }
  } finally {
    server.kill("SIGTERM");
    await fake?.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
