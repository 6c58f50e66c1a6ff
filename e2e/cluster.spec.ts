// `npm start` with two server processes (QUIVER_WEB_CONCURRENCY=2, scripts/start.mjs): started
// beside the e2e server (whose build it reuses) on its own port and a fresh SQLite database. It
// migrates once, both processes serve, a killed one is replaced while the other keeps answering,
// a request limit is one count across both, and SIGTERM stops everything.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";

const port = Number(process.env.QUIVER_E2E_PORT ?? 3100) + 50;
const dir = "data/e2e-cluster";
const LIMIT = 6;

/** One request on a new connection (the cluster spreads connections, not requests). */
function get(address: string): Promise<{ status: number; process: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      {
        host: "127.0.0.1",
        port,
        path: "/api/health",
        agent: false,
        headers: { "x-forwarded-for": address },
      },
      (res) => {
        res.resume();
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            process: res.headers["x-quiver-process"] as string | undefined,
          }),
        );
      },
    );
    req.on("error", reject);
    req.setTimeout(10_000, () => req.destroy(new Error("timed out")));
  });
}

const childPids = (pid: number) =>
  execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" })
    .split("\n")
    .map((s) => Number(s.trim()))
    .filter(Boolean);

const count = (text: string, needle: string) => text.split(needle).length - 1;

let server: ChildProcess;
let log = "";

test.beforeAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  server = spawn(process.execPath, ["scripts/start.mjs"], {
    env: {
      ...process.env,
      PORT: String(port),
      NODE_ENV: "production",
      DATABASE_URL: `file:./${dir}/quiver.db`,
      QUIVER_DATA_DIR: `./${dir}`,
      NEXTAUTH_URL: `http://localhost:${port}`,
      QUIVER_DEMO: "0",
      QUIVER_WORKER: "0",
      QUIVER_WEB_CONCURRENCY: "2",
      QUIVER_RATE_LIMIT_PER_MINUTE: String(LIMIT),
      // Each step below comes from its own address, so that its requests have their own count.
      QUIVER_TRUSTED_PROXIES: "loopback",
      REDIS_URL: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (d: Buffer) => (log += d.toString()));
  server.stderr!.on("data", (d: Buffer) => (log += d.toString()));
  await expect
    .poll(() => log, { timeout: 120_000, message: "both server processes serving" })
    .toContain("with 2 server processes");
});

test.afterAll(() => {
  if (server.exitCode === null) server.kill("SIGKILL");
});

test.describe.configure({ mode: "serial", timeout: 180_000 });

test("migrates once, in one process, and prints one banner", () => {
  const db = new Database(path.join(dir, "quiver.db"), { readonly: true });
  try {
    const applied = db.prepare(`SELECT "id" FROM "_quiver_migrations"`).all();
    const files = readdirSync("prisma/migrations/sqlite").filter((f) => f.endsWith(".sql"));
    expect(applied.length).toBe(files.length);
  } finally {
    db.close();
  }
  expect(count(log, '"msg":"migrations applied"')).toBe(1);
  expect(count(log, "Quiver is serving at")).toBe(1);
  expect(log).toContain("2 server processes, QUIVER_WEB_CONCURRENCY");
});

test("both processes serve requests on the one port", async () => {
  const seen = new Set<string | undefined>();
  for (let i = 1; i <= 10; i++) {
    const r = await get(`198.51.100.${i}`);
    expect(r.status).toBe(200);
    seen.add(r.process);
  }
  expect([...seen].sort()).toEqual(["1", "2"]);
});

test("a request limit is one count across both processes", async () => {
  const results = [];
  for (let i = 0; i < LIMIT + 3; i++) results.push(await get("203.0.113.7"));
  expect(results.map((r) => r.status)).toEqual([...Array<number>(LIMIT).fill(200), 429, 429, 429]);
  // Both processes answered, so neither counted alone.
  expect(new Set(results.map((r) => r.process)).size).toBe(2);
});

test("a killed server process is replaced while the other keeps serving", async () => {
  const before = childPids(server.pid!);
  expect(before).toHaveLength(2);
  process.kill(before[0]!, "SIGKILL");
  // Once the primary has seen the exit (a connection handed over in the instant before is lost
  // with the process), the other process answers every request while the replacement starts.
  await expect
    .poll(() => log, { timeout: 30_000 })
    .toMatch(/Server process [12] \(pid \d+\) exited \(signal SIGKILL\)/);
  for (let i = 1; i <= 4; i++) expect((await get(`192.0.2.${i}`)).status).toBe(200);
  await expect.poll(() => log, { timeout: 60_000 }).toContain("is serving again");
  const after = childPids(server.pid!);
  expect(after).toHaveLength(2);
  expect(after).not.toContain(before[0]);
  expect(after).toContain(before[1]);
  // The replacement did not migrate or print the banner again.
  expect(count(log, "Quiver is serving at")).toBe(1);
  const seen = new Set<string | undefined>();
  for (let i = 10; i < 20; i++) seen.add((await get(`192.0.2.${i}`)).process);
  expect([...seen].sort()).toEqual(["1", "2"]);
});

test("SIGTERM on the primary stops every server process and exits", async () => {
  const workers = childPids(server.pid!);
  const exited = new Promise<number | null>((resolve) => server.on("exit", resolve));
  server.kill("SIGTERM");
  expect(await exited).toBe(0);
  for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
});
