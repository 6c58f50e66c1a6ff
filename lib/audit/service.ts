// The audit trail: every mutation writes one event, inside the transaction of the change; the
// audit log reads them back newest first, a cursor page at a time, with their targets by name.
import type { Prisma } from "@/lib/db/types";
import type { Tx } from "@/lib/db/client";
import type { Actor } from "@/lib/api/authenticate";
import type { OrgCtx } from "@/lib/api/context";
import { decodeCursor, encodeCursor, type AuditCursor } from "./cursor";
import { auditWhere, type AuditFilter } from "./filters";
import { resolveTargets } from "./targets";

export interface AuditInput {
  orgId: string;
  workspaceId?: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  summary?: Record<string, unknown>;
}

function actorLabel(actor: Actor | null): string {
  if (!actor) return "system";
  return actor.token ? `${actor.email} (token "${actor.token.name}")` : actor.email;
}

/** What the log's search matches, as the migration that added it wrote it for earlier events. */
const searchText = (actor: string, action: string, summary?: Record<string, unknown>) =>
  `${actor} ${action} ${summary ? JSON.stringify(summary) : ""}`.toLowerCase();

export async function recordAudit(
  tx: Tx,
  who: { actor: Actor | null; requestId?: string | null },
  input: AuditInput,
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      orgId: input.orgId,
      workspaceId: input.workspaceId ?? null,
      actorType: who.actor ? (who.actor.token ? "token" : "user") : "system",
      actorId: who.actor ? (who.actor.token?.id ?? who.actor.userId) : null,
      actorLabel: actorLabel(who.actor),
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId ?? null,
      requestId: who.requestId ?? null,
      summary: (input.summary ?? undefined) as Prisma.InputJsonValue | undefined,
      search: searchText(actorLabel(who.actor), input.action, input.summary),
    },
  });
}

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
