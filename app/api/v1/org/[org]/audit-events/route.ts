// GET /api/v1/org/{org}/audit-events?page=&limit=
import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/method-not-allowed";
import { listAuditEventsOp } from "@/lib/audit/operations";
import { listAuditEvents } from "@/lib/audit/service";
import { toAuditEvent } from "@/lib/audit/serializers";

export const GET = route(listAuditEventsOp, async ({ ctx, query }) => {
  const { rows, meta } = await listAuditEvents(ctx, query);
  return { audit_events: rows.map((r) => toAuditEvent(r, ctx.org.slug)), ...meta };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(listAuditEventsOp);
