// Several server processes write through one database (QUIVER_WEB_CONCURRENCY, scripts/start.mjs):
// a second Node process writes through the same database while this one does, both with plain
// writes and with transactions that read before they write (on SQLite the pattern that fails at
// once with SQLITE_BUSY when a deferred transaction cannot upgrade its read to a write); no write
// fails and every row is there.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { expect, it } from "vitest";
import { db } from "./client";

const ROWS = 150;
const root = path.resolve(import.meta.dirname, "../..");

/** Plain inserts and read-then-write transactions, alternating; the number of failures. */
const writerSource = (tag: string, rows: number) => `
import { db } from "./lib/db/client.ts";
const failures = [];
console.log("writing");
for (let i = 0; i < ${rows}; i++) {
  const sha256 = "${tag}-" + i;
  try {
    if (i % 2)
      await db().blob.create({ data: { sha256, size: i, data: Buffer.from(sha256) } });
    else
      await db().$transaction(async (tx) => {
        const n = await tx.blob.count({ where: { sha256: { startsWith: "${tag}-" } } });
        await tx.blob.create({ data: { sha256, size: n, data: Buffer.from(sha256) } });
      });
  } catch (err) {
    failures.push(String(err?.message ?? err).slice(0, 300));
  }
}
console.log(JSON.stringify({ failures }));
process.exit(0);
`;

function runWriter(tag: string): { started: Promise<void>; done: Promise<{ failures: string[] }> } {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", writerSource(tag, ROWS)],
    { cwd: root, env: process.env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  let err = "";
  let started = () => {};
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString();
    if (out.includes("writing")) started();
  });
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const done = new Promise<{ failures: string[] }>((resolve, reject) =>
    child.on("exit", (code) => {
      const last = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !last.startsWith("{"))
        reject(new Error(`the writer process exited with ${code}:\n${out}\n${err}`));
      else resolve(JSON.parse(last) as { failures: string[] });
    }),
  );
  return {
    started: Promise.race([new Promise<void>((r) => (started = r)), done.then(() => {})]),
    done,
  };
}

/** Writes until `until` settles (at least ROWS rows); the rows written and the failures. */
async function writeHere(
  tag: string,
  until: Promise<unknown>,
): Promise<{ rows: number; failures: string[] }> {
  const failures: string[] = [];
  let over = false;
  void until.finally(() => (over = true));
  let i = 0;
  for (; i < ROWS || (!over && i < 20 * ROWS); i++) {
    const sha256 = `${tag}-${i}`;
    try {
      if (i % 2) await db().blob.create({ data: { sha256, size: i, data: Buffer.from(sha256) } });
      else
        await db().$transaction(async (tx) => {
          const n = await tx.blob.count({ where: { sha256: { startsWith: `${tag}-` } } });
          await tx.blob.create({ data: { sha256, size: n, data: Buffer.from(sha256) } });
        });
    } catch (err) {
      failures.push(String((err as Error)?.message ?? err).slice(0, 300));
    }
  }
  return { rows: i, failures };
}

it(
  "two processes writing at once through one database: no write fails, every row is there",
  { timeout: 120_000 },
  async () => {
    const run = randomUUID().slice(0, 8);
    await db().blob.count(); // connected before the other process starts
    const other = runWriter(`cw-${run}-b`);
    await other.started;
    // This process writes for as long as the other one does.
    const here = await writeHere(`cw-${run}-a`, other.done);
    const there = await other.done;
    expect(there.failures).toEqual([]);
    expect(here.failures).toEqual([]);
    const count = (tag: string) =>
      db().blob.count({ where: { sha256: { startsWith: `cw-${run}-${tag}-` } } });
    expect(await count("a")).toBe(here.rows);
    expect(await count("b")).toBe(ROWS);
  },
);
