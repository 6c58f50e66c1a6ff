// GET /api/v1/org/{org}/audit-events?cursor=&limit=&actor=&action=&target_type=&from=&to=&q=
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { listAuditEventsOp } from "@/lib/audit/operations";
import { listAuditEvents } from "@/lib/audit/list";
import { toAuditLogEvent } from "@/lib/audit/serializers";

export const GET = route(listAuditEventsOp, async ({ ctx, query }) => {
  const { rows, targets, next } = await listAuditEvents(ctx, query);
  return {
    audit_events: rows.map((r) => toAuditLogEvent(r, ctx.org.slug, targets.get(r.id)!)),
    limit: query.limit,
    has_next: next !== null,
    next_cursor: next,
  };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(listAuditEventsOp);
