// The audit run of `npm run bench`: an org with 100,000 audit events (scripts/bench/audit-data.ts),
// then the audit log over HTTP with a token of its owner, each route in a closed loop (load.ts) on
// one keep-alive connection: the first page, the first page of a filter and of a search, and deep
// cursor pages (near the end of one action's ~2,000 events, and 8,000 events into a target type
// and a date range), p50/p95 against 50 ms. The deep cursors come from the API itself: the suite pages
// through the filter, checking every page (newest first, the filter kept, no repeats), then times
// the page it reached. Last, the CSV export of one action's events (about 2,000), timed whole.
import http from "node:http";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { generateAuditEvents } from "./audit-data";
import { closedLoop, request, summarize, type LoadResult } from "./load";

export interface AuditSuiteOptions {
  base: string;
  databaseUrl: string;
  /** A read token of the org's owner (the audit log is for admins and owners). */
  token: (org: string) => string;
  seconds: number;
  warmupSeconds: number;
  events: number;
  log: (line: string) => void;
}

export interface AuditRow {
  route: string;
  result: LoadResult;
  target: number;
  load: number;
}

interface Page {
  audit_events: { id: string; action: string; target: { type: string }; created_at: string }[];
  next_cursor: string | null;
}

const TARGET_MS = 50;
const DEEP_ACTION = "runtime.binding.update";

/** Follows the filter's cursor `pages` pages deep, checking each page; the cursor reached. */
async function deepCursor(
  get: (path: string) => Promise<Page>,
  path: string,
  pages: number,
  check: (e: Page["audit_events"][number]) => boolean,
): Promise<string> {
  let cursor: string | null = null;
  let last = Infinity;
  const seen = new Set<string>();
  for (let i = 0; i < pages; i++) {
    const page: Page = await get(`${path}${cursor ? `&cursor=${cursor}` : ""}`);
    for (const e of page.audit_events) {
      const t = Date.parse(e.created_at);
      if (!check(e) || t > last || seen.has(e.id))
        throw new Error(`${path}: page ${i + 1} breaks the filter or the order at ${e.id}`);
      last = t;
      seen.add(e.id);
    }
    if (!page.next_cursor) throw new Error(`${path}: only ${i + 1} pages`);
    cursor = page.next_cursor;
  }
  return cursor!;
}

/** Five downloads of one action's events as CSV, each read whole and counted. */
async function timeExport(
  o: AuditSuiteOptions,
  base: string,
  headers: Record<string, string>,
  expected: number,
): Promise<AuditRow> {
  const exportAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  const exportPath = `${base}/export?format=csv&action=token.create`;
  const start = performance.now();
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const res = await request(exportAgent, new URL(exportPath, o.base), { headers });
    const lines = res.body.toString("utf8").trim().split("\r\n").length - 1;
    // The generated events and the bench's own token (`quiver token create` records one).
    if (res.status !== 200 || lines !== expected + 1)
      throw new Error(`export: ${res.status}, ${lines} events, expected ${expected}`);
    times.push(performance.now() - t0);
  }
  exportAgent.destroy();
  return {
    route: `GET …/audit-events/export?format=csv&action=token.create (${expected + 1} events, 5 downloads)`,
    result: summarize(times, (performance.now() - start) / 1000),
    target: 2000,
    load: loadavg()[0]!,
  };
}

/** One route in a closed loop on one connection, after its warm-up. */
async function timeRoute(
  o: AuditSuiteOptions,
  headers: Record<string, string>,
  route: string,
  path: string,
): Promise<AuditRow> {
  o.log(`audit: ${route}`);
  const result = await closedLoop({
    base: o.base,
    path: () => path,
    headers,
    connections: 1,
    seconds: o.seconds,
    warmupSeconds: o.warmupSeconds,
  });
  return { route, result, target: TARGET_MS, load: loadavg()[0]! };
}

export async function runAuditSuite(o: AuditSuiteOptions): Promise<AuditRow[]> {
  o.log(`audit: generating ${o.events.toLocaleString("en-US")} events`);
  const gen = await generateAuditEvents({
    databaseUrl: o.databaseUrl,
    ownerEmail: "demo@quiver.dev",
    events: o.events,
  });
  o.log(`audit: ${gen.events} events in ${gen.org} in ${gen.seconds.toFixed(1)} s`);
  const headers = { authorization: `Bearer ${o.token(gen.org)}` };
  const base = `/api/v1/org/${gen.org}/audit-events`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = async (path: string): Promise<Page> => {
    const res = await request(agent, new URL(path, o.base), { headers });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.body.toString("utf8")}`);
    return JSON.parse(res.body.toString("utf8")) as Page;
  };

  const first = await get(`${base}?limit=50`);
  if (first.audit_events.length !== 50 || !first.next_cursor)
    throw new Error("audit: the first page is not 50 events with more to follow");
  const actionPath = `${base}?limit=50&action=${DEEP_ACTION}`;
  const actionPages = Math.min(160, Math.floor((gen.perAction.get(DEEP_ACTION) ?? 0) / 50) - 1);
  const deepAction = await deepCursor(
    get,
    actionPath,
    actionPages,
    (e) => e.action === DEEP_ACTION,
  );
  const from = new Date(Date.now() - 300 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  const rangePath = `${base}?limit=50&target_type=runtime&from=${from}&to=${to}`;
  const deepRange = await deepCursor(get, rangePath, 160, (e) => e.target.type === "runtime");
  agent.destroy();
  o.log(`audit: deep cursors reached (${actionPages} and 160 pages, every page checked)`);

  const routes: [string, string][] = [
    ["GET …/audit-events?limit=50 (first page)", `${base}?limit=50`],
    [`GET …?limit=50&action=${DEEP_ACTION} (first page)`, actionPath],
    [
      `GET …?limit=50&action=${DEEP_ACTION}&cursor=… (${actionPages * 50} events deep)`,
      `${actionPath}&cursor=${deepAction}`,
    ],
    [
      "GET …?limit=50&target_type=runtime&from=…&to=…&cursor=… (8,000 events deep)",
      `${rangePath}&cursor=${deepRange}`,
    ],
    ["GET …?limit=50&q=bench-target-42 (search, first page)", `${base}?limit=50&q=bench-target-42`],
  ];
  const rows: AuditRow[] = [];
  for (const [route, path] of routes) rows.push(await timeRoute(o, headers, route, path));
  rows.push(await timeExport(o, base, headers, gen.perAction.get("token.create") ?? 0));
  return rows;
}

export function auditTable(rows: AuditRow[]): string {
  const ms = (n: number) => n.toFixed(1);
  const lines = [
    [
      "measure",
      "samples",
      "errors",
      "p50 ms",
      "p95 ms",
      "p99 ms",
      "req/s",
      "load",
      "target p95",
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
      x.rps.toFixed(1),
      r.load.toFixed(2),
      `≤ ${r.target} ms`,
      x.p95 <= r.target && x.errors === 0 ? "PASS" : `MISS (${(x.p95 / r.target).toFixed(2)}×)`,
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
