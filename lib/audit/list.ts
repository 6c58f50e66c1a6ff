// The audit log, read back: newest first, a cursor page at a time, with the page's targets by name.
import "server-only";
import type { OrgCtx } from "@/lib/api/context";
import type { Prisma } from "@/lib/db/types";
import { decodeCursor, encodeCursor, type AuditCursor } from "./cursor";
import { auditWhere, type AuditFilter } from "./filters";
import { resolveTargets } from "./targets";

/** Events strictly after the cursor, newest first: older, or as old with a smaller id. */
export const beforeCursor = (c: AuditCursor): Prisma.AuditEventWhereInput => ({
  OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }],
});

export const newestFirst = [{ createdAt: "desc" as const }, { id: "desc" as const }];

/** One page of the audit log, its targets resolved, and the cursor of the next page. */
export async function listAuditEvents(
  ctx: OrgCtx,
  q: AuditFilter & { limit: number; cursor?: string },
) {
  const cursor = q.cursor ? decodeCursor(q.cursor) : null;
  const where = await auditWhere(ctx, q);
  const rows = await ctx.db.auditEvent.findMany({
    where: cursor ? { AND: [where, beforeCursor(cursor)] } : where,
    orderBy: newestFirst,
    take: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    targets: await resolveTargets(ctx, page),
    next: rows.length > q.limit && last ? encodeCursor(last) : null,
  };
}
