// A brand-new, empty database of the provider under test (DATABASE_URL), dropped afterwards:
// for tests of migrations and first-start seeding.
import { rmSync } from "node:fs";
import pg from "pg";
import { afterAll } from "vitest";
import { sqlitePath } from "@/lib/db/migrate";
import { byProvider, providerOf } from "@/lib/db/provider";
import { uid } from "./api";

export function freshDatabases(): () => Promise<string> {
  const baseUrl = process.env.DATABASE_URL!;
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });
  const freshSqlite = async (id: string) => {
    const url = `file:./data/test/fresh-${id}.db`;
    cleanups.push(async () => {
      for (const s of ["", "-wal", "-shm"]) rmSync(sqlitePath(url) + s, { force: true });
    });
    return url;
  };
  const freshPostgres = async (id: string) => {
    const u = new URL(baseUrl);
    const name = `${u.pathname.slice(1)}_fresh_${id}`;
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    });
    u.pathname = `/${name}`;
    return u.toString();
  };
  return async () => {
    const id = uid();
    return byProvider(providerOf(baseUrl), {
      sqlite: () => freshSqlite(id),
      postgresql: () => freshPostgres(id),
    });
  };
}
