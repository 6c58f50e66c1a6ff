// The audit log's selection in SQL: the filters of the URL (actor, action, target type, dates) and
// the search, as one Prisma `where` on the org's events. Every filter is served by an index of
// AuditEvent (org, column, createdAt, id); the search reads the `search` column (actor, action and
// the summary's values, lower-cased) and the names of the org's targets.
import "server-only";
import type { z } from "zod";
import type { OrgCtx } from "@/lib/api/context";
import { ApiError } from "@/lib/api/errors";
import { byProvider } from "@/lib/db/provider";
import type { Prisma } from "@/lib/db/types";
import type { auditFilterQuery } from "./schemas";

export type AuditFilter = z.output<typeof auditFilterQuery>;

const DAY = 86_400_000;
const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

/** The dates as bounds: a day runs from its 00:00 UTC to the next; `from` after `to` is a 422. */
function dateRange(f: AuditFilter): Prisma.DateTimeFilter | undefined {
  const from = f.from ? new Date(isDay(f.from) ? `${f.from}T00:00:00Z` : f.from) : undefined;
  const to = f.to ? new Date(isDay(f.to) ? `${f.to}T00:00:00Z` : f.to) : undefined;
  const toEnd = to && f.to && isDay(f.to) ? new Date(to.getTime() + DAY) : undefined;
  for (const [key, d] of [
    ["from", from],
    ["to", to],
  ] as const) {
    if (d && Number.isNaN(d.getTime()))
      throw new ApiError("validation", `'${key}' is not a real date`, {
        errors: [{ loc: ["query", key], msg: "not a real date", type: "invalid_date" }],
      });
  }
  if (from && to && from > to)
    throw new ApiError("validation", "'from' is after 'to': the range holds no day", {
      errors: [{ loc: ["query", "to"], msg: "before 'from'", type: "invalid_range" }],
    });
  if (!from && !to) return undefined;
  return { ...(from ? { gte: from } : {}), ...(toEnd ? { lt: toEnd } : to ? { lte: to } : {}) };
}

/** Targets of the org whose name holds the search term: the ids a search also matches. */
async function namedTargets(ctx: OrgCtx, term: string): Promise<string[]> {
  const like = byProvider(ctx.db, {
    sqlite: () => ({ contains: term }),
    postgresql: () => ({ contains: term, mode: "insensitive" }) as { contains: string },
  });
  const take = 200;
  const inOrg = { workspace: { orgId: ctx.org.id } };
  const sel = { select: { id: true }, take };
  const found = await Promise.all([
    ctx.db.workspace.findMany({ where: { orgId: ctx.org.id, name: like }, ...sel }),
    ctx.db.capability.findMany({ where: { orgId: ctx.org.id, name: like }, ...sel }),
    ctx.db.apiToken.findMany({ where: { orgId: ctx.org.id, name: like }, ...sel }),
    ctx.db.runtime.findMany({ where: { ...inOrg, name: like }, ...sel }),
    ctx.db.prompt.findMany({ where: { ...inOrg, name: like }, ...sel }),
    ctx.db.persona.findMany({ where: { ...inOrg, name: like }, ...sel }),
    ctx.db.agent.findMany({ where: { ...inOrg, name: like }, ...sel }),
  ]);
  return found.flat().map((r) => r.id);
}

/** The org's events that the filter selects. */
export async function auditWhere(
  ctx: OrgCtx,
  f: AuditFilter,
): Promise<Prisma.AuditEventWhereInput> {
  const and: Prisma.AuditEventWhereInput[] = [{ orgId: ctx.org.id }];
  if (f.actor === "system") and.push({ actorType: "system" });
  else if (f.actor) {
    // A person acts in person or through their tokens: events name the token in that case.
    const tokens = await ctx.db.apiToken.findMany({
      where: { orgId: ctx.org.id, userId: f.actor },
      select: { id: true },
    });
    and.push({ actorId: { in: [f.actor, ...tokens.map((t) => t.id)] } });
  }
  if (f.action) and.push({ action: f.action });
  if (f.target_type) and.push({ targetType: f.target_type });
  const createdAt = dateRange(f);
  if (createdAt) and.push({ createdAt });
  const term = f.q?.toLowerCase();
  if (term) {
    const ids = await namedTargets(ctx, term);
    and.push({
      OR: [{ search: { contains: term } }, ...(ids.length ? [{ targetId: { in: ids } }] : [])],
    });
  }
  return and.length === 1 ? and[0]! : { AND: and };
}
