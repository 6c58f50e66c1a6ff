// The sign-in run of `npm run bench`: what a flood of wrong passwords costs everyone else. It
// measures GET /api/health (one keep-alive connection, closed loop) on an idle server, then again
// while `attackers` clients each send wrong sign-ins back to back through next-auth's credentials
// callback (each one a bcrypt compare), and reports both, with the sign-in attempts per second and
// their statuses. bcrypt on the event loop (bcryptjs, before issue 13) made every other request
// wait for the compares; on libuv's pool behind QUIVER_PASSWORD_HASH_CONCURRENCY they queue among
// themselves and the health check barely moves. The server is started with sign-in limits raised
// (bench.ts), so every attempt reaches the password check.
import http from "node:http";
import { performance } from "node:perf_hooks";
import { closedLoop, request, summarize, type LoadResult } from "./load";

export interface SignInSuiteOptions {
  base: string;
  email: string;
  attackers: number[];
  seconds: number;
  warmupSeconds: number;
  log: (line: string) => void;
}

export interface SignInRow {
  label: string;
  health: LoadResult;
  attempts?: { rps: number; p50: number; statuses: Record<string, number> };
}

function cookiesOf(res: http.IncomingHttpHeaders): string {
  const set = res["set-cookie"] ?? [];
  return set.map((c) => c.split(";")[0]).join("; ");
}

/** A CSRF token and its cookie, as the sign-in page gets them. */
async function csrf(base: string): Promise<{ token: string; cookie: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL("/api/auth/csrf", base), (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            token: (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { csrfToken: string })
              .csrfToken,
            cookie: cookiesOf(res.headers),
          }),
        );
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

/** `count` clients sending wrong sign-ins back to back until `stop()`; latencies and statuses. */
function flood(o: SignInSuiteOptions, count: number) {
  let running = true;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  const client = async (n: number) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const { token, cookie } = await csrf(o.base);
    let i = 0;
    while (running) {
      const body = Buffer.from(
        new URLSearchParams({
          csrfToken: token,
          email: o.email,
          password: `wrong-${n}-${i++}`,
          json: "true",
        }).toString(),
      );
      const t0 = performance.now();
      const res = await request(agent, new URL("/api/auth/callback/credentials", o.base), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: o.base },
        body,
      });
      latencies.push(performance.now() - t0);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    }
    agent.destroy();
  };
  const done = Promise.all(Array.from({ length: count }, (_, n) => client(n)));
  return {
    async stop() {
      running = false;
      await done;
      const s = summarize(latencies, (performance.now() - started) / 1000);
      return { rps: s.rps, p50: s.p50, statuses };
    },
  };
}

export async function runSignInSuite(o: SignInSuiteOptions): Promise<SignInRow[]> {
  const health = () =>
    closedLoop({
      base: o.base,
      path: () => "/api/health",
      headers: {},
      connections: 1,
      seconds: o.seconds,
      warmupSeconds: o.warmupSeconds,
    });
  const rows: SignInRow[] = [];
  o.log(`sign-in: GET /api/health alone, ${o.seconds} s`);
  rows.push({ label: "idle", health: await health() });
  for (const count of o.attackers) {
    o.log(`sign-in: GET /api/health while ${count} clients send wrong passwords, ${o.seconds} s`);
    const attack = flood(o, count);
    // Let the flood reach its pace before measuring.
    await new Promise((r) => setTimeout(r, 1000));
    const h = await closedLoop({
      base: o.base,
      path: () => "/api/health",
      headers: {},
      connections: 1,
      seconds: o.seconds,
      warmupSeconds: 0,
    });
    rows.push({
      label: `${count} parallel wrong sign-ins`,
      health: h,
      attempts: await attack.stop(),
    });
  }
  return rows;
}

export function signInTable(rows: SignInRow[]): string {
  const idle = rows[0]!.health.p50;
  const lines = [
    "| load | health p50 | p95 | p99 | max | × idle p50 | sign-in attempts/s | attempt p50 | statuses |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  for (const r of rows) {
    const h = r.health;
    const a = r.attempts;
    lines.push(
      `| ${r.label} | ${ms(h.p50)} | ${ms(h.p95)} | ${ms(h.p99)} | ${ms(h.max)} | ${(h.p50 / idle).toFixed(1)} | ${a ? a.rps.toFixed(1) : "–"} | ${a ? ms(a.p50) : "–"} | ${
        a
          ? Object.entries(a.statuses)
              .map(([k, v]) => `${k}: ${v}`)
              .join(", ")
          : "–"
      } |`,
    );
  }
  return lines.join("\n");
}
