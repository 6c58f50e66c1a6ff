// The cluster's primary (scripts/start-cluster.mjs) with real forked processes: a server process
// that dies at start is started again, with a growing delay, and after three deaths in a row it
// stays stopped while the other keeps serving; one that dies after serving is replaced; SIGTERM
// stops everything. The server processes are a few lines of node:http, not Quiver, so the primary
// alone is under test.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect, it } from "vitest";

const primaryModule = pathToFileURL(path.resolve(import.meta.dirname, "start-cluster.mjs")).href;

/** A free port on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

// Server process 1 serves its pid; server process 2 exits with code 3 as soon as it starts.
const fixture = (port: number) => `
import cluster from "node:cluster";
import http from "node:http";
import { runPrimary } from ${JSON.stringify(primaryModule)};
if (cluster.isPrimary) runPrimary(2, ${port});
else if (process.env.QUIVER_CLUSTER_WORKER === "2") process.exit(3);
else
  http
    .createServer((_, res) => res.end(String(process.pid)))
    .listen(${port}, "127.0.0.1", () => process.send({ type: "quiver:listening" }));
`;

it("stops starting a process that keeps dying at start, replaces one that dies after serving, and keeps serving", async () => {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), "quiver-cluster-"));
  const file = path.join(dir, "primary.mjs");
  writeFileSync(file, fixture(port));
  const primary = spawn(process.execPath, [file], { stdio: ["ignore", "pipe", "pipe"] });
  // What the primary prints, stdout and stderr in one.
  let output = "";
  primary.stdout.on("data", (c: Buffer) => (output += c.toString()));
  primary.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const until = async (what: () => boolean, ms = 20_000) => {
    const start = Date.now();
    while (!what()) {
      if (Date.now() - start > ms) throw new Error(`timed out; output:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const get = async () => (await fetch(`http://127.0.0.1:${port}/`)).text();
  try {
    await until(() => /not starting it again/.test(output));
    const restarts = output.match(
      /Server process 2 \(pid \d+\) exited \(code 3\); starting a new one/g,
    );
    expect(restarts).toHaveLength(2);
    expect(output).toContain(
      "Server process 2 exited at start 3 times in a row (code 3); not starting it again",
    );
    // The other one serves on.
    const first = await get();
    expect(Number(first)).toBeGreaterThan(0);
    expect(primary.exitCode).toBeNull();

    // Process 1 dies (it has served, so it is replaced, after a delay since it is young).
    process.kill(Number(first), "SIGKILL");
    await until(() => /Server process 1 is serving again/.test(output));
    const second = await get();
    expect(second).not.toBe(first);
    expect(output).toMatch(
      /Server process 1 \(pid \d+\) exited \(signal SIGKILL\); starting a new one/,
    );

    // The one given up on stays stopped (a start would have it exit within a second).
    await new Promise((r) => setTimeout(r, 1500));
    expect(output.match(/Server process 2 exited at start/g)).toHaveLength(1);
    expect(output.match(/exited \(code 3\)/g)).toHaveLength(2);

    const exit = new Promise<number | null>((r) => primary.once("exit", (code) => r(code)));
    primary.kill("SIGTERM");
    expect(await exit).toBe(0);
  } finally {
    if (primary.exitCode === null) primary.kill("SIGKILL");
  }
}, 60_000);
