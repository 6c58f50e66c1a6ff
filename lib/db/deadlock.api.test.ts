// PostgreSQL picks a victim when two transactions wait for each other (SQLSTATE 40P01), and the
// blob writer and the version transaction run the victim again (lib/db/blobs.ts). This provokes
// real deadlocks, through the pg driver and through a Prisma transaction, and checks that
// `isDeadlock` recognises both as they arrive, and nothing else.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uid } from "@/lib/testing/api";
import { isDeadlock } from "./blobs";
import { db } from "./client";

const onPostgres = db().provider === "postgresql";
const table = `deadlock_${uid().replace(/\W/g, "_")}`;
const lockRow = (k: number) => `SELECT k FROM ${table} WHERE k = ${k} FOR UPDATE`;

/** The one rejection of two settled promises (the other must have succeeded). */
function victim(results: PromiseSettledResult<unknown>[]): unknown {
  const rejected = results.filter((r) => r.status === "rejected");
  expect(rejected).toHaveLength(1);
  return (rejected[0] as PromiseRejectedResult).reason;
}

describe.skipIf(!onPostgres)("deadlocks on PostgreSQL", () => {
  beforeAll(async () => {
    await db().$executeRawUnsafe(`CREATE TABLE ${table} (k int PRIMARY KEY)`);
    await db().$executeRawUnsafe(`INSERT INTO ${table} VALUES (1), (2)`);
  });
  afterAll(async () => {
    await db().$executeRawUnsafe(`DROP TABLE IF EXISTS ${table}`);
  });

  it("are recognised as the pg driver reports them", async () => {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    const [a, b] = [await pool.connect(), await pool.connect()];
    try {
      await a.query("BEGIN");
      await b.query("BEGIN");
      await a.query(lockRow(1));
      await b.query(lockRow(2));
      const err = victim(await Promise.allSettled([a.query(lockRow(2)), b.query(lockRow(1))]));
      expect(isDeadlock(err)).toBe(true);
    } finally {
      await a.query("ROLLBACK");
      await b.query("ROLLBACK");
      a.release();
      b.release();
      await pool.end();
    }
  });

  it("are recognised as a Prisma transaction reports them", async () => {
    let arrived = 0;
    let release!: () => void;
    const bothHold = new Promise<void>((r) => (release = r));
    const crossing = (first: number, second: number) =>
      db().$transaction(async (tx) => {
        await tx.$queryRawUnsafe(lockRow(first));
        if (++arrived === 2) release();
        await bothHold;
        await tx.$queryRawUnsafe(lockRow(second));
      });
    const err = victim(await Promise.allSettled([crossing(1, 2), crossing(2, 1)]));
    expect(isDeadlock(err)).toBe(true);
  });
});

it("a unique violation, a timeout or a plain error is not a deadlock", () => {
  expect(isDeadlock(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
  expect(isDeadlock(Object.assign(new Error("Unique constraint"), { code: "P2002" }))).toBe(false);
  expect(isDeadlock(new Error("Transaction already closed: timeout"))).toBe(false);
  expect(isDeadlock(undefined)).toBe(false);
  expect(isDeadlock("deadlock")).toBe(false);
});
