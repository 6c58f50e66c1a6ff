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

const sortColumns = {
  name: Prisma.sql`c."name"`,
  author_name: Prisma.sql`c."authorName"`,
  license: Prisma.sql`c."license"`,
  created_at: Prisma.sql`c."createdAt"`,
  updated_at: Prisma.sql`c."updatedAt"`,
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
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM "CapabilityKeyword" kw WHERE kw."capabilityId" = c."id" AND kw."keyword" IN (${Prisma.join(q.keywords)}))`);
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
          const col = sortColumns[q.sort_by ?? "created_at"];
          // NULLs last in both databases.
          return Prisma.sql`CASE WHEN ${col} IS NULL THEN 1 ELSE 0 END, ${col} ${dir}, c."id" ${dir}`;
        })();
  const [countRows, idRows] = await Promise.all([
    ctx.db.$queryRaw<{ n: number | bigint }[]>`SELECT COUNT(*) AS "n" ${from}`,
    ctx.db.$queryRaw<{ id: string }[]>`SELECT c."id" AS "id" ${from} ORDER BY ${order} LIMIT ${q.limit} OFFSET ${(q.page - 1) * q.limit}`,
  ]);
  const total = Number(countRows[0]?.n ?? 0);
  return { rows: await summaries(ctx, idRows.map((r) => r.id)), meta: paginate(total, q.page, q.limit) };
}

/** Summaries of capabilities, in the order of `ids`. */
async function summaries(ctx: OrgCtx, ids: string[]): Promise<z.input<typeof capabilityArtifactSummary>[]> {
  if (!ids.length) return [];
  const [caps, versions] = await Promise.all([
    ctx.db.capability.findMany({ where: { id: { in: ids } }, include: { org: { select: { slug: true } } } }),
    ctx.db.capabilityVersion.findMany({
      where: { capabilityId: { in: ids } },
      select: { id: true, capabilityId: true, version: true, keywords: true, componentCounts: true, components: true, origin: true, createdAt: true, updatedAt: true },
      orderBy: { versionKey: "desc" },
    }),
  ]);
  const byCap = new Map<string, typeof versions>();
  for (const v of versions) byCap.set(v.capabilityId, [...(byCap.get(v.capabilityId) ?? []), v]);
  const capById = new Map(caps.map((c) => [c.id, c]));
  return ids.flatMap((id) => {
    const c = capById.get(id);
    const vs = byCap.get(id) ?? [];
    const latest = vs.find((v) => v.id === c?.latestVersionId);
    if (!c || !latest) return [];
    return [
      {
        id: latest.id,
        name: c.orgId === ctx.org.id ? c.name : `${c.org.slug}/${c.name}`,
        version: latest.version,
        description: c.description,
        author_name: c.authorName,
        license: c.license,
        keywords: latest.keywords as string[],
        is_public: c.isPublic,
        component_counts: latest.componentCounts as Record<string, number>,
        component_details: latest.components as unknown as Component[],
        origin: latest.origin as Record<string, unknown>,
        created_at: latest.createdAt.toISOString(),
        updated_at: c.updatedAt.toISOString(),
        version_count: vs.length,
        versions: vs.map((v) => v.version),
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
