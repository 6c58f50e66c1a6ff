// The org search behind the command palette: a few small indexed queries, merged and ranked in
// memory. Capabilities: a name-prefix range on the (orgId, name) index, then, for three
// characters or more, the catalog's full-text index (lib/catalog/search.ts). Workspace objects:
// part of the name, within the workspaces' (workspaceId, …) indexes; a workspace holds few of
// each, so at most CANDIDATES per kind are read and ranked here.
import "server-only";
import type { z } from "zod";
import type { OrgCtx, WorkspaceRef } from "@/lib/api/context";
import { ApiError } from "@/lib/api/errors";
import { searchSql, searchTerms } from "@/lib/catalog/search";
import type { Db } from "@/lib/db/client";
import { byProvider } from "@/lib/db/provider";
import type { Prisma } from "@/lib/db/types";
import type { searchKinds, searchOrgQuery, searchResult } from "./schemas";

type SearchQuery = z.output<typeof searchOrgQuery>;
type Kind = (typeof searchKinds)[number];
type Match = z.output<typeof searchResult>["match"];

export interface SearchHit {
  kind: Kind;
  id: string;
  title: string;
  subtitle: string;
  /** The workspace's slug; null for capabilities. */
  workspace: string | null;
  match: Match;
}

/** Rows read per workspace kind before ranking. */
const CANDIDATES = 50;
/** Full-text search starts at this many characters: shorter prefixes match most of a catalog. */
const FULL_TEXT_MIN = 3;
const tiers: Record<Match, number> = { exact: 0, prefix: 1, contains: 2, text: 3 };
const kindOrder: Kind[] = [
  "capability",
  "runtime",
  "agent",
  "optimization_run",
  "prompt",
  "persona",
];

function matchOf(name: string, lower: string): Match {
  const n = name.toLowerCase();
  return n === lower ? "exact" : n.startsWith(lower) ? "prefix" : "contains";
}

/** Part of a text, ignoring case: SQLite's LIKE already does (ASCII), PostgreSQL is told to. */
const containing = (db: Db, text: string): Prisma.StringFilter =>
  byProvider(db, {
    sqlite: () => ({ contains: text }),
    postgresql: () => ({ contains: text, mode: "insensitive" as const }),
  });

const clip = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

async function capabilityHits(ctx: OrgCtx, q: string, limit: number): Promise<SearchHit[]> {
  const lower = q.toLowerCase();
  // Names are lower-case kebab: a range on the (orgId, name) index reads the prefix's rows only.
  const prefixed = await ctx.db.capability.findMany({
    where: {
      orgId: ctx.org.id,
      latestVersionId: { not: null },
      name: { gte: lower, lt: `${lower}\uffff`, startsWith: lower },
    },
    select: { id: true, name: true, description: true, latestVersion: true },
    orderBy: { name: "asc" },
    take: limit,
  });
  const hit = (c: (typeof prefixed)[number], match: Match): SearchHit => ({
    kind: "capability",
    id: c.id,
    title: c.name,
    subtitle: [`Capability ${c.latestVersion ?? ""}`.trim(), clip(c.description)]
      .filter(Boolean)
      .join(" · "),
    workspace: null,
    match,
  });
  const hits = prefixed.map((c) => hit(c, matchOf(c.name, lower)));
  const terms = searchTerms(q);
  if (!terms || lower.length < FULL_TEXT_MIN || hits.length >= limit) return hits;
  const s = searchSql(ctx.db, terms);
  const ranked = await ctx.db.$queryRaw<(typeof prefixed)[number][]>`
    SELECT c."id", c."name", c."description", c."latestVersion", ${s.rank} AS "rank"
    FROM "Capability" c ${s.join}
    WHERE c."orgId" = ${ctx.org.id} AND c."latestVersionId" IS NOT NULL
    ORDER BY "rank" DESC, c."name" ASC LIMIT ${limit}`;
  const seen = new Set(hits.map((h) => h.id));
  for (const c of ranked) {
    if (seen.has(c.id)) continue;
    hits.push(hit(c, c.name.includes(lower) ? "contains" : "text"));
  }
  return hits;
}

/** The workspaces searched: the one asked for (404 when the org has none of that name), or all. */
async function workspacesOf(ctx: OrgCtx, slug: string | undefined): Promise<WorkspaceRef[]> {
  const where = { orgId: ctx.org.id, ...(slug ? { slug } : {}) };
  const found = await ctx.db.workspace.findMany({
    where,
    select: { id: true, slug: true, name: true },
    orderBy: { slug: "asc" },
  });
  if (slug && !found.length)
    throw new ApiError(
      "not_found",
      `Workspace '${slug}' not found in organization '${ctx.org.slug}'`,
    );
  return found;
}

interface Named {
  id: string;
  name: string;
  workspaceId: string;
}

async function workspaceHits(ctx: OrgCtx, q: string, wss: WorkspaceRef[]): Promise<SearchHit[]> {
  if (!wss.length) return [];
  const byId = new Map(wss.map((w) => [w.id, w]));
  const where = { workspaceId: { in: [...byId.keys()] }, name: containing(ctx.db, q) };
  const base = { id: true, name: true, workspaceId: true } as const;
  const page = { orderBy: { name: "asc" as const }, take: CANDIDATES };
  const [runtimes, agents, runs, prompts, personas] = await Promise.all([
    ctx.db.runtime.findMany({ where, select: base, ...page }),
    ctx.db.agent.findMany({ where, select: base, ...page }),
    ctx.db.optimizationJob.findMany({
      where: { ...where, archivedAt: null },
      select: { ...base, status: true },
      orderBy: { createdAt: "desc" },
      take: CANDIDATES,
    }),
    ctx.db.prompt.findMany({ where, select: { ...base, status: true }, ...page }),
    ctx.db.persona.findMany({ where, select: { ...base, difficulty: true }, ...page }),
  ]);
  const lower = q.toLowerCase();
  const many = wss.length > 1;
  const hit = (kind: Kind, r: Named, words: string): SearchHit => {
    const ws = byId.get(r.workspaceId)!;
    return {
      kind,
      id: r.id,
      title: r.name,
      subtitle: many ? `${words} · ${ws.name}` : words,
      workspace: ws.slug,
      match: matchOf(r.name, lower),
    };
  };
  return [
    ...runtimes.map((r) => hit("runtime", r, "Runtime")),
    ...agents.map((r) => hit("agent", r, "Agent")),
    ...runs.map((r) => hit("optimization_run", r, `Optimization run, ${r.status}`)),
    ...prompts.map((r) => hit("prompt", r, `Prompt, ${r.status}`)),
    ...personas.map((r) => hit("persona", r, `Persona, ${r.difficulty}`)),
  ];
}

/**
 * Ranks hits: by how they matched (whole name, start, part, text), then by their place within
 * their kind, so that kinds alternate rather than one kind filling the list.
 */
function rank(hits: SearchHit[], limit: number): SearchHit[] {
  const place = new Map<SearchHit, number>();
  for (const kind of kindOrder) {
    hits
      .filter((h) => h.kind === kind)
      .sort((a, b) => tiers[a.match] - tiers[b.match])
      .forEach((h, i) => place.set(h, i));
  }
  return [...hits]
    .sort(
      (a, b) =>
        tiers[a.match] - tiers[b.match] ||
        place.get(a)! - place.get(b)! ||
        kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind),
    )
    .slice(0, limit);
}

export async function searchOrg(ctx: OrgCtx, query: SearchQuery): Promise<SearchHit[]> {
  const wss = await workspacesOf(ctx, query.workspace);
  const [caps, objects] = await Promise.all([
    capabilityHits(ctx, query.q, query.limit),
    workspaceHits(ctx, query.q, wss),
  ]);
  return rank([...caps, ...objects], query.limit);
}
