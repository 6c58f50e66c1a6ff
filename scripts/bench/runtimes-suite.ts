// The runtimes run of `npm run bench`: a runtime with 50 bindings (its resolved view, p95 ≤ 10 ms),
// the 304 path of that view with a current If-None-Match (p95 ≤ 3 ms), and 1,000 simulated
// runtimes, each polling its own resolved view once a second with If-None-Match (sustained
// without errors). Everything is set up through the API, as a user would.
import http from "node:http";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { packTarGz } from "@/lib/catalog/ingest/pack";
import { request, summarize, type LoadResult } from "./load";

export interface RuntimesSuiteOptions {
  base: string;
  token: string;
  org: string;
  workspace: string;
  seconds: number;
  warmupSeconds: number;
  pollers: number;
  pollSeconds: number;
  log: (line: string) => void;
}

export interface RuntimesRow {
  route: string;
  result: LoadResult;
  target: string;
  pass: boolean;
  load: number;
  note?: string;
}

async function api(
  agent: http.Agent,
  o: RuntimesSuiteOptions,
  method: string,
  path: string,
  body?: unknown,
  type = "application/json",
) {
  const res = await request(agent, new URL(path, o.base), {
    method,
    headers: { authorization: `Bearer ${o.token}`, "content-type": type },
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

/** Runs `tasks` with at most `n` at a time. */
async function pool<T>(n: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await tasks[i]!();
      }
    }),
  );
  return out;
}

/** Sequential requests on one keep-alive connection, counting only the expected status. */
async function loop(
  o: RuntimesSuiteOptions,
  path: string,
  headers: Record<string, string>,
  expect: number,
  seconds: number,
  record: boolean,
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    const t0 = performance.now();
    const res = await request(agent, new URL(path, o.base), { headers });
    const dt = performance.now() - t0;
    if (res.status !== expect) {
      errors++;
      firstError ??= `${res.status} ${res.body.toString("utf8").slice(0, 200)}`;
    } else if (record) latencies.push(dt);
  }
  agent.destroy();
  return summarize(latencies, (performance.now() - start) / 1000, errors, firstError);
}

export async function runRuntimesSuite(o: RuntimesSuiteOptions): Promise<RuntimesRow[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const base = `/api/v1/org/${o.org}/ws/${o.workspace}/runtimes`;
  const stamp = Date.now().toString(36);

  // 50 capabilities with two flags each, bound to one runtime with an override on half of them.
  o.log("runtimes: pushing 50 capabilities and binding them to one runtime");
  const names = Array.from({ length: 50 }, (_, i) => `bench-rt-${stamp}-${i}`);
  await pool(
    4,
    names.map(
      (name) => () =>
        api(
          agent,
          o,
          "POST",
          `/api/v1/org/${o.org}/capabilities`,
          packTarGz([
            {
              path: "capability.yaml",
              data: `schema: 1\nname: ${name}\nversion: 1.0.0\ndescription: Benchmark capability ${name}\nflags:\n  verbose:\n    description: More output\n  beta:\n    description: New path\n    default: true\n`,
            },
            { path: "agents/a.md", data: `You are agent ${name}.` },
            { path: "tools/t.py", data: '"""A tool."""\n' },
          ]),
          "application/gzip",
        ),
    ),
  );
  const rt = await api(agent, o, "POST", base, { name: `bench-50-${stamp}` });
  const bindings = await pool(
    4,
    names.map(
      (name) => () => api(agent, o, "POST", `${base}/${String(rt.id)}/capabilities`, { name }),
    ),
  );
  await pool(
    4,
    bindings
      .filter((_, i) => i % 2 === 0)
      .map(
        (b) => () =>
          api(agent, o, "PATCH", `${base}/${String(rt.id)}/capabilities/${String(b.id)}`, {
            flags: { verbose: true },
          }),
      ),
  );
  const resolvedPath = `${base}/${String(rt.id)}/capabilities/resolved`;
  const resolved = await api(agent, o, "GET", resolvedPath);
  if ((resolved.capabilities as unknown[]).length !== 50)
    throw new Error("the resolved view does not list 50 capabilities");
  const etag = `"${String(resolved.runtime_digest)}"`;
  const auth = { authorization: `Bearer ${o.token}` };

  const rows: RuntimesRow[] = [];
  await loop(o, resolvedPath, auth, 200, o.warmupSeconds, false);
  const full = await loop(o, resolvedPath, auth, 200, o.seconds, true);
  rows.push({
    route: "GET resolved (50 bindings), 1 connection",
    result: full,
    target: "p95 ≤ 10 ms",
    pass: full.p95 <= 10 && full.errors === 0,
    load: loadavg()[0]!,
  });
  await loop(o, resolvedPath, { ...auth, "if-none-match": etag }, 304, o.warmupSeconds, false);
  const notModified = await loop(
    o,
    resolvedPath,
    { ...auth, "if-none-match": etag },
    304,
    o.seconds,
    true,
  );
  rows.push({
    route: "GET resolved with If-None-Match → 304, 1 connection",
    result: notModified,
    target: "p95 ≤ 3 ms",
    pass: notModified.p95 <= 3 && notModified.errors === 0,
    load: loadavg()[0]!,
  });

  // 1,000 runtimes with one binding each, each polling its own view once a second.
  o.log(`runtimes: creating ${o.pollers} runtimes with one binding each`);
  const pollers = await pool(
    8,
    Array.from({ length: o.pollers }, (_, i) => async () => {
      const r = await api(agent, o, "POST", base, { name: `bench-poll-${stamp}-${i}` });
      await api(agent, o, "POST", `${base}/${String(r.id)}/capabilities`, {
        name: names[i % names.length],
      });
      const view = await api(agent, o, "GET", `${base}/${String(r.id)}/capabilities/resolved`);
      return {
        path: `${base}/${String(r.id)}/capabilities/resolved`,
        etag: `"${String(view.runtime_digest)}"`,
      };
    }),
  );
  agent.destroy();
  o.log(`runtimes: ${o.pollers} runtimes polling once a second for ${o.pollSeconds} s`);
  const pollAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const latencies: number[] = [];
  let errors = 0;
  let late = 0;
  let firstError: string | null = null;
  const start = performance.now();
  await Promise.all(
    pollers.map(async (p, i) => {
      // Staggered over the first second, then on a fixed one-second schedule; a poll that is due
      // while the previous one is still out waits for it (a runtime polls sequentially).
      let due = start + (i / pollers.length) * 1000;
      while (due < start + o.pollSeconds * 1000) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        else if (wait < -1000) late++;
        const t0 = performance.now();
        try {
          const res = await request(pollAgent, new URL(p.path, o.base), {
            headers: { ...auth, "if-none-match": p.etag },
          });
          if (res.status !== 304) {
            errors++;
            firstError ??= `${res.status} ${res.body.toString("utf8").slice(0, 200)}`;
          } else latencies.push(performance.now() - t0);
        } catch (err) {
          errors++;
          firstError ??= (err as Error).message;
        }
        due += 1000;
      }
    }),
  );
  pollAgent.destroy();
  const polled = summarize(latencies, (performance.now() - start) / 1000, errors, firstError);
  const expected = o.pollers * o.pollSeconds;
  // Sustained means every runtime got its poll in each second: the rate kept up with the schedule.
  const kept = polled.rps >= o.pollers * 0.95;
  rows.push({
    route: `${o.pollers} runtimes polling 1/s with If-None-Match (${o.pollSeconds} s)`,
    result: polled,
    target: `no errors, ${o.pollers} polls/s`,
    pass: errors === 0 && kept,
    load: loadavg()[0]!,
    note: `${polled.requests} of ${expected} scheduled polls answered in ${polled.seconds.toFixed(1)} s (${polled.rps.toFixed(0)}/s for ${o.pollers}/s scheduled), ${late} started over a second late`,
  });
  return rows;
}

export function runtimesTable(rows: RuntimesRow[]): string {
  const ms = (n: number) => n.toFixed(1);
  const lines = [
    [
      "route",
      "requests",
      "errors",
      "p50 ms",
      "p95 ms",
      "p99 ms",
      "max ms",
      "req/s",
      "load",
      "target",
      "result",
    ],
  ];
  for (const r of rows) {
    const x = r.result;
    lines.push([
      r.route,
      String(x.requests),
      String(x.errors),
      ms(x.p50),
      ms(x.p95),
      ms(x.p99),
      ms(x.max),
      x.rps.toFixed(1),
      r.load.toFixed(2),
      r.target,
      r.pass ? "PASS" : "MISS",
    ]);
  }
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  const notes = rows
    .filter((r) => r.note || r.result.firstError)
    .map(
      (r) =>
        `  ${r.route}: ${[r.note, r.result.firstError && `first error: ${r.result.firstError}`].filter(Boolean).join("; ")}`,
    );
  return [
    ...lines.map((l) =>
      l.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  "),
    ),
    ...notes,
  ].join("\n");
}
