// The catalog run of `npm run bench`: fills the server's database with the generated catalog
// (scripts/bench/catalog-data.ts), checks that the API returns it correctly, then measures list,
// full-text search, facets and detail with a closed-loop client, and ingest with sequential pushes
// of 200-file, 5 MB bundles, against the targets of the catalog issue.
import { statSync } from "node:fs";
import http from "node:http";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { sqlitePath } from "@/lib/db/migrate";
import { generateCatalog, type GeneratedCatalog } from "./catalog-data";
import { Random } from "./catalog-model";
import { ingestBundle } from "./ingest-bundle";
import { closedLoop, request, summarize, type LoadResult } from "./load";

export interface CatalogSuiteOptions {
  base: string;
  databaseUrl: string;
  /** Creates an API token for the demo user in an org. */
  token: (org: string, scopes: string) => string;
  /** Concurrent connections of the read routes: each level is a full pass over them. */
  connections: number[];
  seconds: number;
  warmupSeconds: number;
  pushes: number;
  /** "ingest": only the pushes, into the demo org (no generated catalog, no read routes). */
  only?: string;
  log: (line: string) => void;
}

export interface CatalogRow {
  route: string;
  connections: number;
  result: LoadResult;
  /** p95 target in ms. */
  target: number;
  /** The machine's 1-minute load average when the measurement ended (other work on the machine shows here). */
  load: number;
}

/** Realistic queries: single words and pairs, common and rare. */
const searchQueries = [
  "invoice",
  "kubernetes",
  "triage",
  "security review",
  "slack digest",
  "contract",
  "anomalies",
  "gdpr",
  "onboarding checklists",
  "terraform plans",
  "zendesk",
  "payroll",
];

async function databaseSize(url: string): Promise<string> {
  if (url.startsWith("file:")) return `${(statSync(sqlitePath(url)).size / 1e6).toFixed(0)} MB`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ size: string }>(
      "SELECT pg_size_pretty(pg_database_size(current_database())) AS size",
    );
    return rows[0]?.size ?? "?";
  } finally {
    await client.end();
  }
}

type Json = Record<string, unknown>;

/** Checks through the API that the generated catalog reads back as generated; throws otherwise. */
async function verify(
  gen: GeneratedCatalog,
  get: (path: string) => Promise<Json>,
  log: (l: string) => void,
): Promise<void> {
  const problems: string[] = [];
  const org = `/api/v1/org/${gen.org}/capabilities`;
  const first = await get(`${org}?limit=1`);
  if (first.total !== gen.capabilities)
    problems.push(`list total ${String(first.total)}, expected ${gen.capabilities}`);
  // Every capability whose latest version is not the last pushed or not the greatest as a string.
  const tricky = [...gen.latest]
    .filter(([, l]) => l.versions.join() !== [...l.versions].sort().reverse().join())
    .slice(0, 40);
  const named = await Promise.all(tricky.map(([n]) => get(`${org}?name=${n}`)));
  const page = await get(`${org}?sort_by=name&sort_dir=asc&limit=100`);
  const rows = [
    ...named.flatMap((r) => r.capabilities as Json[]),
    ...(page.capabilities as Json[]),
  ];
  for (const row of rows) {
    const want = gen.latest.get(row.name as string);
    if (
      !want ||
      row.version !== want.version ||
      (row.versions as string[]).join() !== want.versions.join()
    ) {
      problems.push(
        `${String(row.name)}: ${String(row.version)} [${String(row.versions)}], expected ${want?.version} [${want?.versions}]`,
      );
    }
  }
  const facets = await get(`${org}/facets`);
  const expect = (m: Map<string, number>) =>
    [...m]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
      .slice(0, 100);
  for (const key of ["keywords", "authors", "licenses"] as const) {
    if (JSON.stringify(facets[key]) !== JSON.stringify(expect(gen.facets[key])))
      problems.push(`facets.${key} differ from the generated counts`);
  }
  const pub = await get(`${org}?include_public=true&limit=1`);
  if ((pub.total as number) < gen.capabilities + gen.publicVisible)
    problems.push(
      `include_public total ${String(pub.total)} < ${gen.capabilities + gen.publicVisible}`,
    );
  const hits = await Promise.all(
    searchQueries.map(
      async (s) =>
        `${s}: ${String((await get(`${org}?search=${encodeURIComponent(s)}&limit=1`)).total)}`,
    ),
  );
  log(
    `  checked: list total ${String(first.total)}; latest version and version order of ${rows.length} capabilities (${tricky.length} where semver order is not string order); facets; include_public total ${String(pub.total)}`,
  );
  log(`  search matches: ${hits.join(", ")}`);
  if (problems.length)
    throw new Error(
      `The API does not return the generated catalog:\n  ${problems.slice(0, 20).join("\n  ")}`,
    );
}

async function ingestRun(
  o: CatalogSuiteOptions,
  org: string,
  headers: Record<string, string>,
): Promise<{ result: LoadResult; warmup: number; size: string }> {
  const name = `bench-ingest-${Date.now().toString(36)}`;
  const bundles = Array.from({ length: o.pushes + 1 }, (_, i) =>
    ingestBundle(name, `1.0.${i}`, i + 1),
  );
  const b0 = bundles[0]!;
  const size = `${b0.files} files, ${(b0.unpackedBytes / 1e6).toFixed(2)} MB unpacked, ${(b0.bundle.length / 1e6).toFixed(2)} MB as .tar.gz`;
  o.log(`  ingest: ${bundles.length} bundles of ${size} (the first one a warm-up)`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  const started = performance.now();
  for (const b of bundles) {
    const t0 = performance.now();
    const res = await request(agent, new URL(`/api/v1/org/${org}/capabilities`, o.base), {
      method: "POST",
      headers: { ...headers, "content-type": "application/gzip" },
      body: b.bundle,
    });
    const dt = performance.now() - t0;
    if (res.status !== 201)
      throw new Error(`push: ${res.status} ${res.body.toString("utf8").slice(0, 300)}`);
    times.push(dt);
  }
  agent.destroy();
  const [warmup = NaN, ...measured] = times;
  return { result: summarize(measured, (performance.now() - started) / 1000), warmup, size };
}

/** Runs the suite; the rows of each concurrency level, the ingest row with every level's. */
export async function runCatalogSuite(o: CatalogSuiteOptions): Promise<Map<number, CatalogRow[]>> {
  if (o.only !== undefined && o.only !== "ingest")
    throw new Error("--catalog-only: only ingest is supported");
  if (o.only === "ingest") {
    const ingest = await ingestSummary(o, "acme", {
      authorization: `Bearer ${o.token("acme", "read,write")}`,
    });
    return new Map([[1, [ingest]]]);
  }
  o.log("Generating the catalog...");
  const gen = await generateCatalog({
    databaseUrl: o.databaseUrl,
    ownerEmail: "demo@quiver.dev",
    log: () => {},
  });
  o.log(
    `  ${gen.org}: ${gen.capabilities} capabilities, ${gen.versions} versions; ${gen.publicOrg}: ${gen.publicOrgCapabilities} capabilities ` +
      `(${gen.publicVisible} public), ${gen.publicOrgVersions} versions; ${gen.seconds.toFixed(1)} s; database ${await databaseSize(o.databaseUrl)}`,
  );
  const headers = { authorization: `Bearer ${o.token(gen.org, "read,write")}` };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const get = async (path: string) => {
    const res = await request(agent, new URL(path, o.base), { headers });
    if (res.status !== 200)
      throw new Error(`${path}: ${res.status} ${res.body.toString("utf8").slice(0, 300)}`);
    return JSON.parse(res.body.toString("utf8")) as Json;
  };
  await verify(gen, get, o.log);
  agent.destroy();

  const org = `/api/v1/org/${gen.org}/capabilities`;
  const rnd = new Random(1);
  const names = [...gen.latest.keys()];
  const ranked = [...gen.facets.keywords].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  // Keywords from the most common to the long tail.
  const keywords = [0, 2, 5, 10, 20, 40, 80, 120, 160, 200].map(
    (i) => ranked[Math.min(i, ranked.length - 1)]!,
  );
  const q = (s: string) => encodeURIComponent(s);
  const routes: { route: string; path: (i: number) => string; target: number }[] = [
    { route: "list ?limit=50", path: () => `${org}?limit=50`, target: 20 },
    {
      route: "list ?limit=50&keywords=<k> (10 keywords)",
      path: (i) => `${org}?limit=50&keywords=${q(keywords[i % keywords.length]!)}`,
      target: 20,
    },
    {
      route: "list ?limit=50&sort_by=name&page=1..20",
      path: (i) => `${org}?limit=50&sort_by=name&sort_dir=asc&page=${(i % 20) + 1}`,
      target: 20,
    },
    {
      route: "list ?limit=50&include_public=true",
      path: () => `${org}?limit=50&include_public=true`,
      target: 20,
    },
    {
      route: "search ?search=<q>&limit=50 (12 queries)",
      path: (i) => `${org}?search=${q(searchQueries[i % searchQueries.length]!)}&limit=50`,
      target: 30,
    },
    { route: "facets", path: () => `${org}/facets`, target: 50 },
    {
      route: "facets ?search=<q> (12 queries)",
      path: (i) => `${org}/facets?search=${q(searchQueries[i % searchQueries.length]!)}`,
      target: 50,
    },
    {
      route: "detail /capabilities/{name} (random names)",
      path: () => `${org}/${names[Math.floor(rnd.next() * names.length)]}`,
      target: 15,
    },
  ];
  const tables = new Map<number, CatalogRow[]>();
  for (const connections of o.connections) {
    o.log(`  ${connections} connection(s):`);
    const rows: CatalogRow[] = [];
    for (const r of routes) {
      const result = await closedLoop({
        base: o.base,
        path: r.path,
        headers,
        connections,
        seconds: o.seconds,
        warmupSeconds: o.warmupSeconds,
      });
      if (result.errors)
        throw new Error(
          `${r.route}: ${result.errors} failed requests; first: ${result.firstError}`,
        );
      rows.push({ route: r.route, connections, result, target: r.target, load: loadavg()[0]! });
      o.log(
        `    ${r.route}: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, ${result.rps.toFixed(0)} req/s`,
      );
    }
    tables.set(connections, rows);
  }
  // Last, as it adds a capability (and some 200 MB of blobs) to the org.
  const ingestRow = await ingestSummary(o, gen.org, headers);
  for (const rows of tables.values()) rows.push(ingestRow);
  return tables;
}

/** The ingest run, logged, as the row of the table. */
async function ingestSummary(
  o: CatalogSuiteOptions,
  org: string,
  headers: Record<string, string>,
): Promise<CatalogRow> {
  const ingest = await ingestRun(o, org, headers);
  o.log(
    `  ingest: warm-up push ${ingest.warmup.toFixed(0)} ms; then p50 ${ingest.result.p50.toFixed(0)} ms, p95 ${ingest.result.p95.toFixed(0)} ms, max ${ingest.result.max.toFixed(0)} ms`,
  );
  return {
    route: `ingest POST (${o.pushes} pushes, 1 at a time)`,
    connections: 1,
    result: ingest.result,
    target: 300,
    load: loadavg()[0]!,
  };
}

/**
 * The table of a catalog run: route, p50, p95, p99, max, req/s, the load average, the target,
 * PASS or MISS (by how much).
 */
export function catalogTable(rows: CatalogRow[]): string {
  const ms = (n: number) => n.toFixed(1);
  const lines = [
    [
      "route",
      "conns",
      "requests",
      "p50 ms",
      "p95 ms",
      "p99 ms",
      "max ms",
      "req/s",
      "load",
      "target p95",
      "result",
    ],
  ];
  for (const r of rows) {
    const x = r.result;
    const pass = x.p95 <= r.target;
    lines.push([
      r.route,
      String(r.connections),
      String(x.requests),
      ms(x.p50),
      ms(x.p95),
      ms(x.p99),
      ms(x.max),
      x.rps.toFixed(1),
      r.load.toFixed(2),
      `≤ ${r.target} ms`,
      pass
        ? "PASS"
        : `MISS (+${(x.p95 - r.target).toFixed(1)} ms, ${(x.p95 / r.target).toFixed(2)}×)`,
    ]);
  }
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  return lines
    .map((l) =>
      l.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  "),
    )
    .join("\n");
}
