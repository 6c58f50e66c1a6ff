// The watch run of `npm run bench` (issue 20 §3): runtimes that watch their resolved view instead
// of polling it. `watchers` clients (half server-sent events on .../resolved/stream, half long-poll
// on .../resolved?wait=60 with If-None-Match, re-issued with the new ETag after each answer) watch
// `runtimes` runtimes, spread evenly. Measured on the server under test (instance A, every process
// of `npm start`: the cluster's primary and its server processes, read from /proc):
// - memory: RSS before the watchers connect and its peak while they are connected (< 400 MB more);
// - idle cost: CPU time of the server processes while every watcher is connected and nothing
//   changes (< 5% of one core); long-polls that reach their 60 s end and are re-issued count;
// - propagation: each change PATCHes one binding of EVERY watched runtime at once through the API,
//   so every watcher must receive a new view; latency from the start of the change's first request
//   to each watcher holding its runtime's new digest (p95 ≤ 1 s, p99 ≤ 2 s);
// - the same with the change made through a second instance (port + 1) on the same database,
//   watchers still on A (PostgreSQL LISTEN/NOTIFY; on SQLite the shared per-org counter).
// Everything is set up through the API, as a user would.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { packTarGz } from "@/lib/catalog/ingest/pack";
import { percentile, request } from "./load";
import { processTree, serverNodeArgs, usage } from "./proc";
import { WatchClient, type Watcher } from "./watch-clients";
import { idleWindows, resourceRows } from "./watch-resources";

export interface WatchSuiteOptions {
  base: string;
  token: string;
  org: string;
  workspace: string;
  /** The primary process of the server under test (`node scripts/start.mjs`). */
  serverPid: number;
  /** Starts the second instance on this port (same database), resolved once it answers. */
  startSecond: (port: number) => Promise<ChildProcess>;
  secondPort: number;
  watchers: number;
  runtimes: number;
  changes: number;
  idleSeconds: number;
  /**
   * A second idle window, this long, after a pause of STEADY_PAUSE_S: the steady state, once the
   * collector has returned what opening the watchers left and every long-poll has reached its
   * 60 s end and been re-issued at least once (0: none).
   */
  steadySeconds: number;
  log: (line: string) => void;
}

export interface WatchRow {
  measure: string;
  figure: string;
  target: string;
  pass: boolean;
  load: number;
  note?: string;
}

const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function api(
  o: WatchSuiteOptions,
  base: string,
  method: string,
  path: string,
  body?: unknown,
) {
  const agent = new http.Agent({ keepAlive: false });
  const res = await request(agent, new URL(path, base), {
    method,
    headers: {
      authorization: `Bearer ${o.token}`,
      "content-type": Buffer.isBuffer(body) ? "application/gzip" : "application/json",
    },
    body:
      body === undefined
        ? undefined
        : Buffer.isBuffer(body)
          ? body
          : Buffer.from(JSON.stringify(body)),
  });
  if (res.status >= 300)
    throw new Error(`${method} ${path}: ${res.status} ${res.body.toString("utf8").slice(0, 300)}`);
  return JSON.parse(res.body.toString("utf8") || "null") as Record<string, unknown>;
}

interface Latencies {
  values: number[];
  missing: number;
  byKind: Record<Watcher["kind"], number[]>;
  /** CPU seconds instance A's processes used from each change's start until it had arrived. */
  cpu: number;
  /** CPU seconds the bench process (the watchers' client) used over the same spans. */
  clientCpu: number;
  /** PATCHes that failed (their runtimes' watchers are left out of that change). */
  failedWrites: number;
  firstWriteError: string | null;
}

/** One PATCH of the `verbose` flag per runtime, all at once; failures are counted in `out`. */
function patchAll(
  o: WatchSuiteOptions,
  base: string,
  paths: string[],
  bindings: string[],
  verbose: boolean,
  out: Latencies,
) {
  return Promise.all(
    paths.map((p, i) =>
      api(o, base, "PATCH", `${p.replace(/\/resolved$/, "")}/${bindings[i]}`, {
        flags: { verbose },
      }).catch((err: Error) => {
        out.failedWrites++;
        out.firstWriteError ??= err.message.slice(0, 300);
      }),
    ),
  );
}

/** Counts the watchers that received a change (into `out`, unless it is null: a warm-up). */
function collect(
  client: WatchClient,
  moved: boolean[],
  expected: string[],
  t0: number,
  out: Latencies | null,
): number {
  let got = 0;
  for (const w of client.watchers) {
    if (!moved[w.runtime]) continue;
    if (w.digest !== expected[w.runtime]) {
      if (out) out.missing++;
      continue;
    }
    got++;
    out?.values.push(w.at - t0);
    out?.byKind[w.kind].push(w.at - t0);
  }
  return got;
}

/**
 * A warm-up round, then `changes` rounds through `base`: each PATCHes the `verbose` flag of every runtime's binding (one
 * request per runtime, all at once), then waits until every watcher holds its runtime's new digest
 * (or 30 s).
 */
async function changeRounds(
  o: WatchSuiteOptions,
  pids: number[],
  base: string,
  client: WatchClient,
  paths: string[],
  bindings: string[],
  /** Each runtime's current digest, kept up to date here. */
  current: string[],
  round0: number,
): Promise<Latencies> {
  const out: Latencies = {
    values: [],
    missing: 0,
    byKind: { sse: [], poll: [] },
    cpu: 0,
    clientCpu: 0,
    failedWrites: 0,
    firstWriteError: null,
  };
  // k = -1 is a warm-up change, logged but not counted: the first change through a process runs
  // its code cold (as the other suites warm up before they measure).
  for (let k = -1; k < o.changes; k++) {
    const warmUp = k < 0;
    const verbose = (round0 + k + 1) % 2 === 0;
    const cpu0 = usage(pids).cpu;
    const own0 = process.cpuUsage();
    const t0 = performance.now();
    await patchAll(o, base, paths, bindings, verbose, out);
    const written = performance.now() - t0;
    const expected = await Promise.all(
      paths.map(async (p) => String((await api(o, base, "GET", p)).runtime_digest)),
    );
    // A runtime whose PATCH failed did not change: its watchers have nothing to receive.
    const moved = expected.map((d, i) => d !== current[i]);
    expected.forEach((d, i) => (current[i] = d));
    const deadline = performance.now() + 30_000;
    const arrived = () =>
      client.watchers.every((w) => !moved[w.runtime] || w.digest === expected[w.runtime]);
    while (!arrived() && performance.now() < deadline) await sleep(20);
    const cpu = usage(pids).cpu - cpu0;
    const own = process.cpuUsage(own0);
    const clientCpu = (own.user + own.system) / 1e6;
    const got = collect(client, moved, expected, t0, warmUp ? null : out);
    if (!warmUp) {
      out.cpu += cpu;
      out.clientCpu += clientCpu;
    }
    o.log(
      `watch: ${warmUp ? "warm-up change (not counted)" : `change ${k + 1}/${o.changes}`} via ${base}: ${paths.length} PATCHes in ${written.toFixed(0)} ms, ` +
        `${got}/${client.watchers.length} watchers had the new view after ${(performance.now() - t0).toFixed(0)} ms; ` +
        `instance A used ${cpu.toFixed(1)} s of CPU (${((cpu / client.watchers.length) * 1000).toFixed(2)} ms per watcher), the bench client ${clientCpu.toFixed(1)} s`,
    );
    await sleep(1000);
  }
  return out;
}

const ms = (n: number) => (Number.isNaN(n) ? "-" : n.toFixed(0));

function latencyRow(measure: string, l: Latencies, watchers: number, changes: number): WatchRow {
  const total = watchers * changes;
  const sorted = [...l.values].sort((a, b) => a - b);
  const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(sorted, p)) as [
    number,
    number,
    number,
  ];
  const max = sorted[sorted.length - 1] ?? NaN;
  const kinds = (["sse", "poll"] as const)
    .map((k) => {
      const s = [...l.byKind[k]].sort((a, b) => a - b);
      return `${k === "sse" ? "SSE" : "long-poll"} p95 ${ms(percentile(s, 95))} ms, max ${ms(s[s.length - 1] ?? NaN)} ms`;
    })
    .join("; ");
  return {
    measure,
    figure: `p50 ${ms(p50)}, p95 ${ms(p95)}, p99 ${ms(p99)}, max ${ms(max)} ms; ${l.values.length}/${total} delivered`,
    target: "p95 ≤ 1000 ms, p99 ≤ 2000 ms, all delivered",
    pass: l.missing === 0 && l.failedWrites === 0 && p95 <= 1000 && p99 <= 2000,
    load: loadavg()[0]!,
    note: `${kinds}; instance A's CPU per change and watcher: ${((l.cpu / total) * 1000).toFixed(2)} ms (each change wakes every watcher of the org); CPU per change: instance A ${(l.cpu / changes).toFixed(2)} s, the bench client ${(l.clientCpu / changes).toFixed(2)} s${l.failedWrites ? `; ${l.failedWrites} PATCHes failed, first: ${l.firstWriteError}` : ""}`,
  };
}

interface Runtimes {
  /** The resolved view of each runtime, its binding's id and its current digest. */
  paths: string[];
  bindings: string[];
  digests: string[];
}

/** One capability with a flag, and `o.runtimes` runtimes binding it, through the API. */
async function setUp(o: WatchSuiteOptions): Promise<Runtimes> {
  const rt = `/api/v1/org/${o.org}/ws/${o.workspace}/runtimes`;
  const stamp = Date.now().toString(36);
  const name = `bench-watch-${stamp}`;
  o.log(`watch: one capability, ${o.runtimes} runtimes binding it`);
  await api(
    o,
    o.base,
    "POST",
    `/api/v1/org/${o.org}/capabilities`,
    packTarGz([
      {
        path: "capability.yaml",
        data: `schema: 1\nname: ${name}\nversion: 1.0.0\ndescription: Benchmark capability ${name}\nflags:\n  verbose:\n    description: More output\n`,
      },
      { path: "agents/a.md", data: `You are agent ${name}.` },
    ]),
  );
  const out: Runtimes = { paths: [], bindings: [], digests: [] };
  for (let i = 0; i < o.runtimes; i++) {
    const r = await api(o, o.base, "POST", rt, { name: `bench-watch-${stamp}-${i}` });
    const b = await api(o, o.base, "POST", `${rt}/${String(r.id)}/capabilities`, { name });
    const path = `${rt}/${String(r.id)}/capabilities/resolved`;
    out.paths.push(path);
    out.bindings.push(String(b.id));
    out.digests.push(String((await api(o, o.base, "GET", path)).runtime_digest));
  }
  return out;
}

/**
 * Waits until every watcher is open (600 s at most), then until the server's CPU settles. Returns
 * the row of the ramp: a ramp that does not finish is a MISS, and the run goes on with the rest
 * still opening.
 */
async function untilOpen(o: WatchSuiteOptions, pids: number[], open: () => number) {
  const t0 = performance.now();
  while (open() < o.watchers && performance.now() - t0 < 600_000) await sleep(200);
  const seconds = (performance.now() - t0) / 1000;
  o.log(`watch: ${open()} of ${o.watchers} watchers open after ${seconds.toFixed(1)} s`);
  // Long-polls are sent, not necessarily held yet: let the server take them in.
  for (let i = 0; i < 30; i++) {
    const a = usage(pids).cpu;
    await sleep(1000);
    if (usage(pids).cpu - a < 0.1) break;
  }
  const row: WatchRow = {
    measure: `open: ${o.watchers} watchers, at most 200 opening at once`,
    figure: `${open()} open after ${seconds.toFixed(0)} s`,
    target: "all open (600 s at most)",
    pass: open() === o.watchers,
    load: loadavg()[0]!,
  };
  return row;
}

export async function runWatchSuite(o: WatchSuiteOptions): Promise<WatchRow[]> {
  const { paths, bindings, digests } = await setUp(o);
  const current = [...digests];
  const pidsA = processTree(o.serverPid);
  o.log(`watch: instance A is ${pidsA.length} processes (${pidsA.join(", ")})`);
  // Warm-up: both watch routes loaded and run in every server process before the baseline.
  const warm = new WatchClient(o.base, o.token, paths, digests, 40, () => {});
  await sleep(3000);
  warm.stop();
  await sleep(3000);
  const baseline = usage(pidsA).rss;
  o.log(`watch: baseline RSS ${(baseline / MB).toFixed(0)} MB; opening ${o.watchers} watchers`);

  let open = 0;
  const client = new WatchClient(o.base, o.token, paths, digests, o.watchers, () => open++);
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, usage(pidsA).rss)), 500);
  let second: ChildProcess | null = null;
  const rows: WatchRow[] = [];
  const rounds = (base: string, round0: number) =>
    changeRounds(o, pidsA, base, client, paths, bindings, current, round0);
  try {
    rows.push(await untilOpen(o, pidsA, () => open));
    const connected = usage(pidsA).rss;
    peak = Math.max(peak, connected);

    const { idle, steady } = await idleWindows(o, pidsA, client);

    o.log(`watch: ${o.changes} changes through instance A`);
    const viaA = await rounds(o.base, 0);
    const after = usage(pidsA).rss;
    peak = Math.max(peak, after);

    rows.push(...resourceRows(o, pidsA.length, { baseline, connected, peak, after }, idle, steady));
    rows.push(
      latencyRow(
        `change → every watcher, via A (${o.changes} changes after a warm-up one, each one PATCH per runtime, all ${o.runtimes} at once)`,
        viaA,
        o.watchers,
        o.changes,
      ),
    );

    o.log(`watch: starting instance B on port ${o.secondPort} (same database)`);
    second = await o.startSecond(o.secondPort);
    const baseB = o.base.replace(/:\d+$/, `:${o.secondPort}`);
    o.log(`watch: ${o.changes} changes through instance B, watchers on A`);
    const viaB = await rounds(baseB, o.changes + 1);
    rows.push(
      latencyRow(
        `change via instance B → every watcher on A (${o.changes} changes)`,
        viaB,
        o.watchers,
        o.changes,
      ),
    );
    if (client.errors > 0)
      rows[rows.length - 1]!.note +=
        `; ${client.errors} watcher errors, first: ${client.firstError}`;
    return rows;
  } finally {
    clearInterval(sampler);
    client.stop();
    if (second) await stopProcess(second);
  }
}

/** SIGTERM, then waits for the exit (SIGKILL after 15 s). */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Starts `node scripts/start.mjs` on `port` with `env`, resolved once /api/health answers. */
export async function startServer(
  root: string,
  env: NodeJS.ProcessEnv,
  port: number,
): Promise<ChildProcess> {
  const child = spawn("node", [...serverNodeArgs(), "scripts/start.mjs"], {
    cwd: root,
    env: { ...env, PORT: String(port), QUIVER_SKIP_BOOTSTRAP: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const start = Date.now();
  while (Date.now() - start < 300_000) {
    if (child.exitCode !== null) throw new Error(`server on ${port} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // not up yet
    }
    await sleep(500);
  }
  await stopProcess(child);
  throw new Error(`server on ${port} did not become healthy`);
}

export function watchTable(rows: WatchRow[]): string {
  const lines = [["measure", "figure", "load", "target", "result"]];
  for (const r of rows)
    lines.push([r.measure, r.figure, r.load.toFixed(2), r.target, r.pass ? "PASS" : "MISS"]);
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  return [
    ...lines.map((l) => l.map((c, i) => c.padEnd(widths[i]!)).join("  ")),
    ...rows.filter((r) => r.note).map((r) => `  ${r.measure}: ${r.note}`),
  ].join("\n");
}
