// The ingest run of `npm run bench` (`--suite ingest`), in process, no server build: what refusing
// decompression bombs costs everyone else. A small HTTP server in this process answers a health
// request; one client asks it every 5 ms (closed loop) while bombs are pushed through
// `ingestBundle` one after another, as the push route does. The health latency and the event
// loop's delay (perf_hooks) during the bombs are compared with the same measurement without them.
// A bomb inflated synchronously stops every request for as long as it inflates; inflated on the
// threadpool, the loop keeps turning.
import http from "node:http";
import { loadavg } from "node:os";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { deflateRawSync, gzipSync } from "node:zlib";
import { ingestBundle } from "@/lib/catalog/ingest";
import { defaultIngestLimits } from "@/lib/catalog/ingest/limits";
import { writeZip } from "@/lib/catalog/ingest/pack";
import { percentile, request } from "./load";

export interface IngestRow {
  what: string;
  bombs: number;
  /** Refusal time per bomb, ms. */
  refuseP50: number;
  /** A concurrent request's latency, ms. */
  healthP50: number;
  healthP99: number;
  healthMax: number;
  /** Event-loop delay, ms. */
  loopP99: number;
  loopMax: number;
  load: number;
}

const MiB = 1024 * 1024;

/** Eight gzip members of 256 MiB of zeros (2 MiB): at the default limits, 200 MiB are inflated before the refusal. */
function gzipBomb(): Buffer {
  const member = gzipSync(Buffer.alloc(256 * MiB), { level: 9 });
  return Buffer.concat(Array(8).fill(member));
}

/** A zip of entries written as given: method 0 (stored) or 8 (deflated), with the size it claims. */
const zipOf = (entries: { name: string; method: 0 | 8; body: Buffer; claims: number }[]): Buffer =>
  writeZip(
    entries.map((e) => ({
      name: e.name,
      method: e.method,
      body: e.body,
      crc: 0,
      size: e.claims,
      host: 3,
      mode: 0o100644,
    })),
  );

/**
 * A zip of 2 MiB of incompressible padding and one entry of 256 MiB of zeros that claims 190 MiB:
 * the padding lifts the ratio limit to the 200 MiB limit, so 190 MiB are inflated before the refusal.
 */
function zipBomb(): Buffer {
  const padding = Buffer.from(
    Array.from({ length: 2 * MiB }, (_, i) => (Math.imul(i, 2654435761) >>> 24) & 0xff),
  );
  return zipOf([
    { name: "padding.bin", method: 0, body: padding, claims: padding.length },
    {
      name: "bomb.bin",
      method: 8,
      body: deflateRawSync(Buffer.alloc(256 * MiB), { level: 9 }),
      claims: 190 * MiB,
    },
  ]);
}

/** Refuses or accepts `bundle` as the push route would; also right for a synchronous ingest (before). */
const attempt = (bundle: Buffer): Promise<string | null> =>
  Promise.resolve()
    .then(() => ingestBundle(bundle, defaultIngestLimits))
    .then(
      () => null,
      (e: Error) => e.message,
    );

async function measure(
  what: string,
  bombs: Buffer[],
  seconds: number,
  log: (l: string) => void,
): Promise<IngestRow> {
  const server = http.createServer((_req, res) => res.end("ok"));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = new URL(`http://127.0.0.1:${(server.address() as { port: number }).port}/health`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const health: number[] = [];
  const refusals: number[] = [];
  let running = true;
  const client = (async () => {
    while (running) {
      const t0 = performance.now();
      await request(agent, url);
      health.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  await new Promise((r) => setTimeout(r, 200)); // the client's first requests, outside the figures
  health.length = 0;
  loop.enable();
  const until = performance.now() + seconds * 1000;
  let i = 0;
  while (performance.now() < until) {
    const bomb = bombs[i++ % Math.max(1, bombs.length)];
    if (!bomb) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    const t0 = performance.now();
    if ((await attempt(bomb)) === null) throw new Error(`${what}: a bomb was accepted`);
    refusals.push(performance.now() - t0);
    // The next bomb arrives as a new request would, after a turn of the loop.
    await new Promise((r) => setImmediate(r));
  }
  loop.disable();
  running = false;
  await client;
  agent.destroy();
  server.close();
  const sorted = [...health].sort((a, b) => a - b);
  const refusedSorted = [...refusals].sort((a, b) => a - b);
  const row: IngestRow = {
    what,
    bombs: refusals.length,
    refuseP50: percentile(refusedSorted, 50),
    healthP50: percentile(sorted, 50),
    healthP99: percentile(sorted, 99),
    healthMax: sorted[sorted.length - 1] ?? NaN,
    loopP99: loop.percentile(99) / 1e6,
    loopMax: loop.max / 1e6,
    load: loadavg()[0]!,
  };
  log(
    `  ${what}: ${row.bombs} bombs, health p50 ${row.healthP50.toFixed(1)} ms, p99 ${row.healthP99.toFixed(1)} ms, max ${row.healthMax.toFixed(1)} ms; event-loop delay p99 ${row.loopP99.toFixed(1)} ms, max ${row.loopMax.toFixed(1)} ms`,
  );
  return row;
}

export async function runIngestSuite(o: {
  seconds: number;
  log: (line: string) => void;
}): Promise<IngestRow[]> {
  o.log(
    "Ingest: building the bombs (a 2 MiB gzip that inflates to 2 GiB; a 2 MiB zip whose entry claims 190 MiB)",
  );
  const gz = gzipBomb();
  const zip = zipBomb();
  for (const [name, b] of [
    ["gzip", gz],
    ["zip", zip],
  ] as const) {
    const message = (await attempt(b)) ?? "accepted";
    o.log(`  ${name} bomb, ${(b.length / MiB).toFixed(2)} MiB: ${message}`);
  }
  return [
    await measure("no bombs (baseline)", [], o.seconds, o.log),
    await measure("gzip bombs, one after another", [gz], o.seconds, o.log),
    await measure("zip bombs, one after another", [zip], o.seconds, o.log),
  ];
}

export function ingestTable(rows: IngestRow[]): string {
  const f = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");
  return [
    "| while | bombs refused | refusal p50 | health p50 | health p99 | health max | loop delay p99 | loop delay max | load |",
    "|---|---|---|---|---|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| ${r.what} | ${r.bombs} | ${f(r.refuseP50)} | ${f(r.healthP50)} | ${f(r.healthP99)} | ${f(r.healthMax)} | ${f(r.loopP99)} | ${f(r.loopMax)} | ${r.load.toFixed(2)} |`,
    ),
  ].join("\n");
}
