// The audit trail: every mutation writes one event, inside the transaction of the change.
import type { Prisma } from "@/lib/db/types";
import type { Tx } from "@/lib/db/client";
import type { Actor } from "@/lib/api/authenticate";
import type { OrgCtx } from "@/lib/api/context";
import { paginate } from "@/lib/api/schemas";

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
    },
  });
}

export async function listAuditEvents(ctx: OrgCtx, q: { page: number; limit: number }) {
  const where = { orgId: ctx.org.id };
  const [total, rows] = await Promise.all([
    ctx.db.auditEvent.count({ where }),
    ctx.db.auditEvent.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (q.page - 1) * q.limit,
      take: q.limit,
    }),
  ]);
  return { rows, meta: paginate(total, q.page, q.limit) };
}
