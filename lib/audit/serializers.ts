// Audit rows in their API shape.
import type { z } from "zod";
import { actionLabel } from "./actions";
import { auditChanges } from "./changes";
import type { auditEvent, auditLogEvent } from "./schemas";
import type { TargetView } from "./targets";

export interface AuditRow {
  id: string;
  action: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  targetType: string;
  targetId: string | null;
  workspaceId: string | null;
  requestId: string | null;
  summary: unknown;
  createdAt: Date;
}

export function toAuditEvent(row: AuditRow, orgSlug: string): z.input<typeof auditEvent> {
  return {
    id: row.id,
    action: row.action,
    actor: {
      type: row.actorType as "user" | "token" | "system",
      id: row.actorId,
      label: row.actorLabel,
    },
    target: { type: row.targetType, id: row.targetId },
    org: orgSlug,
    workspace_id: row.workspaceId,
    request_id: row.requestId,
    summary: (row.summary as Record<string, unknown> | null) ?? null,
    created_at: row.createdAt.toISOString(),
  };
}

/** An event of the audit log: its action in words, its target by name, its before and after. */
export function toAuditLogEvent(
  row: AuditRow,
  orgSlug: string,
  target: TargetView,
): z.input<typeof auditLogEvent> {
  const base = toAuditEvent(row, orgSlug);
  return {
    ...base,
    action_label: actionLabel(row.action),
    target,
    changes: auditChanges(row.action, base.summary).changes,
  };
}
