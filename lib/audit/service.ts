// The audit trail: every mutation writes one event, inside the transaction of the change. The CLI
// and the worker load this module too, so it stays free of server-only imports (the audit log's
// reading is lib/audit/list.ts).
import type { Prisma } from "@/lib/db/types";
import type { Tx } from "@/lib/db/client";
import type { Actor } from "@/lib/api/authenticate";

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
