// Listing capabilities (seeds/002): one row per capability with its latest version, filtered,
// searched (ranked by relevance), sorted and paginated in SQL; and the facet counts under the
// same filters. Public capabilities of other orgs are named `owner/name`.
import type { z } from "zod";
import { Prisma } from "../db/generated/sqlite/client";
import type { OrgCtx } from "../api/context";
import { paginate } from "../api/schemas";
import type { Component } from "./ingest/components";
import type { capabilityArtifactSummary, listCapabilitiesQuery } from "./schemas";
import { searchSql, searchTerms } from "./search";

export type ListQuery = z.output<typeof listCapabilitiesQuery>;

// Nullable columns sort their NULLs last (in both databases) with a CASE, which no index can
// serve; the others are ordered by their (orgId, column) indexes, so a page reads only its rows.
const sortColumns = {
  name: { col: Prisma.sql`c."name"`, nullable: false },
  author_name: { col: Prisma.sql`c."authorName"`, nullable: true },
  license: { col: Prisma.sql`c."license"`, nullable: true },
  created_at: { col: Prisma.sql`c."createdAt"`, nullable: false },
  updated_at: { col: Prisma.sql`c."updatedAt"`, nullable: false },
} as const;

/** FROM … WHERE … of a listing, and the relevance expression when searching. */
function filtered(ctx: OrgCtx, q: Omit<ListQuery, "page" | "limit" | "sort_by" | "sort_dir">) {
  const terms = q.search ? searchTerms(q.search) : null;
  const search = terms ? searchSql(terms) : null;
  const where: Prisma.Sql[] = [
    Prisma.sql`c."latestVersionId" IS NOT NULL`,
    q.include_public ? Prisma.sql`(c."orgId" = ${ctx.org.id} OR c."isPublic" = TRUE)` : Prisma.sql`c."orgId" = ${ctx.org.id}`,
  ];
  if (q.name) {
    const [owner, local] = q.name.includes("/") ? q.name.split("/", 2) : [null, q.name];
    where.push(Prisma.sql`c."name" = ${local}`);
    if (owner) where.push(Prisma.sql`o."slug" = ${owner}`);
  }
  if (q.author?.length) where.push(Prisma.sql`c."authorName" IN (${Prisma.join(q.author)})`);
  if (q.license?.length) where.push(Prisma.sql`c."license" IN (${Prisma.join(q.license)})`);
  if (q.keywords?.length) {
    // Driven by the keyword index (a semi-join), not probed once per capability of the org.
    where.push(Prisma.sql`c."id" IN (SELECT kw."capabilityId" FROM "CapabilityKeyword" kw WHERE kw."keyword" IN (${Prisma.join(q.keywords)}))`);
  }
  const from = Prisma.sql`FROM "Capability" c JOIN "Organization" o ON o."id" = c."orgId" ${search ? search.join : Prisma.empty} WHERE ${Prisma.join(where, " AND ")}`;
  return { from, rank: search?.rank ?? null };
}

export async function listCapabilities(ctx: OrgCtx, q: ListQuery) {
  const { from, rank } = filtered(ctx, q);
  if (q.search && !rank) return { rows: [], meta: paginate(0, q.page, q.limit) };
  const dir = q.sort_dir === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const order =
    rank && !q.sort_by
      ? Prisma.sql`${rank} DESC, c."name" ASC`
      : (() => {
          const { col, nullable } = sortColumns[q.sort_by ?? "created_at"];
          return nullable ? Prisma.sql`CASE WHEN ${col} IS NULL THEN 1 ELSE 0 END, ${col} ${dir}, c."id" ${dir}` : Prisma.sql`${col} ${dir}, c."id" ${dir}`;
        })();
  const [countRows, idRows] = await Promise.all([
    ctx.db.$queryRaw<{ n: number | bigint }[]>`SELECT COUNT(*) AS "n" ${from}`,
    ctx.db.$queryRaw<{ id: string }[]>`SELECT c."id" AS "id" ${from} ORDER BY ${order} LIMIT ${q.limit} OFFSET ${(q.page - 1) * q.limit}`,
  ]);
  const total = Number(countRows[0]?.n ?? 0);
  return { rows: await summaries(ctx, idRows.map((r) => r.id)), meta: paginate(total, q.page, q.limit) };
}

interface SummaryRow {
  id: string;
  orgId: string;
  name: string;
  slug: string;
  description: string;
  authorName: string | null;
  license: string | null;
  isPublic: boolean;
  updatedAt: Date;
  versionId: string;
  version: string;
  keywords: string[];
  componentCounts: Record<string, number>;
  components: Component[];
  origin: Record<string, unknown>;
  createdAt: Date;
}

/**
 * Summaries of capabilities, in the order of `ids`: each with its latest version (one row each)
 * and the version strings of all its versions. Raw SQL: Prisma's `include` and the mapping of
 * every version's JSON columns cost several times the queries themselves.
 */
async function summaries(ctx: OrgCtx, ids: string[]): Promise<z.input<typeof capabilityArtifactSummary>[]> {
  if (!ids.length) return [];
  const [rows, versions] = await Promise.all([
    ctx.db.$queryRaw<SummaryRow[]>`SELECT c."id", c."orgId", c."name", o."slug", c."description", c."authorName", c."license", c."isPublic",
        c."updatedAt", v."id" AS "versionId", v."version", v."keywords", v."componentCounts", v."components", v."origin", v."createdAt"
      FROM "Capability" c JOIN "Organization" o ON o."id" = c."orgId" JOIN "CapabilityVersion" v ON v."id" = c."latestVersionId"
      WHERE c."id" IN (${Prisma.join(ids)})`,
    ctx.db.$queryRaw<{ capabilityId: string; version: string }[]>`SELECT "capabilityId", "version" FROM "CapabilityVersion"
      WHERE "capabilityId" IN (${Prisma.join(ids)}) ORDER BY "capabilityId", "versionKey" DESC`,
  ]);
  const byCap = new Map<string, string[]>();
  for (const v of versions) {
    const list = byCap.get(v.capabilityId);
    if (list) list.push(v.version);
    else byCap.set(v.capabilityId, [v.version]);
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const vs = byCap.get(id) ?? [];
    return [
      {
        id: r.versionId,
        name: r.orgId === ctx.org.id ? r.name : `${r.slug}/${r.name}`,
        version: r.version,
        description: r.description,
        author_name: r.authorName,
        license: r.license,
        keywords: r.keywords,
        is_public: r.isPublic,
        component_counts: r.componentCounts,
        component_details: r.components,
        origin: r.origin,
        created_at: r.createdAt.toISOString(),
        updated_at: r.updatedAt.toISOString(),
        version_count: vs.length,
        versions: vs,
      },
    ];
  });
}

type Facet = { value: string; count: number }[];

export async function capabilityFacets(ctx: OrgCtx, q: Omit<ListQuery, "page" | "limit" | "sort_by" | "sort_dir">): Promise<{ keywords: Facet; authors: Facet; licenses: Facet }> {
  const { from, rank } = filtered(ctx, q);
  if (q.search && !rank) return { keywords: [], authors: [], licenses: [] };
  const count = (rows: { value: string; n: number | bigint }[]) => rows.map((r) => ({ value: r.value, count: Number(r.n) }));
  const [keywords, authors, licenses] = await Promise.all([
    ctx.db.$queryRaw<{ value: string; n: number | bigint }[]>`SELECT k."keyword" AS "value", COUNT(*) AS "n" FROM "CapabilityKeyword" k
      WHERE k."capabilityId" IN (SELECT c."id" ${from}) GROUP BY k."keyword" ORDER BY COUNT(*) DESC, k."keyword" ASC LIMIT 100`,
    ctx.db.$queryRaw<{ value: string; n: number | bigint }[]>`SELECT c."authorName" AS "value", COUNT(*) AS "n" ${from} AND c."authorName" IS NOT NULL
      GROUP BY c."authorName" ORDER BY COUNT(*) DESC, c."authorName" ASC LIMIT 100`,
    ctx.db.$queryRaw<{ value: string; n: number | bigint }[]>`SELECT c."license" AS "value", COUNT(*) AS "n" ${from} AND c."license" IS NOT NULL
      GROUP BY c."license" ORDER BY COUNT(*) DESC, c."license" ASC LIMIT 100`,
  ]);
  return { keywords: count(keywords), authors: count(authors), licenses: count(licenses) };
}
