// The scale run of `npm run bench` (issue 20, §1 and §2): Quiver beside the framework's floor and
// on one and two server processes.
// - The reference: a minimal Next.js app of Quiver's Next.js version (reference-app/), one route
//   handler reading one row by primary key through better-sqlite3, served by `next start`.
// - wrk when installed, else autocannon (its own child process), `connections` connections, against the reference,
//   Quiver's GET /api/health, the token-authenticated GET /api/v1/org/acme/workspaces and the
//   catalog list at `versions` versions (catalog-data.ts), Quiver with QUIVER_WEB_CONCURRENCY=1,
//   then the two Quiver routes of §2 again with QUIVER_WEB_CONCURRENCY=2.
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
  log: (line: string) => void;
}

export interface ScaleReport {
  rows: { route: string; server: string; r: Cannon }[];
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
    await quiver.stop();
    quiver = await startQuiver(o.root, o.env, o.port, 2);
    const two = await load(o, quiver, "quiver ×2", scaled);
    return report([...ref, ...one, ...two], singles);
  } finally {
    await quiver?.stop();
    await reference.stop();
  }
}

function report(rows: ScaleReport["rows"], single: ScaleReport["single"]): ScaleReport {
  const reference = rows[0]!.r;
  const [ws1, list1, ws2, list2] = [rows[2]!.r, rows[3]!.r, rows[4]!.r, rows[5]!.r];
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
      what: "token-authenticated workspaces, requests/s ×2 / ×1",
      value: `${(ws2.rps / ws1.rps).toFixed(2)}×`,
      target: "≥ 1.5×",
      pass: ws2.rps >= 1.5 * ws1.rps,
    },
    {
      what: "catalog list, requests/s ×2 / ×1",
      value: `${(list2.rps / list1.rps).toFixed(2)}×`,
      target: "≥ 1.3×",
      pass: list2.rps >= 1.3 * list1.rps,
    },
  ];
  return { rows, reference, single, checks };
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
