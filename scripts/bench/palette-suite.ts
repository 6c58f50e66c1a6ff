// The palette run of `npm run bench`: the bench catalog (scripts/bench/catalog-data.ts, 10,000
// capabilities × 10 versions = 100,000 versions, in the org `palette`), then the command palette's
// search (GET /api/v1/org/{org}/search) over HTTP with a read token, each kind of query in a
// closed loop (load.ts) on one keep-alive connection: what a user has typed after 1, 2 and 4
// characters, a whole capability name, and a query that matches nothing. p50/p95/p99 against the
// issue's p95 ≤ 30 ms. Before timing, the suite checks that a whole name comes back first.
import http from "node:http";
import { loadavg } from "node:os";
import { generateCatalog } from "./catalog-data";
import { closedLoop, request, type LoadResult } from "./load";

export interface PaletteSuiteOptions {
  base: string;
  databaseUrl: string;
  /** A read token of the demo user in an org. */
  token: (org: string) => string;
  seconds: number;
  warmupSeconds: number;
  log: (line: string) => void;
}

export interface PaletteRow {
  route: string;
  result: LoadResult;
  target: number;
  load: number;
}

const TARGET_MS = 30;
// What people type: rotating, so that no one answer is all the run measures.
const typed: [string, string[]][] = [
  ["1 character", ["s", "a", "c", "i", "t", "p", "d", "m"]],
  ["2 characters", ["se", "in", "co", "tr", "pa", "da", "ma", "re"]],
  ["4 characters", ["secu", "invo", "cont", "trai", "paym", "data", "kube", "revi"]],
];

interface Result {
  kind: string;
  title: string;
  match: string;
}

export async function runPaletteSuite(o: PaletteSuiteOptions): Promise<PaletteRow[]> {
  o.log("palette: generating the catalog");
  // Its own orgs, so that it runs after the catalog suite on the same database (`--suite all`).
  const gen = await generateCatalog({
    databaseUrl: o.databaseUrl,
    ownerEmail: "demo@quiver.dev",
    org: "palette",
    publicOrg: "palette-public",
  });
  o.log(
    `palette: org ${gen.org}: ${gen.capabilities} capabilities, ${gen.versions} versions in ${gen.seconds.toFixed(1)} s`,
  );
  const headers = { authorization: `Bearer ${o.token(gen.org)}` };
  const base = `/api/v1/org/${gen.org}/search`;
  const names = [...gen.latest.keys()].filter((_, i) => i % 997 === 0).slice(0, 8);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  for (const name of names) {
    const res = await request(agent, new URL(`${base}?q=${name}`, o.base), { headers });
    const first = (JSON.parse(res.body.toString("utf8")) as { results?: Result[] }).results?.[0];
    if (res.status !== 200 || first?.title !== name || first.match !== "exact")
      throw new Error(`palette: ?q=${name} answered ${res.status}, first ${JSON.stringify(first)}`);
  }
  agent.destroy();
  o.log(`palette: checked that ${names.length} whole names come back first`);

  const routes: [string, string[]][] = [
    ...typed,
    ["a whole capability name", names],
    ["no match", ["zzqxv", "qqqqj", "xyzzy-nothing"]],
  ];
  const rows: PaletteRow[] = [];
  for (const [label, queries] of routes) {
    const route = `GET …/search?q= (${label}: ${queries.slice(0, 3).join(", ")}, …)`;
    o.log(`palette: ${route}`);
    const result = await closedLoop({
      base: o.base,
      path: (i) => `${base}?q=${encodeURIComponent(queries[i % queries.length]!)}`,
      headers,
      connections: 1,
      seconds: o.seconds,
      warmupSeconds: o.warmupSeconds,
    });
    rows.push({ route, result, target: TARGET_MS, load: loadavg()[0]! });
  }
  return rows;
}

export function paletteTable(rows: PaletteRow[]): string {
  const ms = (n: number) => n.toFixed(1);
  const lines = [
    ["query", "samples", "errors", "p50 ms", "p95 ms", "p99 ms", "req/s", "load", "result"],
  ];
  for (const { route, result: x, target, load } of rows) {
    const pass = x.p95 <= target && x.errors === 0;
    lines.push([
      route,
      String(x.requests),
      String(x.errors),
      ms(x.p50),
      ms(x.p95),
      ms(x.p99),
      x.rps.toFixed(1),
      load.toFixed(2),
      pass ? `PASS (≤ ${target})` : `MISS (${(x.p95 / target).toFixed(2)}× ${target})`,
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
