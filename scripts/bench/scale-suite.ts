// The scale run of `npm run bench` (issue 20, §1 and §2): Quiver beside the framework's floor and
// on one and two server processes.
// - The reference: a minimal Next.js app of Quiver's Next.js version (reference-app/), one route
//   handler reading one row by primary key through better-sqlite3, served by `next start`.
// - wrk when installed, else autocannon (its own child process), `connections` connections, against the reference,
//   Quiver's GET /api/health, the token-authenticated GET /api/v1/org/acme/workspaces and the
//   catalog list at `versions` versions (catalog-data.ts), Quiver with QUIVER_WEB_CONCURRENCY=1,
//   then the two Quiver routes of §2 on one and on two processes in alternation (`rounds` times
//   each, both instances running, one loaded at a time): §2's ratios are of the medians, since
//   this machine's speed drifts by a quarter within minutes and one run of each is at its mercy.
// - The list's p95 target compares latencies of one request at a time (the closed loop of
//   load.ts on one connection, exact p95): with 10 connections a latency is mostly time spent
//   queueing behind the other 9, which the raw SQL, run alone, does not have.
import { loadavg } from "node:os";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { generateCatalog } from "./catalog-data";
import { closedLoop, type LoadResult } from "./load";
import { rawListSql } from "./scale-sql";
import {
  generator,
  loadRun,
  buildReference,
  referenceDatabase,
  startQuiver,
  startReference,
  type Cannon,
  type Server,
} from "./scale-servers";

export interface ScaleSuiteOptions {
  root: string;
  databaseUrl: string;
  /** Quiver's environment (without PORT and QUIVER_WEB_CONCURRENCY). */
  env: NodeJS.ProcessEnv;
  port: number;
  referencePort: number;
  connections: number;
  seconds: number;
  /** Catalog versions (10 per capability). */
  versions: number;
  /** Alternating runs of §2's routes on 1 and 2 processes. */
  rounds: number;
  log: (line: string) => void;
}

export interface ScaleReport {
  rows: { route: string; server: string; r: Cannon }[];
  /** §2's medians over the alternating rounds: token route and list, on 1 and 2 processes. */
  medians: { ws1: number; list1: number; ws2: number; list2: number };
  reference: Cannon;
  single: { reference: LoadResult; list: LoadResult; sql: LoadResult };
  checks: { what: string; value: string; target: string; pass: boolean }[];
}

const token = (o: ScaleSuiteOptions, org: string) =>
  execFileSync(
    path.join(o.root, "node_modules/.bin/tsx"),
    ["scripts/quiver.ts", "token", "create", "--email", "demo@quiver.dev", "--org", org].concat([
      "--scopes",
      "read",
      "--name",
      "bench-scale",
    ]),
    { cwd: o.root, env: o.env, encoding: "utf8" },
  ).trim();

async function catalog(o: ScaleSuiteOptions) {
  const capabilities = Math.max(1, Math.round(o.versions / 10));
  const gen = await generateCatalog({
    databaseUrl: o.databaseUrl,
    ownerEmail: "demo@quiver.dev",
    org: "scale",
    publicOrg: "scale-public",
    capabilities,
    versionsPer: 10,
  });
  o.log(
    `  catalog: ${gen.capabilities} capabilities, ${gen.versions} versions (${gen.seconds.toFixed(1)} s)`,
  );
  return gen.org;
}

/** The raw SQL's page and total must be the API's, or it measures some other query. */
async function checkSql(
  base: string,
  org: string,
  auth: string,
  check: { names: string[]; total: number },
) {
  const res = await fetch(`${base}/api/v1/org/${org}/capabilities?limit=50`, {
    headers: { authorization: auth },
  });
  const body = (await res.json()) as { total: number; capabilities: { name: string }[] };
  const names = body.capabilities.map((c) => c.name);
  if (body.total !== check.total || names.join() !== check.names.join())
    throw new Error(
      `the raw list SQL answers ${check.total} [${check.names.slice(0, 3)}…], the API ${body.total} [${names.slice(0, 3)}…]`,
    );
}

type Routes = { name: string; path: string; auth?: string }[];

async function load(o: ScaleSuiteOptions, server: Server, label: string, routes: Routes) {
  const rows: ScaleReport["rows"] = [];
  for (const r of routes) {
    const headers: Record<string, string> = r.auth ? { authorization: r.auth } : {};
    const res = await loadRun(
      {
        root: o.root,
        url: server.url + r.path,
        headers,
        connections: o.connections,
        serverPid: server.pid,
      },
      o.seconds,
    );
    o.log(
      `  ${label} ${r.name}: ${res.rps.toFixed(0)} req/s, p50 ${res.p50} ms, p99 ${res.p99} ms; CPU: server ${res.cpu.server.toFixed(2)}, ${generator} ${res.cpu.generator.toFixed(2)} cores`,
    );
    rows.push({ route: r.name, server: label, r: res });
  }
  return rows;
}

const single = (base: string, path: string, headers: Record<string, string>, seconds: number) =>
  closedLoop({ base, path: () => path, headers, connections: 1, seconds, warmupSeconds: 2 });

export async function runScaleSuite(o: ScaleSuiteOptions): Promise<ScaleReport> {
  const app = buildReference(o.root, o.log);
  const reference = await startReference(o.root, app, o.referencePort, referenceDatabase(o.root));
  let quiver: Server | null = null;
  let two: Server | null = null;
  try {
    quiver = await startQuiver(o.root, o.env, o.port, 1);
    const org = await catalog(o);
    const ws = `Bearer ${token(o, "acme")}`;
    const cat = `Bearer ${token(o, org)}`;
    const list = `/api/v1/org/${org}/capabilities?limit=50`;
    const scaled: Routes = [
      {
        name: "GET /api/v1/org/acme/workspaces (token)",
        path: "/api/v1/org/acme/workspaces",
        auth: ws,
      },
      { name: `GET …/capabilities?limit=50 (${o.versions} versions)`, path: list, auth: cat },
    ];
    const ref = await load(o, reference, "reference", [
      { name: "GET /api/reference (1 indexed read)", path: "/api/reference" },
    ]);
    const one = await load(o, quiver, "quiver ×1", [
      { name: "GET /api/health", path: "/api/health" },
      ...scaled,
    ]);
    const sql = await rawListSql(o.databaseUrl, org, o.seconds, 2);
    await checkSql(quiver.url, org, cat, sql.check);
    const singles = {
      reference: await single(reference.url, "/api/reference", {}, o.seconds),
      list: await single(quiver.url, list, { authorization: cat }, o.seconds),
      sql: sql.result,
    };
    two = await startQuiver(o.root, o.env, o.port + 2, 2);
    const rounds: ScaleReport["rows"] = [];
    for (let i = 1; i <= o.rounds; i++) {
      rounds.push(...(await load(o, quiver, `quiver ×1 (round ${i})`, scaled)));
      rounds.push(...(await load(o, two, `quiver ×2 (round ${i})`, scaled)));
    }
    return report([...ref, ...one, ...rounds], singles);
  } finally {
    await two?.stop();
    await quiver?.stop();
    await reference.stop();
  }
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function report(rows: ScaleReport["rows"], single: ScaleReport["single"]): ScaleReport {
  const reference = rows[0]!.r;
  const ws1 = rows[2]!.r;
  // §2: the medians of the alternating rounds (every row after the ×1 phase).
  const rps = (server: string, route: number) =>
    median(
      rows
        .slice(4)
        .filter((r, i) => r.server.startsWith(server) && i % 2 === route)
        .map((r) => r.r.rps),
    );
  const medians = {
    ws1: rps("quiver ×1", 0),
    list1: rps("quiver ×1", 1),
    ws2: rps("quiver ×2", 0),
    list2: rps("quiver ×2", 1),
  };
  const floor = 2 * (single.reference.p95 + single.sql.p95);
  const checks = [
    {
      what: "token-authenticated workspaces ×1, requests/s of the reference's",
      value: `${((100 * ws1.rps) / reference.rps).toFixed(0)}%`,
      target: "≥ 80%",
      pass: ws1.rps >= 0.8 * reference.rps,
    },
    {
      what: `catalog list ×1 p95, 1 connection (reference ${single.reference.p95.toFixed(1)} + raw SQL ${single.sql.p95.toFixed(1)} ms)`,
      value: `${single.list.p95.toFixed(1)} ms`,
      target: `≤ ${floor.toFixed(1)} ms`,
      pass: single.list.p95 <= floor,
    },
    {
      what: "token-authenticated workspaces, requests/s ×2 / ×1 (medians of the rounds)",
      value: `${(medians.ws2 / medians.ws1).toFixed(2)}×`,
      target: "≥ 1.5×",
      pass: medians.ws2 >= 1.5 * medians.ws1,
    },
    {
      what: "catalog list, requests/s ×2 / ×1 (medians of the rounds)",
      value: `${(medians.list2 / medians.list1).toFixed(2)}×`,
      target: "≥ 1.3×",
      pass: medians.list2 >= 1.3 * medians.list1,
    },
  ];
  return { rows, medians, reference, single, checks };
}

const table = (lines: string[][]) => {
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  return lines
    .map((l) =>
      l.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  "),
    )
    .join("\n");
};

/** The run's tables: each route with its ratio to the reference, the one-at-a-time latencies, the targets. */
export function scaleTable(s: ScaleReport): string {
  const load = [
    [
      "route",
      "server",
      "req/s",
      "× reference",
      "p50 ms",
      "p97.5 ms",
      "p99 ms",
      "CPU server/client",
    ],
  ];
  for (const { route, server, r } of s.rows)
    load.push([
      route,
      server,
      r.rps.toFixed(0),
      (r.rps / s.reference.rps).toFixed(2),
      String(r.p50),
      String(r.p97_5),
      String(r.p99),
      `${r.cpu.server.toFixed(2)} / ${r.cpu.generator.toFixed(2)}`,
    ]);
  const ms = (n: number) => n.toFixed(1);
  const one = [["one request at a time", "requests", "p50 ms", "p95 ms", "p99 ms"]];
  for (const [name, r] of [
    ["reference GET /api/reference", s.single.reference],
    ["quiver ×1 catalog list", s.single.list],
    ["raw list SQL through the driver", s.single.sql],
  ] as const)
    one.push([name, String(r.requests), ms(r.p50), ms(r.p95), ms(r.p99)]);
  const targets = [["target", "value", "wanted", "result"]];
  for (const c of s.checks) targets.push([c.what, c.value, c.target, c.pass ? "PASS" : "MISS"]);
  return [
    table(load),
    table(one),
    table(targets),
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  ].join("\n\n");
}
