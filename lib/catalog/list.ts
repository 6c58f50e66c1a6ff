// Listing capabilities (seeds/002): one row per capability with its latest version, filtered,
// searched (ranked by relevance), sorted and paginated in SQL; and the facet counts under the
// same filters. Public capabilities of other orgs are named `owner/name`.
import "server-only";
import type { z } from "zod";
import { Prisma } from "@/lib/db/types";
import { asDate } from "@/lib/db/direct";
import type { Db } from "@/lib/db/client";
import type { OrgCtx } from "@/lib/api/context";
import { paginate } from "@/lib/api/schemas";
import type { Component } from "./ingest/components";
import type { capabilityArtifactSummary, listCapabilitiesQuery } from "./schemas";
import { sharedSql } from "./access";
import { redactedComponents } from "./redacted-components";
import { searchSql, searchTerms } from "./search";
import type { TrustLevel, TrustStatus } from "./trust/level";

export type ListQuery = z.output<typeof listCapabilitiesQuery>;

// Nullable columns sort their NULLs last (in both databases) with a CASE, which no index can
// serve; the others are ordered by their (orgId, column) indexes, so a page reads only its rows.
const sortColumns = {
  name: { col: Prisma.sql`c."name"`, nullable: false },
  author_name: { col: Prisma.sql`c."authorName"`, nullable: true },
  license: { col: Prisma.sql`c."license"`, nullable: true },
  // What a row shows as created_at: when its latest version was pushed (every listed row has one).
  created_at: { col: Prisma.sql`c."latestVersionCreatedAt"`, nullable: false },
  updated_at: { col: Prisma.sql`c."updatedAt"`, nullable: false },
} as const;

/**
 * The FROM … WHERE … of a listing, as parts whose rows add up (UNION ALL), and the relevance
 * expression when searching. With include_public, other orgs' public capabilities are a second
 * part rather than an OR: each part is then read through its own index (for a page, only as far
 * as the page), where the OR made both databases read and sort every visible capability.
 */
function filtered(ctx: OrgCtx, q: Omit<ListQuery, "page" | "limit" | "sort_by" | "sort_dir">) {
  const terms = q.search ? searchTerms(q.search) : null;
  const search = terms ? searchSql(ctx.db, terms) : null;
  const where: Prisma.Sql[] = [Prisma.sql`c."latestVersionId" IS NOT NULL`];
  if (q.name) {
    const [owner, local] = q.name.includes("/") ? q.name.split("/", 2) : [null, q.name];
    where.push(Prisma.sql`c."name" = ${local}`);
    if (owner) where.push(Prisma.sql`o."slug" = ${owner}`);
  }
  if (q.author?.length) where.push(Prisma.sql`c."authorName" IN (${Prisma.join(q.author)})`);
  if (q.license?.length) where.push(Prisma.sql`c."license" IN (${Prisma.join(q.license)})`);
  if (q.trust?.length) where.push(Prisma.sql`c."trustLevel" IN (${Prisma.join(q.trust)})`);
  if (q.keywords?.length) {
    // Driven by the keyword index (a semi-join), not probed once per capability of the org.
    where.push(
      Prisma.sql`c."id" IN (SELECT kw."capabilityId" FROM "CapabilityKeyword" kw WHERE kw."keyword" IN (${Prisma.join(q.keywords)}))`,
    );
  }
  const part = (visible: Prisma.Sql) =>
    Prisma.sql`FROM "Capability" c JOIN "Organization" o ON o."id" = c."orgId" ${search ? search.join : Prisma.empty} WHERE ${Prisma.join([visible, ...where], " AND ")}`;
  const own = part(Prisma.sql`c."orgId" = ${ctx.org.id}`);
  // Other orgs' capabilities as lib/catalog/access.ts shares them: public ones only (a version
  // pinned by a binding after its capability went private is never listed: nothing new is picked).
  const parts = q.include_public ? [own, part(sharedSql(ctx.org.id))] : [own];
  return { parts, rank: search?.rank ?? null };
}

/** `SELECT columns` over every part, as one row set. */
const selectAll = (parts: Prisma.Sql[], columns: Prisma.Sql) =>
  Prisma.join(
    parts.map((p) => Prisma.sql`SELECT ${columns} ${p}`),
    " UNION ALL ",
  );

type Dir = "ASC" | "DESC";

function sortKeys(q: ListQuery, rank: Prisma.Sql | null): [Prisma.Sql, Dir][] {
  if (rank && !q.sort_by)
    return [
      [rank, "DESC"],
      [Prisma.sql`c."name"`, "ASC"],
    ];
  const dir: Dir = q.sort_dir === "asc" ? "ASC" : "DESC";
  const { col, nullable } = sortColumns[q.sort_by ?? "created_at"];
  return [
    ...(nullable
      ? [[Prisma.sql`CASE WHEN ${col} IS NULL THEN 1 ELSE 0 END`, "ASC"] as [Prisma.Sql, Dir]]
      : []),
    [col, dir],
    [Prisma.sql`c."id"`, dir],
  ];
}

const keyColumns = (keys: [Prisma.Sql, Dir][]) =>
  Prisma.join([
    Prisma.sql`c."id" AS "id"`,
    ...keys.map(([e], i) => Prisma.sql`${e} AS ${Prisma.raw(`"k${i}"`)}`),
  ]);
const keyOrder = (keys: [Prisma.Sql, Dir][], table: string) =>
  Prisma.raw(keys.map(([, d], i) => `${table}."k${i}" ${d}`).join(", "));

/**
 * The ids and sort keys of a page. Of two parts, each part's first rows up to the page's end,
 * merged. A search finds and ranks every match anyway, so it counts them in the same query (a
 * window, "total") rather than in a second one; its rank is computed in the inner query, where
 * SQLite's bm25() must run.
 */
function pageIds(
  parts: Prisma.Sql[],
  keys: [Prisma.Sql, Dir][],
  limit: number,
  offset: number,
  search: boolean,
): Prisma.Sql {
  if (search) {
    return Prisma.sql`SELECT t.*, COUNT(*) OVER () AS "total" FROM (${selectAll(parts, keyColumns(keys))}) t ORDER BY ${keyOrder(keys, "t")} LIMIT ${limit} OFFSET ${offset}`;
  }
  const order = Prisma.join(keys.map(([e, d]) => Prisma.sql`${e} ${Prisma.raw(d)}`));
  if (parts.length === 1)
    return Prisma.sql`SELECT ${keyColumns(keys)} ${parts[0]!} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`;
  const each = parts.map(
    (p, i) =>
      Prisma.sql`SELECT * FROM (SELECT ${keyColumns(keys)} ${p} ORDER BY ${order} LIMIT ${offset + limit}) ${Prisma.raw(`p${i}`)}`,
  );
  return Prisma.sql`SELECT * FROM (${Prisma.join(each, " UNION ALL ")}) t ORDER BY ${keyOrder(keys, "t")} LIMIT ${limit} OFFSET ${offset}`;
}

/** A page row as the driver gives it (lib/db/direct.ts): on SQLite, Json as text, booleans as 0/1. */
interface PageRow {
  id: string;
  orgId: string;
  name: string;
  slug: string;
  description: string;
  authorName: string | null;
  license: string | null;
  isPublic: boolean | number;
  updatedAt: unknown;
  versionId: string;
  version: string;
  keywords: unknown;
  componentCounts: unknown;
  components: unknown;
  origin: unknown;
  trustLevel: TrustLevel | null;
  trustCounts: unknown;
  createdAt: unknown;
  total: number | bigint | string;
}

/**
 * The rows of a list query, read through the driver (lib/db/direct.ts), not Prisma: its query
 * compiler and row mapping cost more than these indexed reads (issue 20 §1). The SQL is that of
 * `Prisma.sql`, whose `?` placeholders the reader numbers for PostgreSQL.
 */
const read = <T>(db: Db, q: Prisma.Sql) => db.direct.rows<T>(q.sql, q.values);

/** A Json column: PostgreSQL's driver parses it, SQLite's gives its text. */
const jsonOf = (db: Db, v: unknown): unknown =>
  db.provider === "sqlite" && typeof v === "string" ? JSON.parse(v) : v;

/**
 * A page of capabilities in order, each with its latest version, in one query: the join runs
 * for the page's rows only. Raw SQL: Prisma's `include` and the mapping of every version's JSON
 * columns cost several times the queries themselves.
 */
function pageQuery(
  parts: Prisma.Sql[],
  keys: [Prisma.Sql, Dir][],
  limit: number,
  offset: number,
  search: boolean,
): Prisma.Sql {
  return Prisma.sql`SELECT c."id", c."orgId", c."name", o."slug", c."description", c."authorName", c."license", c."isPublic", c."updatedAt",
      v."id" AS "versionId", v."version", v."keywords", v."componentCounts", v."components", v."origin", v."trustLevel", v."trustCounts", v."createdAt", ${search ? Prisma.sql`p."total"` : Prisma.sql`0`} AS "total"
    FROM (${pageIds(parts, keys, limit, offset, search)}) p JOIN "Capability" c ON c."id" = p."id" JOIN "Organization" o ON o."id" = c."orgId"
      JOIN "CapabilityVersion" v ON v."id" = c."latestVersionId"
    ORDER BY ${keyOrder(keys, "p")}`;
}

/** Every version string of each capability, newest first. */
async function versionLists(ctx: OrgCtx, ids: string[]): Promise<Map<string, string[]>> {
  const byCap = new Map<string, string[]>();
  if (!ids.length) return byCap;
  const rows = await read<{ capabilityId: string; version: string }>(
    ctx.db,
    Prisma.sql`SELECT "capabilityId", "version" FROM "CapabilityVersion"
    WHERE "capabilityId" IN (${Prisma.join(ids)}) ORDER BY "capabilityId", "versionKey" DESC`,
  );
  for (const v of rows) {
    const list = byCap.get(v.capabilityId);
    if (list) list.push(v.version);
    else byCap.set(v.capabilityId, [v.version]);
  }
  return byCap;
}

export async function listCapabilities(ctx: OrgCtx, q: ListQuery) {
  const { parts, rank } = filtered(ctx, q);
  if (q.search && !rank) return { rows: [], meta: paginate(0, q.page, q.limit) };
  const search = rank !== null;
  const offset = (q.page - 1) * q.limit;
  const count = () =>
    read<{ n: number | bigint | string }>(
      ctx.db,
      parts.length === 1
        ? Prisma.sql`SELECT COUNT(*) AS "n" ${parts[0]!}`
        : Prisma.sql`SELECT COUNT(*) AS "n" FROM (${selectAll(parts, Prisma.sql`c."id"`)}) t`,
    ).then((rows) => Number(rows[0]?.n ?? 0));
  const [counted, rows] = await Promise.all([
    search ? null : count(),
    read<PageRow>(ctx.db, pageQuery(parts, sortKeys(q, rank), q.limit, offset, search)),
  ]);
  // A search's page carries the total; a page past its end has no row to carry it.
  const total = counted ?? (rows.length ? Number(rows[0]!.total) : offset ? await count() : 0);
  const versions = await versionLists(
    ctx,
    rows.map((r) => r.id),
  );
  const summaries: z.input<typeof capabilityArtifactSummary>[] = rows.map((r) => {
    const vs = versions.get(r.id) ?? [];
    return {
      id: r.versionId,
      name: r.orgId === ctx.org.id ? r.name : `${r.slug}/${r.name}`,
      version: r.version,
      description: r.description,
      author_name: r.authorName,
      license: r.license,
      keywords: jsonOf(ctx.db, r.keywords) as string[],
      is_public: !!r.isPublic,
      component_counts: jsonOf(ctx.db, r.componentCounts) as Record<string, number>,
      component_details: redactedComponents(r.versionId, r.components) as Component[],
      origin: jsonOf(ctx.db, r.origin) as Record<string, unknown>,
      trust_level: r.trustLevel,
      trust_counts: jsonOf(ctx.db, r.trustCounts) as Record<TrustStatus, number> | null,
      created_at: asDate(r.createdAt).toISOString(),
      updated_at: asDate(r.updatedAt).toISOString(),
      version_count: vs.length,
      versions: vs,
    };
  });
  return { rows: summaries, meta: paginate(total, q.page, q.limit) };
}

type Facet = { value: string; count: number }[];

export async function capabilityFacets(
  ctx: OrgCtx,
  q: Omit<ListQuery, "page" | "limit" | "sort_by" | "sort_dir">,
): Promise<{ keywords: Facet; authors: Facet; licenses: Facet; trust_levels: Facet }> {
  const { parts, rank } = filtered(ctx, q);
  if (q.search && !rank) return { keywords: [], authors: [], licenses: [], trust_levels: [] };
  type Row = { value: string; n: number | bigint };
  const count = (rows: Row[]) => rows.map((r) => ({ value: r.value, count: Number(r.n) }));
  const byColumn = (col: Prisma.Sql) =>
    ctx.db.$queryRaw<
      Row[]
    >`SELECT "value", COUNT(*) AS "n" FROM (${selectAll(parts, Prisma.sql`${col} AS "value"`)}) t
      WHERE "value" IS NOT NULL GROUP BY "value" ORDER BY COUNT(*) DESC, "value" ASC LIMIT 100`;
  const [keywords, authors, licenses, levels] = await Promise.all([
    ctx.db.$queryRaw<
      Row[]
    >`SELECT k."keyword" AS "value", COUNT(*) AS "n" FROM "CapabilityKeyword" k
      WHERE k."capabilityId" IN (${selectAll(parts, Prisma.sql`c."id"`)}) GROUP BY k."keyword" ORDER BY COUNT(*) DESC, k."keyword" ASC LIMIT 100`,
    byColumn(Prisma.sql`c."authorName"`),
    byColumn(Prisma.sql`c."license"`),
    byColumn(Prisma.sql`c."trustLevel"`),
  ]);
  return {
    keywords: count(keywords),
    authors: count(authors),
    licenses: count(licenses),
    trust_levels: count(levels),
  };
}
