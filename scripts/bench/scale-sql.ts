// The catalog list's queries straight through the driver (better-sqlite3 or pg), in the bench
// process: what `GET /api/v1/org/{org}/capabilities?limit=50` costs the database, without Next.js,
// Prisma or Quiver. The SQL is that of lib/catalog/list.ts for an unfiltered first page in the
// default order (created_at DESC): the count and the page (in parallel, as the app issues them),
// then the version lists of the page's capabilities. The suite checks it against the API's answer.
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import pg from "pg";
import { sqlitePath } from "@/lib/db/migrate";
import { summarize, type LoadResult } from "./load";

const part = `FROM "Capability" c JOIN "Organization" o ON o."id" = c."orgId"  WHERE c."orgId" = ? AND c."latestVersionId" IS NOT NULL`;
const countSql = `SELECT COUNT(*) AS "n" ${part}`;
const pageSql = `SELECT c."id", c."orgId", c."name", o."slug", c."description", c."authorName", c."license", c."isPublic", c."updatedAt",
      v."id" AS "versionId", v."version", v."keywords", v."componentCounts", v."components", v."origin", v."trustLevel", v."trustCounts", v."createdAt", 0 AS "total"
    FROM (SELECT c."id" AS "id", c."latestVersionCreatedAt" AS "k0", c."id" AS "k1" ${part} ORDER BY c."latestVersionCreatedAt" DESC, c."id" DESC LIMIT ? OFFSET ?) p JOIN "Capability" c ON c."id" = p."id" JOIN "Organization" o ON o."id" = c."orgId"
      JOIN "CapabilityVersion" v ON v."id" = c."latestVersionId"
    ORDER BY p."k0" DESC, p."k1" DESC`;
const versionsSql = (n: number) =>
  `SELECT "capabilityId", "version" FROM "CapabilityVersion"
    WHERE "capabilityId" IN (${Array(n).fill("?").join(",")}) ORDER BY "capabilityId", "versionKey" DESC`;

type Row = Record<string, unknown>;
/** One list request's queries; the page's names and the total. */
type List = () => Promise<{ names: string[]; total: number }>;

function sqliteList(url: string, orgSlug: string): { list: List; close: () => void } {
  const db = new Database(sqlitePath(url), { readonly: true });
  const org = db.prepare(`SELECT "id" FROM "Organization" WHERE "slug" = ?`).get(orgSlug) as Row;
  const count = db.prepare(countSql);
  const page = db.prepare(pageSql);
  const versions = new Map<number, Database.Statement>();
  const list: List = async () => {
    const total = Number((count.get(org.id) as Row).n);
    const rows = page.all(org.id, 50, 0) as Row[];
    const ids = rows.map((r) => r.id);
    let st = versions.get(ids.length);
    if (!st) versions.set(ids.length, (st = db.prepare(versionsSql(ids.length))));
    if (ids.length) st.all(...ids);
    return { names: rows.map((r) => String(r.name)), total };
  };
  return { list, close: () => db.close() };
}

const numbered = (sql: string) => {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
};

async function postgresList(url: string, orgSlug: string) {
  // Two connections: the app's count and page run at once, on two of its pool's connections.
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const { rows } = await pool.query<Row>(`SELECT "id" FROM "Organization" WHERE "slug" = $1`, [
    orgSlug,
  ]);
  const orgId = rows[0]?.id;
  const count = numbered(countSql);
  const page = numbered(pageSql);
  const list: List = async () => {
    const [c, p] = await Promise.all([
      pool.query<Row>({ name: "scale-count", text: count, values: [orgId] }),
      pool.query<Row>({ name: "scale-page", text: page, values: [orgId, 50, 0] }),
    ]);
    const ids = p.rows.map((r) => r.id);
    if (ids.length) await pool.query(numbered(versionsSql(ids.length)), ids);
    return { names: p.rows.map((r) => String(r.name)), total: Number(c.rows[0]?.n) };
  };
  return { list, close: () => void pool.end() };
}

/**
 * The queries of one list request, back to back for `seconds` (after `warmupSeconds`); `check`
 * is the first run's page and total, for comparison with the API's.
 */
export async function rawListSql(
  url: string,
  orgSlug: string,
  seconds: number,
  warmupSeconds: number,
): Promise<{ result: LoadResult; check: { names: string[]; total: number } }> {
  const { list, close } = url.startsWith("file:")
    ? sqliteList(url, orgSlug)
    : await postgresList(url, orgSlug);
  try {
    const check = await list();
    const until = (s: number) => performance.now() + s * 1000;
    for (let end = until(warmupSeconds); performance.now() < end;) await list();
    const times: number[] = [];
    const start = performance.now();
    for (let end = until(seconds); performance.now() < end;) {
      const t0 = performance.now();
      await list();
      times.push(performance.now() - t0);
    }
    return { result: summarize(times, (performance.now() - start) / 1000), check };
  } finally {
    close();
  }
}
