// A runtime's own history: the audit events that target it (its creation, renames, every binding
// change and every change in what it reports), newest first. Unlike the org's audit log (admins
// only), any member who may read the runtime may read this: it is the runtime's change log.
import "server-only";
import type { WorkspaceCtx } from "@/lib/api/context";
import { toAuditEvent } from "@/lib/audit/serializers";

export async function runtimeHistory(ctx: WorkspaceCtx, runtimeId: string, limit = 50) {
  const where = {
    orgId: ctx.org.id,
    workspaceId: ctx.workspace.id,
    targetType: "runtime",
    targetId: runtimeId,
  };
  const [total, rows] = await Promise.all([
    ctx.db.auditEvent.count({ where }),
    ctx.db.auditEvent.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
    }),
  ]);
  return { total, events: rows.map((r) => toAuditEvent(r, ctx.org.slug)) };
}

export type RuntimeHistory = Awaited<ReturnType<typeof runtimeHistory>>;
