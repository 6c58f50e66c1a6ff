// The optimization run of `npm run bench`: the statistics over 10,000 cells × 6 variants
// (in process, ≤ 50 ms), progress reports of 100 cells each (≤ 50 ms), and the run page of a
// completed 5-variant run with 2,000 cells, served to a signed-in browser (p95 ≤ 300 ms).
import http from "node:http";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { analyze, type Cell } from "@/lib/optimization/stats";
import { percentile, request, summarize, type LoadResult } from "./load";

export interface OptimizationSuiteOptions {
  base: string;
  token: string;
  org: string;
  workspace: string;
  email: string;
  password: string;
  seconds: number;
  warmupSeconds: number;
  reports: number;
  log: (line: string) => void;
}

export interface OptimizationRow {
  route: string;
  result: LoadResult;
  target: number;
  load: number;
  note?: string;
}

/** A deterministic score in 0–100 around `center`. */
function score(center: number, i: number): number {
  const x = Math.sin(i * 12.9898) * 43758.5453;
  return Math.max(0, Math.min(100, Math.round(center + (x - Math.floor(x) - 0.5) * 30)));
}

function cellsOf(variants: string[], personas: number, scenarios: number): Cell[] {
  const cells: Cell[] = [];
  let i = 0;
  for (const [vi, v] of variants.entries()) {
    for (let p = 0; p < personas; p++) {
      for (let s = 0; s < scenarios; s++) {
        cells.push({
          variant: v,
          persona: `p${p}`,
          scenario: `s${s}`,
          metrics: {
            task_completion: score(60 + vi * 3, i++),
            quality: score(70, i++),
            sentiment: score(65 + vi, i++),
          },
        });
      }
    }
  }
  return cells;
}

/** Statistics over 10,000 cells for each of 6 variants, timed in this process. */
function statsRow(runs = 20): OptimizationRow {
  const variants = ["control", "b", "c", "d", "e", "f"];
  const cells = cellsOf(variants, 100, 100);
  const times: number[] = [];
  analyze(cells, { control: "control", mode: "validation" }); // first call: JIT warm-up, reported apart
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    analyze(cells, { control: "control", mode: "validation" });
    times.push(performance.now() - t0);
  }
  return {
    route: `stats: analyze 10,000 cells × 6 variants (in process, ${runs} runs)`,
    result: summarize(times, times.reduce((a, b) => a + b, 0) / 1000),
    target: 50,
    load: loadavg()[0]!,
  };
}

/** Signs in as a browser does (next-auth's CSRF token, then the credentials callback): the session cookie. */
async function signIn(o: OptimizationSuiteOptions): Promise<string> {
  const res = await new Promise<{ cookies: string[]; csrf: string }>((resolve, reject) => {
    http
      .get(new URL("/api/auth/csrf", o.base), (r) => {
        let body = "";
        r.on("data", (c: Buffer) => (body += c.toString("utf8")));
        r.on("end", () =>
          resolve({
            cookies: r.headers["set-cookie"] ?? [],
            csrf: (JSON.parse(body) as { csrfToken: string }).csrfToken,
          }),
        );
      })
      .on("error", reject);
  });
  const form = new URLSearchParams({
    csrfToken: res.csrf,
    email: o.email,
    password: o.password,
    json: "true",
  }).toString();
  const cookies = await new Promise<string[]>((resolve, reject) => {
    const req = http.request(
      new URL("/api/auth/callback/credentials", o.base),
      {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "content-length": String(Buffer.byteLength(form)),
          cookie: res.cookies.map((c) => c.split(";")[0]).join("; "),
        },
      },
      (r) => {
        r.resume();
        r.on("end", () => resolve(r.headers["set-cookie"] ?? []));
      },
    );
    req.on("error", reject);
    req.end(form);
  });
  const session = cookies.map((c) => c.split(";")[0]!).find((c) => c.includes("session-token"));
  if (!session) throw new Error("bench: signing in as the demo user gave no session cookie");
  return session;
}

async function post(agent: http.Agent, o: OptimizationSuiteOptions, path: string, body: unknown) {
  const res = await request(agent, new URL(path, o.base), {
    method: "POST",
    headers: { authorization: `Bearer ${o.token}`, "content-type": "application/json" },
    body: Buffer.from(JSON.stringify(body)),
  });
  if (res.status >= 300)
    throw new Error(`POST ${path}: ${res.status} ${res.body.toString("utf8").slice(0, 300)}`);
  return JSON.parse(res.body.toString("utf8")) as Record<string, unknown>;
}

export async function runOptimizationSuite(
  o: OptimizationSuiteOptions,
): Promise<OptimizationRow[]> {
  const rows: OptimizationRow[] = [statsRow()];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  const ws = `/api/v1/org/${o.org}/ws/${o.workspace}`;
  const stamp = Date.now().toString(36);
  const prompt = await post(agent, o, `${ws}/prompts`, {
    name: `bench-${stamp}`,
    content: "You answer billing questions.",
  });

  // Progress reports: 100 new cells per call, one call at a time, as a harness sends them.
  const job = await post(agent, o, `${ws}/optimization/jobs`, {
    target_kind: "prompt",
    prompt_id: prompt.id,
    variant_count: 1,
    executor: "external",
  });
  const jobPath = `${ws}/optimization/jobs/${String(job.id)}`;
  await post(agent, o, `${jobPath}/progress`, {
    stage: "simulating",
    variants: [
      { key: "control", name: "Control (Original)", content: "A", is_original: true },
      { key: "b", name: "Variant B", content: "B" },
    ],
  });
  const times: number[] = [];
  for (let r = 0; r < o.reports + 2; r++) {
    const cells = Array.from({ length: 100 }, (_, i) => ({
      variant: i % 2 ? "b" : "control",
      persona: `p${r}`,
      scenario: `s${Math.floor(i / 2)}`,
      metrics: { task_completion: score(70, r * 100 + i), quality: 70, sentiment: 70 },
    }));
    const t0 = performance.now();
    await post(agent, o, `${jobPath}/progress`, { cells, log: [`batch ${r}`] });
    if (r >= 2) times.push(performance.now() - t0); // the first two warm the route up
  }
  rows.push({
    route: `POST progress with 100 cells (${o.reports} reports, 1 at a time)`,
    result: summarize(times, times.reduce((a, b) => a + b, 0) / 1000),
    target: 50,
    load: loadavg()[0]!,
  });

  // A completed 5-variant run with 2,000 cells (6 variants × ~333), then its page.
  o.log("optimization: reporting a 5-variant run with 2,000 cells");
  const big = await post(agent, o, `${ws}/optimization/jobs`, {
    target_kind: "prompt",
    prompt_id: prompt.id,
    variant_count: 5,
    executor: "external",
  });
  const bigPath = `${ws}/optimization/jobs/${String(big.id)}`;
  const variants = ["control", "b", "c", "d", "e", "f"];
  await post(agent, o, `${bigPath}/progress`, {
    variants: variants.map((k, i) => ({
      key: k,
      name: i ? `Variant ${k.toUpperCase()}` : "Control (Original)",
      content: `Prompt ${k}`,
      is_original: i === 0,
    })),
  });
  const all = cellsOf(variants, 20, 17)
    .slice(0, 2000)
    .map((c, i) => ({
      ...c,
      transcript: [
        { role: "user", content: `Question ${i}` },
        { role: "assistant", content: `Answer ${i}` },
      ],
    }));
  for (let i = 0; i < all.length; i += 500)
    await post(agent, o, `${bigPath}/progress`, {
      cells: all.slice(i, i + 500),
      finished: i + 500 >= all.length,
    });
  agent.destroy();

  const cookie = await signIn(o);
  const page = `/${o.org}/${o.workspace}/optimization/${String(big.id)}`;
  const pageAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  const start = performance.now();
  const warmEnd = start + o.warmupSeconds * 1000;
  while (performance.now() - start < (o.warmupSeconds + o.seconds) * 1000) {
    const t0 = performance.now();
    const res = await request(pageAgent, new URL(page, o.base), {
      headers: { cookie, accept: "text/html" },
    });
    const dt = performance.now() - t0;
    if (res.status !== 200 || !res.body.toString("utf8").includes("Control (Original)")) {
      errors++;
      firstError ??= `${res.status} ${res.body.toString("utf8").slice(0, 200)}`;
    } else if (t0 >= warmEnd) latencies.push(dt);
  }
  pageAgent.destroy();
  const measured = summarize(latencies, o.seconds, errors, firstError);
  rows.push({
    route: "GET run page (5 variants, 2,000 cells), signed in, 1 connection",
    result: measured,
    target: 300,
    load: loadavg()[0]!,
    note: `p99 ${percentile(
      [...latencies].sort((a, b) => a - b),
      99,
    ).toFixed(1)} ms`,
  });
  return rows;
}

export function optimizationTable(rows: OptimizationRow[]): string {
  const ms = (n: number) => n.toFixed(1);
  const lines = [
    ["measure", "samples", "errors", "p50 ms", "p95 ms", "max ms", "load", "target p95", "result"],
  ];
  for (const r of rows) {
    const x = r.result;
    const pass = x.p95 <= r.target && x.errors === 0;
    lines.push([
      r.route,
      String(x.requests),
      String(x.errors),
      ms(x.p50),
      ms(x.p95),
      ms(x.max),
      r.load.toFixed(2),
      `≤ ${r.target} ms`,
      pass ? "PASS" : `MISS (${(x.p95 / r.target).toFixed(2)}×)`,
    ]);
  }
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  const notes = rows
    .filter((r) => r.result.firstError)
    .map((r) => `  ${r.route}: first error: ${r.result.firstError}`);
  return [
    ...lines.map((l) =>
      l.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  "),
    ),
    ...notes,
  ].join("\n");
}
