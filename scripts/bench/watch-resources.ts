// The watch run's resource rows (scripts/bench/watch-suite.ts): instance A's memory, and its CPU
// while the watchers idle, in two windows: the first 20 s after they opened, and a steady one
// later, once the collector has returned what opening them left and every long-poll has reached
// its 60 s end and been re-issued.
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { usage } from "./proc";
import type { WatchClient } from "./watch-clients";
import type { WatchRow, WatchSuiteOptions } from "./watch-suite";

const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Between the first idle window and the steady one. */
const STEADY_PAUSE_S = 30;

/** Server CPU (share of one core) over `seconds` with nothing changing, and the client's own. */
async function idleCost(pids: number[], client: WatchClient, windowSeconds: number) {
  const errors = client.errors;
  const server = usage(pids).cpu;
  const own = process.cpuUsage();
  const t0 = performance.now();
  await sleep(windowSeconds * 1000);
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(own);
  return {
    seconds,
    server: (usage(pids).cpu - server) / seconds,
    client: (c.user + c.system) / 1e6 / seconds,
    errors: client.errors - errors,
  };
}

function idleRow(
  o: WatchSuiteOptions,
  window: string,
  idle: Awaited<ReturnType<typeof idleCost>>,
): WatchRow {
  return {
    measure: `idle CPU: ${o.watchers} watchers connected, no changes, ${window}`,
    figure: `${(idle.server * 100).toFixed(1)}% of one core`,
    target: "< 5% of a core",
    pass: idle.server < 0.05 && idle.errors === 0,
    load: loadavg()[0]!,
    note: `instance A's processes' utime+stime (long-polls ending after 60 s and re-issued count); the bench client used ${(idle.client * 100).toFixed(1)}% of a core; ${idle.errors} watcher errors meanwhile`,
  };
}

/** The memory and idle-CPU rows. */
export function resourceRows(
  o: WatchSuiteOptions,
  processes: number,
  rss: { baseline: number; connected: number; peak: number; after: number },
  idle: Awaited<ReturnType<typeof idleCost>>,
  steady: Awaited<ReturnType<typeof idleCost>> | null,
): WatchRow[] {
  const { baseline, connected, peak, after } = rss;
  const mapping = `${o.watchers} watchers (${Math.ceil(o.watchers / 2)} SSE, ${Math.floor(o.watchers / 2)} long-poll wait=60) on ${o.runtimes} runtimes (${Math.round(o.watchers / o.runtimes)} each)`;
  return [
    {
      measure: `memory: ${mapping}`,
      figure: `baseline ${(baseline / MB).toFixed(0)} MB, connected ${(connected / MB).toFixed(0)} MB, peak ${(peak / MB).toFixed(0)} MB: +${((peak - baseline) / MB).toFixed(0)} MB`,
      target: "< 400 MB more (peak)",
      pass: peak - baseline < 400 * MB,
      load: loadavg()[0]!,
      note: `RSS summed over instance A's ${processes} processes (cluster primary and server processes), sampled every 0.5 s; connected = after the ramp settled, peak includes the changes through A; after them ${(after / MB).toFixed(0)} MB`,
    },
    idleRow(o, `the first ${idle.seconds.toFixed(0)} s after they opened`, idle),
    ...(steady
      ? [
          idleRow(
            o,
            `${steady.seconds.toFixed(0)} s from ${STEADY_PAUSE_S} s later (steady)`,
            steady,
          ),
        ]
      : []),
  ];
}

/** Both idle windows: the first right away, the steady one (when asked for) STEADY_PAUSE_S later. */
export async function idleWindows(o: WatchSuiteOptions, pids: number[], client: WatchClient) {
  const idle = await idleCost(pids, client, o.idleSeconds);
  if (o.steadySeconds <= 0) return { idle, steady: null };
  await sleep(STEADY_PAUSE_S * 1000);
  return { idle, steady: await idleCost(pids, client, o.steadySeconds) };
}
