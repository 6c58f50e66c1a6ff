// A closed-loop HTTP load generator for latency percentiles: `connections` keep-alive connections,
// each sending its next request as soon as the previous response has been read in full, with
// the path chosen per request (rotating search terms, names, filters). Every latency is kept, so
// p95 is exact (autocannon reports p90, p97.5 and p99, but no p95).
import http from "node:http";
import { performance } from "node:perf_hooks";

export interface Response {
  status: number;
  body: Buffer;
}

export interface LoadResult {
  requests: number;
  errors: number;
  firstError: string | null;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** The p-th percentile (nearest rank) of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
}

export function summarize(
  latencies: number[],
  seconds: number,
  errors = 0,
  firstError: string | null = null,
): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    firstError,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

export function request(
  agent: http.Agent,
  url: URL,
  opts: { method?: string; headers?: Record<string, string>; body?: Buffer } = {},
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        agent,
        method: opts.method ?? "GET",
        headers: {
          ...opts.headers,
          ...(opts.body ? { "content-length": String(opts.body.length) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

export interface LoadOptions {
  base: string;
  /** The path of the i-th request. */
  path: (i: number) => string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  warmupSeconds: number;
}

async function run(o: LoadOptions, seconds: number, record: boolean): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let i = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const path = o.path(i++);
      const t0 = performance.now();
      try {
        const res = await request(agent, new URL(path, o.base), { headers: o.headers });
        const dt = performance.now() - t0;
        if (res.status !== 200) {
          errors++;
          firstError ??= `${path}: ${res.status} ${res.body.toString("utf8").slice(0, 300)}`;
        } else if (record) latencies.push(dt);
      } catch (err) {
        errors++;
        firstError ??= `${path}: ${(err as Error).message}`;
      }
    }
  };
  await Promise.all(Array.from({ length: o.connections }, worker));
  agent.destroy();
  return summarize(latencies, (performance.now() - start) / 1000, errors, firstError);
}

/** Warms the route up (JIT, caches, connections), then measures it. */
export async function closedLoop(o: LoadOptions): Promise<LoadResult> {
  if (o.warmupSeconds > 0) await run(o, o.warmupSeconds, false);
  return run(o, o.seconds, true);
}
