// What the benches read from /proc about their processes: a process tree (a cluster's primary and
// its server processes) and its resident memory and CPU time.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/**
 * Node's own options for the Quiver servers a bench starts (`node … scripts/start.mjs`), from
 * BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile them: NODE_OPTIONS
 * refuses --cpu-prof, and the cluster's server processes inherit the primary's.
 */
export const serverNodeArgs = (): string[] =>
  (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);

const ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());

/** `pid` and every process below it (the cluster's server processes), from /proc. */
export function processTree(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // gone meanwhile
    }
  }
  const out = [pid];
  for (let i = 0; i < out.length; i++)
    for (const [child, parent] of parentOf) if (parent === out[i]) out.push(child);
  return out;
}

/** Resident memory (bytes) and CPU time (seconds, user + system) summed over the processes. */
export function usage(pids: number[]): { rss: number; cpu: number } {
  let rss = 0;
  let cpu = 0;
  for (const pid of pids) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      rss += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      cpu += (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
    } catch {
      // gone meanwhile
    }
  }
  return { rss, cpu };
}
