// The processes of the scale run (scale-suite.ts): the reference app (reference-app/, built with
// `next build` into data/bench-reference, served by `next start`), Quiver through `npm start`'s
// scripts/start.mjs with a given QUIVER_WEB_CONCURRENCY, and the load generator (wrk, else
// autocannon) in a child process of its own, so that it shares no event loop with the bench.
import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { processTree, serverNodeArgs, usage } from "./proc";

export interface Server {
  url: string;
  /** The server's first process (with a cluster, its primary). */
  pid: number;
  stop(): Promise<void>;
}

const referenceSources = ["next.config.mjs", "app/api/reference/route.js"];

/** Builds the reference app unless its sources and Next.js's version are those of the last build. */
export function buildReference(root: string, log: (l: string) => void): string {
  const app = path.join(root, "scripts/bench/reference-app");
  const out = path.join(root, "data/bench-reference");
  const next = JSON.parse(readFileSync(path.join(root, "node_modules/next/package.json"), "utf8"));
  const hash = createHash("sha256").update(String(next.version));
  for (const f of referenceSources) hash.update(readFileSync(path.join(app, f)));
  const stamp = hash.digest("hex");
  const stampFile = path.join(out, "build-stamp");
  const built = existsSync(path.join(out, "next/BUILD_ID")) && existsSync(stampFile);
  if (built && readFileSync(stampFile, "utf8") === stamp) return app;
  log(`  building the reference app (next ${next.version}, scripts/bench/reference-app)...`);
  rmSync(path.join(out, "next"), { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const r = spawnSync(path.join(root, "node_modules/.bin/next"), ["build", "--webpack"], {
    cwd: app,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`reference app: next build failed\n${r.stdout}${r.stderr}`);
  writeFileSync(stampFile, stamp);
  return app;
}

/** The reference app's table: `rows` rows read by primary key. */
export function referenceDatabase(root: string, rows = 10_000): string {
  const file = path.join(root, "data/bench-reference/reference.db");
  rmSync(file, { force: true });
  const db = new Database(file);
  db.exec("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL, value INTEGER NOT NULL)");
  const insert = db.prepare("INSERT INTO item VALUES (?, ?, ?)");
  db.transaction(() => {
    for (let i = 1; i <= rows; i++) insert.run(i, `item-${i}`, i * 7);
  })();
  db.close();
  return file;
}

async function waitFor(child: ChildProcess, url: string, timeoutMs = 300_000): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (child.exitCode !== null)
      throw new Error(`${url}: the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer`);
}

function server(child: ChildProcess, url: string): Server {
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

export async function startReference(root: string, app: string, port: number, db: string) {
  const child = spawn(
    path.join(root, "node_modules/.bin/next"),
    ["start", app, "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        REFERENCE_DB: db,
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitFor(child, `${url}/api/reference`);
  return server(child, url);
}

/**
 * `node scripts/start.mjs` with `processes` server processes; resolves once every one of them has
 * answered a health check (each names itself in x-quiver-process).
 */
export async function startQuiver(
  root: string,
  env: NodeJS.ProcessEnv,
  port: number,
  processes: number,
): Promise<Server> {
  const child = spawn("node", [...serverNodeArgs(), "scripts/start.mjs"], {
    cwd: root,
    env: { ...env, PORT: String(port), QUIVER_WEB_CONCURRENCY: String(processes) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(child, `${url}/api/health`);
  const seen = new Set<string>();
  const deadline = Date.now() + 120_000;
  while (processes > 1 && seen.size < processes && Date.now() < deadline) {
    const res = await fetch(`${url}/api/health`, { headers: { connection: "close" } });
    seen.add(res.headers.get("x-quiver-process") ?? "?");
    await new Promise((r) => setTimeout(r, 50));
  }
  if (processes > 1 && seen.size < processes)
    throw new Error(`only ${seen.size} of ${processes} server processes answered`);
  return server(child, url);
}

export interface Cannon {
  rps: number;
  requests: number;
  errors: number;
  p50: number;
  p97_5: number;
  p99: number;
  /** CPU used during the run, in cores: the load generator's and the server's processes'. */
  cpu: { generator: number; server: number };
}

/**
 * The load generator: wrk (Debian's package `wrk`; the issue's own figures were taken with it) when
 * it is installed, else autocannon (npm). wrk is C on one thread: it leaves more of a 2-core
 * machine to the server than autocannon, a Node.js process, does.
 */
export const generator: "wrk" | "autocannon" =
  spawnSync("sh", ["-c", "command -v wrk"]).status === 0 ? "wrk" : "autocannon";

function generatorCommand(
  root: string,
  url: string,
  headers: Record<string, string>,
  connections: number,
  seconds: number,
): [string, string[]] {
  if (generator === "wrk") {
    const args = ["-t1", `-c${connections}`, `-d${seconds}s`, "-s"];
    args.push(path.join(root, "scripts/bench/wrk-report.lua"));
    for (const [k, v] of Object.entries(headers)) args.push("-H", `${k}: ${v}`);
    return ["wrk", [...args, url]];
  }
  const args = ["-j", "-c", String(connections), "-d", String(seconds)];
  for (const [k, v] of Object.entries(headers)) args.push("-H", `${k}=${v}`);
  return [path.join(root, "node_modules/.bin/autocannon"), [...args, url]];
}

/** The generator's report: autocannon's JSON, or the line of wrk-report.lua. */
function parseReport(stdout: string): Omit<Cannon, "cpu"> {
  if (generator === "wrk") {
    const r = JSON.parse(stdout.trim().split("\n").at(-1)!);
    return { ...r, rps: r.requests / r.seconds };
  }
  const r = JSON.parse(stdout);
  return {
    rps: r.requests.average,
    requests: r.requests.total,
    errors: r.non2xx + r.errors + r.timeouts,
    p50: r.latency.p50,
    p97_5: r.latency.p97_5,
    p99: r.latency.p99,
  };
}

/** One load run's target: the server under load, the URL and headers, the connections. */
export interface LoadSpec {
  root: string;
  url: string;
  headers: Record<string, string>;
  connections: number;
  /** The server's first process: its tree's CPU is counted. */
  serverPid: number;
}

function cannon(spec: LoadSpec, seconds: number): Promise<Cannon> {
  const { root, url, headers, connections, serverPid } = spec;
  const [command, args] = generatorCommand(root, url, headers, connections, seconds);
  const servers = processTree(serverPid);
  const serverBefore = usage(servers).cpu;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // The generator's CPU time, read until it exits (its last reading is at most 100 ms old).
    let used = 0;
    const child = execFile(command, args, { maxBuffer: 16 << 20 }, (err, stdout) => {
      clearInterval(sampler);
      if (err) return reject(err);
      const wall = (performance.now() - started) / 1000;
      resolve({
        ...parseReport(stdout),
        cpu: { generator: used / wall, server: (usage(servers).cpu - serverBefore) / wall },
      });
    });
    const sampler = setInterval(() => {
      if (child.pid) used = Math.max(used, usage(processTree(child.pid)).cpu);
    }, 100);
  });
}

/** The load generator in a child process: 2 s of warm-up, then `seconds` measured. */
export async function loadRun(spec: LoadSpec, seconds: number): Promise<Cannon> {
  await cannon(spec, 2);
  const r = await cannon(spec, seconds);
  if (r.errors) throw new Error(`${spec.url}: ${r.errors} of ${r.requests} requests failed`);
  return r;
}
